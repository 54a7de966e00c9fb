/**
 * OverlayRepoFiles is a tree with some files replaced (or added, or deleted): what the repository would
 * be after a remediation's edits. The verify stage re-audits it before anything is published.
 */
import { resolveInside } from './paths.js';
import type { FileListing, FileRead, RepoFiles } from './types.js';

const encoder = new TextEncoder();

/** OverlayRepoFiles reads `changes` first (null deletes a file) and everything else from `base`. */
export class OverlayRepoFiles implements RepoFiles {
  private readonly changes: Map<string, Uint8Array | null>;

  constructor(
    private readonly base: RepoFiles,
    changes: ReadonlyMap<string, string | null>,
  ) {
    this.changes = new Map([...changes].map(([p, c]) => [p, c === null ? null : encoder.encode(c)]));
  }

  async listFiles(): Promise<FileListing> {
    const listing = await this.base.listFiles();
    const files = listing.files.filter((f) => !this.changes.has(f.path));
    for (const [path, bytes] of this.changes) if (bytes) files.push({ path, size: bytes.byteLength });
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { files, virtualEnvs: listing.virtualEnvs };
  }

  async readFile(path: string): Promise<FileRead> {
    const inside = resolveInside(path);
    if (!inside.ok) return inside;
    if (this.changes.has(inside.path)) {
      const bytes = this.changes.get(inside.path);
      return bytes ? { ok: true, bytes } : { ok: false, error: 'file not found', missing: true };
    }
    return this.base.readFile(path);
  }

  async readAll(paths: readonly string[]): Promise<Map<string, FileRead>> {
    const fromBase = paths.filter((p) => !this.changes.has(p));
    const base = this.base.readAll ? await this.base.readAll(fromBase) : new Map(await Promise.all(fromBase.map(async (p) => [p, await this.base.readFile(p)] as const)));
    return new Map(await Promise.all(paths.map(async (p) => [p, this.changes.has(p) ? await this.readFile(p) : (base.get(p) ?? (await this.base.readFile(p)))] as const)));
  }
}
