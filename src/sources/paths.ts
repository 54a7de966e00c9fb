/**
 * Path rules shared by every RepoFiles: what may be read, and how big it may be.
 */
import path from 'node:path';

/** MAX_FILE_BYTES is the largest dependency file read (5 MB): larger ones are reported, not parsed. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** tooLargeMessage is the problem reported for a file over MAX_FILE_BYTES. */
export function tooLargeMessage(size: number): string {
  return `file is ${(size / 1024 / 1024).toFixed(1)} MB, over the 5 MB limit; not read`;
}

/**
 * resolveInside normalises a relative POSIX path and refuses one that leaves the root (`../x`, `/etc/x`,
 * `C:\x`), so a hostile include can never read outside the audited tree.
 */
export function resolveInside(relativePath: string): { ok: true; path: string } | { ok: false; error: string } {
  if (relativePath.includes('\0')) return { ok: false, error: 'path contains a NUL byte' };
  const posix = relativePath.replace(/\\/g, '/');
  if (path.posix.isAbsolute(posix) || /^[A-Za-z]:\//.test(posix)) {
    return { ok: false, error: `absolute path "${relativePath}" is outside the audited folder` };
  }
  const normalized = path.posix.normalize(posix);
  if (normalized === '..' || normalized.startsWith('../')) {
    return { ok: false, error: `path "${relativePath}" leaves the audited folder` };
  }
  return { ok: true, path: normalized === '.' ? '' : normalized };
}

/** joinRelative resolves `target` (as written in a file) against the folder of `from`. */
export function joinRelative(from: string, target: string): string {
  return path.posix.join(path.posix.dirname(from), target.replace(/\\/g, '/'));
}
