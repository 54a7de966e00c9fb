/**
 * FileStateStore: the embedded state store of a single app instance or the CLI, kept in one JSON file
 * under PIPWARDEN_CACHE_DIR. Node 20 has no built-in SQLite (`node:sqlite` arrived in Node 22.5), and a
 * native module would complicate installs, so the store is a JSON file:
 * - every change rewrites the file atomically: a temporary file in the same directory, renamed over the
 *   old one (rename is atomic on POSIX), so a crashed process leaves the old or the new state. There is
 *   no fsync (it made every claim cost ~20 ms): a power loss may lose the last writes, and a torn file
 *   is set aside as unreadable — the state is claims and memos, never the only copy of anything;
 * - operations on one file are serialised inside the process (all instances of the class share one
 *   queue per path), which makes `setIfAbsent` a real claim between concurrent callers;
 * - expired entries read as absent and are dropped at the next write.
 * It is not safe for several processes on one file: scale-out uses RedisStateStore (REDIS_URL).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JobLogger } from '../jobs/types.js';
import { checkKey, checkTtl } from './ttl.js';
import type { StateStore } from './types.js';

/** STATE_FILE_NAME is the file's name inside the cache directory. */
export const STATE_FILE_NAME = 'state.json';

/** FileStateStoreOptions: an injectable clock (tests) and where to report a corrupt file. */
export interface FileStateStoreOptions {
  /** The clock expiry is measured with, in ms since the epoch (default Date.now). */
  now?: () => number;
  /** Told when the file was unreadable and was set aside. */
  logger?: Pick<JobLogger, 'warn'>;
}

/** StateEntry is one stored value and when it expires. */
export interface StateEntry {
  value: string;
  /** ms since the epoch; null: never. */
  expiresAt: number | null;
}

/** What the file holds. `version` lets a later format be told apart. */
interface StateFile {
  version: 1;
  entries: Record<string, StateEntry>;
}

/** The in-process view of one file, shared by every FileStateStore on that path. */
interface FileSlot {
  /** The tail of the operations queue: each operation starts when the previous one has settled. */
  tail: Promise<unknown>;
  /** The entries as last read or written, with the file's identity then (null: not read yet). */
  entries: Map<string, StateEntry> | null;
  stamp: string;
}

const slots = new Map<string, FileSlot>();

/** FileStateStore implements StateStore on one JSON file; see the file's comment. */
export class FileStateStore implements StateStore {
  /** The JSON file's path. */
  readonly path: string;
  private readonly now: () => number;
  private readonly logger: Pick<JobLogger, 'warn'> | undefined;
  private readonly slot: FileSlot;

  /** The store lives in `<cacheDir>/state.json`; the directory is created on first write. */
  constructor(cacheDir: string, options: FileStateStoreOptions = {}) {
    this.path = path.resolve(cacheDir, STATE_FILE_NAME);
    this.now = options.now ?? Date.now;
    this.logger = options.logger;
    let slot = slots.get(this.path);
    if (!slot) {
      slot = { tail: Promise.resolve(), entries: null, stamp: '' };
      slots.set(this.path, slot);
    }
    this.slot = slot;
  }

  /** get returns the live value of `key`, or null. */
  get(key: string): Promise<string | null> {
    checkKey(key);
    return this.serialised(async () => {
      const entry = (await this.load()).get(key);
      return entry && this.live(entry) ? entry.value : null;
    });
  }

  /** set writes `key`, expiring after `ttlMs` when given. */
  set(key: string, value: string, ttlMs?: number): Promise<void> {
    checkKey(key);
    if (ttlMs !== undefined) checkTtl(ttlMs);
    return this.serialised(async () => {
      const entries = await this.load();
      entries.set(key, { value: String(value), expiresAt: ttlMs === undefined ? null : this.now() + ttlMs });
      await this.save(entries);
    });
  }

  /** setIfAbsent writes `key` only when it is absent or expired; true when it did. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    checkKey(key);
    checkTtl(ttlMs);
    return this.serialised(async () => {
      const entries = await this.load();
      const entry = entries.get(key);
      if (entry && this.live(entry)) return false;
      entries.set(key, { value: String(value), expiresAt: this.now() + ttlMs });
      await this.save(entries);
      return true;
    });
  }

  /** delete removes `key`. */
  delete(key: string): Promise<void> {
    checkKey(key);
    return this.serialised(async () => {
      const entries = await this.load();
      if (entries.delete(key)) await this.save(entries);
    });
  }

  /** close waits for the operations already asked for; the file needs no other cleanup. */
  async close(): Promise<void> {
    await this.slot.tail.catch(() => {});
  }

  private live(entry: StateEntry): boolean {
    return entry.expiresAt === null || entry.expiresAt > this.now();
  }

  /** serialised runs `operation` after every operation queued before it on this file, whatever their outcome. */
  private serialised<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.slot.tail.then(operation);
    this.slot.tail = result.catch(() => {});
    return result;
  }

  /**
   * load returns the entries, re-reading the file only when it changed since this process last saw it
   * (another process, or a user, may have replaced it).
   */
  private async load(): Promise<Map<string, StateEntry>> {
    const stamp = await fileStamp(this.path);
    if (this.slot.entries && stamp === this.slot.stamp) return this.slot.entries;
    const entries = stamp === '' ? new Map<string, StateEntry>() : await this.read();
    this.slot.entries = entries;
    this.slot.stamp = await fileStamp(this.path);
    return entries;
  }

  private async read(): Promise<Map<string, StateEntry>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (isNotFound(error)) return new Map();
      throw error;
    }
    const entries = parseStateFile(text);
    if (entries) return entries;
    // Unreadable: set it aside (never silently overwrite what a person may want to look at) and start empty.
    const aside = `${this.path}.corrupt-${this.now()}`;
    await rename(this.path, aside).catch(() => {});
    this.logger?.warn({ path: this.path, movedTo: aside }, 'state file unreadable: set aside, starting empty');
    return new Map();
  }

  private async save(entries: Map<string, StateEntry>): Promise<void> {
    const now = this.now();
    for (const [key, entry] of entries) if (entry.expiresAt !== null && entry.expiresAt <= now) entries.delete(key);
    const file: StateFile = { version: 1, entries: Object.fromEntries(entries) };
    await mkdir(path.dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, JSON.stringify(file), { encoding: 'utf8', mode: 0o600 });
      await rename(temporary, this.path);
    } catch (error) {
      await unlink(temporary).catch(() => {});
      // The file did not change: forget the in-memory edit so the next operation re-reads the truth.
      this.slot.entries = null;
      throw error;
    }
    this.slot.entries = entries;
    this.slot.stamp = await fileStamp(this.path);
  }
}

/**
 * parseStateFile reads the file's JSON; null when it is not a state file at all. Entries of the wrong
 * shape are skipped one by one, so one bad entry does not cost the others.
 */
export function parseStateFile(text: string): Map<string, StateEntry> | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(data) || data.version !== 1 || !isRecord(data.entries)) return null;
  const entries = new Map<string, StateEntry>();
  for (const [key, raw] of Object.entries(data.entries)) {
    if (!isRecord(raw) || typeof raw.value !== 'string') continue;
    const expiresAt = raw.expiresAt;
    if (expiresAt !== null && (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt))) continue;
    entries.set(key, { value: raw.value, expiresAt });
  }
  return entries;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

/** fileStamp identifies a version of the file (inode, size, modification time); '' when it does not exist. */
async function fileStamp(file: string): Promise<string> {
  try {
    const info = await stat(file, { bigint: true });
    return `${info.ino}:${info.size}:${info.mtimeNs}`;
  } catch (error) {
    if (isNotFound(error) || (error as { code?: unknown }).code === 'ENOTDIR') return '';
    throw error;
  }
}
