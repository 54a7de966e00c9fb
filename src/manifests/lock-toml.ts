/**
 * Reading TOML lock files (poetry.lock, uv.lock, pdm.lock, pylock.toml) the same way: parse once with
 * smol-toml, turn a syntax error into one Problem at smol-toml's line, and hand each locked package to
 * its format together with the exact lines of its `[[package]]` element (sub-tables included), so an
 * error or a requirement always points at the package it is about.
 */
import { parse, TomlError } from 'smol-toml';
import { isValidPackageName, normalizePackageName } from './pep508.js';
import { TomlLocator, type TomlKeySpan } from './toml-lines.js';
import type { LineRange, LockInfo, ManifestInput, Problem } from './types.js';

/** TomlTable is a parsed TOML table (smol-toml builds them without a prototype). */
export type TomlTable = Record<string, unknown>;

/** isTable tells a TOML table from the other TOML values (arrays, dates, scalars). */
export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** field is a table's own value for `key` (never something inherited, whatever the key). */
export function field(table: TomlTable, key: string): unknown {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** stringField is `table[key]` when it is a string. */
export function stringField(table: TomlTable, key: string): string | undefined {
  const value = field(table, key);
  return typeof value === 'string' ? value : undefined;
}

/** tableField is `table[key]` when it is a table. */
export function tableField(table: TomlTable, key: string): TomlTable | undefined {
  const value = field(table, key);
  return isTable(value) ? value : undefined;
}

/** arrayField is `table[key]` when it is an array. */
export function arrayField(table: TomlTable, key: string): unknown[] | undefined {
  const value = field(table, key);
  return Array.isArray(value) ? value : undefined;
}

/** stringsOf keeps the strings of an array value (anything else yields none). */
export function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** describeValue names a TOML value's type for error messages ("a number", "an array"…). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (isTable(value)) return 'a table';
  if (typeof value === 'bigint' || typeof value === 'number') return 'a number';
  return `a ${typeof value}`;
}

/** ParsedLockToml is a lock file's values and its locator, or the one syntax error that stops reading it. */
export type ParsedLockToml = { ok: true; data: TomlTable; locator: TomlLocator } | { ok: false; problem: Problem };

/**
 * parseLockToml parses a lock file. Invalid TOML yields exactly one Problem at the line smol-toml
 * reports; nothing of such a file can be trusted, so nothing else is read.
 */
export function parseLockToml(input: ManifestInput): ParsedLockToml {
  try {
    const data = parse(input.content);
    return { ok: true, data, locator: new TomlLocator(input.content) };
  } catch (error) {
    const line = error instanceof TomlError && error.line > 0 ? error.line : 1;
    const raw = error instanceof Error ? error.message : String(error);
    const reason = (raw.split('\n')[0] ?? '').replace(/^Invalid TOML document:\s*/i, '').trim();
    return { ok: false, problem: { message: `invalid TOML: ${reason || 'unreadable document'}`, path: input.path, line } };
  }
}

/**
 * readLockToml is parseLockToml for a parser: the syntax error goes into `errors` and the result is
 * `undefined`, the caller then returns what it has (nothing else of such a file is read).
 */
export function readLockToml(input: ManifestInput, errors: Problem[]): { data: TomlTable; locator: TomlLocator } | undefined {
  const parsed = parseLockToml(input);
  if (parsed.ok) return { data: parsed.data, locator: parsed.locator };
  errors.push(parsed.problem);
  return undefined;
}

/** LockEntry is one element of a lock's package array, with where it is written. */
export interface LockEntry {
  /** 0-based position in the array. */
  index: number;
  value: unknown;
  /** From the `[[package]]` header to the end of its last sub-table (or the inline element's span). */
  lines: LineRange;
  /** lineOf is the line of the element's own key `key`, or the element's first line. */
  lineOf(key: string): number;
  /** itemLineOf is the line of the `index`-th item of the element's array `key`, or `lineOf(key)`. */
  itemLineOf(key: string, index: number): number;
}

/**
 * lockEntries lists the elements of the top-level array `key` (`package` or `packages`), matching the
 * i-th element to the i-th `[[key]]` range. A value that is not an array becomes an error.
 */
export function lockEntries(
  data: TomlTable,
  locator: TomlLocator,
  key: string,
  input: ManifestInput,
  errors: Problem[],
): LockEntry[] {
  const raw = field(data, key);
  if (raw === undefined) return [];
  const keySpan = locator.key([], [key]);
  if (!Array.isArray(raw)) {
    const line = keySpan?.lines.start ?? locator.table([key])?.header ?? 1;
    errors.push({ message: `"${key}" must be an array of tables ([[${key}]]), not ${describeValue(raw)}`, path: input.path, line });
    return [];
  }
  const ranges = locator.arrayTableRanges([key]);
  if (ranges.length === raw.length) {
    // Each [[key]] header's own keys, by element index, found in one pass (lock files can be huge).
    const headers = new Map<number, Map<string, TomlKeySpan>>();
    for (const table of locator.tables) {
      if (table.arrayIndex !== undefined && table.path.length === 1 && table.path[0] === key) headers.set(table.arrayIndex, table.keys);
    }
    return raw.map((value, index) => {
      const lines = ranges[index] ?? { start: 1, end: 1 };
      return makeEntry(index, value, lines, headers.get(index));
    });
  }
  // `key = [{ … }, { … }]` written inline: the array's items are the elements.
  const items = keySpan?.value.items ?? [];
  const fallback = keySpan?.lines ?? { start: 1, end: 1 };
  return raw.map((value, index) => {
    const item = items.length === raw.length ? items[index] : undefined;
    return makeEntry(index, value, item?.lines ?? fallback, item?.keys);
  });
}

function makeEntry(index: number, value: unknown, lines: LineRange, keys: Map<string, TomlKeySpan> | undefined): LockEntry {
  return {
    index,
    value,
    lines: { ...lines },
    lineOf: (name: string) => keys?.get(name)?.lines.start ?? lines.start,
    itemLineOf: (name: string, item: number) => {
      const span = keys?.get(name);
      return span?.value.items?.[item]?.lines.start ?? span?.lines.start ?? lines.start;
    },
  };
}

/** EntryName is a package's written name, or the error that makes the package unreadable. */
export type EntryName = { ok: true; name: string } | { ok: false; problem: Problem };

/** EntryTable is a package element that is a table, or the error that makes it unreadable. */
export type EntryTable = { ok: true; table: TomlTable } | { ok: false; problem: Problem };

/** entryTable checks that a package element is a table, or says why it cannot be read. */
export function entryTable(entry: LockEntry, what: string, input: ManifestInput): EntryTable {
  if (isTable(entry.value)) return { ok: true, table: entry.value };
  const message = `${what} #${entry.index + 1} is ${describeValue(entry.value)}, not a table; not read`;
  return { ok: false, problem: { message, path: input.path, line: entry.lines.start } };
}

/** entryName reads a package's `name`: a non-empty string that is a valid distribution name (PEP 508). */
export function entryName(entry: LockEntry, table: TomlTable, what: string, input: ManifestInput): EntryName {
  const value = field(table, 'name');
  const at = (message: string): EntryName => ({ ok: false, problem: { message, path: input.path, line: entry.lineOf('name') } });
  if (value === undefined) return at(`${what} #${entry.index + 1} has no name; not read`);
  if (typeof value !== 'string') return at(`${what} #${entry.index + 1}: "name" must be a string, not ${describeValue(value)}; not read`);
  const name = value.trim();
  if (!isValidPackageName(name)) return at(`${what} #${entry.index + 1}: invalid package name "${truncate(value)}"; not read`);
  return { ok: true, name };
}

/**
 * EntryVersion is a package's version as written: a string, absent (`null`, only where the format
 * allows it), or the error that makes the package unreadable.
 */
export type EntryVersion<V extends string | null> = { ok: true; version: V } | { ok: false; problem: Problem };

/** VersionOptions says which key holds the version and whether the format lets it be absent. */
export interface VersionOptions {
  optional: boolean;
  /** Default `version`. */
  key?: string;
}

/** entryVersion reads the version as a non-empty string; with `optional`, it may be absent. */
export function entryVersion(entry: LockEntry, table: TomlTable, name: string, input: ManifestInput, options: VersionOptions & { optional: false }): EntryVersion<string>;
export function entryVersion(entry: LockEntry, table: TomlTable, name: string, input: ManifestInput, options: VersionOptions): EntryVersion<string | null>;
export function entryVersion(entry: LockEntry, table: TomlTable, name: string, input: ManifestInput, options: VersionOptions): EntryVersion<string | null> {
  const key = options.key ?? 'version';
  const value = field(table, key);
  const at = (message: string): EntryVersion<never> => ({ ok: false, problem: { message, path: input.path, line: entry.lineOf(key) } });
  if (value === undefined) return options.optional ? { ok: true, version: null } : at(`package "${name}" has no version; not read`);
  if (typeof value !== 'string') return at(`package "${name}": "${key}" must be a string, not ${describeValue(value)}; not read`);
  if (value.trim() === '') return at(`package "${name}" has an empty version; not read`);
  return { ok: true, version: value };
}

/** NamedLockEntry is a package element that is a table with a valid `name` (the written name, trimmed). */
export interface NamedLockEntry {
  entry: LockEntry;
  table: TomlTable;
  name: string;
}

/**
 * namedLockEntries yields the elements of the top-level array `key` that are tables with a valid name,
 * pushing into `errors` (in file order) why any other element is not read. Formats whose next check
 * depends on more than the version (uv: the source decides whether a version may be absent) start here.
 */
export function* namedLockEntries(
  data: TomlTable,
  locator: TomlLocator,
  key: string,
  input: ManifestInput,
  errors: Problem[],
): Generator<NamedLockEntry, void, undefined> {
  for (const entry of lockEntries(data, locator, key, input, errors)) {
    const checked = entryTable(entry, 'package', input);
    if (!checked.ok) {
      errors.push(checked.problem);
      continue;
    }
    const name = entryName(entry, checked.table, 'package', input);
    if (!name.ok) {
      errors.push(name.problem);
      continue;
    }
    yield { entry, table: checked.table, name: name.name };
  }
}

/** LockPackage is a named package element with its version as written (`null`: absent, where allowed). */
export interface LockPackage<V extends string | null> extends NamedLockEntry {
  version: V;
}

/** LockPackagesOptions names the top-level array (`package`, PEP 751's `packages`) and the version rule. */
export interface LockPackagesOptions extends VersionOptions {
  /** The top-level array of packages. */
  array: string;
}

/**
 * readLockPackages yields the packages every lock format can read the same way: a table, a valid
 * `name`, a non-empty string version (or none, with `optional`). Why any other element is not read
 * goes into `errors`, in file order.
 */
export function readLockPackages(
  data: TomlTable,
  locator: TomlLocator,
  input: ManifestInput,
  errors: Problem[],
  options: LockPackagesOptions & { optional: false },
): Generator<LockPackage<string>, void, undefined>;
export function readLockPackages(
  data: TomlTable,
  locator: TomlLocator,
  input: ManifestInput,
  errors: Problem[],
  options: LockPackagesOptions,
): Generator<LockPackage<string | null>, void, undefined>;
export function* readLockPackages(
  data: TomlTable,
  locator: TomlLocator,
  input: ManifestInput,
  errors: Problem[],
  options: LockPackagesOptions,
): Generator<LockPackage<string | null>, void, undefined> {
  for (const named of namedLockEntries(data, locator, options.array, input, errors)) {
    const version = entryVersion(named.entry, named.table, named.name, input, options);
    if (!version.ok) {
      errors.push(version.problem);
      continue;
    }
    yield { ...named, version: version.version };
  }
}

/**
 * lockMetadata is the LockInfo a lock's `[metadata]` table records: its format version and the hash of
 * the project file it was made from, under the format's own keys (Poetry `lock-version` /
 * `content-hash`, PDM `lock_version` / `content_hash`). Keys that are absent or not strings are left out.
 */
export function lockMetadata(metadata: TomlTable, versionKey: string, contentHashKey: string): LockInfo {
  const info: LockInfo = {};
  const version = stringField(metadata, versionKey);
  if (version) info.formatVersion = version;
  const hash = stringField(metadata, contentHashKey);
  if (hash) info.contentHash = hash;
  return info;
}

/**
 * normalizeHash writes a digest as `algorithm:hex`. Locks write `sha256:…`; pip writes `sha256=…`;
 * Poetry's oldest locks wrote bare sha256 hex.
 */
export function normalizeHash(raw: string): string | null {
  const text = raw.trim();
  if (text === '') return null;
  const match = /^([A-Za-z0-9_-]+)[:=](.+)$/.exec(text);
  if (match?.[1] && match[2]) return `${match[1].toLowerCase()}:${match[2]}`;
  if (/^[0-9a-fA-F]{64}$/.test(text)) return `sha256:${text}`;
  return null;
}

/** HashCollector gathers digests in file order, each once. */
export class HashCollector {
  private readonly seen = new Set<string>();
  readonly hashes: string[] = [];

  /** add records one digest (ignoring anything that is not a digest string). */
  add(raw: unknown): void {
    if (typeof raw !== 'string') return;
    const hash = normalizeHash(raw);
    if (hash && !this.seen.has(hash)) {
      this.seen.add(hash);
      this.hashes.push(hash);
    }
  }

  /** addTable records a PEP 751 `hashes = { sha256 = "…" }` table. */
  addTable(table: unknown): void {
    if (!isTable(table)) return;
    for (const [algorithm, value] of Object.entries(table)) {
      if (typeof value === 'string' && value.trim() !== '') this.add(`${algorithm}:${value.trim()}`);
    }
  }
}

/** NameSet collects normalised package names in first-seen order, each once. */
export class NameSet {
  private readonly seen = new Set<string>();

  /** add records a written name in its PEP 503 form (empty names are ignored). */
  add(name: string): void {
    const normalized = normalizePackageName(name);
    if (normalized !== '') this.seen.add(normalized);
  }

  /** values are the names, minus `except` (a package does not require itself). */
  values(except?: string): string[] {
    return [...this.seen].filter((name) => name !== except);
  }
}

/** joinMarkers is the union of environment markers: one marker, or `(a) or (b)`. */
export function joinMarkers(markers: readonly string[]): string | undefined {
  const unique = [...new Set(markers.map((m) => m.trim()).filter((m) => m !== ''))];
  if (unique.length <= 1) return unique[0];
  return unique.map((m) => `(${m})`).join(' or ');
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
