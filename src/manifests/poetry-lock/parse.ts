/**
 * parsePoetryLock reads poetry.lock, every lock version Poetry has written:
 * - 1.x (Poetry ≤ 1.1): `category = "main" | "dev"` per package, hashes in `[metadata.files]` keyed by
 *   package name (1.0 and older: bare sha256 hex in `[metadata.hashes]`);
 * - 2.0 (Poetry 1.2–1.8): `files = [{file, hash}]` inside each package; `category` until Poetry 1.4,
 *   then nothing — such packages are `main`, the lock does not say more;
 * - 2.1 (Poetry 2): `groups = ["main", "dev"]` and `markers`, a string or a table per group.
 * Each `[[package]]` becomes one Requirement pinned `==version`, with the lines of the package and its
 * sub-tables (`[package.dependencies]`, `[package.extras]`, `[package.source]`).
 * See poetry/packages/locker.py (`_dump_package`, `_get_locked_package`).
 */
import {
  arrayField,
  field,
  HashCollector,
  isTable,
  joinMarkers,
  lockMetadata,
  NameSet,
  readLockPackages,
  readLockToml,
  stringField,
  stringsOf,
  tableField,
  type TomlTable,
} from '../lock-toml.js';
import { normalizePackageName } from '../pep508.js';
import { makeRequirement } from '../requirement.js';
import type { Manifest, ManifestInput, Problem } from '../types.js';
import { poetrySource } from './source.js';

/** parsePoetryLock parses one poetry.lock. It never throws: what it cannot read is in `errors`. */
export function parsePoetryLock(input: ManifestInput): Manifest {
  const manifest: Manifest = { path: input.path, kind: 'poetry-lock', requirements: [], errors: [] };
  const parsed = readLockToml(input, manifest.errors);
  if (!parsed) return manifest;
  const { data, locator } = parsed;
  const metadata = tableField(data, 'metadata') ?? {};
  manifest.lock = lockMetadata(metadata, 'lock-version', 'content-hash');
  const python = stringField(metadata, 'python-versions');
  if (python) manifest.requiresPython = python;

  const context: LockContext = {
    legacyFiles: tableField(metadata, 'files'),
    legacyHashes: tableField(metadata, 'hashes'),
    extrasByPackage: rootExtras(data),
  };
  for (const { entry, table, name, version } of readLockPackages(data, locator, input, manifest.errors, { array: 'package', optional: false })) {
    const problems: Problem[] = [];
    const requirement = makeRequirement({
      name,
      specifier: `==${version}`,
      version,
      markers: markers(table, packageGroups(table)),
      groups: groupsOf(table, name, context),
      source: poetrySource(table),
      hashes: hashesOf(table, name, context),
      lines: entry.lines,
      requires: requiresOf(table, name, (message) => problems.push({ message, path: input.path, line: entry.lineOf('dependencies') })),
    });
    manifest.errors.push(...problems);
    manifest.requirements.push(requirement);
  }
  return manifest;
}

interface LockContext {
  /** 1.x: `[metadata.files]`, name → [{file, hash}]. */
  legacyFiles: TomlTable | undefined;
  /** 1.0 and older: `[metadata.hashes]`, name → [hex]. */
  legacyHashes: TomlTable | undefined;
  /** The root project's extras (top-level `[extras]`): normalised package name → extra names. */
  extrasByPackage: Map<string, string[]>;
}

/** rootExtras reads the top-level `[extras]` table Poetry writes for the project's own extras. */
function rootExtras(data: TomlTable): Map<string, string[]> {
  const byPackage = new Map<string, string[]>();
  const extras = tableField(data, 'extras');
  if (!extras) return byPackage;
  for (const [extra, members] of Object.entries(extras)) {
    for (const member of stringsOf(members)) {
      // Old locks wrote "PySocks (>=1.5.6)"; newer ones the bare name.
      const name = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(member.trim())?.[0];
      if (!name) continue;
      const key = normalizePackageName(name);
      byPackage.set(key, [...(byPackage.get(key) ?? []), extra]);
    }
  }
  return byPackage;
}

/** packageGroups is what the lock says about a package's groups: `groups`, else `category`, else none. */
function packageGroups(table: TomlTable): string[] {
  const groups = stringsOf(field(table, 'groups'));
  if (groups.length > 0) return groups;
  const category = stringField(table, 'category');
  return category ? [category] : [];
}

/**
 * groupsOf is the package's groups, `main` when the lock records none (Poetry 1.5–1.8). A package that
 * is optional and listed in the project's `[extras]` is installed only with those extras: it belongs to
 * them rather than to `main`.
 */
function groupsOf(table: TomlTable, name: string, context: LockContext): string[] {
  let groups = packageGroups(table);
  if (groups.length === 0) groups = ['main'];
  const extras = field(table, 'optional') === true ? context.extrasByPackage.get(normalizePackageName(name)) : undefined;
  if (extras && extras.length > 0) groups = [...groups.filter((g) => g !== 'main'), ...extras];
  return [...new Set(groups)];
}

/**
 * markers reads 2.1's `markers` (one string, or a table per group where a missing group means "any
 * environment") and older locks' `marker`. With a table, the package applies where any of its groups
 * does: the union of their markers, or none when one group has none.
 */
function markers(table: TomlTable, groups: string[]): string | undefined {
  const value = field(table, 'markers') ?? field(table, 'marker');
  if (typeof value === 'string') return value.trim() || undefined;
  if (!isTable(value)) return undefined;
  const perGroup = (groups.length > 0 ? groups : Object.keys(value)).map((group) => field(value, group));
  if (perGroup.some((m) => typeof m !== 'string' || m.trim() === '')) return undefined;
  return joinMarkers(perGroup as string[]);
}

function hashesOf(table: TomlTable, name: string, context: LockContext): string[] {
  const collector = new HashCollector();
  const files = arrayField(table, 'files');
  if (files) {
    for (const file of files) if (isTable(file)) collector.add(field(file, 'hash'));
    return collector.hashes;
  }
  const legacy = legacyEntry(context.legacyFiles, name);
  if (Array.isArray(legacy)) {
    // A `file` source owns only its own archive among the files listed for that name.
    const source = tableField(table, 'source');
    const archive = source && stringField(source, 'type') === 'file' ? stringField(source, 'url')?.split('/').pop() : undefined;
    for (const file of legacy) {
      if (!isTable(file)) continue;
      if (archive && field(file, 'file') !== archive) continue;
      collector.add(field(file, 'hash'));
    }
    return collector.hashes;
  }
  for (const hex of stringsOf(legacyEntry(context.legacyHashes, name))) collector.add(hex);
  return collector.hashes;
}

/** legacyEntry finds a package's entry in `[metadata.files]` / `[metadata.hashes]`, by written or normalised name. */
function legacyEntry(table: TomlTable | undefined, name: string): unknown {
  if (!table) return undefined;
  const exact = field(table, name);
  if (exact !== undefined) return exact;
  const wanted = normalizePackageName(name);
  const key = Object.keys(table).find((k) => normalizePackageName(k) === wanted);
  return key === undefined ? undefined : field(table, key);
}

/**
 * requiresOf is the normalised names of `[package.dependencies]` — whatever the value's form (a
 * constraint string, a table, an array of tables for per-marker constraints). Optional dependencies
 * (installed through one of the package's extras) are included: the lock lists them among the
 * package's dependencies and the inventory only follows names that are locked.
 */
function requiresOf(table: TomlTable, name: string, report: (message: string) => void): string[] {
  const value = field(table, 'dependencies');
  if (value === undefined) return [];
  if (!isTable(value)) {
    report(`package "${name}": [package.dependencies] must be a table; its dependencies are not read`);
    return [];
  }
  const names = new NameSet();
  for (const dependency of Object.keys(value)) names.add(dependency);
  return names.values(normalizePackageName(name));
}
