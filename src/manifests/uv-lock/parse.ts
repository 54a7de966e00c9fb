/**
 * parseUvLock reads uv.lock (`version = 1`, any `revision`): every `[[package]]` that is a dependency
 * becomes one Requirement pinned `==version`, with its hashes (`sdist` and `wheels`), its source and the
 * names it depends on (`dependencies`, `[package.optional-dependencies]`, `[package.dev-dependencies]`).
 *
 * The project's own packages — the root (`source = { editable = "." }` or `{ virtual = "." }`),
 * workspace members (`[manifest] members`) and virtual packages — are not dependencies: they are
 * recorded in `skipped`, their dependency names in `lock.rootRequirements` and the root's
 * `[package.metadata] requires-dist` in `lock.recordedRequirements` (to compare with pyproject.toml).
 *
 * uv.lock does not say which group pulls a package in: every requirement is in `main`, and the
 * inventory refines it by walking the graph from the declared requirements. Markers live on the edges
 * (`{ name = "colorama", marker = "sys_platform == 'win32'" }`): a package gets the union of the
 * markers of the edges that reach it, or none when one edge is unconditional.
 * See https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile
 */
import {
  arrayField,
  entryVersion,
  field,
  HashCollector,
  isTable,
  joinMarkers,
  namedLockEntries,
  NameSet,
  readLockToml,
  stringField,
  stringsOf,
  tableField,
  type LockEntry,
  type NamedLockEntry,
  type TomlTable,
} from '../lock-toml.js';
import { normalizePackageName } from '../pep508.js';
import { makeRequirement } from '../requirement.js';
import type { LockInfo, Manifest, ManifestInput, Problem } from '../types.js';
import { requiresDistToPep508 } from './requires-dist.js';
import { uvSource, type UvSource, type UvSourceKind } from './source.js';

/** An edge of the lock graph: a dependency entry, by normalised name (and version, when uv pins one). */
interface Edge {
  name: string;
  version?: string;
  marker?: string;
}

interface UvPackage {
  entry: LockEntry;
  table: TomlTable;
  name: string;
  version: string | null;
  source: UvSource;
  dependencies: Edge[];
  optional: Edge[];
  dev: Edge[];
}

/** Sources whose version may be absent: uv omits a dynamic version of a source tree. */
const VERSION_OPTIONAL: ReadonlySet<UvSourceKind | undefined> = new Set(['git', 'directory', 'editable', 'virtual']);
const SOURCE_TREES: ReadonlySet<UvSourceKind | undefined> = new Set(['directory', 'editable', 'virtual']);

/** parseUvLock parses one uv.lock. It never throws: what it cannot read is in `errors`. */
export function parseUvLock(input: ManifestInput): Manifest {
  const manifest: Manifest = { path: input.path, kind: 'uv-lock', requirements: [], errors: [] };
  const parsed = readLockToml(input, manifest.errors);
  if (!parsed) return manifest;
  const { data, locator } = parsed;
  const lock: LockInfo = {};
  const version = field(data, 'version');
  if (typeof version === 'number' || typeof version === 'string') lock.formatVersion = String(version);
  manifest.lock = lock;
  const requiresPython = stringField(data, 'requires-python');
  if (requiresPython) manifest.requiresPython = requiresPython;

  const members = new Set(stringsOf(field(tableField(data, 'manifest') ?? {}, 'members')).map(normalizePackageName));
  const packages: UvPackage[] = [];
  for (const named of namedLockEntries(data, locator, 'package', input, manifest.errors)) {
    const pkg = readPackage(named, input, manifest.errors);
    if (pkg) packages.push(pkg);
  }

  const roots = packages.filter((pkg) => isProjectPackage(pkg, members));
  const rootSet = new Set(roots);
  const rootNames = new Set(roots.map((pkg) => normalizePackageName(pkg.name)));
  const markers = edgeMarkers(packages);
  for (const pkg of packages) {
    if (rootSet.has(pkg)) {
      manifest.skipped = [...(manifest.skipped ?? []), skipEntry(pkg, members)];
      continue;
    }
    const requires = new NameSet();
    for (const edge of [...pkg.dependencies, ...pkg.optional, ...pkg.dev]) requires.add(edge.name);
    manifest.requirements.push(
      makeRequirement({
        name: pkg.name,
        specifier: pkg.version === null ? null : `==${pkg.version}`,
        version: pkg.version,
        markers: markerOf(markers, pkg),
        groups: ['main'],
        source: pkg.source.source,
        hashes: hashesOf(pkg.table),
        lines: pkg.entry.lines,
        requires: requires.values(normalizePackageName(pkg.name)),
      }),
    );
  }

  if (roots.length > 0) {
    const names = new NameSet();
    for (const root of roots) for (const edge of [...root.dependencies, ...root.optional, ...root.dev]) names.add(edge.name);
    lock.rootRequirements = names.values().filter((name) => !rootNames.has(name));
    // The package at "." is the pyproject.toml beside the lock; a lone member stands for it otherwise.
    const project = roots.find((root) => root.source.sourcePath?.replace(/\/+$/, '') === '.') ?? (roots.length === 1 ? roots[0] : undefined);
    if (project) {
      manifest.projectName = project.name;
      const recorded = recordedRequirements(project, input, manifest.errors);
      if (recorded) lock.recordedRequirements = recorded;
    }
  }
  return manifest;
}

function readPackage({ entry, table, name }: NamedLockEntry, input: ManifestInput, errors: Problem[]): UvPackage | undefined {
  const sourceValue = field(table, 'source');
  if (sourceValue !== undefined && !isTable(sourceValue)) {
    errors.push({ message: `package "${name}": "source" must be a table; not read`, path: input.path, line: entry.lineOf('source') });
    return undefined;
  }
  const source = uvSource(sourceValue);
  const version = entryVersion(entry, table, name, input, { optional: VERSION_OPTIONAL.has(source.kind) });
  if (!version.ok) {
    errors.push(version.problem);
    return undefined;
  }
  const report = (message: string, key: string, item?: number): void => {
    const line = item === undefined ? entry.lineOf(key) : entry.itemLineOf(key, item);
    errors.push({ message: `package "${name}": ${message}`, path: input.path, line });
  };
  return {
    entry,
    table,
    name,
    version: version.version,
    source,
    dependencies: edges(field(table, 'dependencies'), 'dependencies', report),
    optional: groupedEdges(field(table, 'optional-dependencies'), 'optional-dependencies', report),
    dev: groupedEdges(field(table, 'dev-dependencies'), 'dev-dependencies', report),
  };
}

type Report = (message: string, key: string, item?: number) => void;

/** edges reads a list of `{ name = "…", marker = "…", version = "…" }` dependency entries. */
function edges(value: unknown, key: string, report: Report): Edge[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    report(`"${key}" must be an array of tables; not read`, key);
    return [];
  }
  const result: Edge[] = [];
  for (const [index, item] of value.entries()) {
    const name = isTable(item) ? stringField(item, 'name')?.trim() : undefined;
    if (!isTable(item) || !name) {
      report(`an entry of "${key}" names no package; ignored`, key, index);
      continue;
    }
    const edge: Edge = { name: normalizePackageName(name) };
    const version = stringField(item, 'version');
    if (version) edge.version = version;
    const marker = stringField(item, 'marker')?.trim();
    if (marker) edge.marker = marker;
    result.push(edge);
  }
  return result;
}

/** groupedEdges reads `[package.optional-dependencies]` / `[package.dev-dependencies]`: name → edges. */
function groupedEdges(value: unknown, key: string, report: Report): Edge[] {
  if (value === undefined) return [];
  if (!isTable(value)) {
    report(`"${key}" must be a table; not read`, key);
    return [];
  }
  return Object.values(value).flatMap((list) => edges(list, key, report));
}

/**
 * isProjectPackage tells the project's own packages from dependencies: the source tree at ".", the
 * workspace members listed in `[manifest]`, and virtual packages (never installed themselves).
 */
function isProjectPackage(pkg: UvPackage, members: ReadonlySet<string>): boolean {
  const { kind, sourcePath } = pkg.source;
  if (kind === 'virtual') return true;
  if (!SOURCE_TREES.has(kind)) return false;
  return sourcePath?.replace(/\/+$/, '') === '.' || members.has(normalizePackageName(pkg.name));
}

function skipEntry(pkg: UvPackage, members: ReadonlySet<string>): { line: number; text: string; reason: string } {
  const { kind, sourcePath } = pkg.source;
  const text = `${pkg.name} (${kind ?? 'source'} = "${sourcePath ?? ''}")`;
  const reason =
    sourcePath?.replace(/\/+$/, '') === '.'
      ? 'the project itself, not a dependency'
      : members.has(normalizePackageName(pkg.name))
        ? 'a workspace member: the project’s own code, not a dependency'
        : 'a virtual package: uv installs only its dependencies';
  return { line: pkg.entry.lines.start, text, reason };
}

function edgeMarkers(packages: readonly UvPackage[]): Map<string, (string | undefined)[]> {
  const markers = new Map<string, (string | undefined)[]>();
  for (const pkg of packages) {
    for (const edge of [...pkg.dependencies, ...pkg.optional, ...pkg.dev]) {
      const key = edge.version ? `${edge.name}@${edge.version}` : edge.name;
      markers.set(key, [...(markers.get(key) ?? []), edge.marker]);
    }
  }
  return markers;
}

/** markerOf is the union of the markers of every edge that reaches the package, or none. */
function markerOf(markers: ReadonlyMap<string, (string | undefined)[]>, pkg: UvPackage): string | undefined {
  const name = normalizePackageName(pkg.name);
  const reaching = [...(markers.get(name) ?? []), ...(pkg.version ? (markers.get(`${name}@${pkg.version}`) ?? []) : [])];
  if (reaching.length === 0 || reaching.some((m) => m === undefined)) return undefined;
  return joinMarkers(reaching as string[]);
}

/** hashesOf collects the `sdist` and `wheels` digests uv verifies at install time. */
function hashesOf(table: TomlTable): string[] {
  const collector = new HashCollector();
  const sdist = tableField(table, 'sdist');
  if (sdist) collector.add(field(sdist, 'hash'));
  for (const wheel of arrayField(table, 'wheels') ?? []) if (isTable(wheel)) collector.add(field(wheel, 'hash'));
  return collector.hashes;
}

function recordedRequirements(project: UvPackage, input: ManifestInput, errors: Problem[]): string[] | undefined {
  const metadata = tableField(project.table, 'metadata');
  const requiresDist = metadata ? field(metadata, 'requires-dist') : undefined;
  if (requiresDist === undefined) return undefined;
  if (!Array.isArray(requiresDist)) {
    errors.push({ message: `package "${project.name}": "requires-dist" must be an array; not read`, path: input.path, line: project.entry.lines.start });
    return undefined;
  }
  const recorded: string[] = [];
  for (const item of requiresDist) {
    const text = requiresDistToPep508(item);
    if (text === null) {
      errors.push({ message: `package "${project.name}": an entry of "requires-dist" names no package; ignored`, path: input.path, line: project.entry.lines.start });
      continue;
    }
    recorded.push(text);
  }
  return recorded;
}
