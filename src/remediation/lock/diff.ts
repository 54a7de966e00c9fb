/**
 * lockDiffPackages compares two versions of a lock file, read with the lock's own parser: the packages
 * a re-lock added, removed or moved to another version. The pull request body lists them, and the
 * `minimumReleaseAge` check looks at every version a re-lock brings in, transitive ones included.
 * A package may be locked at several versions at once (uv forks by environment; Pipfile.lock categories):
 * versions are compared as sets per package.
 */
import { parsePdmLock } from '../../manifests/pdm-lock/parse.js';
import { parsePipfileLock } from '../../manifests/pipfile-lock/parse.js';
import { parsePoetryLock } from '../../manifests/poetry-lock/parse.js';
import { parsePylock } from '../../manifests/pylock/parse.js';
import type { DependencySource, Manifest, ManifestInput, ManifestKind } from '../../manifests/types.js';
import { parseUvLock } from '../../manifests/uv-lock/parse.js';
import { compareVersions, isValidVersion, versionIdentity } from '../../pep440/index.js';

/** LockedVersion is one package version a lock holds. */
export interface LockedVersion {
  /** PEP 503 name. */
  package: string;
  /** The version as the lock writes it; null for an unversioned source (a git checkout, a path). */
  version: string | null;
  /** Where it is installed from: only `registry` versions have an upload time to check. */
  source: DependencySource['type'];
}

/** LockPackageChange is a package both locks hold, at other versions. */
export interface LockPackageChange {
  package: string;
  /** The versions before, sorted (PEP 440 order). */
  from: string[];
  /** The versions after, sorted. */
  to: string[];
  /** The versions after that were not there before, with their sources. */
  introduced: LockedVersion[];
}

/** LockDiff is what changed between two lock texts. */
export interface LockDiff {
  added: LockedVersion[];
  removed: LockedVersion[];
  changed: LockPackageChange[];
  /** Problems reading either text (`before: …` / `after: …`); a diff of an unreadable lock is not trusted. */
  errors: string[];
}

const LOCK_PARSERS: Partial<Record<ManifestKind, (input: ManifestInput) => Manifest>> = {
  'uv-lock': parseUvLock,
  'poetry-lock': parsePoetryLock,
  'pipfile-lock': parsePipfileLock,
  'pdm-lock': parsePdmLock,
  pylock: parsePylock,
};

const LOCK_NAMES: Partial<Record<ManifestKind, string>> = {
  'uv-lock': 'uv.lock',
  'poetry-lock': 'poetry.lock',
  'pipfile-lock': 'Pipfile.lock',
  'pdm-lock': 'pdm.lock',
  pylock: 'pylock.toml',
};

/** lockDiffPackages compares two texts of a lock of `kind` (see the module comment). */
export function lockDiffPackages(beforeText: string, afterText: string, kind: ManifestKind): LockDiff {
  const parse = LOCK_PARSERS[kind];
  if (!parse) return { added: [], removed: [], changed: [], errors: [`${kind} is not a lock format`] };
  const path = LOCK_NAMES[kind] ?? kind;
  const before = parse({ path, content: beforeText });
  const after = parse({ path, content: afterText });
  const errors = [
    ...before.errors.map((e) => `before: ${e.message}${e.line ? ` (line ${e.line})` : ''}`),
    ...after.errors.map((e) => `after: ${e.message}${e.line ? ` (line ${e.line})` : ''}`),
  ];
  const old = versionsByPackage(before);
  const now = versionsByPackage(after);
  const added: LockedVersion[] = [];
  const removed: LockedVersion[] = [];
  const changed: LockPackageChange[] = [];
  for (const [name, versions] of now) {
    const was = old.get(name);
    if (!was) added.push(...versions.values());
    else if (!sameVersions(was, versions)) {
      const introduced = [...versions].filter(([key]) => !was.has(key)).map(([, version]) => version);
      changed.push({ package: name, from: sortedVersions(was), to: sortedVersions(versions), introduced });
    }
  }
  for (const [name, versions] of old) if (!now.has(name)) removed.push(...versions.values());
  const byName = (a: { package: string }, b: { package: string }) => (a.package < b.package ? -1 : a.package > b.package ? 1 : 0);
  return { added: added.sort(byName), removed: removed.sort(byName), changed: changed.sort(byName), errors };
}

/**
 * introducedVersions are the versions the new lock holds that the old one did not: every added package,
 * and the new versions of changed ones. These are the releases whose age a re-lock must check.
 */
export function introducedVersions(diff: LockDiff): LockedVersion[] {
  return [...diff.added, ...diff.changed.flatMap((change) => change.introduced)];
}

/** describeLockDiff writes the changes as lines for a pull request body (`django 4.2.5 → 4.2.10`). */
export function describeLockDiff(diff: LockDiff): string[] {
  const lines: string[] = [];
  for (const change of diff.changed) lines.push(`${change.package} ${change.from.join(', ')} → ${change.to.join(', ')}`);
  for (const pkg of diff.added) lines.push(`${pkg.package} ${pkg.version ?? `(${pkg.source})`} added`);
  for (const pkg of diff.removed) lines.push(`${pkg.package} ${pkg.version ?? `(${pkg.source})`} removed`);
  return lines;
}

function versionsByPackage(manifest: Manifest): Map<string, Map<string, LockedVersion>> {
  const map = new Map<string, Map<string, LockedVersion>>();
  for (const requirement of manifest.requirements) {
    const versions = map.get(requirement.normalizedName) ?? new Map<string, LockedVersion>();
    const key = requirement.version === null ? `~${requirement.source.type}` : versionIdentity(requirement.version);
    if (!versions.has(key)) versions.set(key, { package: requirement.normalizedName, version: requirement.version, source: requirement.source.type });
    map.set(requirement.normalizedName, versions);
  }
  return map;
}

function sameVersions(a: ReadonlyMap<string, LockedVersion>, b: ReadonlyMap<string, LockedVersion>): boolean {
  return a.size === b.size && [...a.keys()].every((key) => b.has(key));
}

function sortedVersions(versions: ReadonlyMap<string, LockedVersion>): string[] {
  const list = [...versions.values()].map((v) => v.version ?? `(${v.source})`);
  return list.sort((a, b) => (isValidVersion(a) && isValidVersion(b) ? compareVersions(a, b) : a < b ? -1 : a > b ? 1 : 0));
}
