/**
 * Redaction: a finding names the kind of secret and where it is, never the secret. Findings travel to
 * check runs, SARIF uploads, PR comments and logs, all of which are more widely readable than the file.
 */

/**
 * PUBLIC_PREFIXES are the documented, fixed prefixes of provider tokens. They say which provider to go
 * to and carry no secret; the longest that matches is used.
 */
const PUBLIC_PREFIXES: readonly string[] = [
  'github_pat_', 'ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'glpat-',
  'xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-',
  'AKIA', 'ASIA', 'ABIA', 'ACCA', 'AIza',
  'sk_live_', 'rk_live_', 'sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-ant-', 'sk-',
  'SG.', 'npm_', 'pypi-', 'SK',
].sort((a, b) => b.length - a.length);

/** REDACTED_PREFIX_LENGTH: at most this many characters of a public prefix are kept. */
const REDACTED_PREFIX_LENGTH = 4;

/**
 * redactSecret stands in for a secret in a message: the first characters (at most 4) of its public
 * prefix and its length, e.g. `ghp_…(40 chars)`, or just `…` for a value without a known prefix.
 */
export function redactSecret(value: string): string {
  const prefix = PUBLIC_PREFIXES.find((candidate) => value.startsWith(candidate) && value.length > candidate.length);
  if (prefix === undefined) return '…';
  return `${prefix.slice(0, REDACTED_PREFIX_LENGTH)}…(${value.length} chars)`;
}
