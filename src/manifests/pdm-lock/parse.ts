/**
 * parsePdmLock reads pdm.lock. `[metadata]` holds `lock_version`, `content_hash` ("sha256:…", PDM's
 * hash of pyproject.toml — recorded, not recomputed), `groups`, `strategy` and, since lock 4.5,
 * `[[metadata.targets]]` with `requires_python`. Each `[[package]]` becomes one Requirement pinned
 * `==version`: `groups` per package (strategy `inherit_metadata`; `default` is the runtime group, so
 * `main`), `dependencies` as PEP 508 strings, `files = [{file | url, hash}]` (before lock 4.0 the hashes
 * sat in `[metadata.files]` keyed "name version"), `marker`, and the extras of an entry PDM locks
 * separately for `name[extra]`.
 * See https://pdm-project.org/en/latest/usage/lockfile/ and pdm/resolver/ (`format_lockfile`).
 */
import {
  arrayField,
  field,
  HashCollector,
  isTable,
  lockMetadata,
  NameSet,
  readLockPackages,
  readLockToml,
  stringField,
  stringsOf,
  tableField,
  type TomlTable,
} from '../lock-toml.js';
import { normalizePackageName, parsePep508 } from '../pep508.js';
import { makeRequirement } from '../requirement.js';
import type { Manifest, ManifestInput } from '../types.js';
import { pdmSource } from './source.js';

/** parsePdmLock parses one pdm.lock. It never throws: what it cannot read is in `errors`. */
export function parsePdmLock(input: ManifestInput): Manifest {
  const manifest: Manifest = { path: input.path, kind: 'pdm-lock', requirements: [], errors: [] };
  const parsed = readLockToml(input, manifest.errors);
  if (!parsed) return manifest;
  const { data, locator } = parsed;
  const metadata = tableField(data, 'metadata') ?? {};
  manifest.lock = lockMetadata(metadata, 'lock_version', 'content_hash');
  const requiresPython = lockRequiresPython(metadata);
  if (requiresPython) manifest.requiresPython = requiresPython;
  const legacyFiles = tableField(metadata, 'files');

  for (const { entry, table, name, version } of readLockPackages(data, locator, input, manifest.errors, { array: 'package', optional: false })) {
    const extras = stringsOf(field(table, 'extras'));
    const report = (message: string, item?: number): void => {
      const line = item === undefined ? entry.lineOf('dependencies') : entry.itemLineOf('dependencies', item);
      manifest.errors.push({ message: `package "${name}": ${message}`, path: input.path, line });
    };
    manifest.requirements.push(
      makeRequirement({
        name,
        specifier: `==${version}`,
        version,
        extras,
        markers: stringField(table, 'marker')?.trim(),
        groups: groupsOf(table),
        source: pdmSource(table),
        hashes: hashesOf(table, name, version, extras, legacyFiles),
        lines: entry.lines,
        requires: requiresOf(field(table, 'dependencies'), name, report),
      }),
    );
  }
  return manifest;
}

/**
 * lockRequiresPython is the Python range the lock was made for: lock 4.5's `[[metadata.targets]]`
 * (the first target's when several differ), or an older `[metadata] requires_python`.
 */
function lockRequiresPython(metadata: TomlTable): string | undefined {
  for (const target of arrayField(metadata, 'targets') ?? []) {
    const value = isTable(target) ? stringField(target, 'requires_python')?.trim() : undefined;
    if (value) return value;
  }
  return stringField(metadata, 'requires_python')?.trim() || undefined;
}

/** groupsOf maps PDM's groups to pipwarden's: `default` is the runtime group (`main`). */
function groupsOf(table: TomlTable): string[] {
  const groups = stringsOf(field(table, 'groups')).map((group) => (group === 'default' ? 'main' : group));
  return groups.length > 0 ? [...new Set(groups)] : ['main'];
}

function hashesOf(table: TomlTable, name: string, version: string, extras: string[], legacyFiles: TomlTable | undefined): string[] {
  const collector = new HashCollector();
  const files = arrayField(table, 'files') ?? legacyEntry(legacyFiles, name, version, extras);
  for (const file of files ?? []) if (isTable(file)) collector.add(field(file, 'hash'));
  return collector.hashes;
}

/** legacyEntry finds a package's `[metadata.files]` list: keyed "name version" or "name[extras] version". */
function legacyEntry(files: TomlTable | undefined, name: string, version: string, extras: string[]): unknown[] | undefined {
  if (!files) return undefined;
  const candidates = [`${name} ${version}`, ...(extras.length > 0 ? [`${name}[${extras.join(',')}] ${version}`] : [])];
  for (const key of candidates) {
    const value = field(files, key);
    if (Array.isArray(value)) return value;
  }
  const wanted = `${normalizePackageName(name)} ${version}`;
  for (const [key, value] of Object.entries(files)) {
    const [keyName = '', keyVersion = ''] = key.split(' ');
    if (`${normalizePackageName(keyName.replace(/\[.*\]$/, ''))} ${keyVersion}` === wanted && Array.isArray(value)) return value;
  }
  return undefined;
}

/**
 * requiresOf is the normalised names of a package's dependencies: PEP 508 strings (PDM ≥ 1) or, in
 * the earliest locks, a table keyed by name. The entry PDM locks for `name[extra]` depends on `name`
 * itself; a package never requires itself, so that edge is dropped.
 */
function requiresOf(value: unknown, name: string, report: (message: string, item?: number) => void): string[] {
  const names = new NameSet();
  if (value === undefined) return [];
  if (isTable(value)) {
    for (const key of Object.keys(value)) names.add(key);
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      if (typeof item !== 'string') {
        report('a dependency is not a string; ignored', index);
        continue;
      }
      const parsed = parsePep508(item);
      // A lock written by a newer PDM may use syntax this parser rejects: the leading name still counts.
      const dependency = parsed.ok ? parsed.value.name : /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(item)?.[1];
      if (dependency) names.add(dependency);
      else report(`unreadable dependency "${item.length > 60 ? `${item.slice(0, 57)}...` : item}"; ignored`, index);
    }
  } else {
    report('"dependencies" must be an array of strings; not read');
  }
  return names.values(normalizePackageName(name));
}
