/**
 * applySuppressions marks findings a team has accepted (`ignore:` in `.github/pipwarden.yml`, and the
 * pip-audit / Safety ignore lists of pyproject.toml). A suppressed finding stays in the report with
 * `suppressed`; a suppression past its `until` date, or a `whileNoFix` one once a fix exists, no longer
 * applies and the finding says why in `suppressionLapsed`.
 */
import type { IgnoreEntry } from '../config/schema.js';
import { normalizePackageName } from '../manifests/pep508.js';
import type { VulnerabilityFinding } from './finding.js';

/** SuppressedFinding is a finding with what its suppressions decided. */
export interface SuppressedFinding extends VulnerabilityFinding {
  /** A suppression that matched but no longer holds, and why. */
  suppressionLapsed?: { reason: string; until?: string; why: 'expired' | 'fix-available' };
}

/** applySuppressions returns the findings with `suppressed` / `suppressionLapsed` set. `now` is the clock. */
export function applySuppressions(findings: readonly VulnerabilityFinding[], ignores: readonly IgnoreEntry[], now: Date): SuppressedFinding[] {
  const today = now.toISOString().slice(0, 10);
  return findings.map((finding) => {
    const ids = new Set([finding.id, ...finding.aliases].map((id) => id.toUpperCase()));
    const matching = ignores.filter(
      (entry) => ids.has(entry.id.toUpperCase()) && (entry.package === undefined || normalizePackageName(entry.package) === finding.package),
    );
    if (matching.length === 0) return finding;
    const active = matching.find((entry) => lapse(entry, finding, today) === null);
    if (active) {
      const suppressed = active.until ? { reason: active.reason, until: active.until } : { reason: active.reason };
      return { ...finding, suppressed };
    }
    const [first] = matching;
    const why = first ? lapse(first, finding, today) : null;
    if (!first || !why) return finding;
    const lapsed: SuppressedFinding['suppressionLapsed'] = { reason: first.reason, why };
    if (first.until) lapsed.until = first.until;
    return { ...finding, suppressionLapsed: lapsed };
  });
}

/** lapse says why a suppression no longer holds for a finding, or null while it does. */
function lapse(entry: IgnoreEntry, finding: VulnerabilityFinding, today: string): 'expired' | 'fix-available' | null {
  // `until` is the last day the suppression holds (inclusive), compared as ISO dates.
  if (entry.until && today > entry.until) return 'expired';
  if (entry.whileNoFix && finding.fixedIn.length > 0) return 'fix-available';
  return null;
}
