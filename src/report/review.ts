/**
 * reviewChanges compares the audit of a pull request's base with the audit of its head: what the pull
 * request introduces (new vulnerable versions, newly denied licenses), what it fixes, and what was already
 * there. Pure: two reports in, a plain list out; the app turns it into a check run.
 */
import type { Severity } from '../advisories/finding.js';
import type { SuppressedFinding } from '../advisories/suppress.js';
import type { Dependency } from '../manifests/inventory.js';
import { normalizePackageName } from '../manifests/pep508.js';
import type { LicenseEntry, Report } from './types.js';

/** IntroducedVulnerability is an advisory the head has and the base did not, with where the head declares the package. */
export interface IntroducedVulnerability {
  finding: SuppressedFinding;
  dependency: Dependency | undefined;
  /** At or above the threshold: it fails the review. */
  failing: boolean;
}

/** ReviewChanges is what a pull request changes in the audit. */
export interface ReviewChanges {
  introduced: IntroducedVulnerability[];
  /** License entries that violate the policy in the head and did not in the base. */
  newLicenseViolations: Array<{ entry: LicenseEntry; dependency: Dependency | undefined }>;
  /** Advisories of the base that the head no longer has. */
  fixed: SuppressedFinding[];
  /** Advisories both have (not the pull request's doing). */
  unchanged: number;
  /** False when an advisory source failed on either side: nothing may be claimed. */
  complete: boolean;
}

const findingKey = (f: SuppressedFinding): string => `${normalizePackageName(f.package)}@${f.version}#${f.id}`;

/** reviewChanges diffs the base and head reports. `failing` decides which severities fail the review. */
export function reviewChanges(base: Report, head: Report, failing: (severity: Severity) => boolean): ReviewChanges {
  const active = (report: Report) => report.vulnerabilities.filter((f) => !f.suppressed);
  const baseKeys = new Set(active(base).map(findingKey));
  const headKeys = new Set(active(head).map(findingKey));
  const dependencyOf = (name: string, version: string | null) =>
    head.dependencies.find((d) => d.name === normalizePackageName(name) && (version === null || d.version === version));
  const introduced = active(head)
    .filter((f) => !baseKeys.has(findingKey(f)))
    .map((finding) => ({ finding, dependency: dependencyOf(finding.package, finding.version), failing: failing(finding.severity) }));
  const baseViolations = new Set(base.licenses.filter((l) => l.violation).map((l) => `${l.package}@${l.version ?? ''}:${l.expression ?? ''}`));
  const newLicenseViolations = head.licenses
    .filter((l) => l.violation && !baseViolations.has(`${l.package}@${l.version ?? ''}:${l.expression ?? ''}`))
    .map((entry) => ({ entry, dependency: dependencyOf(entry.package, entry.version) }));
  return {
    introduced,
    newLicenseViolations,
    fixed: active(base).filter((f) => !headKeys.has(findingKey(f))),
    unchanged: active(head).length - introduced.length,
    complete: base.summary.vulnerabilitiesChecked && head.summary.vulnerabilitiesChecked,
  };
}

/** reviewFails says whether the review's check run fails. */
export function reviewFails(changes: ReviewChanges): boolean {
  return changes.introduced.some((i) => i.failing) || changes.newLicenseViolations.length > 0;
}
