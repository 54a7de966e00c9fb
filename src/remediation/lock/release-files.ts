/**
 * The files of the new release a lock will list, as every lock format needs them: a filename, the
 * sha256 digest (the only digest the locks record and installers check) and, for uv, the URL, size and
 * upload time. Yanked files (PEP 592) are left out; a file without a sha256 digest cannot be locked.
 */
import type { LockDistributionFile } from './types.js';

/** ReleaseFile is one lockable file of the new release. */
export interface ReleaseFile {
  filename: string;
  url: string;
  /** Lower-case hex. */
  sha256: string;
  size: number | null;
  uploadTime: string | null;
  kind: 'sdist' | 'wheel' | 'other';
}

/** ReleaseFiles are the lockable files, or why the release cannot be locked from them. */
export type ReleaseFiles = { ok: true; files: ReleaseFile[] } | { ok: false; reason: string };

const SDIST = /\.(tar\.gz|tgz|zip|tar\.bz2|tbz|tar\.xz|txz|tar)$/i;

/** releaseFiles picks the lockable files of a release, in the index's order. */
export function releaseFiles(files: readonly LockDistributionFile[], label: string): ReleaseFiles {
  const usable: ReleaseFile[] = [];
  const live = files.filter((file) => !file.yanked);
  if (live.length === 0) {
    return { ok: false, reason: files.length === 0 ? `the index lists no files for ${label}` : `every file of ${label} is yanked` };
  }
  for (const file of live) {
    const digest = file.digests['sha256']?.trim().toLowerCase();
    if (!digest || !/^[0-9a-f]{64}$/.test(digest)) {
      return { ok: false, reason: `the index gives no sha256 digest for ${file.filename}: its hash cannot be locked` };
    }
    usable.push({
      filename: file.filename,
      url: file.url,
      sha256: digest,
      size: typeof file.size === 'number' && Number.isSafeInteger(file.size) && file.size >= 0 ? file.size : null,
      uploadTime: file.uploadTime,
      kind: /\.whl$/i.test(file.filename) ? 'wheel' : file.packageType === 'sdist' || SDIST.test(file.filename) ? 'sdist' : 'other',
    });
  }
  return { ok: true, files: usable };
}

/** byFilename orders files as the lock tools write them: by filename, code point by code point. */
export function byFilename(a: { filename: string }, b: { filename: string }): number {
  return a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0;
}
