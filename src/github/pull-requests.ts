/**
 * Publishing remediation pull requests, idempotently. A pull request is pipwarden's when its body
 * carries the group marker (`<!-- pipwarden:group:<id> -->`, src/remediation/pull-request.ts); the plan
 * marker (`<!-- pipwarden:plan:<hash> -->`) says which target versions it proposes. publishPullRequest
 * compares what GitHub has with the desired pull request and makes the one write that closes the gap:
 *
 * - no pull request for the group: claim `pr:<owner>/<repo>:<group>:<plan>` in the StateStore (so a
 *   redelivered webhook or a second app instance never opens a second one), commit, open it, then add
 *   labels, reviewers and assignees;
 * - open, same plan: nothing — unless GitHub reports it `dirty` (conflicts) or `behind` (the base must be
 *   merged first) and the base moved since its commit, then its commit is made again on the current
 *   base (`desired.baseSha`, the files edited from it) and the branch force-moved;
 * - open, another plan: the same pull request is updated (a new commit on its branch, new title and body);
 * - closed without merging by a person, same plan: left closed — their "no" is about these versions;
 * - closed with another plan (or merged, or closed by pipwarden itself): a new pull request is allowed.
 *
 * pipwarden's branch holds one commit on top of the base, so rewriting it is a rebase. A branch that
 * holds commits by anyone else (a person fixing the tests) is never force-moved: the result says so.
 * Found by marker, never by title: a renamed pull request is still pipwarden's, and a person's pull
 * request that mentions the same packages is never touched.
 */
import { groupMarker, planMarker, readPullRequestMarkers } from '../remediation/pull-request.js';
import type { StateStore } from '../state/types.js';
import { commitFiles, deleteBranch, type FileChange, type RepoRef } from './commits.js';
import { ensureLabels } from './labels.js';
import { GitHubApiError, githubErrorMessage, type GitHubClient } from './octokit.js';

/** PR_CLAIM_TTL_MS is how long a claim to open a pull request holds: long enough for a slow commit, short enough that a crash does not block the group for long. */
export const PR_CLAIM_TTL_MS = 10 * 60_000;

/** MAX_LIST_PAGES bounds the listing of pull requests (100 per page). */
export const MAX_LIST_PAGES = 30;

/** REBASE_STATES are GitHub's `mergeable_state` values that make pipwarden rebase its own pull request. */
export const REBASE_STATES: readonly string[] = ['dirty', 'behind'];

/**
 * DesiredPullRequest is the pull request one remediation group should have: what
 * `renderPullRequest` draws (branch, title, body with both markers, labels), the repository settings
 * (reviewers, assignees) and the edited files with the commit they apply to.
 */
export interface DesiredPullRequest extends RepoRef {
  /** The remediation group's id (the group marker's value). */
  groupId: string;
  /** The plan hash (the plan marker's value): changes whenever a target version changes. */
  planHash: string;
  /** The head branch, e.g. `pipwarden/<group id>`. */
  branch: string;
  /** The branch the pull request merges into (the repository's default branch). */
  baseBranch: string;
  /** The commit of `baseBranch` the files were edited from: the new commit's parent. */
  baseSha: string;
  title: string;
  /** Markdown; the group and plan markers are added at the top when missing. */
  body: string;
  labels: readonly string[];
  /** GitHub logins, or `org/team` for a team review request. */
  reviewers: readonly string[];
  assignees: readonly string[];
  /** The files the group changes (content null deletes). */
  files: readonly FileChange[];
  /** The commit message (default: the title). */
  commitMessage?: string;
}

/** PublishAction is what publishing did. `skipped`: nothing, for the `reason` given. */
export type PublishAction = 'created' | 'updated' | 'unchanged' | 'rebased' | 'left-closed' | 'skipped';

/** PublishResult is what publishing did, to which pull request (null when none is known). */
export interface PublishResult {
  action: PublishAction;
  number: number | null;
  /** Why nothing was done (`skipped`, `left-closed`). */
  reason?: string;
  /** What failed without undoing the pull request: a reviewer GitHub refused, a duplicate that could not be closed. */
  warnings: string[];
}

/** PullRequestRef names a pull request of a repository. */
export interface PullRequestRef extends RepoRef {
  number: number;
}

/** ListedPull is what pipwarden reads of a pull request. */
interface ListedPull {
  number: number;
  state: string;
  merged: boolean;
  title: string;
  body: string;
  headRef: string;
  /** `owner/name` of the head repository; null when the fork was deleted. */
  headRepo: string | null;
  /** The login of whoever opened it (pipwarden's bot account for its own). */
  author: string | null;
  labels: string[];
}

/** PullLike is the shape GitHub gives a pull request in lists and single reads (the fields read here). */
interface PullLike {
  number: number;
  state: string;
  merged_at: string | null;
  title: string;
  body: string | null;
  head: { ref: string; repo: { full_name: string } | null };
  user: { login: string } | null;
  labels: ReadonlyArray<{ name?: string }>;
}

function listed(pull: PullLike): ListedPull {
  return {
    number: pull.number,
    state: pull.state,
    merged: pull.merged_at !== null,
    title: pull.title,
    body: pull.body ?? '',
    headRef: pull.head.ref,
    headRepo: pull.head.repo?.full_name ?? null,
    author: pull.user?.login ?? null,
    labels: pull.labels.map((l) => l.name ?? '').filter(Boolean),
  };
}

/** markedBody is the body with both markers, added at the top when the renderer left them out. */
function markedBody(desired: DesiredPullRequest): string {
  const missing = [groupMarker(desired.groupId), planMarker(desired.planHash)].filter((m) => !desired.body.includes(m));
  return missing.length === 0 ? desired.body : `${missing.join('\n')}\n${desired.body}`;
}

/** planOf is the plan hash a pull request body records, null when it has none. */
function planOf(pull: ListedPull): string | null {
  return readPullRequestMarkers(pull.body)?.plan ?? null;
}

/** publishPullRequest brings GitHub in line with the desired pull request of one group (see the file comment). */
export async function publishPullRequest(octokit: GitHubClient, state: StateStore, desired: DesiredPullRequest): Promise<PublishResult> {
  const repository = { owner: desired.owner, repo: desired.repo };
  const pulls = await findGroupPullRequests(octokit, repository, desired.groupId, desired.branch);
  const open = pulls.filter((p) => p.state === 'open').sort((a, b) => a.number - b.number);
  if (open.length > 0) {
    // Should there be several (a past failure), the one on the group's branch stays; the others go.
    const keeper = open.find((p) => p.headRef === desired.branch) ?? (open[0] as ListedPull);
    const warnings: string[] = [];
    for (const duplicate of open.filter((p) => p !== keeper)) {
      await closePull(octokit, repository, duplicate, `Superseded by #${keeper.number}, which proposes the same update.`, duplicate.headRef !== keeper.headRef).catch((error: unknown) => {
        warnings.push(`cannot close duplicate #${duplicate.number}: ${githubErrorMessage(error)}`);
      });
    }
    const result = await reconcileOpen(octokit, keeper, desired);
    return { ...result, warnings: [...warnings, ...result.warnings] };
  }

  const sameTarget = pulls.filter((p) => planOf(p) === desired.planHash).sort((a, b) => b.number - a.number);
  const merged = sameTarget.find((p) => p.merged);
  if (merged) return { action: 'left-closed', number: merged.number, reason: `#${merged.number} with these versions was merged`, warnings: [] };
  for (const closed of sameTarget) {
    const closer = await closedBy(octokit, repository, closed.number);
    if (closer?.type !== 'Bot') {
      return { action: 'left-closed', number: closed.number, reason: `#${closed.number} proposing these versions was closed by ${closer ? `@${closer.login}` : 'a person'}`, warnings: [] };
    }
  }
  // A same-plan pull request pipwarden itself closed: the claim names it, so every instance that sees
  // it claims the same key, and the claim of the closed one does not block the new one.
  return await createPull(octokit, state, desired, sameTarget[0]?.number ?? null);
}

/** reconcileOpen handles the open pull request of the group. */
async function reconcileOpen(octokit: GitHubClient, pull: ListedPull, desired: DesiredPullRequest): Promise<PublishResult> {
  if (planOf(pull) === desired.planHash) {
    const mergeableState = await readMergeableState(octokit, desired, pull.number);
    if (mergeableState !== null && REBASE_STATES.includes(mergeableState)) return await rebaseOnto(octokit, pull, desired, true);
    return { action: 'unchanged', number: pull.number, warnings: [] };
  }
  const { foreign } = await branchCommits(octokit, desired, pull);
  if (foreign) return { action: 'skipped', number: pull.number, reason: foreign, warnings: [] };
  const branch = ownBranch(desired, pull);
  if (!branch) return { action: 'skipped', number: pull.number, reason: `#${pull.number} comes from another repository`, warnings: [] };
  await commitFiles(octokit, { ...repoOf(desired), baseSha: desired.baseSha, message: desired.commitMessage ?? desired.title, files: desired.files, branch, branchExists: true });
  await updateTitleAndBody(octokit, desired, pull.number);
  const warnings: string[] = [];
  const missing = desired.labels.filter((l) => !pull.labels.includes(l));
  if (missing.length > 0) await addLabels(octokit, desired, pull.number, missing).catch((error: unknown) => warnings.push(`labels: ${githubErrorMessage(error)}`));
  return { action: 'updated', number: pull.number, warnings };
}

/**
 * pullRequestClaimKey is the StateStore key claimed before opening the group's pull request for a plan:
 * `pr:<owner>/<repo>:<group>:<plan hash>`. While the claim holds (PR_CLAIM_TTL_MS) it holds the new
 * pull request's number.
 */
export function pullRequestClaimKey(desired: Pick<DesiredPullRequest, 'owner' | 'repo' | 'groupId' | 'planHash'>): string {
  return `pr:${desired.owner}/${desired.repo}:${desired.groupId}:${desired.planHash}`;
}

/** createPull opens the group's pull request under a claim that exactly one caller wins. */
async function createPull(octokit: GitHubClient, state: StateStore, desired: DesiredPullRequest, after: number | null): Promise<PublishResult> {
  const key = `${pullRequestClaimKey(desired)}${after === null ? '' : `:after-${after}`}`;
  if (!(await state.setIfAbsent(key, 'creating', PR_CLAIM_TTL_MS))) {
    const value = await state.get(key);
    const number = value !== null && /^\d+$/.test(value) ? Number(value) : null;
    if (number !== null) return { action: 'unchanged', number, warnings: [] };
    return { action: 'skipped', number: null, reason: 'another delivery or app instance is opening this pull request', warnings: [] };
  }
  let number: number;
  try {
    await commitFiles(octokit, { ...repoOf(desired), baseSha: desired.baseSha, message: desired.commitMessage ?? desired.title, files: desired.files, branch: desired.branch });
    const created = await octokit
      .request('POST /repos/{owner}/{repo}/pulls', { ...repoOf(desired), title: desired.title, body: markedBody(desired), head: desired.branch, base: desired.baseBranch })
      .catch((error: unknown) => {
        throw new GitHubApiError(`cannot open the pull request ${desired.branch} on ${desired.owner}/${desired.repo}`, error);
      });
    number = created.data.number;
  } catch (error) {
    // Let the next delivery try again rather than wait for the claim to lapse.
    await state.delete(key);
    throw error;
  }
  await state.set(key, String(number), PR_CLAIM_TTL_MS);

  // The pull request exists now: what follows is garnish, and a refusal (a reviewer who is not a
  // collaborator) must not make a retry open a second one.
  const warnings: string[] = [];
  if (desired.labels.length > 0) await addLabels(octokit, desired, number, desired.labels).catch((error: unknown) => warnings.push(`labels: ${githubErrorMessage(error)}`));
  const teams = desired.reviewers.filter((r) => r.includes('/')).map((r) => r.slice(r.indexOf('/') + 1));
  const users = desired.reviewers.filter((r) => !r.includes('/'));
  if (teams.length + users.length > 0) {
    await octokit
      .request('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', { ...repoOf(desired), pull_number: number, reviewers: users, team_reviewers: teams })
      .catch((error: unknown) => warnings.push(`reviewers: ${githubErrorMessage(error)}`));
  }
  if (desired.assignees.length > 0) {
    await octokit
      .request('POST /repos/{owner}/{repo}/issues/{issue_number}/assignees', { ...repoOf(desired), issue_number: number, assignees: [...desired.assignees] })
      .catch((error: unknown) => warnings.push(`assignees: ${githubErrorMessage(error)}`));
  }
  return { action: 'created', number, warnings };
}

/**
 * rebasePullRequest answers `@pipwarden rebase`: the pull request's commit is made again on the current
 * base (`desired.baseSha`, the files edited from it) and its branch force-moved; title and body follow
 * when the plan changed meanwhile. Only pipwarden's own open pull request of the same group, and only
 * while its branch holds no one else's commits.
 */
export async function rebasePullRequest(octokit: GitHubClient, pr: PullRequestRef, desired: DesiredPullRequest): Promise<PublishResult> {
  const response = await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner: pr.owner, repo: pr.repo, pull_number: pr.number }).catch((error: unknown) => {
    throw new GitHubApiError(`cannot read pull request #${pr.number} of ${pr.owner}/${pr.repo}`, error);
  });
  const pull = listed(response.data);
  if (!pull.body.includes(groupMarker(desired.groupId))) {
    return { action: 'skipped', number: pull.number, reason: `#${pull.number} is not pipwarden's pull request for ${desired.groupId}`, warnings: [] };
  }
  if (pull.state !== 'open') return { action: 'left-closed', number: pull.number, reason: `#${pull.number} is ${pull.merged ? 'merged' : 'closed'}`, warnings: [] };
  return await rebaseOnto(octokit, pull, desired);
}

/**
 * rebaseOnto makes the pull request's commit again on `desired.baseSha` and force-moves its branch.
 * `onlyIfBaseMoved` (the automatic rebase of a conflicted pull request) leaves a branch alone that sits
 * on that base already: a new commit there would conflict the same way, at every audit.
 */
async function rebaseOnto(octokit: GitHubClient, pull: ListedPull, desired: DesiredPullRequest, onlyIfBaseMoved = false): Promise<PublishResult> {
  const { foreign, base } = await branchCommits(octokit, desired, pull);
  if (foreign) return { action: 'skipped', number: pull.number, reason: foreign, warnings: [] };
  if (onlyIfBaseMoved && base === desired.baseSha) {
    return { action: 'unchanged', number: pull.number, reason: `#${pull.number} is on ${desired.baseSha.slice(0, 12)} already, the newest base pipwarden knows`, warnings: [] };
  }
  const branch = ownBranch(desired, pull);
  if (!branch) return { action: 'skipped', number: pull.number, reason: `#${pull.number} comes from another repository`, warnings: [] };
  await commitFiles(octokit, { ...repoOf(desired), baseSha: desired.baseSha, message: desired.commitMessage ?? desired.title, files: desired.files, branch, branchExists: true });
  if (planOf(pull) !== desired.planHash || pull.title !== desired.title) await updateTitleAndBody(octokit, desired, pull.number);
  return { action: 'rebased', number: pull.number, warnings: [] };
}

/** SupersededPullRequest is a pull request closeSupersededPullRequests closed. */
export interface SupersededPullRequest {
  number: number;
  groupId: string;
  branchDeleted: boolean;
}

/** CloseSupersededOptions tune the closing comment. */
export interface CloseSupersededOptions {
  /** The comment posted before closing (default SUPERSEDED_COMMENT). */
  comment?: string;
}

/** SUPERSEDED_COMMENT is why pipwarden closes a pull request whose group it no longer plans. */
export const SUPERSEDED_COMMENT =
  'pipwarden no longer plans this update: the vulnerabilities it fixes are gone from the default branch (fixed, removed or suppressed), or the fixes are now grouped into another pull request. Closing it and deleting its branch.';

/**
 * closeSupersededPullRequests closes pipwarden's open pull requests whose group is not in
 * `keepGroupIds` (pass every planned group, deferred ones included), with a comment saying why, and
 * deletes their branches — unless a branch holds someone else's commits, which is left for its people.
 */
export async function closeSupersededPullRequests(
  octokit: GitHubClient,
  repository: RepoRef,
  keepGroupIds: Iterable<string>,
  options: CloseSupersededOptions = {},
): Promise<SupersededPullRequest[]> {
  const keep = new Set([...keepGroupIds].map(groupMarker));
  const closed: SupersededPullRequest[] = [];
  for (const pull of await listPulls(octokit, repository, { state: 'open' })) {
    const marker = /<!-- pipwarden:group:\S+? -->/.exec(pull.body)?.[0];
    const markers = readPullRequestMarkers(pull.body);
    if (!marker || !markers || keep.has(marker)) continue;
    const branchDeleted = await closePull(octokit, repository, pull, options.comment ?? SUPERSEDED_COMMENT, true);
    closed.push({ number: pull.number, groupId: markers.group, branchDeleted });
  }
  return closed;
}

/** closePull comments, closes, and deletes the branch when asked and when it is pipwarden's alone; says whether it did. */
async function closePull(octokit: GitHubClient, repository: RepoRef, pull: ListedPull, comment: string, deleteItsBranch: boolean): Promise<boolean> {
  const target = { ...repository, issue_number: pull.number };
  await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...target, body: comment }).catch((error: unknown) => {
    throw new GitHubApiError(`cannot comment on #${pull.number} of ${repository.owner}/${repository.repo}`, error);
  });
  await octokit.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', { ...repository, pull_number: pull.number, state: 'closed' }).catch((error: unknown) => {
    throw new GitHubApiError(`cannot close #${pull.number} of ${repository.owner}/${repository.repo}`, error);
  });
  if (!deleteItsBranch) return false;
  const branch = ownBranch(repository, pull);
  if (!branch || (await branchCommits(octokit, repository, pull)).foreign) return false;
  return await deleteBranch(octokit, { ...repository, branch });
}

/**
 * findGroupPullRequests lists the pull requests (any state) carrying the group's marker: first those
 * from the group's branch (`head=<owner>:<branch>`, one request), then, when none of them is open, the
 * open ones whose body carries the marker (the branch may have been renamed).
 */
async function findGroupPullRequests(octokit: GitHubClient, repository: RepoRef, groupId: string, branch: string): Promise<ListedPull[]> {
  const marker = groupMarker(groupId);
  const fromBranch = (await listPulls(octokit, repository, { state: 'all', head: `${repository.owner}:${branch}` })).filter((p) => p.body.includes(marker));
  if (fromBranch.some((p) => p.state === 'open')) return fromBranch;
  const open = (await listPulls(octokit, repository, { state: 'open' })).filter((p) => p.body.includes(marker));
  const seen = new Set(fromBranch.map((p) => p.number));
  return [...fromBranch, ...open.filter((p) => !seen.has(p.number))];
}

/** listPulls pages through `GET /repos/{owner}/{repo}/pulls`. */
async function listPulls(octokit: GitHubClient, repository: RepoRef, filter: { state: 'open' | 'all'; head?: string }): Promise<ListedPull[]> {
  const all: ListedPull[] = [];
  for (let page = 1; page <= MAX_LIST_PAGES; page++) {
    const response = await octokit
      .request('GET /repos/{owner}/{repo}/pulls', { ...repository, state: filter.state, ...(filter.head ? { head: filter.head } : {}), per_page: 100, page })
      .catch((error: unknown) => {
        throw new GitHubApiError(`cannot list the pull requests of ${repository.owner}/${repository.repo}`, error);
      });
    all.push(...response.data.map(listed));
    if (response.data.length < 100) break;
  }
  return all;
}

/** readMergeableState is GitHub's `mergeable_state` of a pull request (only the single read has it). */
async function readMergeableState(octokit: GitHubClient, repository: RepoRef, number: number): Promise<string | null> {
  const response = await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner: repository.owner, repo: repository.repo, pull_number: number }).catch((error: unknown) => {
    throw new GitHubApiError(`cannot read pull request #${number} of ${repository.owner}/${repository.repo}`, error);
  });
  return response.data.mergeable_state ?? null;
}

/** closedBy is who closed an issue or pull request (`closed_by` is only on the single issue read). */
async function closedBy(octokit: GitHubClient, repository: RepoRef, number: number): Promise<{ login: string; type: string } | null> {
  const response = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', { owner: repository.owner, repo: repository.repo, issue_number: number }).catch((error: unknown) => {
    throw new GitHubApiError(`cannot read #${number} of ${repository.owner}/${repository.repo}`, error);
  });
  const user = response.data.closed_by;
  return user ? { login: user.login, type: user.type } : null;
}

/** BranchCommits is what the commits of a pull request say about rewriting its branch. */
interface BranchCommits {
  /** Why the branch must not be rewritten (someone else's commits on it), or null. */
  foreign: string | null;
  /** The commit the branch's oldest commit sits on: the base it was made on. */
  base: string | null;
}

/**
 * branchCommits reads the pull request's commits (`GET …/pulls/{n}/commits`, oldest first): the branch
 * may be rewritten only when every commit on it is the pull request author's — pipwarden's. Merge
 * commits ("Update branch") carry no work of their own and do not count.
 */
async function branchCommits(octokit: GitHubClient, repository: RepoRef, pull: ListedPull): Promise<BranchCommits> {
  const response = await octokit
    .request('GET /repos/{owner}/{repo}/pulls/{pull_number}/commits', { owner: repository.owner, repo: repository.repo, pull_number: pull.number, per_page: 100 })
    .catch((error: unknown) => {
      throw new GitHubApiError(`cannot list the commits of #${pull.number} of ${repository.owner}/${repository.repo}`, error);
    });
  const others = response.data
    .filter((c) => c.parents.length < 2)
    .filter((c) => pull.author === null || c.author?.login !== pull.author)
    .map((c) => c.author?.login ?? c.commit.author?.name ?? 'unknown');
  const base = response.data[0]?.parents[0]?.sha ?? null;
  if (others.length === 0) return { foreign: null, base };
  return { foreign: `the branch of #${pull.number} has commits by ${[...new Set(others)].map((o) => `@${o}`).join(', ')}: pipwarden does not rewrite them`, base };
}

/** ownBranch is the pull request's head branch when it lives in the repository itself, else null. */
function ownBranch(repository: RepoRef, pull: ListedPull): string | null {
  return pull.headRepo?.toLowerCase() === `${repository.owner}/${repository.repo}`.toLowerCase() ? pull.headRef : null;
}

async function updateTitleAndBody(octokit: GitHubClient, desired: DesiredPullRequest, number: number): Promise<void> {
  await octokit.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', { ...repoOf(desired), pull_number: number, title: desired.title, body: markedBody(desired) }).catch((error: unknown) => {
    throw new GitHubApiError(`cannot update pull request #${number} of ${desired.owner}/${desired.repo}`, error);
  });
}

async function addLabels(octokit: GitHubClient, repository: RepoRef, number: number, labels: readonly string[]): Promise<void> {
  await ensureLabels(octokit, repository, labels);
  await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { owner: repository.owner, repo: repository.repo, issue_number: number, labels: [...labels] });
}

function repoOf(repository: RepoRef): RepoRef {
  return { owner: repository.owner, repo: repository.repo };
}
