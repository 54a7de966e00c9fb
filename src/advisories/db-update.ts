/**
 * `pipwarden db update`: download OSV's PyPI export — every PyPI advisory in one zip
 * (https://google.github.io/osv.dev/data/#data-dumps) — for the offline advisory source.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AdvisorySourceError } from '../errors.js';
import type { HttpClient } from '../http/client.js';

/** OSV_PYPI_DUMP_URL is the default address of the OSV PyPI export. */
export const OSV_PYPI_DUMP_URL = 'https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip';

/** OFFLINE_DB_FILE is where the export is kept, relative to the cache folder. */
export const OFFLINE_DB_FILE = path.join('osv', 'PyPI-all.zip');

/** DownloadOptions say where from, where to, and through which HttpClient. */
export interface DownloadOptions {
  http: HttpClient;
  cacheDir: string;
  /** Default: the OSV PyPI export. */
  url?: string;
  /** Time limit of one download attempt (default 10 minutes: the archive is tens of MB). */
  timeoutMs?: number;
}

/** DownloadedDatabase is the file written and its size in bytes. */
export interface DownloadedDatabase {
  path: string;
  size: number;
}

/**
 * downloadOfflineDatabase fetches the export into `<cacheDir>/osv/PyPI-all.zip`. The bytes go to a
 * temporary file in the same folder that is renamed over the old archive only once complete and
 * checked to be a zip, so an interrupted or failed update leaves the previous database intact.
 * Failures are AdvisorySourceErrors of the `offline-db` source.
 */
export async function downloadOfflineDatabase(options: DownloadOptions): Promise<DownloadedDatabase> {
  const url = options.url ?? OSV_PYPI_DUMP_URL;
  const target = path.join(options.cacheDir, OFFLINE_DB_FILE);
  let bytes: Uint8Array;
  try {
    bytes = await options.http.getBytes(url, { timeoutMs: options.timeoutMs ?? 600_000 });
  } catch (error) {
    throw new AdvisorySourceError('offline-db', `download failed: ${messageOf(error)}`, error);
  }
  if (!looksLikeZip(bytes)) {
    throw new AdvisorySourceError(
      'offline-db',
      `download from ${url} is not a complete zip archive (${bytes.length} bytes); the previous database is kept`,
    );
  }
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(temporary, bytes);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new AdvisorySourceError('offline-db', `could not write ${target}: ${messageOf(error)}`, error);
  }
  return { path: target, size: bytes.length };
}

/**
 * looksLikeZip checks the signatures that a whole zip has (APPNOTE.TXT §4.3): a local file header or
 * an empty archive's end record at the start, and the end-of-central-directory record within the last
 * 64 KiB + 22 bytes — an HTML error page or a truncated download fails.
 */
export function looksLikeZip(bytes: Uint8Array): boolean {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return false;
  if (!((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))) return false;
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let index = bytes.length - 22; index >= stop; index--) {
    if (bytes[index] === 0x50 && bytes[index + 1] === 0x4b && bytes[index + 2] === 0x05 && bytes[index + 3] === 0x06) {
      return true;
    }
  }
  return false;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
