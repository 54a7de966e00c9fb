/**
 * A cache of full OSV records. The OSV API's querybatch answers only `{id, modified}` per advisory
 * (https://google.github.io/osv.dev/post-v1-querybatch/); a record already fetched with the same
 * `modified` is reused instead of asking `GET /v1/vulns/{id}` again.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { osvRecordSchema, type OsvRecord } from './types.js';

/** OsvRecordCache keeps OSV records by id; `get` answers only when the record has the given `modified`. */
export interface OsvRecordCache {
  get(id: string, modified: string): Promise<OsvRecord | undefined>;
  put(record: OsvRecord): Promise<void>;
}

/** SAFE_ID is what an OSV id may look like to become a file name (e.g. `GHSA-xxxx-xxxx-xxxx`, `PYSEC-2021-66`). */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * DiskOsvRecordCache stores each record as `<dir>/osv/<id>.json`. Writes go to a temporary file that
 * is renamed into place, so a crash or a concurrent run never leaves half a record; a file that is
 * unreadable or not a valid OSV record is treated as a miss.
 */
export class DiskOsvRecordCache implements OsvRecordCache {
  private readonly folder: string;

  constructor(dir: string) {
    this.folder = path.join(dir, 'osv');
  }

  async get(id: string, modified: string): Promise<OsvRecord | undefined> {
    const file = this.fileOf(id);
    if (!file) return undefined;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const parsed = osvRecordSchema.safeParse(JSON.parse(text));
      if (!parsed.success || parsed.data.id !== id) return undefined;
      return sameTimestamp(parsed.data.modified, modified) ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  async put(record: OsvRecord): Promise<void> {
    const file = this.fileOf(record.id);
    if (!file) return;
    await mkdir(this.folder, { recursive: true });
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, JSON.stringify(record));
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  /** fileOf is the file of an id, or undefined for an id that could not safely be a file name. */
  private fileOf(id: string): string | undefined {
    return SAFE_ID.test(id) && id.length <= 200 ? path.join(this.folder, `${id}.json`) : undefined;
  }
}

/** MemoryOsvRecordCache keeps records in a Map: for tests, and for one process that runs many audits. */
export class MemoryOsvRecordCache implements OsvRecordCache {
  readonly records = new Map<string, OsvRecord>();

  async get(id: string, modified: string): Promise<OsvRecord | undefined> {
    const record = this.records.get(id);
    return record && sameTimestamp(record.modified, modified) ? record : undefined;
  }

  async put(record: OsvRecord): Promise<void> {
    this.records.set(record.id, record);
  }
}

/** NO_OSV_CACHE is an OsvRecordCache that remembers nothing. */
export const NO_OSV_CACHE: OsvRecordCache = {
  get: async () => undefined,
  put: async () => undefined,
};

/**
 * sameTimestamp compares two RFC 3339 timestamps as instants, fraction digits included: the API may
 * write `…:39.989396Z` in one place and `…:39.9893960Z` or `+00:00` in another.
 */
export function sameTimestamp(a: string, b: string): boolean {
  if (a === b) return true;
  const left = splitTimestamp(a);
  const right = splitTimestamp(b);
  return left !== null && right !== null && left.seconds === right.seconds && left.fraction === right.fraction;
}

function splitTimestamp(value: string): { seconds: number; fraction: string } | null {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i.exec(value.trim());
  if (!match) return null;
  const seconds = Date.parse(`${match[1]}${match[3]?.toUpperCase() ?? 'Z'}`);
  if (Number.isNaN(seconds)) return null;
  return { seconds, fraction: (match[2] ?? '').replace(/0+$/, '') };
}
