/**
 * scanWith runs rules over a Python snippet through the real runner, so rule tests exercise imports,
 * `# nosec` and locations exactly as audits do.
 */
import { scanPythonSource, type FileScan, type ScanOptions } from '../../src/code/runner.js';
import type { CodeFinding, CodeRule } from '../../src/code/types.js';

/** scanWith scans `source` (as `path`) with `rules`. */
export function scanWith(rules: CodeRule | readonly CodeRule[], source: string, options: ScanOptions = {}, path = 'app/module.py'): Promise<FileScan> {
  return scanPythonSource(path, source, Array.isArray(rules) ? rules : [rules as CodeRule], options);
}

/** findingLines is where findings are, as `line:ruleId` (or `line:banditId` when `bandit` is set), for compact assertions. */
export function findingLines(findings: readonly CodeFinding[], bandit = false): string[] {
  return findings.map((f) => `${f.line}:${bandit ? (f.banditId ?? f.ruleId) : f.ruleId}`);
}
