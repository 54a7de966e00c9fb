/**
 * jsonReporter prints the report of `contracts/report.schema.json`.
 */
import type { Reporter } from './reporter.js';

/** jsonReporter renders the report as indented JSON. */
export const jsonReporter: Reporter = {
  name: 'json',
  render: (report) => `${JSON.stringify(report, null, 2)}\n`,
};
