/**
 * Caps: a vulnerable package X whose fix is blocked by another package Y's requirement (`X<2` in Y's
 * `Requires-Dist`), where Y is a package of the lock graph that requires X (`Dependency.dependents`).
 * Other bots give up; the planner looks for the smallest newer release of Y whose `Requires-Dist`
 * allows X's target and proposes bumping Y too (issue 5).
 *
 * - Y's requirements come from the registry's metadata of the exact release in use
 *   (`PackageRegistry.release`, PyPI's `/pypi/<name>/<version>/json` `info.requires_dist`).
 * - A requirement counts when its markers can hold for the project: one that names an extra
 *   (`extra == "socks"`) counts only when Y is installed with that extra (PEP 685 compares extras by
 *   their normalised names); one whose markers never hold for the project's Pythons does not count
 *   (markersExcludeProject); other markers (platform…) count, so no cap is missed.
 * - Lifting looks at Y's releases above the one in use in ascending order, skipping those the release
 *   rules refuse (yanked, too young, wrong Python), and reads the metadata of at most `limit` of them
 *   (default 20): registry calls stay bounded however many releases Y has. A release that no longer
 *   requires X at all lifts the cap too.
 * - Registry failures never throw out of here: an unreadable requirement is treated as no cap (the verify
 *   stage re-resolves before publishing); an unreadable release list makes the lift fail with the reason.
 */
import { markersExcludeProject } from '../../manifests/markers.js';
import { normalizePackageName, parsePep508 } from '../../manifests/pep508.js';
import { compareValidVersions, compareVersions, explainVersion, isPrerelease, versionIdentity } from '../../pep440/index.js';
import type { PackageRegistry, ProjectInfo, ReleaseInfo } from '../../registry/types.js';
import { releaseRejection, type ReleaseRules } from './release-rules.js';
import { inRange } from './target.js';

/** CAP_SEARCH_LIMIT is how many newer releases of a capping package are read at most (N of issue 5). */
export const CAP_SEARCH_LIMIT = 20;

/** DependentPackage is a locked package that requires the vulnerable one. */
export interface DependentPackage {
  /** PEP 503 name. */
  name: string;
  /** The version in use. */
  version: string;
  /** Extras it is installed with. */
  extras?: readonly string[];
}

/** CapRequirement is one dependent's requirement on the vulnerable package. */
export interface CapRequirement {
  dependent: string;
  dependentVersion: string;
  /** The `Requires-Dist` line as written, e.g. `urllib3<2,>=1.21.1`. */
  requirement: string;
  /** Its PEP 440 specifier; null when it names no version (any version will do). */
  specifier: string | null;
}

/** CapLift is the smallest bump of a dependent that lets the vulnerable package reach its target, or why there is none. */
export type CapLift = { ok: true; dependent: string; from: string; to: string } | { ok: false; reason: string };

/**
 * requirementsOn reads what each dependent requires of `name` (see the module comment for which
 * requirements count). One registry call per dependent version; failures are skipped.
 */
export async function requirementsOn(
  registry: PackageRegistry,
  name: string,
  dependents: readonly DependentPackage[],
  requiresPython: string | null,
): Promise<CapRequirement[]> {
  const found = await Promise.all(
    dependents.map(async (dependent) => {
      const release = await registry.release(dependent.name, dependent.version).catch(() => null);
      if (release === null) return [];
      return applicableRequirements(release.metadata.requiresDist, name, dependent.extras ?? [], requiresPython).map((line) => ({
        dependent: dependent.name,
        dependentVersion: dependent.version,
        requirement: line.text,
        specifier: line.specifier,
      }));
    }),
  );
  return found.flat();
}

/** allowedByAll tells whether every requirement allows a version. */
export function allowedByAll(requirements: readonly CapRequirement[], version: string): boolean {
  return requirements.every((r) => r.specifier === null || inRange(version, r.specifier));
}

/** LiftOptions are the rules a lifting release must pass and the search bound. */
export interface LiftOptions {
  rules: ReleaseRules;
  requiresPython: string | null;
  extras?: readonly string[];
  /** How many newer releases' metadata to read at most (default CAP_SEARCH_LIMIT). */
  limit?: number;
}

/** liftCap finds the smallest newer release of the capping dependent that allows `target` of `name`. */
export async function liftCap(
  registry: PackageRegistry,
  cap: CapRequirement,
  name: string,
  target: string,
  options: LiftOptions,
): Promise<CapLift> {
  const limit = options.limit ?? CAP_SEARCH_LIMIT;
  const blocked = `${name} ${target} is blocked by ${cap.dependent} ${cap.dependentVersion}, which requires ${cap.requirement}`;
  let project: ProjectInfo | null;
  try {
    project = await registry.project(cap.dependent);
  } catch (error) {
    return { ok: false, reason: `${blocked}; the releases of ${cap.dependent} could not be read (${(error as Error).message})` };
  }
  if (project === null) return { ok: false, reason: `${blocked}, and ${cap.dependent} is not on the index` };
  const newer = newerReleases(project.releases, cap.dependentVersion).filter((r) => releaseRejection(r, options.rules) === null);
  const examined = newer.slice(0, limit);
  for (const release of examined) {
    const answer = await registry.release(cap.dependent, release.version).catch(() => null);
    if (answer === null) continue;
    const requirements = applicableRequirements(answer.metadata.requiresDist, name, options.extras ?? [], options.requiresPython);
    if (requirements.every((r) => r.specifier === null || inRange(target, r.specifier))) {
      return { ok: true, dependent: cap.dependent, from: cap.dependentVersion, to: release.version };
    }
  }
  if (newer.length === 0) return { ok: false, reason: `${blocked}, and ${cap.dependent} has no newer release that can be proposed` };
  const scope = newer.length > limit ? `none of the next ${limit} releases of ${cap.dependent}` : `no newer release of ${cap.dependent}`;
  return { ok: false, reason: `${blocked}, and ${scope} allows it` };
}

interface ApplicableRequirement {
  text: string;
  specifier: string | null;
}

/** applicableRequirements are the Requires-Dist lines on `name` that can apply to the project. */
function applicableRequirements(lines: readonly string[], name: string, extras: readonly string[], requiresPython: string | null): ApplicableRequirement[] {
  const wanted = normalizePackageName(name);
  const installedExtras = new Set(extras.map(normalizePackageName));
  const found: ApplicableRequirement[] = [];
  for (const line of lines) {
    const parsed = parsePep508(line);
    if (!parsed.ok || normalizePackageName(parsed.value.name) !== wanted) continue;
    const markers = parsed.value.markers;
    if (markers !== undefined) {
      const named = extrasNamed(markers);
      if (named.length > 0 && !named.some((extra) => installedExtras.has(extra))) continue;
      if (markersExcludeProject(markers, requiresPython)) continue;
    }
    found.push({ text: line.trim(), specifier: parsed.value.specifier });
  }
  return found;
}

/** extrasNamed lists the extras a marker compares with (`extra == "socks"`, either side), normalised (PEP 685). */
function extrasNamed(markers: string): string[] {
  const names: string[] = [];
  for (const match of markers.matchAll(/\bextra\s*==\s*["']([^"']+)["']|["']([^"']+)["']\s*==\s*extra\b/g)) {
    const name = match[1] ?? match[2];
    if (name !== undefined) names.push(normalizePackageName(name));
  }
  return names;
}

/** newerReleases are the releases above `version` with files, ascending, finals only unless `version` is a pre-release. */
function newerReleases(releases: readonly ReleaseInfo[], version: string): ReleaseInfo[] {
  if (explainVersion(version) === null) return [];
  const allowPre = isPrerelease(version);
  const seen = new Set<string>();
  return releases
    .filter((r) => r.files.length > 0 && explainVersion(r.version) !== null && compareValidVersions(r.version, version) > 0)
    .filter((r) => allowPre || !isPrerelease(r.version))
    .sort((a, b) => compareVersions(a.version, b.version))
    .filter((r) => {
      const key = versionIdentity(r.version);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
