/**
 * buildInventory merges the requirements of every manifest into one list of dependencies: one entry per
 * distinct (name, version), with every place it is declared, whether the project declares it itself
 * (direct) or only a lock file has it (transitive), and which locked packages pull it in.
 */
import { versionIdentity } from '../pep440/index.js';
import type { ProjectLayout } from './projects.js';
import { LOCK_KINDS, type DependencySource, type Manifest, type Requirement } from './types.js';

/** Location is one declaration of a dependency: a file and a 1-based inclusive line range. */
export interface Location {
  path: string;
  startLine: number;
  endLine: number;
}

/** Dependency is one (name, version) of the inventory, as the report lists it. */
export interface Dependency {
  /** PEP 503-normalised name. */
  name: string;
  /** The exact version (pinned or locked) as written, or null when only a range is known. */
  version: string | null;
  /** The PEP 440 specifier a manifest of the project declares, when one does. */
  specifier: string | null;
  direct: boolean;
  groups: string[];
  manifests: string[];
  source?: DependencySource;
  markers?: string;
  extras?: string[];
  hashes?: string[];
  /** Names of the locked packages that require this one. */
  dependents?: string[];
  locations: Location[];
}

/** buildInventory merges every project's requirements, then merges equal (name, version) across projects. */
export function buildInventory(layout: ProjectLayout): Dependency[] {
  const merged = new DependencyMap();
  for (const project of layout.projects) {
    for (const dependency of projectInventory(project.manifests)) merged.merge(dependency);
  }
  return merged.sorted();
}

/** projectInventory is the inventory of the manifests of one project root. */
export function projectInventory(manifests: readonly Manifest[]): Dependency[] {
  const locks = manifests.filter((m) => LOCK_KINDS.has(m.kind));
  const declarations = manifests.filter((m) => !LOCK_KINDS.has(m.kind));
  const declared = declarations.flatMap((m) => m.requirements.filter((r) => !r.constraintOnly).map((r) => ({ m, r })));
  const constraintPins = new Map<string, { m: Manifest; r: Requirement }>();
  for (const m of declarations) {
    for (const r of m.requirements) if (r.constraintOnly && r.version) constraintPins.set(r.normalizedName, { m, r });
  }

  const graph = new LockGraph(locks);
  const directNames = new Set(declared.map(({ r }) => r.normalizedName));
  for (const lock of locks) for (const name of lock.lock?.rootRequirements ?? []) directNames.add(name);

  const entries = new DependencyMap();
  for (const lock of locks) {
    for (const requirement of lock.requirements) {
      const name = requirement.normalizedName;
      const direct = directNames.size > 0 ? directNames.has(name) : !graph.isRequired(name);
      entries.merge(fromRequirement(lock, requirement, { direct, specifier: null, dependents: graph.dependentsOf(name) }));
    }
  }
  const lockedEntries = new Set(entries.all());
  // A lock without per-package groups (uv.lock, pylock.toml) reaches each package from some direct
  // dependency: the package belongs to that dependency's groups.
  const declaredGroups = groupsByName(declared.map(({ r }) => r));
  for (const lock of locks.filter((m) => m.kind === 'uv-lock' || m.kind === 'pylock')) {
    const reached = graph.propagateGroups(declaredGroups);
    for (const requirement of lock.requirements) {
      const groups = reached.get(requirement.normalizedName);
      if (groups) entries.setGroups(requirement.normalizedName, [...groups]);
    }
  }

  for (const { m, r } of declared) {
    const locked = entries.withName(r.normalizedName).filter((d) => lockedEntries.has(d));
    const matchingLock = r.version === null ? locked : locked.filter((d) => sameVersion(d.version, r.version));
    if (matchingLock.length > 0) {
      for (const dependency of matchingLock) entries.addDeclaration(dependency, m, r);
      continue;
    }
    const pin = r.version === null ? constraintPins.get(r.normalizedName) : undefined;
    const dependency = fromRequirement(m, r, { direct: true, specifier: r.specifier });
    if (pin) {
      dependency.version = pin.r.version;
      dependency.manifests.push(pin.m.path);
      dependency.locations.push(locationOf(pin.m, pin.r));
    }
    entries.merge(dependency);
  }
  return entries.sorted();
}

function fromRequirement(
  manifest: Manifest,
  requirement: Requirement,
  extra: { direct: boolean; specifier: string | null; dependents?: string[] },
): Dependency {
  const dependency: Dependency = {
    name: requirement.normalizedName,
    version: requirement.version,
    specifier: extra.specifier,
    direct: extra.direct,
    groups: [...requirement.groups],
    manifests: [manifest.path],
    source: requirement.source,
    locations: [locationOf(manifest, requirement)],
  };
  if (requirement.markers) dependency.markers = requirement.markers;
  if (requirement.extras.length > 0) dependency.extras = [...requirement.extras];
  if (requirement.hashes.length > 0) dependency.hashes = [...requirement.hashes];
  if (extra.dependents && extra.dependents.length > 0) dependency.dependents = extra.dependents;
  return dependency;
}

function locationOf(manifest: Manifest, requirement: Requirement): Location {
  return { path: manifest.path, startLine: requirement.lines.start, endLine: requirement.lines.end };
}

function sameVersion(a: string | null, b: string | null): boolean {
  return versionKey(a) === versionKey(b);
}

function versionKey(version: string | null): string {
  return version === null ? '' : versionIdentity(version);
}

function groupsByName(requirements: Requirement[]): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>();
  for (const r of requirements) {
    const set = groups.get(r.normalizedName) ?? new Set<string>();
    for (const g of r.groups) set.add(g);
    groups.set(r.normalizedName, set);
  }
  return groups;
}

function union<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): T[] {
  return [...new Set([...(a ?? []), ...(b ?? [])])];
}

/** LockGraph is "who requires whom" across the lock files of one project. */
class LockGraph {
  private readonly requires = new Map<string, Set<string>>();
  private readonly dependents = new Map<string, Set<string>>();

  constructor(locks: readonly Manifest[]) {
    for (const lock of locks) {
      for (const requirement of lock.requirements) {
        const from = requirement.normalizedName;
        const targets = this.requires.get(from) ?? new Set<string>();
        for (const to of requirement.requires ?? []) {
          if (to === from) continue;
          targets.add(to);
          const set = this.dependents.get(to) ?? new Set<string>();
          set.add(from);
          this.dependents.set(to, set);
        }
        this.requires.set(from, targets);
      }
    }
  }

  isRequired(name: string): boolean {
    return (this.dependents.get(name)?.size ?? 0) > 0;
  }

  dependentsOf(name: string): string[] {
    return [...(this.dependents.get(name) ?? [])].sort();
  }

  /** propagateGroups walks the graph from each direct dependency, carrying its groups (cycles are fine). */
  propagateGroups(start: Map<string, Set<string>>): Map<string, Set<string>> {
    const reached = new Map<string, Set<string>>();
    for (const [root, groups] of start) {
      const pending = [root];
      const seen = new Set<string>();
      while (pending.length > 0) {
        const name = pending.pop() ?? '';
        if (seen.has(name)) continue;
        seen.add(name);
        const set = reached.get(name) ?? new Set<string>();
        for (const g of groups) set.add(g);
        reached.set(name, set);
        for (const next of this.requires.get(name) ?? []) pending.push(next);
      }
    }
    return reached;
  }
}

/** DependencyMap keys dependencies by (name, PEP 440-normalised version) and merges equal keys. */
class DependencyMap {
  private readonly byKey = new Map<string, Dependency>();
  /** Entries by name, kept beside byKey so lookups by name do not scan the whole inventory. */
  private readonly byName = new Map<string, Dependency[]>();

  merge(incoming: Dependency): void {
    const key = `${incoming.name}\u0000${versionKey(incoming.version)}`;
    const existing = this.byKey.get(key);
    if (!existing) {
      this.byKey.set(key, incoming);
      this.byName.set(incoming.name, [...(this.byName.get(incoming.name) ?? []), incoming]);
      return;
    }
    existing.direct ||= incoming.direct;
    existing.specifier ??= incoming.specifier;
    existing.groups = union(existing.groups, incoming.groups);
    existing.manifests = union(existing.manifests, incoming.manifests);
    existing.locations = mergeLocations(existing.locations, incoming.locations);
    existing.markers ??= incoming.markers;
    if (incoming.extras) existing.extras = union(existing.extras, incoming.extras);
    if (incoming.hashes) existing.hashes = union(existing.hashes, incoming.hashes);
    if (incoming.dependents) existing.dependents = union(existing.dependents, incoming.dependents).sort();
    // A registry source says less than a URL, VCS or path source: keep the more specific one.
    if (existing.source?.type === 'registry' && incoming.source && incoming.source.type !== 'registry') {
      existing.source = incoming.source;
    }
  }

  all(): Dependency[] {
    return [...this.byKey.values()];
  }

  withName(name: string): Dependency[] {
    return this.byName.get(name) ?? [];
  }

  setGroups(name: string, groups: string[]): void {
    for (const dependency of this.withName(name)) dependency.groups = groups.sort();
  }

  /** addDeclaration records that a manifest declares an already locked dependency. */
  addDeclaration(dependency: Dependency, manifest: Manifest, requirement: Requirement): void {
    dependency.direct = true;
    dependency.specifier ??= requirement.specifier;
    dependency.groups = union(dependency.groups, requirement.groups);
    // The declaring manifest comes before the lock: it is where a human edits the requirement.
    dependency.manifests = union([manifest.path], dependency.manifests);
    dependency.locations = mergeLocations([locationOf(manifest, requirement)], dependency.locations);
    if (requirement.extras.length > 0) dependency.extras = union(dependency.extras, requirement.extras);
    dependency.markers ??= requirement.markers;
  }

  sorted(): Dependency[] {
    return [...this.byKey.values()]
      .map((d) => ({ ...d, groups: [...d.groups].sort() }))
      .sort((a, b) => (a.name === b.name ? versionKey(a.version).localeCompare(versionKey(b.version)) : a.name < b.name ? -1 : 1));
  }
}

function mergeLocations(a: Location[], b: Location[]): Location[] {
  const seen = new Set(a.map((l) => `${l.path}:${l.startLine}`));
  return [...a, ...b.filter((l) => !seen.has(`${l.path}:${l.startLine}`))];
}
