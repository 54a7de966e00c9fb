/**
 * The verify stage: before a fix is published, the edited files are audited again, and the fix stands
 * only if the advisories it claims are gone and nothing new appears — no new advisory, no newly denied
 * license — and the re-audit itself was complete. Pure: the two reports in, the verdict out (the caller
 * runs the audit on an OverlayRepoFiles).
 */
import type { SuppressedFinding } from '../advisories/suppress.js';
import { normalizePackageName } from '../manifests/pep508.js';
import type { Report } from '../report/types.js';
import type { RemediationGroup } from './types.js';

/** RemediationVerdict is what the re-audit showed. */
export interface RemediationVerdict {
  /** Claimed advisory ids the edited tree no longer has. */
  fixed: string[];
  /** Claimed advisory ids still present after the edits. */
  stillPresent: string[];
  /** Advisories the edited tree has and the original did not (`id in package version`). */
  introduced: string[];
  /** Packages whose license newly breaks the policy (`package version: license`). */
  newLicenseViolations: string[];
  /** True when the fix may be published. */
  ok: boolean;
  /** Why not, in one sentence (absent when ok). */
  reason?: string;
}

const active = (report: Report): SuppressedFinding[] => report.vulnerabilities.filter((f) => !f.suppressed);
const idsOf = (finding: SuppressedFinding): string[] => [finding.id, ...finding.aliases];
const key = (finding: SuppressedFinding): string => `${normalizePackageName(finding.package)}@${finding.version}#${finding.id}`;

/** verifyRemediation compares the audit before the edits with the audit after them. */
export function verifyRemediation(before: Report, after: Report, group: RemediationGroup): RemediationVerdict {
  const claimed = new Set(group.updates.flatMap((u) => u.fixes));
  const packages = new Set(group.updates.map((u) => normalizePackageName(u.package)));
  const remaining = new Set(
    active(after)
      .filter((f) => packages.has(normalizePackageName(f.package)))
      .flatMap(idsOf)
      .filter((id) => claimed.has(id)),
  );
  const beforeKeys = new Set(active(before).map(key));
  const introduced = active(after)
    .filter((f) => !beforeKeys.has(key(f)))
    .map((f) => `${f.id} in ${f.package} ${f.version}`);
  const beforeViolations = new Set(before.licenses.filter((l) => l.violation).map((l) => `${l.package}:${l.expression ?? ''}`));
  const newLicenseViolations = after.licenses
    .filter((l) => l.violation && !beforeViolations.has(`${l.package}:${l.expression ?? ''}`))
    .map((l) => `${l.package} ${l.version ?? ''}: ${l.expression ?? 'unknown license'}`);
  const fixed = [...claimed].filter((id) => !remaining.has(id)).sort();
  const stillPresent = [...remaining].sort();
  const reason = !after.summary.vulnerabilitiesChecked
    ? 'the re-audit of the edited files was incomplete (an advisory source failed)'
    : stillPresent.length > 0
      ? `the edits leave ${stillPresent.join(', ')} in place`
      : introduced.length > 0
        ? `the edits introduce ${introduced.join(', ')}`
        : newLicenseViolations.length > 0
          ? `the edits bring in a denied license: ${newLicenseViolations.join(', ')}`
          : undefined;
  return { fixed, stillPresent, introduced, newLicenseViolations, ok: reason === undefined, ...(reason ? { reason } : {}) };
}
