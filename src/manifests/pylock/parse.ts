/**
 * parsePylock reads a PEP 751 lock file. `lock-version` must have major version 1: PEP 751 says an
 * installer MUST refuse a lock whose major version it does not support, so such a file yields one
 * error and no requirements. Each `[[packages]]` entry becomes one Requirement: pinned `==version`
 * when a version is given (PEP 751 lets VCS, directory and archive packages omit it), with the digests
 * of its `sdist`, `wheels` and `archive` (`hashes = { sha256 = "…" }`), its `marker`, and the names of
 * its `dependencies`. The project itself (a `directory` package at ".") is recorded in `skipped`.
 *
 * pylock.toml does not say which group pulls a package in (its markers may test `dependency_groups`
 * and `extras`): every requirement is in `main`, and the inventory refines it from the declared
 * requirements.
 * See https://packaging.python.org/en/latest/specifications/pylock-toml/
 */
import {
  arrayField,
  describeValue,
  field,
  HashCollector,
  isTable,
  NameSet,
  readLockPackages,
  readLockToml,
  stringField,
  tableField,
  type TomlTable,
} from '../lock-toml.js';
import { normalizePackageName } from '../pep508.js';
import { makeRequirement } from '../requirement.js';
import type { Manifest, ManifestInput } from '../types.js';
import { pylockSource } from './source.js';

/** SUPPORTED_MAJOR is the lock-version major this parser understands (PEP 751 defines "1.0"). */
const SUPPORTED_MAJOR = 1;

/** parsePylock parses one pylock.toml. It never throws: what it cannot read is in `errors`. */
export function parsePylock(input: ManifestInput): Manifest {
  const manifest: Manifest = { path: input.path, kind: 'pylock', requirements: [], errors: [], lock: {} };
  const parsed = readLockToml(input, manifest.errors);
  if (!parsed) return manifest;
  const { data, locator } = parsed;
  const versionLine = locator.key([], ['lock-version'])?.lines.start ?? 1;
  const lockVersion = field(data, 'lock-version');
  if (lockVersion === undefined) {
    manifest.errors.push({ message: 'missing "lock-version" (PEP 751 requires it); read as 1.0', path: input.path, line: 1 });
  } else if (typeof lockVersion !== 'string') {
    manifest.errors.push({ message: `"lock-version" must be a string, not ${describeValue(lockVersion)}; read as 1.0`, path: input.path, line: versionLine });
  } else {
    manifest.lock = { formatVersion: lockVersion };
    const major = /^\s*(\d+)(?:\.\d+)*\s*$/.exec(lockVersion)?.[1];
    if (major === undefined || Number(major) !== SUPPORTED_MAJOR) {
      manifest.errors.push({
        message: `unsupported lock-version "${lockVersion}": only ${SUPPORTED_MAJOR}.x is supported, and PEP 751 requires refusing other major versions; packages not read`,
        path: input.path,
        line: versionLine,
      });
      return manifest;
    }
  }
  const requiresPython = stringField(data, 'requires-python');
  if (requiresPython) manifest.requiresPython = requiresPython;

  for (const { entry, table, name, version } of readLockPackages(data, locator, input, manifest.errors, { array: 'packages', optional: true })) {
    const read = pylockSource(table);
    if (!read.ok) {
      manifest.errors.push({ message: `package "${name}": ${read.message}`, path: input.path, line: entry.lineOf(read.key) });
      continue;
    }
    const source = read.value;
    if (source.kind === 'directory' && isProjectRoot(source.directoryPath)) {
      manifest.skipped = [
        ...(manifest.skipped ?? []),
        { line: entry.lines.start, text: `${name} (directory = "${source.directoryPath ?? '.'}")`, reason: 'the project itself, not a dependency' },
      ];
      continue;
    }
    const requires = new NameSet();
    for (const [index, dependency] of (arrayField(table, 'dependencies') ?? []).entries()) {
      // PEP 751: a table naming the package (and as much more as it takes to tell it apart).
      const dependencyName = isTable(dependency) ? stringField(dependency, 'name')?.trim() : undefined;
      if (dependencyName) requires.add(dependencyName);
      else {
        const message = `package "${name}": an entry of "dependencies" names no package; ignored`;
        manifest.errors.push({ message, path: input.path, line: entry.itemLineOf('dependencies', index) });
      }
    }
    manifest.requirements.push(
      makeRequirement({
        name,
        specifier: version === null ? null : `==${version}`,
        version,
        markers: stringField(table, 'marker')?.trim(),
        groups: ['main'],
        source: source.source,
        hashes: hashesOf(table),
        lines: entry.lines,
        requires: requires.values(normalizePackageName(name)),
      }),
    );
  }
  return manifest;
}

/** isProjectRoot tells the lock's own project: a directory package at the lock's folder. */
function isProjectRoot(path: string | undefined): boolean {
  const normalized = (path ?? '.').replace(/\\/g, '/').replace(/\/+$/, '');
  return normalized === '.' || normalized === '';
}

/** hashesOf collects the digests an installer verifies: `sdist`, `wheels` and `archive` `hashes` tables. */
function hashesOf(table: TomlTable): string[] {
  const collector = new HashCollector();
  const sdist = tableField(table, 'sdist');
  if (sdist) collector.addTable(field(sdist, 'hashes'));
  for (const wheel of arrayField(table, 'wheels') ?? []) if (isTable(wheel)) collector.addTable(field(wheel, 'hashes'));
  const archive = tableField(table, 'archive');
  if (archive) collector.addTable(field(archive, 'hashes'));
  return collector.hashes;
}
