/**
 * Which files an update changes (`PlannedUpdate.manifests`), so the editors touch exactly those:
 *
 * - A lock file that holds the package always changes (its locked version moves).
 * - A declaration changes when it pins the version (`==1.2.3`, a constraints file's pin) or when its range
 *   does not allow the target. A declaration whose range already allows the target stays as written:
 *   `django>=4.2` in pyproject.toml with django 4.2.1 locked only needs the lock moved to 4.2.16.
 *   With the parsed manifests, each declaration is judged by its own requirement (found at its recorded
 *   lines); without them, by the dependency's declared range, and every declaration is listed when no
 *   lock holds the version (the version then comes from a pin in one of them).
 * - A transitive dependency (only a lock has it) is fixed through the lock file(s) that hold it. Where
 *   its project has no lock holding it, the fix is a constraint, written into (first match):
 *   a requirements file named `constraints*.txt`, the project's `requirements*.txt` (both get a pinned
 *   line `name==target`), then its pyproject.toml (uv's `[tool.uv] constraint-dependencies`), then the
 *   project's first manifest.
 */
import path from 'node:path';
import type { Dependency, Location } from '../../manifests/inventory.js';
import { LOCK_KINDS, type Manifest, type ManifestKind, type Requirement } from '../../manifests/types.js';
import { inRange } from './target.js';

/** ManifestIndex answers what the planner needs to know about the project's files. */
export interface ManifestIndex {
  kindOf(path: string): ManifestKind | undefined;
  /** The requirement on `name` declared at a location, when the parsed manifests were given. */
  requirementAt(location: Location, name: string): Requirement | undefined;
}

/** manifestIndex builds a ManifestIndex from the report's manifests and, optionally, the parsed ones. */
export function manifestIndex(
  listed: ReadonlyArray<{ path: string; kind: ManifestKind }>,
  parsed: readonly Manifest[] = [],
): ManifestIndex {
  const kinds = new Map<string, ManifestKind>(listed.map((m) => [m.path, m.kind]));
  for (const m of parsed) if (!kinds.has(m.path)) kinds.set(m.path, m.kind);
  const requirements = new Map<string, Requirement>();
  const key = (file: string, line: number, name: string): string => `${file}\u0000${line}\u0000${name}`;
  for (const m of parsed) for (const r of m.requirements) requirements.set(key(m.path, r.lines.start, r.normalizedName), r);
  return {
    kindOf: (file) => kinds.get(file),
    requirementAt: (location, name) => requirements.get(key(location.path, location.startLine, name)),
  };
}

/** isLock tells whether a file is a lock file. */
export function isLock(index: ManifestIndex, file: string): boolean {
  const kind = index.kindOf(file);
  return kind !== undefined && LOCK_KINDS.has(kind);
}

/**
 * filesToEdit lists the files a direct or transitive dependency's update to `target` changes, in the
 * order of its locations. `dependency.locations` must already be limited to one project; `projectFiles`
 * are that project's manifests (for the constraint file of a transitive dependency).
 */
export function filesToEdit(dependency: Dependency, target: string, index: ManifestIndex, projectFiles: readonly string[]): string[] {
  const locks = unique(dependency.locations.map((l) => l.path).filter((file) => isLock(index, file)));
  if (!dependency.direct) return locks.length > 0 ? locks : [constraintFile(projectFiles, index)].filter((f): f is string => f !== null);
  const files: string[] = [];
  for (const location of dependency.locations) {
    if (isLock(index, location.path)) {
      files.push(location.path);
      continue;
    }
    const requirement = index.requirementAt(location, dependency.name);
    const changes =
      requirement !== undefined
        ? requirement.version !== null || !inRange(target, requirement.specifier)
        : locks.length === 0 || !inRange(target, dependency.specifier);
    if (changes) files.push(location.path);
  }
  const result = unique(files);
  return result.length > 0 ? result : unique(dependency.locations.map((l) => l.path));
}

/** constraintFile is where a transitive fix is written when no lock holds the package (see the module comment). */
export function constraintFile(projectFiles: readonly string[], index: ManifestIndex): string | null {
  const requirements = projectFiles.filter((file) => index.kindOf(file) === 'requirements');
  const base = (file: string): string => path.posix.basename(file).toLowerCase();
  return (
    requirements.find((file) => /^constraints?[^/]*\.txt$/.test(base(file))) ??
    requirements.find((file) => /^requirements[^/]*\.txt$/.test(base(file))) ??
    projectFiles.find((file) => base(file) === 'pyproject.toml') ??
    projectFiles[0] ??
    null
  );
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}
