/**
 * Small lookups the checks share: which project a manifest belongs to, where a requirement or an index
 * option sits (as report locations), which dependencies PyPI describes, and releases by version.
 */
import type { Dependency, Location } from '../manifests/inventory.js';
import type { ProjectSummary } from '../manifests/project-summary.js';
import type { Manifest, Requirement } from '../manifests/types.js';
import { compareValidVersions, isPrerelease, isValidVersion, versionIdentity } from '../pep440/index.js';
import type { ProjectInfo, ReleaseInfo } from '../registry/types.js';
import type { RiskFinding, RiskSeverity } from '../report/types.js';
import type { RiskConfig } from './config.js';
import { describedByPypi } from './indexes.js';
import type { RegistrySnapshot } from './types.js';

/** projectsByManifest maps each manifest path to the project that holds it. */
export function projectsByManifest(projects: readonly ProjectSummary[]): Map<string, ProjectSummary> {
  const map = new Map<string, ProjectSummary>();
  for (const project of projects) for (const path of project.manifests) if (!map.has(path)) map.set(path, project);
  return map;
}

/** requirementLocation is where a requirement is declared. */
export function requirementLocation(manifest: Pick<Manifest, 'path'>, requirement: Pick<Requirement, 'lines'>): Location {
  return { path: manifest.path, startLine: requirement.lines.start, endLine: requirement.lines.end };
}

/** lineLocation is one line of a file. */
export function lineLocation(path: string, line: number): Location {
  return { path, startLine: line, endLine: line };
}

/**
 * pypiDependencies are the dependencies PyPI's data describes (see `describedByPypi`), with one entry per
 * (name, version) as the inventory has them.
 */
export function pypiDependencies(dependencies: readonly Dependency[], config: RiskConfig, registryBaseUrl?: string): Dependency[] {
  return dependencies.filter((d) => describedByPypi(d.source, config, registryBaseUrl));
}

/** PinnedRelease is a dependency pinned (or locked) to one version, with what the index says of that release. */
export interface PinnedRelease {
  dependency: Dependency;
  /** The dependency's version (never null here). */
  version: string;
  project: ProjectInfo;
  release: ReleaseInfo;
}

/**
 * pinnedReleases is, for each dependency PyPI describes (see pypiDependencies) that is pinned to a version,
 * its project (JSON API) and the release of that version. Dependencies without a version, whose project is
 * not known, or whose version the project does not list, are left out: the checks that judge a release
 * cannot say anything about them.
 */
export function pinnedReleases(dependencies: readonly Dependency[], config: RiskConfig, registry: RegistrySnapshot): PinnedRelease[] {
  return pypiDependencies(dependencies, config, registry.baseUrl).flatMap((dependency) => {
    if (dependency.version === null) return [];
    const project = registry.project(dependency.name);
    const release = project ? findRelease(project.releases, dependency.version) : undefined;
    return project && release ? [{ dependency, version: dependency.version, project, release }] : [];
  });
}

/** uniqueNames is the distinct names of some dependencies, in order. */
export function uniqueNames(dependencies: readonly Dependency[]): string[] {
  return [...new Set(dependencies.map((d) => d.name))];
}

/** findRelease is the release whose version is PEP 440-equal to `version`, or undefined. */
export function findRelease(releases: readonly ReleaseInfo[], version: string): ReleaseInfo | undefined {
  const key = versionIdentity(version);
  return releases.find((r) => r.version === version) ?? releases.find((r) => versionIdentity(r.version) === key);
}

/** sortedReleases is the releases with a valid version and at least one file, oldest first. */
export function sortedReleases(releases: readonly ReleaseInfo[]): ReleaseInfo[] {
  return releases.filter((r) => r.files.length > 0 && isValidVersion(r.version)).sort((a, b) => compareValidVersions(a.version, b.version));
}

/**
 * latestRelease is what an upgrade would install: the highest version that is not yanked, final
 * releases preferred over pre-releases (PEP 440 §Handling of pre-releases), among releases with files.
 */
export function latestRelease(releases: readonly ReleaseInfo[]): ReleaseInfo | undefined {
  const usable = sortedReleases(releases).filter((r) => !r.yanked);
  const finals = usable.filter((r) => !isPrerelease(r.version));
  return (finals.length > 0 ? finals : usable).at(-1);
}

/** latestUploadTime is the newest upload of any file of any release (ms since the epoch), or null. */
export function latestUploadTime(releases: readonly ReleaseInfo[]): number | null {
  let latest: number | null = null;
  for (const release of releases) {
    for (const file of release.files) {
      const time = file.uploadTime === null ? NaN : Date.parse(file.uploadTime);
      if (Number.isFinite(time) && (latest === null || time > latest)) latest = time;
    }
  }
  return latest;
}

/** finding builds a RiskFinding, leaving out empty fields. */
export function finding(fields: {
  kind: string;
  severity: RiskSeverity;
  message: string;
  package?: string;
  version?: string | null;
  locations?: Location[];
}): RiskFinding {
  const result: RiskFinding = { kind: fields.kind, severity: fields.severity, message: fields.message };
  if (fields.package !== undefined) result.package = fields.package;
  if (fields.version !== undefined) result.version = fields.version;
  if (fields.locations && fields.locations.length > 0) result.locations = fields.locations;
  return result;
}

/** spell writes a package with its version for messages: `requests 2.31.0`, or just `requests`. */
export function spell(name: string, version: string | null | undefined): string {
  return version ? `${name} ${version}` : name;
}
