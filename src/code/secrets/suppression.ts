/**
 * Inline suppression of a secret finding. pipwarden honours the markers of the tools people already use:
 * bandit's `# nosec` (https://bandit.readthedocs.io/en/latest/config.html#exclusions) and gitleaks'
 * `gitleaks:allow` (https://github.com/gitleaks/gitleaks#gitleaksallow), plus its own
 * `pipwarden:allow-secret`, which works in any file format (JSON has no comments, but a value or key can
 * carry the marker).
 */
import { parseNosecComment } from '../nosec.js';

const ALLOW_MARKERS = ['pipwarden:allow-secret', 'gitleaks:allow'] as const;

/**
 * isSuppressedLine says whether a finding of `ruleId` on a line with this text is silenced: by either
 * allow marker, by a bare `# nosec`, or by a `# nosec` that names the rule (`# nosec secret.github-token`),
 * as bandit's own `# nosec B602` names only some tests.
 */
export function isSuppressedLine(lineText: string, ruleId: string): boolean {
  if (ALLOW_MARKERS.some((marker) => lineText.includes(marker))) return true;
  if (!/#\s*nosec\b/i.test(lineText)) return false;
  const ids = parseNosecComment(lineText);
  return ids === 'all' || (ids !== null && ids.has(ruleId));
}
