/**
 * Commits made through GitHub's Git Data API, never with a local git: a tree on top of the base commit's
 * tree (`POST /repos/{owner}/{repo}/git/trees` with `base_tree`), a commit with the base as its one
 * parent (`POST …/git/commits`), then the branch pointed at it (`POST …/git/refs` to create it, `PATCH
 * …/git/refs/heads/{branch}` with `force` to rewrite it). No author, committer or signature is sent:
 * GitHub then authors the commit as the app and signs it ("Verified"), which branch protection rules
 * requiring signed commits accept (GitHub docs, "About commit signature verification", commits made
 * by GitHub Apps through the REST API).
 *
 * Text files travel inline in the tree entries (`content`); a file larger than INLINE_CONTENT_LIMIT is
 * first stored with `POST …/git/blobs` so no single request grows without bound. A `null` content
 * deletes the path (a tree entry with `sha: null`, "Create a tree" docs).
 */
import { PipwardenError } from '../errors.js';
import { GitHubApiError, githubErrorMessage, httpStatusOf, type GitHubClient } from './octokit.js';

/** INLINE_CONTENT_LIMIT is the largest file (in UTF-16 code units) sent inline in the tree request. */
export const INLINE_CONTENT_LIMIT = 256 * 1024;

/** RepoRef names a repository. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** FileChange is a file's new content; `null` deletes it. */
export interface FileChange {
  /** Path from the repository root, `/`-separated. */
  path: string;
  /** The whole new text (line endings as they must be committed), or null to delete the file. */
  content: string | null;
  /** Git file mode (default `100644`; `100755` keeps an executable script executable). */
  mode?: '100644' | '100755';
}

/** CommitInput is a commit to make on top of `baseSha`. */
export interface CommitInput extends RepoRef {
  /** The parent commit: the new commit holds its tree with `files` applied. */
  baseSha: string;
  message: string;
  files: readonly FileChange[];
}

/** CreatedCommit is a commit that exists in the repository but that no branch may point at yet. */
export interface CreatedCommit {
  sha: string;
  treeSha: string;
}

/** createCommit stores the files and a commit on top of `baseSha`; it moves no branch. */
export async function createCommit(octokit: GitHubClient, input: CommitInput): Promise<CreatedCommit> {
  const { owner, repo } = input;
  const where = `${owner}/${repo}`;
  if (input.files.length === 0) throw new PipwardenError('github', `nothing to commit on ${where}: no file changes`);
  const base = await octokit
    .request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { owner, repo, commit_sha: input.baseSha })
    .catch((error: unknown) => {
      throw new GitHubApiError(`cannot read commit ${input.baseSha.slice(0, 12)} of ${where}`, error);
    });
  const baseTree = base.data.tree.sha;

  const entries: Array<{ path: string; mode: '100644' | '100755'; type: 'blob'; sha?: string | null; content?: string }> = [];
  for (const file of input.files) {
    const mode = file.mode ?? '100644';
    if (file.content === null) {
      entries.push({ path: file.path, mode, type: 'blob', sha: null });
    } else if (file.content.length > INLINE_CONTENT_LIMIT) {
      const blob = await octokit
        .request('POST /repos/{owner}/{repo}/git/blobs', { owner, repo, content: file.content, encoding: 'utf-8' })
        .catch((error: unknown) => {
          throw new GitHubApiError(`cannot store ${file.path} in ${where}`, error);
        });
      entries.push({ path: file.path, mode, type: 'blob', sha: blob.data.sha });
    } else {
      entries.push({ path: file.path, mode, type: 'blob', content: file.content });
    }
  }

  const tree = await octokit.request('POST /repos/{owner}/{repo}/git/trees', { owner, repo, base_tree: baseTree, tree: entries }).catch((error: unknown) => {
    throw new GitHubApiError(`cannot create the tree of ${input.files.map((f) => f.path).join(', ')} on ${where}`, error);
  });
  if (tree.data.sha === baseTree) {
    // An empty commit would open a pull request with no change (GitHub refuses: "No commits between").
    throw new PipwardenError('github', `nothing to commit on ${where}: ${input.files.map((f) => f.path).join(', ')} already hold this content`);
  }
  const commit = await octokit
    .request('POST /repos/{owner}/{repo}/git/commits', { owner, repo, message: input.message, tree: tree.data.sha, parents: [input.baseSha] })
    .catch((error: unknown) => {
      throw new GitHubApiError(`cannot create the commit on ${where}`, error);
    });
  return { sha: commit.data.sha, treeSha: tree.data.sha };
}

/** BranchTarget is a branch (name without `refs/heads/`) and the commit it must point at. */
export interface BranchTarget extends RepoRef {
  branch: string;
  sha: string;
}

/**
 * pointBranch makes `branch` point at `sha`, creating it or force-moving it: only ever call it on
 * pipwarden's own branches. `expected` says which request to try first (`new`: create, `existing`: move);
 * when GitHub answers that the branch does (or does not) exist after all — a crash half-way, a branch
 * deleted by a person — the other one is made. Returns what happened.
 */
export async function pointBranch(octokit: GitHubClient, target: BranchTarget, expected: 'new' | 'existing'): Promise<'created' | 'updated'> {
  const { owner, repo, branch, sha } = target;
  const create = (): Promise<'created'> =>
    octokit.request('POST /repos/{owner}/{repo}/git/refs', { owner, repo, ref: `refs/heads/${branch}`, sha }).then(() => 'created' as const);
  const update = (): Promise<'updated'> =>
    octokit.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', { owner, repo, ref: `heads/${branch}`, sha, force: true }).then(() => 'updated' as const);
  const [first, second, retryWhen] = expected === 'new' ? [create, update, /already exists/i] : [update, create, /does not exist|not found/i];
  try {
    return await first();
  } catch (error) {
    const status = httpStatusOf(error);
    if ((status === 422 || status === 404) && retryWhen.test(githubErrorMessage(error))) {
      return await second().catch((again: unknown) => {
        throw new GitHubApiError(`cannot point branch ${branch} of ${owner}/${repo} at ${sha.slice(0, 12)}`, again);
      });
    }
    throw new GitHubApiError(`cannot point branch ${branch} of ${owner}/${repo} at ${sha.slice(0, 12)}`, error);
  }
}

/** CommitFilesInput is a commit to make and the branch to put it on. */
export interface CommitFilesInput extends CommitInput {
  branch: string;
  /** Whether the branch is expected to exist already (default false): which ref request is tried first. */
  branchExists?: boolean;
}

/** CommittedFiles is the commit made and whether its branch was created or moved. */
export interface CommittedFiles extends CreatedCommit {
  branch: 'created' | 'updated';
}

/**
 * commitFiles commits `files` on top of `baseSha` and points `branch` at the commit: one commit whose
 * parent is the base, so rewriting pipwarden's branch is a rebase onto the current base.
 */
export async function commitFiles(octokit: GitHubClient, input: CommitFilesInput): Promise<CommittedFiles> {
  const commit = await createCommit(octokit, input);
  const branch = await pointBranch(octokit, { owner: input.owner, repo: input.repo, branch: input.branch, sha: commit.sha }, input.branchExists ? 'existing' : 'new');
  return { ...commit, branch };
}

/** deleteBranch removes a branch; false when it was already gone (GitHub answers 422 "Reference does not exist"). */
export async function deleteBranch(octokit: GitHubClient, target: RepoRef & { branch: string }): Promise<boolean> {
  const { owner, repo, branch } = target;
  try {
    await octokit.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', { owner, repo, ref: `heads/${branch}` });
    return true;
  } catch (error) {
    const status = httpStatusOf(error);
    if (status === 404 || (status === 422 && /does not exist/i.test(githubErrorMessage(error)))) return false;
    throw new GitHubApiError(`cannot delete branch ${branch} of ${owner}/${repo}`, error);
  }
}
