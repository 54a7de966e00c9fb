/**
 * "Which advisories hit this version?" — the question target selection asks of every candidate release.
 * Two answers, by what the caller has:
 * - the OSV records of the package (exact): every record that is not withdrawn and not suppressed is
 *   matched with `affectsVersion` (src/advisories/match.ts), the same OSV evaluation the scan uses, so a
 *   candidate hit by an advisory that does not touch the current version (a regression) is refused too;
 * - only the findings of the report (approximate, pip-audit's rule): a finding stops hitting a version at
 *   the earliest of its `fixedIn` versions above the version in use, and a finding without a fixed
 *   version hits every version (pip-audit `_resolve_fix_version` / `resolve_fix_versions`:
 *   https://github.com/pypa/pip-audit/blob/main/pip_audit/_fix.py).
 * Either way the answer is a list of advisory ids (empty: the version is clean).
 */
import type { VulnerabilityFinding } from '../../advisories/finding.js';
import { affectsVersion } from '../../advisories/match.js';
import type { OsvRecord } from '../../advisories/types.js';
import { compareValidVersions, isValidVersion } from '../../pep440/index.js';

/** AffectedCheck lists the ids of the advisories that hit a version of one package (empty: none). */
export type AffectedCheck = (version: string) => string[];

/** identifiersOf is a finding's id and aliases, upper-cased, to compare with record ids and aliases. */
export function identifiersOf(finding: Pick<VulnerabilityFinding, 'id' | 'aliases'>): Set<string> {
  return new Set([finding.id, ...finding.aliases].map((id) => id.toUpperCase()));
}

/**
 * affectedByRecords checks versions against OSV records. Records whose id or an alias is in `ignoredIds`
 * (upper-case; the package's suppressed advisories) never count.
 */
export function affectedByRecords(name: string, records: readonly OsvRecord[], ignoredIds: ReadonlySet<string>): AffectedCheck {
  const relevant = records.filter((record) => ![record.id, ...(record.aliases ?? [])].some((id) => ignoredIds.has(id.toUpperCase())));
  return (version) => relevant.filter((record) => affectsVersion(record, name, version)).map((record) => record.id);
}

/** affectedByFindings is pip-audit's approximation from the findings' `fixedIn` (see the module comment). */
export function affectedByFindings(findings: readonly VulnerabilityFinding[], current: string): AffectedCheck {
  const fixes = findings.map((finding) => ({ id: finding.id, fix: earliestFixAbove(finding.fixedIn, current) }));
  return (version) => {
    if (!isValidVersion(version)) return fixes.map((f) => f.id);
    return fixes.filter((f) => f.fix === null || compareValidVersions(version, f.fix) < 0).map((f) => f.id);
  };
}

/** combineChecks reports the ids any of the checks reports, without duplicates. */
export function combineChecks(...checks: AffectedCheck[]): AffectedCheck {
  return (version) => [...new Set(checks.flatMap((check) => check(version)))];
}

/** earliestFixAbove is the lowest fixed version above the version in use, or null. */
function earliestFixAbove(fixedIn: readonly string[], current: string): string | null {
  const readable = fixedIn.filter(isValidVersion).sort(compareValidVersions);
  if (!isValidVersion(current)) return readable[0] ?? null;
  return readable.find((fix) => compareValidVersions(fix, current) > 0) ?? null;
}
