/**
 * The hash pipenv stores in Pipfile.lock `_meta.hash.sha256`, recomputed from a Pipfile, so a caller can
 * tell whether the lock was made from this Pipfile.
 *
 * pipenv (project.py `calculate_pipfile_hash`) loads the Pipfile with its vendored plette
 * (`plette.Pipfile.load`, which prepends a default `[[source]]` when the file has none) and calls
 * `Pipfile.get_hash()`: the sha256 of
 * `json.dumps(data, sort_keys=True, separators=(",", ":"))` (UTF-8), where `data` is
 * `{"_meta": {"sources": source, "requires": requires or {}}, "default": packages or {},
 * "develop": dev-packages or {}}` plus every other top-level key (the package categories) except
 * plette's sections (source, packages, dev-packages, requires, scripts, pipfile, pipenv) and the names
 * default/develop. Releases before package categories hashed only the first three keys. Since pypa/pipenv
 * PR #6609 (March 2026, issue #4699) pipenv also replaces each package name by its PEP 503 form first.
 */
import { createHash } from 'node:crypto';
import { parse as parseToml } from 'smol-toml';
import { COMPACT_SEPARATORS, pythonJsonDumps } from '../python-json.js';

/** PipfileHashAlgorithm is one of the ways pipenv releases have hashed a Pipfile. */
export type PipfileHashAlgorithm =
  /** plette's get_hash with package categories: what most Pipfile.lock files carry. */
  | 'plette'
  /** plette's get_hash before package categories: only `_meta`, `default` and `develop`. */
  | 'plette-without-categories'
  /** pipenv after PR #6609: package names PEP 503-normalised before hashing. */
  | 'normalized-names';

// plette's DEFAULT_SOURCE_TOML, byte for byte: it is prepended to the text, then the text is re-parsed.
const DEFAULT_SOURCE_TOML = '[[source]]\nname = "pypi"\nurl = "https://pypi.org/simple"\nverify_ssl = true\n';
const PIPFILE_SECTIONS = new Set(['source', 'packages', 'dev-packages', 'requires', 'scripts', 'pipfile', 'pipenv']);

type Table = Record<string, unknown>;

/**
 * pipfileContentHash is the hex sha256 that pipenv writes to `_meta.hash.sha256` for this Pipfile
 * (plette's algorithm, see the module comment); null when the Pipfile is not valid TOML or holds a value
 * pipenv itself cannot hash (a TOML date). Compare with `pipfileContentHashes` to also accept locks
 * written by other pipenv releases.
 */
export function pipfileContentHash(pipfileContent: string): string | null {
  return pipfileHashWith(pipfileContent, 'plette');
}

/**
 * pipfileContentHashes is every distinct hash some pipenv release would write for this Pipfile, most
 * common first; a lock is in step when its `_meta.hash.sha256` is one of them. Empty when unparseable.
 */
export function pipfileContentHashes(pipfileContent: string): string[] {
  const algorithms: PipfileHashAlgorithm[] = ['plette', 'normalized-names', 'plette-without-categories'];
  const hashes = algorithms.map((a) => pipfileHashWith(pipfileContent, a)).filter((h): h is string => h !== null);
  return [...new Set(hashes)];
}

/** pipfileHashWith hashes a Pipfile the way one pipenv release did; null when that release could not. */
export function pipfileHashWith(pipfileContent: string, algorithm: PipfileHashAlgorithm): string | null {
  const data = loadLikePlette(pipfileContent);
  if (!data) return null;
  const section = (key: string): unknown => (Object.hasOwn(data, key) ? data[key] : {});
  const packages = (value: unknown): unknown => (algorithm === 'normalized-names' ? normalizeKeys(value) : value);

  // Null-prototype objects: a category named `__proto__` must stay an ordinary key.
  const hashed: Table = Object.create(null) as Table;
  hashed['_meta'] = { sources: data['source'], requires: section('requires') };
  hashed['default'] = packages(section('packages'));
  hashed['develop'] = packages(section('dev-packages'));
  if (algorithm !== 'plette-without-categories') {
    for (const [key, value] of Object.entries(data)) {
      if (PIPFILE_SECTIONS.has(key) || key === 'default' || key === 'develop') continue;
      hashed[key] = packages(value);
    }
  }
  if (Object.values(hashed).includes(UNHASHABLE)) return null;
  const json = pythonJsonDumps(hashed, COMPACT_SEPARATORS);
  return json === null ? null : createHash('sha256').update(json, 'utf8').digest('hex');
}

/** loadLikePlette parses as plette.Pipfile.load does: without `source`, the default source text is prepended. */
function loadLikePlette(content: string): Table | null {
  const data = parseTomlOrNull(content);
  if (!data || Object.hasOwn(data, 'source')) return data;
  return parseTomlOrNull(DEFAULT_SOURCE_TOML + (content.startsWith('\n') ? '' : '\n') + content);
}

function parseTomlOrNull(content: string): Table | null {
  try {
    // Integers as bigint: Python prints TOML `1` as `1` and `1.0` as `1.0`; plain numbers would merge them.
    return parseToml(content, { integersAsBigInt: true });
  } catch {
    return null;
  }
}

const UNHASHABLE = Symbol('unhashable');

/**
 * normalizeKeys is pipenv's `{canonicalize_name(k): v for k, v in section.items()}` (PEP 503: runs of
 * `-_.` become `-`, lowercased; on a clash the later key wins). A non-table section makes pipenv fail.
 */
function normalizeKeys(section: unknown): unknown {
  if (typeof section !== 'object' || section === null || Array.isArray(section) || section instanceof Date) return UNHASHABLE;
  const normalized: Table = Object.create(null) as Table;
  for (const [key, value] of Object.entries(section)) normalized[key.replace(/[-_.]+/g, '-').toLowerCase()] = value;
  return normalized;
}
