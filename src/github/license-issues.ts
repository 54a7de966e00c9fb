/**
 * Executes the license-issue plan of src/licenses/issues.ts on GitHub. The planning is pure
 * (`reconcileLicenseIssues`); this file reads what GitHub has and makes the writes:
 *
 * 1. list pipwarden's issues by their label (`GET /repos/{owner}/{repo}/issues?state=all&labels=…`,
 *    100 a page; pull requests, which this endpoint also returns, are skipped) and keep those carrying
 *    the license marker;
 * 2. for a violating package the listing did not show — a person may have removed the label — look up
 *    the issue number pipwarden remembered when it opened one (StateStore), so no second issue is opened;
 * 3. ask who closed an issue only where the plan depends on it (the newest closed issue of a package
 *    that is violating again and has no open issue): `closed_by` is only on the single read
 *    (`GET /repos/{owner}/{repo}/issues/{issue_number}`); a Bot account means pipwarden (or another
 *    bot) closed it, not a person's decision;
 * 4. run `reconcileLicenseIssues` and execute its actions: create (claimed in the StateStore first, so a
 *    redelivered webhook or two app instances never open two issues), update, close with a comment
 *    (comment first, then `state: closed` with its `state_reason`), reopen with a comment.
 *
 * One failed write does not stop the others: every action has an outcome, `failed` with GitHub's
 * message included. Labels are created before they are used (src/github/labels.ts).
 */
import { readLicenseMarkers, reconcileLicenseIssues, type DesiredLicenseIssue, type ExistingLicenseIssue, type LicenseIssueAction } from '../licenses/issues.js';
import type { StateStore } from '../state/types.js';
import type { RepoRef } from './commits.js';
import { ensureLabels } from './labels.js';
import { GitHubApiError, githubErrorMessage, httpStatusOf, type GitHubClient } from './octokit.js';

/** ISSUE_CLAIM_TTL_MS is how long a claim to open an issue holds before the issue's number replaces it. */
export const ISSUE_CLAIM_TTL_MS = 10 * 60_000;

/** MAX_ISSUE_PAGES bounds the listing (100 issues a page). */
export const MAX_ISSUE_PAGES = 30;

/** DEFAULT_LICENSE_LABEL finds pipwarden's license issues when no label is configured. */
export const DEFAULT_LICENSE_LABEL = 'license-policy';

/** SyncLicenseIssuesOptions are the shared state and the configured labels. */
export interface SyncLicenseIssuesOptions {
  /** Claims issue creations and remembers each package's issue number. */
  state: StateStore;
  /** The `licenses.labels` setting; the first one finds pipwarden's issues (default DEFAULT_LICENSE_LABEL). */
  labels: readonly string[];
}

/** LicenseIssueOutcome is what happened to one package's issue. */
export interface LicenseIssueOutcome {
  action: 'created' | 'updated' | 'closed' | 'reopened' | 'skipped' | 'failed';
  package: string;
  /** The issue's number; null when none was opened. */
  number: number | null;
  /** Why it was skipped, or GitHub's message when it failed. */
  reason?: string;
}

/** IssueLike is what pipwarden reads of an issue (list items and single reads share it). */
interface IssueLike {
  number: number;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  labels: ReadonlyArray<string | { name?: string }>;
  pull_request?: unknown;
  closed_by?: { login: string; type: string } | null;
}

/** licenseIssueKey is the StateStore key of a package's issue: the creation claim, then its number. */
export function licenseIssueKey(repository: RepoRef, pkg: string): string {
  return `license-issue:${repository.owner}/${repository.repo}:${pkg}`;
}

/** syncLicenseIssues brings the repository's license issues in line with `desired` (see the file comment). */
export async function syncLicenseIssues(
  octokit: GitHubClient,
  repository: RepoRef,
  desired: readonly DesiredLicenseIssue[],
  options: SyncLicenseIssuesOptions,
): Promise<LicenseIssueOutcome[]> {
  const label = options.labels[0] ?? DEFAULT_LICENSE_LABEL;
  const found = new Map<number, IssueLike>();
  for (const issue of await listLabelledIssues(octokit, repository, label)) found.set(issue.number, issue);
  const closers = new Map<number, boolean>();

  // 2. Issues pipwarden opened that the label listing no longer shows.
  const listedPackages = new Set([...found.values()].map((i) => readLicenseMarkers(i.body ?? '')?.package));
  for (const want of desired) {
    if (listedPackages.has(want.package)) continue;
    const key = licenseIssueKey(repository, want.package);
    const remembered = await options.state.get(key);
    if (remembered === null || !/^\d+$/.test(remembered) || found.has(Number(remembered))) continue;
    const issue = await readIssue(octokit, repository, Number(remembered));
    if (issue && !issue.pull_request && readLicenseMarkers(issue.body ?? '')?.package === want.package) {
      found.set(issue.number, issue);
      closers.set(issue.number, issue.closed_by?.type === 'Bot');
    } else {
      await options.state.delete(key);
    }
  }

  // 3. Who closed the issues whose fate depends on it.
  const byPackage = new Map<string, IssueLike[]>();
  for (const issue of found.values()) {
    const pkg = readLicenseMarkers(issue.body ?? '')?.package;
    if (pkg) byPackage.set(pkg, [...(byPackage.get(pkg) ?? []), issue]);
  }
  for (const want of desired) {
    const issues = byPackage.get(want.package) ?? [];
    if (issues.some((i) => i.state === 'open')) continue;
    const latest = [...issues].sort((a, b) => b.number - a.number)[0];
    if (!latest || closers.has(latest.number)) continue;
    const read = await readIssue(octokit, repository, latest.number);
    closers.set(latest.number, read?.closed_by?.type === 'Bot');
  }

  const existing: ExistingLicenseIssue[] = [...found.values()].map((issue) => ({
    number: issue.number,
    title: issue.title,
    body: issue.body ?? '',
    state: issue.state === 'closed' ? 'closed' : 'open',
    stateReason: issue.state_reason ?? null,
    closedByBot: closers.get(issue.number) ?? false,
    labels: labelNames(issue.labels),
  }));
  const actions = reconcileLicenseIssues(desired, existing);
  if (actions.some((a) => a.kind !== 'close')) {
    await ensureLabels(octokit, repository, [...options.labels, ...desired.flatMap((d) => d.labels)]);
  }

  const outcomes: LicenseIssueOutcome[] = [];
  for (const action of actions) {
    try {
      outcomes.push(await execute(octokit, repository, action, options.state));
    } catch (error) {
      outcomes.push({ action: 'failed', package: action.package, number: 'number' in action ? action.number : null, reason: githubErrorMessage(error) });
    }
  }
  return outcomes;
}

/** execute makes the writes of one action. */
async function execute(octokit: GitHubClient, repository: RepoRef, action: LicenseIssueAction, state: StateStore): Promise<LicenseIssueOutcome> {
  const where = `${repository.owner}/${repository.repo}`;
  switch (action.kind) {
    case 'create': {
      const key = licenseIssueKey(repository, action.package);
      if (!(await state.setIfAbsent(key, 'creating', ISSUE_CLAIM_TTL_MS))) {
        return { action: 'skipped', package: action.package, number: null, reason: 'another delivery or app instance is opening this issue' };
      }
      let number: number;
      try {
        const created = await octokit.request('POST /repos/{owner}/{repo}/issues', { ...repository, title: action.title, body: action.body, labels: action.labels });
        number = created.data.number;
      } catch (error) {
        await state.delete(key);
        throw new GitHubApiError(`cannot open the license issue of ${action.package} on ${where}`, error);
      }
      // Remembered without expiry: the issue is found again even when its label is removed.
      await state.set(key, String(number));
      return { action: 'created', package: action.package, number };
    }
    case 'update':
      await patchIssue(octokit, repository, action.number, { title: action.title, body: action.body, labels: action.labels });
      return { action: 'updated', package: action.package, number: action.number };
    case 'reopen':
      await comment(octokit, repository, action.number, action.comment);
      await patchIssue(octokit, repository, action.number, { state: 'open', state_reason: 'reopened', title: action.title, body: action.body, labels: action.labels });
      return { action: 'reopened', package: action.package, number: action.number };
    case 'close':
      await comment(octokit, repository, action.number, action.comment);
      await patchIssue(octokit, repository, action.number, { state: 'closed', state_reason: action.stateReason });
      return { action: 'closed', package: action.package, number: action.number };
  }
}

/** IssuePatch is the fields of "Update an issue" pipwarden sets. */
interface IssuePatch {
  title?: string;
  body?: string;
  labels?: string[];
  state?: 'open' | 'closed';
  state_reason?: 'completed' | 'not_planned' | 'reopened';
}

async function patchIssue(octokit: GitHubClient, repository: RepoRef, number: number, patch: IssuePatch): Promise<void> {
  await octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...repository, issue_number: number, ...patch }).catch((error: unknown) => {
    throw new GitHubApiError(`cannot update issue #${number} of ${repository.owner}/${repository.repo}`, error);
  });
}

async function comment(octokit: GitHubClient, repository: RepoRef, number: number, body: string): Promise<void> {
  await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repository, issue_number: number, body }).catch((error: unknown) => {
    throw new GitHubApiError(`cannot comment on issue #${number} of ${repository.owner}/${repository.repo}`, error);
  });
}

/** listLabelledIssues pages through the repository's issues (any state) with the label, pull requests left out. */
async function listLabelledIssues(octokit: GitHubClient, repository: RepoRef, label: string): Promise<IssueLike[]> {
  const issues: IssueLike[] = [];
  for (let page = 1; page <= MAX_ISSUE_PAGES; page++) {
    const response = await octokit
      .request('GET /repos/{owner}/{repo}/issues', { ...repository, state: 'all', labels: label, per_page: 100, page })
      .catch((error: unknown) => {
        throw new GitHubApiError(`cannot list the "${label}" issues of ${repository.owner}/${repository.repo}`, error);
      });
    issues.push(...response.data.filter((issue) => !issue.pull_request && readLicenseMarkers(issue.body ?? '') !== null));
    if (response.data.length < 100) break;
  }
  return issues;
}

/** readIssue is one issue, or null when it is gone (deleted: 410, or not found: 404). */
async function readIssue(octokit: GitHubClient, repository: RepoRef, number: number): Promise<IssueLike | null> {
  try {
    const response = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', { ...repository, issue_number: number });
    return response.data;
  } catch (error) {
    const status = httpStatusOf(error);
    if (status === 404 || status === 410) return null;
    throw new GitHubApiError(`cannot read issue #${number} of ${repository.owner}/${repository.repo}`, error);
  }
}

/** labelNames reads GitHub's labels, which come as objects (or, in older payloads, as names). */
function labelNames(labels: IssueLike['labels']): string[] {
  return labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean);
}
