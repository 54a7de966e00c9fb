/**
 * readCommitTree lists a commit's files with the Git Trees API: one recursive request for almost every
 * repository. GitHub caps a recursive answer (100,000 entries / 7 MB, "Get a tree" docs) and then sets
 * `truncated`; the listing is then rebuilt folder by folder with non-recursive requests, skipping the
 * folders discovery ignores. The same folder rules as a local checkout apply (src/sources/ignored.ts):
 * ignored folders are left out, virtual environments (a `pyvenv.cfg`, or a venv's name with `bin`/`lib`)
 * are reported, not listed. Symbolic links (mode 120000) and submodules (type `commit`) are never
 * followed: their targets may lie outside the commit.
 */
import { z } from 'zod';
import { isIgnoredFolder, isVirtualEnv } from '../sources/ignored.js';
import type { FileListing, ListedFile } from '../sources/types.js';
import { GitHubApiError, type GitHubClient } from './octokit.js';

/** SYMLINK_MODE is Git's file mode of a symbolic link. */
const SYMLINK_MODE = '120000';

/** MAX_TREE_REQUESTS bounds the folder-by-folder fallback, so a giant monorepo cannot stall a job. */
export const MAX_TREE_REQUESTS = 2_000;

/** TREE_CONCURRENCY is how many folder requests the fallback keeps in flight. */
const TREE_CONCURRENCY = 8;

const treeSchema = z.object({
  sha: z.string(),
  truncated: z.boolean(),
  tree: z.array(
    z.object({
      path: z.string(),
      mode: z.string(),
      type: z.string(),
      sha: z.string(),
      size: z.number().optional(),
    }),
  ),
});

/** TreeEntry is one object of the tree, with its full path from the root. */
export interface TreeEntry {
  path: string;
  /** Git mode: 100644 / 100755 files, 120000 symlinks, 040000 folders, 160000 submodules. */
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  /** Blobs only. */
  size?: number;
}

/** PathLookup is what the tree says about a path before anything is fetched. */
export type PathLookup =
  | { kind: 'file'; entry: TreeEntry }
  | { kind: 'symlink'; link: string }
  | { kind: 'submodule'; submodule: string }
  | { kind: 'folder' }
  | { kind: 'missing' }
  /** In a folder the fallback listing did not open: ask GitHub. */
  | { kind: 'unknown' };

/** CommitTree is a commit's listing and everything needed to answer later reads without a request. */
export interface CommitTree {
  listing: FileListing;
  /** Plain sentences about how the listing was obtained (truncation, incompleteness), for the report. */
  notes: string[];
  lookup(path: string): PathLookup;
}

/** CommitRef names a commit of a repository. */
export interface CommitRef {
  owner: string;
  repo: string;
  /** The commit (or tree) SHA. */
  sha: string;
}

/** TreeOptions tune the fallback listing. */
export interface TreeOptions {
  /** Folder requests the fallback may make (default MAX_TREE_REQUESTS). */
  maxTreeRequests?: number;
}

/** readCommitTree lists the files of a commit (see the file comment for the rules). */
export async function readCommitTree(octokit: GitHubClient, ref: CommitRef, options: TreeOptions = {}): Promise<CommitTree> {
  const first = await getTree(octokit, ref, ref.sha, true);
  if (!first.truncated) {
    return buildTree(first.tree.filter(isKnownType), [], []);
  }
  return walkTree(octokit, ref, first.sha, options.maxTreeRequests ?? MAX_TREE_REQUESTS);
}

async function getTree(octokit: GitHubClient, ref: CommitRef, treeSha: string, recursive: boolean): Promise<z.infer<typeof treeSchema>> {
  try {
    const response = await octokit.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
      owner: ref.owner,
      repo: ref.repo,
      tree_sha: treeSha,
      ...(recursive ? { recursive: '1' } : {}),
    });
    return treeSchema.parse(response.data);
  } catch (error) {
    throw new GitHubApiError(`cannot list the files of ${ref.owner}/${ref.repo}@${ref.sha.slice(0, 12)}`, error);
  }
}

function isKnownType(entry: { type: string }): entry is TreeEntry {
  return entry.type === 'blob' || entry.type === 'tree' || entry.type === 'commit';
}

/** A venv folder that discovery also ignores (`.venv`, `venv`) is opened to tell; other ignored ones are not. */
function hasVirtualEnvName(name: string): boolean {
  // isVirtualEnv holds for a venv-named folder holding `bin` and `lib`: i.e. when the name is a venv name.
  return isVirtualEnv(name, new Set(['bin', 'lib']));
}

/**
 * walkTree rebuilds a truncated listing one folder at a time (non-recursive requests), never opening a
 * folder discovery ignores, and stops after `maxRequests` requests.
 */
async function walkTree(octokit: GitHubClient, ref: CommitRef, rootSha: string, maxRequests: number): Promise<CommitTree> {
  const entries: TreeEntry[] = [];
  const unopened: string[] = [];
  const pending: Array<{ folder: string; sha: string }> = [{ folder: '', sha: rootSha }];
  let requests = 1;
  const capped: string[] = [];
  while (pending.length > 0) {
    const wave = pending.splice(0, TREE_CONCURRENCY);
    const answers = await Promise.all(wave.map((item) => getTree(octokit, ref, item.sha, false)));
    wave.forEach((item, i) => {
      const listed = (answers[i]?.tree ?? []).filter(isKnownType);
      // A virtual environment is reported, not entered: its own folders are not opened.
      const isVenv = item.folder !== '' && isVirtualEnv(baseName(item.folder), new Set(listed.map((e) => e.path)));
      for (const raw of listed) {
        const entry: TreeEntry = { ...raw, path: item.folder === '' ? raw.path : `${item.folder}/${raw.path}` };
        entries.push(entry);
        if (entry.type !== 'tree') continue;
        if (isVenv || (isIgnoredFolder(baseName(entry.path)) && !hasVirtualEnvName(baseName(entry.path)))) {
          unopened.push(entry.path);
        } else if (requests >= maxRequests) {
          capped.push(entry.path);
          unopened.push(entry.path);
        } else {
          requests += 1;
          pending.push({ folder: entry.path, sha: entry.sha });
        }
      }
    });
  }
  const notes = [
    `GitHub truncated the recursive listing of ${ref.owner}/${ref.repo}@${ref.sha.slice(0, 12)} (too many files); ` +
      `it was read folder by folder in ${requests} requests, skipping ignored folders.`,
  ];
  if (capped.length > 0) {
    notes.push(
      `The listing stopped after ${maxRequests} folder requests: ${capped.length} folder(s) were not listed ` +
        `(${capped.slice(0, 5).join(', ')}${capped.length > 5 ? ', …' : ''}); dependency files in them were not audited.`,
    );
  }
  return buildTree(entries, unopened, notes);
}

function baseName(filePath: string): string {
  const slash = filePath.lastIndexOf('/');
  return slash === -1 ? filePath : filePath.slice(slash + 1);
}

function parentOf(filePath: string): string {
  const slash = filePath.lastIndexOf('/');
  return slash === -1 ? '' : filePath.slice(0, slash);
}

/** buildTree applies the folder rules to the entries and indexes them for lookups. */
function buildTree(entries: TreeEntry[], unopened: string[], notes: string[]): CommitTree {
  const byPath = new Map<string, TreeEntry>();
  const children = new Map<string, TreeEntry[]>();
  for (const entry of entries) {
    byPath.set(entry.path, entry);
    const parent = parentOf(entry.path);
    const list = children.get(parent);
    if (list) list.push(entry);
    else children.set(parent, [entry]);
  }

  const files: ListedFile[] = [];
  const virtualEnvs: string[] = [];
  // Iterative walk from the root, as LocalRepoFiles does: a venv is reported before the ignore rule.
  const stack = [''];
  while (stack.length > 0) {
    const folder = stack.pop() ?? '';
    for (const entry of children.get(folder) ?? []) {
      if (entry.type === 'tree') {
        const name = baseName(entry.path);
        const childNames = new Set((children.get(entry.path) ?? []).map((c) => baseName(c.path)));
        if (isVirtualEnv(name, childNames)) virtualEnvs.push(entry.path);
        else if (!isIgnoredFolder(name)) stack.push(entry.path);
      } else if (entry.type === 'blob' && entry.mode !== SYMLINK_MODE) {
        files.push({ path: entry.path, size: entry.size ?? 0 });
      }
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  virtualEnvs.sort();

  const unopenedSet = new Set(unopened);
  const lookup = (filePath: string): PathLookup => {
    const entry = byPath.get(filePath);
    if (entry) {
      if (entry.type === 'tree') return { kind: 'folder' };
      if (entry.type === 'commit') return { kind: 'submodule', submodule: entry.path };
      if (entry.mode === SYMLINK_MODE) return { kind: 'symlink', link: entry.path };
      return { kind: 'file', entry };
    }
    // The nearest listed ancestor says why the path is absent.
    for (let folder = parentOf(filePath); folder !== ''; folder = parentOf(folder)) {
      if (unopenedSet.has(folder)) return { kind: 'unknown' };
      const ancestor = byPath.get(folder);
      if (!ancestor) continue;
      if (ancestor.type === 'commit') return { kind: 'submodule', submodule: ancestor.path };
      if (ancestor.type === 'blob' && ancestor.mode === SYMLINK_MODE) return { kind: 'symlink', link: ancestor.path };
      return { kind: 'missing' };
    }
    return { kind: 'missing' };
  };
  return { listing: { files, virtualEnvs }, notes, lookup };
}
