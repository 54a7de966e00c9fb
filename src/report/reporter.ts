/**
 * Reporter turns a report into one output format. One file per format; the CLI picks by name.
 */
import type { Report } from './types.js';

/** Reporter renders a report as text. */
export interface Reporter {
  /** The `--format` name. */
  name: string;
  render(report: Report): string;
}
