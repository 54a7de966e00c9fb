/**
 * The one comparison of a severity with a threshold (`failOn`, `--fail-on`), so the CLI's exit code, the
 * check run's conclusion and the pull request review agree.
 */
import { SEVERITY_ORDER, type Severity } from './finding.js';

/**
 * severityAtLeast says whether `severity` is at or above `threshold`. `unknown` ranks below `low`: a
 * finding whose severity no source gives fails only a threshold of `unknown` (fail on everything).
 */
export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_ORDER.indexOf(severity) <= SEVERITY_ORDER.indexOf(threshold);
}
