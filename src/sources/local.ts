/**
 * LocalRepoFiles reads a folder on disk: what the CLI audits.
 */
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isIgnoredFolder, isVirtualEnv } from './ignored.js';
import { MAX_FILE_BYTES, resolveInside, tooLargeMessage } from './paths.js';
import type { FileListing, FileRead, ListedFile, RepoFiles } from './types.js';

/** LocalRepoFiles is a RepoFiles over a folder of the local file system. */
export class LocalRepoFiles implements RepoFiles {
  private readonly root: string;
  private realRoot: string | undefined;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async listFiles(): Promise<FileListing> {
    const files: ListedFile[] = [];
    const virtualEnvs: string[] = [];
    // Iterative walk: deep trees cannot overflow the stack, and symlinked folders are never entered,
    // so a link cycle cannot loop.
    const pending: string[] = [''];
    while (pending.length > 0) {
      const relative = pending.pop() ?? '';
      const entries = await readdir(path.join(this.root, relative), { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
        if (entry.isDirectory()) {
          const childNames = await readdir(path.join(this.root, child)).catch(() => [] as string[]);
          if (isVirtualEnv(entry.name, new Set(childNames))) {
            virtualEnvs.push(child);
            continue;
          }
          if (!isIgnoredFolder(entry.name)) pending.push(child);
        } else if (entry.isFile() || entry.isSymbolicLink()) {
          const info = await stat(path.join(this.root, child)).catch(() => undefined);
          if (info?.isFile()) files.push({ path: child, size: info.size });
        }
      }
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    virtualEnvs.sort();
    return { files, virtualEnvs };
  }

  async readFile(relativePath: string): Promise<FileRead> {
    const inside = resolveInside(relativePath);
    if (!inside.ok) return inside;
    const absolute = path.join(this.root, inside.path);
    try {
      const info = await lstat(absolute);
      if (info.isSymbolicLink()) {
        // A symlink may point anywhere: follow it only when its target stays inside the root.
        this.realRoot ??= await realpath(this.root);
        const target = await realpath(absolute);
        if (target !== this.realRoot && !target.startsWith(this.realRoot + path.sep)) {
          return { ok: false, error: 'symbolic link points outside the audited folder; not read' };
        }
      }
      const size = (await stat(absolute)).size;
      if (size > MAX_FILE_BYTES) return { ok: false, error: tooLargeMessage(size) };
      return { ok: true, bytes: await readFile(absolute) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, error: 'file not found', missing: true };
      return { ok: false, error: `cannot read file (${code ?? 'error'})` };
    }
  }
}
