/**
 * MemoryRepoFiles is a RepoFiles over files already in memory: a commit's dependency files fetched from
 * GitHub, or a test's fixture tree. It applies the same rules as the local folder (ignored folders,
 * size limit, no escaping the root).
 */
import { isIgnoredFolder } from './ignored.js';
import { MAX_FILE_BYTES, resolveInside, tooLargeMessage } from './paths.js';
import type { FileListing, FileRead, RepoFiles } from './types.js';

const encoder = new TextEncoder();

/** MemoryRepoFiles serves a map of path → content. */
export class MemoryRepoFiles implements RepoFiles {
  private readonly files: Map<string, Uint8Array>;

  constructor(files: Record<string, string | Uint8Array> | Map<string, string | Uint8Array>) {
    const entries = files instanceof Map ? [...files.entries()] : Object.entries(files);
    this.files = new Map(entries.map(([p, c]) => [p, typeof c === 'string' ? encoder.encode(c) : c]));
  }

  async listFiles(): Promise<FileListing> {
    const virtualEnvs = new Set<string>();
    const files = [];
    for (const [filePath, bytes] of this.files) {
      const parts = filePath.split('/');
      const venvAt = parts.findIndex((_, i) => this.files.has([...parts.slice(0, i), 'pyvenv.cfg'].join('/')) && i > 0);
      if (venvAt > 0) {
        virtualEnvs.add(parts.slice(0, venvAt).join('/'));
        continue;
      }
      if (parts.slice(0, -1).some(isIgnoredFolder)) continue;
      files.push({ path: filePath, size: bytes.byteLength });
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { files, virtualEnvs: [...virtualEnvs].sort() };
  }

  async readFile(relativePath: string): Promise<FileRead> {
    const inside = resolveInside(relativePath);
    if (!inside.ok) return inside;
    const bytes = this.files.get(inside.path);
    if (!bytes) return { ok: false, error: 'file not found', missing: true };
    if (bytes.byteLength > MAX_FILE_BYTES) {
      return { ok: false, error: tooLargeMessage(bytes.byteLength) };
    }
    return { ok: true, bytes };
  }
}
