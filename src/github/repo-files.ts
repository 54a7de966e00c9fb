/**
 * GitHubRepoFiles reads one commit of a GitHub repository cheaply: the listing is one Git Trees
 * request, and the first read fetches every dependency file of the listing at once (one GraphQL query
 * per 100 files), so auditing a repository usually costs two requests whatever its size. Later reads
 * (files reached by `-r` that are not named like dependency files, Python files for the code scanner)
 * are batched the same way. Answers are cached: a file is fetched at most once.
 */
import { createHash } from 'node:crypto';
import { formatForPath } from '../manifests/registry.js';
import { MAX_FILE_BYTES, resolveInside, tooLargeMessage } from '../sources/paths.js';
import type { FileListing, FileRead, RepoFiles } from '../sources/types.js';
import { readBlobs, type BlobTarget } from './blobs.js';
import { readCommitTree, type CommitRef, type CommitTree, type TreeOptions } from './git-tree.js';
import type { GitHubClient } from './octokit.js';

/** INCLUDE_LIKE matches the names files reached by `-r`/`-c` usually have. */
const INCLUDE_LIKE = /\.(txt|in|pip)$/i;

/** GitHubRepoFilesOptions tune the reader; the defaults suit the app. */
export type GitHubRepoFilesOptions = TreeOptions;

/** GitHubRepoFiles is a RepoFiles over one commit (owner, repo, commit SHA) read through the GitHub API. */
export class GitHubRepoFiles implements RepoFiles {
  private tree: Promise<CommitTree> | undefined;
  private prefetched = false;
  private readonly reads = new Map<string, Promise<FileRead>>();
  private readonly ref: CommitRef;

  /** `ref.sha` is the commit audited; every read is of that commit, whatever happens to branches. */
  constructor(
    private readonly octokit: GitHubClient,
    ref: CommitRef,
    private readonly options: GitHubRepoFilesOptions = {},
  ) {
    this.ref = { ...ref };
  }

  /**
   * notes are plain sentences about how the listing was obtained (GitHub truncated it, it is
   * incomplete), for the report's errors; empty for an ordinary repository. Read after listFiles.
   */
  async notes(): Promise<string[]> {
    return (await this.commitTree()).notes;
  }

  /**
   * dependencyFingerprint is a hash of the paths and Git blob ids of the files an audit may read: every
   * file discovery reads by name, and every `.txt`, `.in` and `.pip` file (the usual names of files
   * reached by `-r`/`-c`). Equal fingerprints mean equal dependency files, so a job can skip an audit
   * without reading anything; it costs only the listing. A file included under another extension is
   * not covered: a change to it alone leaves the fingerprint as it was.
   */
  async dependencyFingerprint(): Promise<string> {
    const tree = await this.commitTree();
    const hash = createHash('sha256');
    for (const file of tree.listing.files) {
      if (!formatForPath(file.path) && !INCLUDE_LIKE.test(file.path)) continue;
      const known = tree.lookup(file.path);
      hash.update(`${file.path}\0${known.kind === 'file' ? known.entry.sha : ''}\n`);
    }
    return hash.digest('hex');
  }

  async listFiles(): Promise<FileListing> {
    const { listing } = await this.commitTree();
    return { files: listing.files.map((f) => ({ ...f })), virtualEnvs: [...listing.virtualEnvs] };
  }

  async readFile(relativePath: string): Promise<FileRead> {
    const [read] = await this.readMany([relativePath]);
    return read ?? { ok: false, error: 'file not found', missing: true };
  }

  /**
   * readAll reads many files (the code scanner's Python files) in as few requests as readFile's
   * first batch; the map is keyed by the paths as given.
   */
  async readAll(paths: readonly string[]): Promise<Map<string, FileRead>> {
    const reads = await this.readMany(paths);
    return new Map(paths.map((p, i) => [p, reads[i] ?? { ok: false, error: 'file not found', missing: true }]));
  }

  private commitTree(): Promise<CommitTree> {
    this.tree ??= readCommitTree(this.octokit, this.ref, this.options);
    return this.tree;
  }

  private async readMany(paths: readonly string[]): Promise<FileRead[]> {
    const tree = await this.commitTree().catch((error: unknown) => error as Error);
    if (tree instanceof Error) {
      // Without a listing nothing can be read; say why on every file (RepoFiles never throws per file).
      return paths.map(() => ({ ok: false, error: tree.message }));
    }
    const immediate = new Map<string, FileRead>();
    const toFetch = new Map<string, BlobTarget>();
    const resolved = paths.map((p) => {
      const inside = resolveInside(p);
      if (!inside.ok) return { path: p, read: { ok: false, error: inside.error } as FileRead };
      const path = inside.path;
      if (this.reads.has(path) || toFetch.has(path)) return { path };
      const known = tree.lookup(path);
      switch (known.kind) {
        case 'file':
          if ((known.entry.size ?? 0) > MAX_FILE_BYTES) immediate.set(path, { ok: false, error: tooLargeMessage(known.entry.size ?? 0) });
          else toFetch.set(path, known.entry.size === undefined ? { path } : { path, size: known.entry.size });
          break;
        case 'unknown':
          toFetch.set(path, { path });
          break;
        case 'symlink':
          immediate.set(path, {
            ok: false,
            error: known.link === path ? 'symbolic link; not followed' : `path goes through the symbolic link "${known.link}"; not followed`,
          });
          break;
        case 'submodule':
          immediate.set(path, { ok: false, error: `inside the git submodule "${known.submodule}"; submodules are not read` });
          break;
        case 'folder':
          immediate.set(path, { ok: false, error: 'is a folder, not a file' });
          break;
        case 'missing':
          immediate.set(path, { ok: false, error: 'file not found', missing: true });
          break;
      }
      return { path };
    });
    for (const [path, read] of immediate) this.reads.set(path, Promise.resolve(read));
    if (!this.prefetched) {
      // The first read brings every dependency file of the listing along in the same batch.
      this.prefetched = true;
      for (const file of tree.listing.files) {
        if (!this.reads.has(file.path) && !toFetch.has(file.path) && file.size <= MAX_FILE_BYTES && formatForPath(file.path)) {
          toFetch.set(file.path, { path: file.path, size: file.size });
        }
      }
    }
    if (toFetch.size > 0) {
      // readBlobs does not throw; the catch keeps an unexpected bug from failing every read with it.
      const batch = readBlobs(this.octokit, this.ref, [...toFetch.values()]).catch(
        (error: unknown) => new Map<string, FileRead>([...toFetch.keys()].map((p) => [p, { ok: false, error: `cannot read from GitHub: ${(error as Error).message}` }])),
      );
      for (const path of toFetch.keys()) {
        this.reads.set(path, batch.then((results) => results.get(path) ?? { ok: false, error: 'GitHub did not answer for this file' }));
      }
    }
    return Promise.all(
      resolved.map((r) => ('read' in r && r.read ? r.read : (this.reads.get(r.path) ?? Promise.resolve<FileRead>({ ok: false, error: 'file not found', missing: true })))),
    );
  }
}
