/**
 * OfflineDatabase reads OSV advisories from disk (`--advisory-db`, `PIPWARDEN_ADVISORY_DB`): a directory
 * of OSV `.json`/`.yaml`/`.yml` files, searched recursively (the layout of the PyPA advisory database,
 * `<package>/PYSEC-*.yaml`), or an OSV ecosystem export `all.zip` (one `<ID>.json` per advisory, as
 * OSV.dev publishes per ecosystem and `pipwarden db update` downloads).
 *
 * Records are indexed by PEP 503-normalised PyPI package name. Parsing YAML is the slow part (the
 * `yaml` package needs ~2 s for the 2,600 files of the PyPA database on one core), so loading only reads
 * the files and scans each for the values of its `name` keys; a file is parsed and validated with
 * `osvRecordSchema` the first time one of those names is asked for, and the result is kept. A file whose
 * names the scan cannot read with certainty (flow mappings, quoted keys, escapes, a `name` key without
 * a value on its line) is parsed at load, so the scan can never hide an advisory. `eager: true` parses
 * everything at load. A file that is not a valid OSV record becomes a problem on `problems` and is
 * skipped; it never stops the audit.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import jsYaml from 'js-yaml';
import { parseDocument } from 'yaml';
import { AdvisorySourceError } from '../errors.js';
import { mapWithConcurrency } from '../http/pool.js';
import { normalizePackageName } from '../manifests/pep508.js';
import { pypiPackagesOf } from './match.js';
import { osvRecordSchema, type AdvisorySource, type OsvRecord, type PackageQuery, type SourceResult } from './types.js';

/** LoadProblem is a file of the database that could not be used, and why. */
export interface LoadProblem {
  /** The file's path; for a zip entry, `<zip path>!/<entry name>`. */
  path: string;
  message: string;
}

/** AdvisoryFile is the text of one advisory file, with the path used in problems. */
export interface AdvisoryFile {
  path: string;
  text: string;
}

/** OfflineDatabaseOptions tune loading. */
export interface OfflineDatabaseOptions {
  /** Parse and validate every file at load instead of on first use (default false). */
  eager?: boolean;
  /** Directories listed at once (default 16). */
  concurrency?: number;
}

/** MAX_FILE_BYTES bounds one advisory file (the largest real OSV records are a few hundred KB). */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

const DEFAULT_CONCURRENCY = 16;

/** READ_BATCH is how many files are read between two yields to the event loop. */
const READ_BATCH = 64;

type Format = 'json' | 'yaml';

interface StoredFile {
  path: string;
  format: Format;
  /** The text until the file is parsed, then null. */
  text: string | null;
  /** undefined: not parsed yet; null: unusable (a problem was recorded). */
  record: OsvRecord | null | undefined;
}

/**
 * OfflineDatabase is the `offline-db` advisory source. `fetch` returns every advisory of each queried
 * package (withdrawn ones included); matching against versions is the caller's job (match.ts).
 */
export class OfflineDatabase implements AdvisorySource {
  readonly id = 'offline-db' as const;
  /**
   * Files that could not be used. Files parsed at load are here after load; a file parsed on first use
   * adds its problem when its package is first asked for, so read this after `fetch`.
   */
  readonly problems: LoadProblem[];
  private readonly files: StoredFile[];
  private readonly byName = new Map<string, number[]>();

  private constructor(files: StoredFile[], problems: LoadProblem[]) {
    this.files = files;
    this.problems = problems;
  }

  /**
   * load reads a database from a directory or an `all.zip`. A path that cannot be read, is neither, or a
   * zip that cannot be opened is an `AdvisorySourceError` (the source failed); a bad file inside is a
   * problem.
   */
  static async load(location: string, options: OfflineDatabaseOptions = {}): Promise<OfflineDatabase> {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(location)).isDirectory();
    } catch (error) {
      throw new AdvisorySourceError('offline-db', `cannot read ${location}: ${messageOf(error)}`, error);
    }
    const problems: LoadProblem[] = [];
    const files = isDirectory
      ? await readDirectory(location, options.concurrency ?? DEFAULT_CONCURRENCY, problems)
      : await readZip(location, problems);
    return OfflineDatabase.build(files, problems, options.eager ?? false);
  }

  /** fromFiles builds a database from file texts already in memory (the format follows the extension). */
  static fromFiles(
    files: readonly AdvisoryFile[],
    options: Pick<OfflineDatabaseOptions, 'eager'> = {},
  ): OfflineDatabase {
    return OfflineDatabase.build(files, [], options.eager ?? false);
  }

  private static build(files: readonly AdvisoryFile[], problems: LoadProblem[], eager: boolean): OfflineDatabase {
    const stored: StoredFile[] = [];
    for (const file of files) {
      const format = formatOf(file.path);
      if (format === null) continue;
      stored.push({ path: file.path, format, text: stripBom(file.text), record: undefined });
    }
    const database = new OfflineDatabase(stored, problems);
    stored.forEach((file, index) => {
      const scanned = eager || file.text === null ? null : scanNames(file.text, file.format);
      const names = scanned ?? database.parsedNames(index);
      for (const name of names) database.index(name, index);
    });
    return database;
  }

  /** fileCount is the number of advisory files read (usable or not). */
  get fileCount(): number {
    return this.files.length;
  }

  /**
   * advisoriesFor returns every advisory with a PyPI `affected[]` entry for the package, sorted by id. An
   * id found in several files is returned once, the most recently modified copy.
   */
  advisoriesFor(name: string): OsvRecord[] {
    const wanted = normalizePackageName(name);
    const byId = new Map<string, OsvRecord>();
    for (const index of this.byName.get(wanted) ?? []) {
      const record = this.recordAt(index);
      if (record === null || !pypiPackagesOf(record).includes(wanted)) continue;
      const known = byId.get(record.id);
      if (known === undefined || newer(record, known)) byId.set(record.id, record);
    }
    return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** fetch returns, for each queried package (by normalised name), every advisory of that package. */
  async fetch(packages: readonly PackageQuery[]): Promise<SourceResult> {
    const advisories = new Map<string, OsvRecord[]>();
    for (const query of packages) {
      const name = normalizePackageName(query.name);
      if (!advisories.has(name)) advisories.set(name, this.advisoriesFor(name));
    }
    return { source: this.id, advisories };
  }

  private index(name: string, fileIndex: number): void {
    const list = this.byName.get(name);
    if (list === undefined) this.byName.set(name, [fileIndex]);
    else if (list[list.length - 1] !== fileIndex) list.push(fileIndex);
  }

  /** parsedNames parses a file now and lists the PyPI packages its record concerns. */
  private parsedNames(index: number): string[] {
    const record = this.recordAt(index);
    return record === null ? [] : pypiPackagesOf(record);
  }

  private recordAt(index: number): OsvRecord | null {
    const file = this.files[index] as StoredFile;
    if (file.record !== undefined) return file.record;
    const parsed = parseRecord(file.text ?? '', file.format);
    file.text = null;
    if ('problem' in parsed) {
      this.problems.push({ path: file.path, message: parsed.problem });
      file.record = null;
    } else {
      file.record = parsed.record;
    }
    return file.record;
  }
}

/** formatOf tells a file's format by its extension, or null for files that are not advisories. */
function formatOf(file: string): Format | null {
  const lower = file.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return null;
}

/**
 * readDirectory lists advisory files below a directory (`concurrency` directories at once) and reads them.
 * Hidden entries (`.git`, `.github`) are skipped: a clone of an advisory repository holds workflow YAML
 * that is not OSV.
 */
async function readDirectory(root: string, concurrency: number, problems: LoadProblem[]): Promise<AdvisoryFile[]> {
  const paths: string[] = [];
  let directories = [root];
  while (directories.length > 0) {
    const listed = await mapWithConcurrency(directories, concurrency, async (directory) => {
      try {
        return { directory, entries: await readdir(directory, { withFileTypes: true }) };
      } catch (error) {
        if (directory === root) {
          throw new AdvisorySourceError('offline-db', `cannot list ${root}: ${messageOf(error)}`, error);
        }
        problems.push({ path: directory, message: `cannot list the directory: ${messageOf(error)}` });
        return { directory, entries: [] };
      }
    });
    directories = [];
    for (const { directory, entries } of listed) {
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        const full = path.join(directory, entry.name);
        if (entry.isDirectory()) directories.push(full);
        else if ((entry.isFile() || entry.isSymbolicLink()) && formatOf(entry.name) !== null) paths.push(full);
      }
    }
  }
  paths.sort();
  // Files are read synchronously in small batches, yielding to the event loop between batches. Measured
  // on the PyPA database (2,661 files, 2 cores): 70–100 ms, against 300–550 ms for fs/promises reads at
  // any concurrency, whose four thread-pool round trips per file (open, fstat, read, close) dominate. A
  // batch blocks the event loop for a few milliseconds at most.
  const files: AdvisoryFile[] = [];
  for (let start = 0; start < paths.length; start += READ_BATCH) {
    for (const file of paths.slice(start, start + READ_BATCH)) {
      const text = readSmallFile(file, problems);
      if (text !== null) files.push({ path: file, text });
    }
    await yieldToEventLoop();
  }
  return files;
}

/** readSmallFile reads a file as UTF-8, or records a problem when it cannot be read or is too large. */
function readSmallFile(file: string, problems: LoadProblem[]): string | null {
  let descriptor: number | null = null;
  try {
    descriptor = openSync(file, 'r');
    if (fstatSync(descriptor).size > MAX_FILE_BYTES) {
      problems.push({ path: file, message: `larger than ${MAX_FILE_BYTES} bytes; skipped` });
      return null;
    }
    return readFileSync(descriptor, 'utf8');
  } catch (error) {
    problems.push({ path: file, message: `cannot read the file: ${messageOf(error)}` });
    return null;
  } finally {
    if (descriptor !== null) closeSync(descriptor);
  }
}

/** readZip reads the `.json`/`.yaml` entries of a zip archive (an OSV `all.zip`). */
async function readZip(zipPath: string, problems: LoadProblem[]): Promise<AdvisoryFile[]> {
  let entries: Record<string, Uint8Array>;
  try {
    const data = await readFile(zipPath);
    entries = unzipSync(data, {
      filter: (entry) => {
        if (entry.name.endsWith('/') || formatOf(entry.name) === null) return false;
        if (entry.originalSize > MAX_FILE_BYTES) {
          problems.push({ path: `${zipPath}!/${entry.name}`, message: `larger than ${MAX_FILE_BYTES} bytes; skipped` });
          return false;
        }
        return true;
      },
    });
  } catch (error) {
    const reason = `${zipPath} is neither a directory nor a readable zip archive: ${messageOf(error)}`;
    throw new AdvisorySourceError('offline-db', reason, error);
  }
  const decoder = new TextDecoder('utf-8');
  return Object.keys(entries)
    .sort()
    .map((name) => ({ path: `${zipPath}!/${name}`, text: decoder.decode(entries[name]) }));
}

type ParseResult = { record: OsvRecord } | { problem: string };

/** YAML_ANCHOR finds an anchor (`key: &a`, `- &a`) or alias (`key: *a`) in value position. */
const YAML_ANCHOR = /(?:^|[:\-[,])[ \t]+[&*][^\s,\]}]+/m;

/** parseRecord reads one file as an OSV record, or says why it is not one. */
function parseRecord(text: string, format: Format): ParseResult {
  let data: unknown;
  try {
    if (format === 'json') {
      data = JSON.parse(text);
    } else {
      // The failsafe schema keeps every scalar a string: OSV has only string values, and `fixed: 1.10`
      // must stay "1.10", not become the number 1.1. js-yaml parses the PyPA database ~10x faster than
      // the yaml package; a file with anchors (never seen in OSV data, but the shape of an alias bomb)
      // goes to the yaml package, whose alias limit refuses exponential expansion.
      if (YAML_ANCHOR.test(text)) {
        const document = parseDocument(text, { schema: 'failsafe' });
        const error = document.errors[0];
        if (error !== undefined) return { problem: `invalid YAML: ${firstLine(error.message)}` };
        data = document.toJS({ maxAliasCount: 100 });
      } else {
        data = jsYaml.load(text, { schema: jsYaml.FAILSAFE_SCHEMA }) ?? null;
      }
    }
  } catch (error) {
    return { problem: `invalid ${format === 'json' ? 'JSON' : 'YAML'}: ${firstLine(messageOf(error))}` };
  }
  const result = osvRecordSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'record';
    return { problem: `not an OSV record: ${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { record: result.data };
}

const YAML_NAME_LINE = /^[ \t]*(?:-[ \t]+)*name[ \t]*:(.*)$/gm;
const YAML_NAME_KEY = /\bname['"]?[ \t]*:/g;
const JSON_NAME = /"name"\s*:\s*"([^"\\]*)"/g;
const JSON_NAME_KEY = /"name"\s*:/g;

/**
 * scanNames lists the normalised values of every `name` key in a file's text without parsing it, or
 * returns null when some `name` key is written in a form the scan does not read (the file must then be
 * parsed). Values of other `name` keys (credits) only add harmless extra index entries.
 */
function scanNames(text: string, format: Format): string[] | null {
  const names: string[] = [];
  if (format === 'json') {
    for (const match of text.matchAll(JSON_NAME)) names.push(match[1] as string);
    if (names.length !== (text.match(JSON_NAME_KEY)?.length ?? 0)) return null;
  } else {
    for (const match of text.matchAll(YAML_NAME_LINE)) {
      const value = yamlScalar(match[1] as string);
      if (value === null) return null;
      names.push(value);
    }
    if (names.length !== (text.match(YAML_NAME_KEY)?.length ?? 0)) return null;
  }
  return [...new Set(names.map(normalizePackageName))];
}

/** yamlScalar reads a one-line plain or quoted YAML scalar, or null when it is anything else. */
function yamlScalar(raw: string): string | null {
  const value = raw.trim();
  if (value === '') return null;
  if (value.startsWith("'")) {
    const match = /^'((?:[^']|'')*)'(?:[ \t]+#.*)?$/.exec(value);
    return match ? (match[1] as string).replace(/''/g, "'") : null;
  }
  if (value.startsWith('"')) {
    const match = /^"([^"\\]*)"(?:[ \t]+#.*)?$/.exec(value);
    return match ? (match[1] as string) : null;
  }
  if (/^[&*!|>{[%@`#,?:-]/.test(value)) return null;
  const comment = value.search(/[ \t]#/);
  return comment === -1 ? value : value.slice(0, comment).trimEnd();
}

function newer(a: OsvRecord, b: OsvRecord): boolean {
  const timeA = Date.parse(a.modified);
  const timeB = Date.parse(b.modified);
  if (Number.isFinite(timeA) && Number.isFinite(timeB)) return timeA > timeB;
  return a.modified > b.modified;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/:$/, '').trim();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
