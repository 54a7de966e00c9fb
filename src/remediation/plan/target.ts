/**
 * chooseTarget picks the version a vulnerable package should move to (issue 5, "Choosing the target
 * version"): the lowest version that fixes every active advisory of the package and is hit by none,
 * that is not yanked, at least `minimumReleaseAge` old, installable on the project's lowest Python
 * (python.ts), and inside the declared range when one such version is; otherwise the lowest such version
 * outside it. Moving to a new major version is breaking (breaking.ts).
 *
 * Candidates:
 * - with the registry's releases: every release above the version in use that has files;
 * - offline (no registry, or the index does not know the package): the versions the advisories name as
 *   fixed, as pip-audit does; yanked status, ages and Requires-Python are then unknown and not checked
 *   (the verify stage re-audits before anything is published).
 * Pre-releases are candidates only when the version in use is itself one (PEP 440 §Handling of
 * pre-releases: installers take them only when asked). Downgrades are never proposed.
 *
 * Pure: the clock is `now`, the releases and the advisory check are passed in.
 */
import type { VulnerabilityFinding } from '../../advisories/finding.js';
import { formatDuration } from '../../config/duration.js';
import { compareValidVersions, compareVersions, explainVersion, isPrerelease, isValidSpecifier, satisfiesSpecifier, versionIdentity } from '../../pep440/index.js';
import type { ReleaseInfo } from '../../registry/types.js';
import { identifiersOf, type AffectedCheck } from './affected.js';
import { breakingReasons } from './breaking.js';
import { lowestPython } from './python.js';
import { releaseRejection, type Rejection } from './release-rules.js';

/** TargetRequest is everything known about one vulnerable package of one project. */
export interface TargetRequest {
  /** PEP 503 name. */
  package: string;
  /** The version in use. */
  current: string;
  /** The declared PEP 440 range (null: none declared, every version is in range). */
  specifier: string | null;
  /** The package's active (unsuppressed) findings at the version in use: the target must fix them all. */
  findings: readonly VulnerabilityFinding[];
  /** Which advisories hit a version (affected.ts): the target must be hit by none. */
  isAffected: AffectedCheck;
  /** The package's releases from the registry; null offline (targets then come from the advisories). */
  releases: readonly ReleaseInfo[] | null;
  /** More versions the advisories name as fixed (e.g. from OSV records), for the offline path. */
  advisedFixes?: readonly string[];
  /** The project's `requires-python`. */
  requiresPython: string | null;
  /** The top-level `minimumReleaseAge` in ms; null: no minimum. */
  minimumReleaseAgeMs: number | null;
  /** `remediation.allowBreaking`: false leaves breaking fixes out. */
  allowBreaking: boolean;
  now: Date;
}

/** TargetCandidate is a version that fixes the package and may be proposed. */
export interface TargetCandidate {
  version: string;
  /** Allowed by the declared range. */
  inRange: boolean;
  /** Why moving to it is breaking; empty when it is not. */
  breakingReasons: string[];
}

/** TargetResult is the chosen target with every acceptable alternative, or why there is none. */
export type TargetResult =
  | {
      ok: true;
      target: TargetCandidate;
      /** Every acceptable fixing version, ascending (cap.ts picks among them). */
      candidates: TargetCandidate[];
      /** Where the candidates came from. */
      basis: 'registry' | 'advisories';
    }
  | { ok: false; reason: string };

/** chooseTarget picks the target version of one vulnerable package (see the module comment). */
export function chooseTarget(request: TargetRequest): TargetResult {
  if (explainVersion(request.current) === null) {
    return { ok: false, reason: `the version in use (${request.current}) is not a PEP 440 version, so no upgrade can be ordered` };
  }
  const basis = request.releases === null ? 'advisories' : 'registry';
  const versions = candidateVersions(request);
  const lowest = lowestPython(request.requiresPython);
  const rules = { lowestPython: lowest, minimumReleaseAgeMs: request.minimumReleaseAgeMs, now: request.now };

  const hits = new Map<string, string[]>();
  const accepted: TargetCandidate[] = [];
  const rejected: Array<{ version: string; rejection: Rejection }> = [];
  for (const { version, release } of versions) {
    const hitBy = request.isAffected(version);
    hits.set(version, hitBy);
    if (hitBy.length > 0) continue;
    const rejection = release === null ? null : releaseRejection(release, rules);
    if (rejection !== null) {
      rejected.push({ version, rejection });
      continue;
    }
    accepted.push({ version, inRange: inRange(version, request.specifier), breakingReasons: breakingReasons(request.current, version) });
  }

  const allowed = request.allowBreaking ? accepted : accepted.filter((c) => c.breakingReasons.length === 0);
  const target = preferredCandidate(allowed);
  if (target !== null) return { ok: true, target, candidates: allowed, basis };

  const [firstBreaking] = accepted;
  if (firstBreaking !== undefined) {
    return {
      ok: false,
      reason: `needs a major upgrade: ${firstBreaking.version} is the lowest fix (${firstBreaking.breakingReasons.join(', ')}) and remediation.allowBreaking is false`,
    };
  }
  if (rejected.length > 0) return { ok: false, reason: rejectionReason(rejected, request, lowest?.display ?? null) };
  return { ok: false, reason: noFixReason(request, versions.map((v) => v.version), hits, basis) };
}

/**
 * preferredCandidate is the lowest candidate inside the declared range, else the lowest one, among those
 * `allowed` (default: all); null when none is allowed. Candidates are ascending.
 */
export function preferredCandidate(candidates: readonly TargetCandidate[], allowed: (version: string) => boolean = () => true): TargetCandidate | null {
  const usable = candidates.filter((c) => allowed(c.version));
  return usable.find((c) => c.inRange) ?? usable[0] ?? null;
}

/** inRange tells whether a declared range allows a version (no range: yes; an unreadable one: no). */
export function inRange(version: string, specifier: string | null): boolean {
  const spec = specifier?.trim() ?? '';
  if (spec === '') return true;
  if (!isValidSpecifier(spec)) return false;
  try {
    return satisfiesSpecifier(version, spec);
  } catch {
    return false;
  }
}

interface Candidate {
  version: string;
  /** The release, when the registry gave one; null on the offline path. */
  release: ReleaseInfo | null;
}

/** candidateVersions lists the versions to try, ascending, above the version in use, without duplicates. */
function candidateVersions(request: TargetRequest): Candidate[] {
  const allowPre = isPrerelease(request.current);
  const eligible = (version: string): boolean =>
    explainVersion(version) !== null && compareValidVersions(version, request.current) > 0 && (allowPre || !isPrerelease(version));
  const found: Candidate[] =
    request.releases === null
      ? [...request.findings.flatMap((f) => f.fixedIn), ...(request.advisedFixes ?? [])].map((version) => ({ version, release: null }))
      : request.releases.filter((r) => r.files.length > 0).map((release) => ({ version: release.version, release }));
  const seen = new Set<string>();
  return found
    .filter((c) => eligible(c.version))
    .sort((a, b) => compareVersions(a.version, b.version))
    .filter((c) => {
      const key = versionIdentity(c.version);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** rejectionReason explains why every version that fixes the package was refused. */
function rejectionReason(rejected: ReadonlyArray<{ version: string; rejection: Rejection }>, request: TargetRequest, supported: string | null): string {
  const age = formatDuration(request.minimumReleaseAgeMs ?? 0);
  const byKind = new Map<Rejection['kind'], Array<{ version: string; rejection: Rejection }>>();
  for (const entry of rejected) byKind.set(entry.rejection.kind, [...(byKind.get(entry.rejection.kind) ?? []), entry]);
  const project = supported === null ? '' : `; the project supports ${supported}`;
  if (byKind.size === 1) {
    const [first] = rejected;
    if (first === undefined) return 'no fixed version can be proposed';
    const r = first.rejection;
    switch (r.kind) {
      case 'yanked':
        return `every fixed version is yanked (${listVersions(rejected.map((e) => e.version))})`;
      case 'python':
        return `fixed versions require Python ${r.requiresPython}${project}`;
      case 'too-young':
        return `every fixed version is younger than minimumReleaseAge (${age}); ${first.version} can be proposed from ${r.eligibleOn}`;
      case 'age-unknown':
        return `no fixed version has a known upload time, so none is known to be older than minimumReleaseAge (${age})`;
    }
  }
  const parts = [...byKind.values()].map((entries) => {
    const first = entries[0] as { version: string; rejection: Rejection };
    const r = first.rejection;
    switch (r.kind) {
      case 'yanked':
        return `${first.version} is yanked`;
      case 'python':
        return `${first.version} requires Python ${r.requiresPython}${supported === null ? '' : ` (the project supports ${supported})`}`;
      case 'too-young':
        return `${first.version} is younger than minimumReleaseAge (${age}) until ${r.eligibleOn}`;
      case 'age-unknown':
        return `${first.version} has no known upload time`;
    }
  });
  return `no fixed version can be proposed: ${parts.join('; ')}`;
}

/** noFixReason explains why no version fixes every advisory. */
function noFixReason(request: TargetRequest, versions: readonly string[], hits: ReadonlyMap<string, string[]>, basis: 'registry' | 'advisories'): string {
  const unfixed = request.findings.filter((finding) => {
    const ids = identifiersOf(finding);
    return versions.every((version) => (hits.get(version) ?? []).some((id) => ids.has(id.toUpperCase())));
  });
  if (unfixed.length > 0) {
    const which = unfixed.length === request.findings.length ? '' : ` for ${unfixed.map((f) => f.id).join(', ')}`;
    // The advisories may name a fix the index does not offer (a private mirror, a deleted release).
    const named = basis === 'registry' ? namedFixesAbove(unfixed, request.current) : [];
    const missing = named.length === 0 ? '' : `: the advisories name ${listVersions(named)}, which the index does not offer`;
    return `no fixed version published${which}${missing}`;
  }
  const blocking = [...new Set(versions.flatMap((version) => hits.get(version) ?? []))].sort();
  const where = basis === 'registry' ? 'every release' : 'every version the advisories name as fixed';
  return `no single version fixes every advisory: ${where} after ${request.current} is still hit by ${listIds(blocking)}`;
}

/** namedFixesAbove lists the fixed versions findings name above the version in use, ascending, once each. */
function namedFixesAbove(findings: readonly VulnerabilityFinding[], current: string): string[] {
  const seen = new Set<string>();
  return findings
    .flatMap((f) => f.fixedIn)
    .filter((version) => explainVersion(version) !== null && compareVersions(version, current) > 0)
    .sort(compareVersions)
    .filter((version) => {
      const key = versionIdentity(version);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function listVersions(versions: readonly string[]): string {
  return versions.length > 3 ? `${versions.slice(0, 3).join(', ')} and ${versions.length - 3} more` : versions.join(', ');
}

function listIds(ids: readonly string[]): string {
  return ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ');
}
