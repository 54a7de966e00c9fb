import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GitHubApiError } from '../../src/github/octokit.js';
import {
  closeSupersededPullRequests,
  publishPullRequest,
  pullRequestClaimKey,
  rebasePullRequest,
  SUPERSEDED_COMMENT,
  type DesiredPullRequest,
} from '../../src/github/pull-requests.js';
import { groupMarker, planHash, readPullRequestMarkers, renderPullRequest } from '../../src/remediation/pull-request.js';
import type { PlannedUpdate, RemediationGroup } from '../../src/remediation/types.js';
import { MemoryStateStore } from '../helpers/app-fakes.js';
import { testOctokit } from '../helpers/github-octokit.js';
import { assertValidGitHubRequests, recordedGitHubRequests } from '../helpers/github-openapi.js';
import { BOT, FakeGitHubWrites, HUMAN, type FakePull } from './fake-publish.js';

const REQUIREMENTS = 'django==3.2.0  # web\nrequests==2.25.0\n';
const CI = 'name: ci\n';

let fake: FakeGitHubWrites;
let state: MemoryStateStore;
let baseSha: string;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  fake = new FakeGitHubWrites('acme', 'shop');
  baseSha = fake.seedBase({ 'requirements.txt': REQUIREMENTS, '.github/workflows/ci.yml': CI });
  fake.mock();
  state = new MemoryStateStore();
});
afterEach(() => {
  nock.cleanAll();
  assertValidGitHubRequests();
  expect(fake.responseProblems).toEqual([]);
});
afterAll(() => nock.enableNetConnect());

function update(to: string, pkg = 'django'): PlannedUpdate {
  return { package: pkg, from: pkg === 'django' ? '3.2.0' : '2.25.0', to, fixes: ['GHSA-2gwj-7jmv-h26r'], breaking: false, manifests: ['requirements.txt'] };
}

/** desired is the pull request of a group, drawn by the real renderer. */
function desired(updates: PlannedUpdate[] = [update('3.2.25')], overrides: Partial<DesiredPullRequest> = {}): DesiredPullRequest {
  const group: RemediationGroup = { id: 'requirements-txt', title: 'Update django', rank: 1, severity: 'high', updates };
  const draft = renderPullRequest(group, { findings: [], verification: null, labels: ['security', 'dependencies'] });
  let content = REQUIREMENTS;
  for (const u of updates) content = content.replace(`${u.package}==${u.from ?? ''}`, `${u.package}==${u.to}`);
  return {
    owner: 'acme',
    repo: 'shop',
    groupId: group.id,
    planHash: planHash(updates),
    branch: draft.branch,
    baseBranch: 'main',
    baseSha,
    title: draft.title,
    body: draft.body,
    labels: draft.labels,
    reviewers: ['hubot', 'acme/security'],
    assignees: ['octocat'],
    files: [{ path: 'requirements.txt', content }],
    ...overrides,
  };
}

function writes(): string[] {
  return recordedGitHubRequests()
    .filter((r) => r.method !== 'GET')
    .map((r) => `${r.method} ${r.path}`);
}

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

describe('publishPullRequest: no pull request yet', () => {
  it('commits the files on a new branch and opens the pull request with labels, reviewers and assignees', async () => {
    const want = desired();
    const result = await publishPullRequest(testOctokit(), state, want);

    const pull = only(fake.pulls);
    expect(result).toEqual({ action: 'created', number: pull.number, warnings: [] });
    expect(pull).toMatchObject({ state: 'open', title: want.title, body: want.body, head: 'pipwarden/requirements-txt', base: 'main', user: BOT });
    expect(readPullRequestMarkers(pull.body)).toEqual({ group: 'requirements-txt', plan: want.planHash });
    expect(pull.labels).toEqual(['security', 'dependencies', 'severity:high']);
    expect(pull.reviewers).toEqual(['hubot']);
    expect(pull.teams).toEqual(['security']);
    expect(pull.assignees).toEqual(['octocat']);
    // One commit on top of the base, changing only the edited file.
    const head = fake.refs.get('pipwarden/requirements-txt') ?? '';
    expect(fake.commits.get(head)?.parents).toEqual([baseSha]);
    expect(fake.branchFiles('pipwarden/requirements-txt')).toEqual({ '.github/workflows/ci.yml': CI, 'requirements.txt': 'django==3.2.25  # web\nrequests==2.25.0\n' });
    expect(writes()).toEqual([
      'POST /repos/acme/shop/git/trees',
      'POST /repos/acme/shop/git/commits',
      'POST /repos/acme/shop/git/refs',
      'POST /repos/acme/shop/pulls',
      'POST /repos/acme/shop/labels',
      'POST /repos/acme/shop/labels',
      'POST /repos/acme/shop/labels',
      `POST /repos/acme/shop/issues/${pull.number}/labels`,
      `POST /repos/acme/shop/pulls/${pull.number}/requested_reviewers`,
      `POST /repos/acme/shop/issues/${pull.number}/assignees`,
    ]);
    expect(fake.labels).toEqual(new Set(['security', 'dependencies', 'severity:high']));
    expect(await state.get(pullRequestClaimKey(want))).toBe(String(pull.number));
  });

  it('sends no author, committer or signature, so GitHub signs the commit as the app', async () => {
    await publishPullRequest(testOctokit(), state, desired());
    const commit = recordedGitHubRequests().find((r) => r.method === 'POST' && r.path.endsWith('/git/commits'));
    expect(Object.keys(JSON.parse(commit?.body ?? '{}') as object).sort()).toEqual(['message', 'parents', 'tree']);
  });

  it('opens one pull request when the same webhook is delivered twice', async () => {
    const first = await publishPullRequest(testOctokit(), state, desired());
    const second = await publishPullRequest(testOctokit(), state, desired());
    expect(first.action).toBe('created');
    expect(second).toEqual({ action: 'unchanged', number: first.number, warnings: [] });
    expect(fake.pulls).toHaveLength(1);
  });

  it('opens one pull request when two app instances publish at once with one shared StateStore', async () => {
    const results = await Promise.all([publishPullRequest(testOctokit(), state, desired()), publishPullRequest(testOctokit(), state, desired())]);
    expect(fake.pulls).toHaveLength(1);
    expect(results.map((r) => r.action).sort()).toEqual(['created', 'skipped']);
    expect(results.find((r) => r.action === 'skipped')?.reason).toBe('another delivery or app instance is opening this pull request');
    expect(writes().filter((w) => w === 'POST /repos/acme/shop/pulls')).toHaveLength(1);
  });

  it('answers with the number of the pull request another instance just opened when the listing does not show it yet', async () => {
    const want = desired();
    await state.set(pullRequestClaimKey(want), '41');
    expect(await publishPullRequest(testOctokit(), state, want)).toEqual({ action: 'unchanged', number: 41, warnings: [] });
    expect(writes()).toEqual([]);
  });

  it('releases the claim when GitHub refuses the pull request, so a retry can open it', async () => {
    fake.fail('POST', /\/pulls$/, 500, { message: 'Server Error' });
    const want = desired();
    const error = await publishPullRequest(testOctokit(), state, want).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toBe('cannot open the pull request pipwarden/requirements-txt on acme/shop: Server Error (HTTP 500)');
    expect(await state.get(pullRequestClaimKey(want))).toBeNull();
    // The retry finds the branch of the failed attempt and moves it.
    const retry = await publishPullRequest(testOctokit(), state, want);
    expect(retry.action).toBe('created');
    expect(fake.pulls).toHaveLength(1);
    expect(writes()).toContain('PATCH /repos/acme/shop/git/refs/heads%2Fpipwarden%2Frequirements-txt');
  });

  it('keeps the pull request when GitHub refuses a reviewer, and says so', async () => {
    fake.fail('POST', /\/requested_reviewers$/, 422, {
      message: 'Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the acme/shop repository.',
      documentation_url: 'https://docs.github.com/rest/pulls/review-requests#request-reviewers-for-a-pull-request',
      status: '422',
    });
    const result = await publishPullRequest(testOctokit(), state, desired());
    expect(result.action).toBe('created');
    expect(result.warnings).toEqual([
      'reviewers: Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the acme/shop repository.',
    ]);
    expect(only(fake.pulls).assignees).toEqual(['octocat']);
  });

  it('adds the markers when the body lacks them', async () => {
    const want = desired(undefined, { body: 'Bumps django.' });
    await publishPullRequest(testOctokit(), state, want);
    expect(only(fake.pulls).body).toBe(`${groupMarker('requirements-txt')}\n<!-- pipwarden:plan:${want.planHash} -->\nBumps django.`);
  });
});

describe('publishPullRequest: an open pull request', () => {
  it('leaves it alone when the plan is the same and it merges cleanly', async () => {
    const created = await publishPullRequest(testOctokit(), state, desired());
    recordedGitHubRequests();
    const before = writes().length;
    const again = await publishPullRequest(testOctokit(), new MemoryStateStore(), desired());
    expect(again).toEqual({ action: 'unchanged', number: created.number, warnings: [] });
    expect(writes().length).toBe(before);
  });

  it('updates the same pull request when the plan changes: a new commit on its branch, new title and body', async () => {
    const first = await publishPullRequest(testOctokit(), state, desired());
    const pull = only(fake.pulls);
    pull.labels.push('needs-review');
    const next = desired([update('3.2.25'), update('2.31.0', 'requests')]);
    const result = await publishPullRequest(testOctokit(), state, next);

    expect(result).toEqual({ action: 'updated', number: first.number, warnings: [] });
    expect(fake.pulls).toHaveLength(1);
    expect(pull).toMatchObject({ state: 'open', title: next.title, body: next.body });
    expect(readPullRequestMarkers(pull.body)?.plan).toBe(next.planHash);
    expect(fake.branchFiles(pull.head)['requirements.txt']).toBe('django==3.2.25  # web\nrequests==2.31.0\n');
    // Still one commit on top of the base: the branch was rewritten, not stacked.
    expect(fake.pullCommits(pull)).toHaveLength(1);
    expect(pull.labels).toEqual(['security', 'dependencies', 'severity:high', 'needs-review']);
    // Reviewers are asked once, when the pull request opens.
    expect(pull.reviewers).toEqual(['hubot']);
  });

  it('rebases it on the current base when GitHub reports conflicts (dirty)', async () => {
    await publishPullRequest(testOctokit(), state, desired());
    const pull = only(fake.pulls);
    const newBase = fake.advanceBase({ '.github/workflows/ci.yml': 'name: ci\non: push\n' });
    pull.mergeableState = 'dirty';
    const result = await publishPullRequest(testOctokit(), state, desired(undefined, { baseSha: newBase }));

    expect(result).toEqual({ action: 'rebased', number: pull.number, warnings: [] });
    const head = fake.refs.get(pull.head) ?? '';
    expect(fake.commits.get(head)?.parents).toEqual([newBase]);
    expect(fake.branchFiles(pull.head)).toEqual({ '.github/workflows/ci.yml': 'name: ci\non: push\n', 'requirements.txt': 'django==3.2.25  # web\nrequests==2.25.0\n' });
  });

  it('does not rebase again onto the base it already sits on (the conflict needs a newer audit or a person)', async () => {
    await publishPullRequest(testOctokit(), state, desired());
    const pull = only(fake.pulls);
    const head = fake.refs.get(pull.head);
    pull.mergeableState = 'dirty';
    const result = await publishPullRequest(testOctokit(), state, desired());
    expect(result).toEqual({ action: 'unchanged', number: pull.number, reason: `#${pull.number} is on ${baseSha.slice(0, 12)} already, the newest base pipwarden knows`, warnings: [] });
    expect(fake.refs.get(pull.head)).toBe(head);
  });

  it('rebases it when the base branch must be merged first (behind)', async () => {
    await publishPullRequest(testOctokit(), state, desired());
    const pull = only(fake.pulls);
    const newBase = fake.advanceBase({ 'README.md': '# shop\n' });
    pull.mergeableState = 'behind';
    expect((await publishPullRequest(testOctokit(), state, desired(undefined, { baseSha: newBase }))).action).toBe('rebased');
    expect(fake.commits.get(fake.refs.get(pull.head) ?? '')?.parents).toEqual([newBase]);
  });

  it('never rewrites a branch that holds a person\'s commits', async () => {
    await publishPullRequest(testOctokit(), state, desired());
    const pull = only(fake.pulls);
    const theirs = fake.pushCommit(pull.head, HUMAN, { 'tests/test_views.py': 'def test(): pass\n' });
    const result = await publishPullRequest(testOctokit(), state, desired([update('3.2.26')]));
    expect(result).toEqual({
      action: 'skipped',
      number: pull.number,
      reason: `the branch of #${pull.number} has commits by @octocat: pipwarden does not rewrite them`,
      warnings: [],
    });
    expect(fake.refs.get(pull.head)).toBe(theirs);
  });

  it('finds its pull request by the marker when the branch was renamed, and updates that branch', async () => {
    const want = desired();
    fake.refs.set('pipwarden/old-name', baseSha);
    fake.pushCommit('pipwarden/old-name', BOT, { 'requirements.txt': 'django==3.2.19  # web\nrequests==2.25.0\n' });
    const pull = fake.addPull({ title: 'Old title', body: want.body.replace(want.planHash, 'f'.repeat(64)), head: 'pipwarden/old-name' });
    const result = await publishPullRequest(testOctokit(), state, want);
    expect(result).toEqual({ action: 'updated', number: pull.number, warnings: [] });
    expect(fake.pulls).toHaveLength(1);
    expect(fake.branchFiles('pipwarden/old-name')['requirements.txt']).toBe('django==3.2.25  # web\nrequests==2.25.0\n');
    expect(fake.refs.has('pipwarden/requirements-txt')).toBe(false);
  });

  it('keeps the oldest of two open pull requests of the group found by marker, and closes the other', async () => {
    const want = desired();
    for (const branch of ['pipwarden/old-a', 'pipwarden/old-b']) {
      fake.refs.set(branch, baseSha);
      fake.pushCommit(branch, BOT, { 'requirements.txt': 'django==3.2.25  # web\nrequests==2.25.0\n' });
    }
    const keeper = fake.addPull({ title: want.title, body: want.body, head: 'pipwarden/old-a' });
    const duplicate = fake.addPull({ title: want.title, body: want.body, head: 'pipwarden/old-b' });
    const result = await publishPullRequest(testOctokit(), state, want);
    expect(result).toEqual({ action: 'unchanged', number: keeper.number, warnings: [] });
    expect(keeper.state).toBe('open');
    expect(duplicate.state).toBe('closed');
    expect(fake.comments).toEqual([{ number: duplicate.number, body: `Superseded by #${keeper.number}, which proposes the same update.` }]);
    expect(fake.refs.has('pipwarden/old-b')).toBe(false);
    expect(fake.refs.has('pipwarden/old-a')).toBe(true);
  });
});

describe('publishPullRequest: a closed pull request', () => {
  async function closedBy(user: typeof HUMAN, merged = false): Promise<FakePull> {
    await publishPullRequest(testOctokit(), state, desired());
    const pull = only(fake.pulls);
    Object.assign(pull, { state: 'closed', closedBy: user, merged });
    state.values.clear();
    return pull;
  }

  it('leaves it closed when a person closed it and the plan is the same', async () => {
    const pull = await closedBy(HUMAN);
    const result = await publishPullRequest(testOctokit(), state, desired());
    expect(result).toEqual({ action: 'left-closed', number: pull.number, reason: `#${pull.number} proposing these versions was closed by @octocat`, warnings: [] });
    expect(fake.pulls).toHaveLength(1);
    expect(writes().slice(-1)[0]).toBe(`POST /repos/acme/shop/issues/${pull.number}/assignees`);
  });

  it('does not propose versions that were merged already', async () => {
    const pull = await closedBy(HUMAN, true);
    expect(await publishPullRequest(testOctokit(), state, desired())).toEqual({ action: 'left-closed', number: pull.number, reason: `#${pull.number} with these versions was merged`, warnings: [] });
  });

  it('opens a new pull request when the plan changed since a person closed it', async () => {
    const pull = await closedBy(HUMAN);
    const next = desired([update('4.2.16')]);
    const result = await publishPullRequest(testOctokit(), state, next);
    expect(result.action).toBe('created');
    expect(result.number).not.toBe(pull.number);
    expect(pull.state).toBe('closed');
    const fresh = fake.pulls.find((p) => p.number === result.number);
    expect(fresh).toMatchObject({ state: 'open', head: 'pipwarden/requirements-txt' });
    expect(fake.branchFiles('pipwarden/requirements-txt')['requirements.txt']).toBe('django==4.2.16  # web\nrequests==2.25.0\n');
  });

  it('opens a new pull request for the same plan when pipwarden itself closed the old one', async () => {
    await publishPullRequest(testOctokit(), state, desired());
    await closeSupersededPullRequests(testOctokit(), { owner: 'acme', repo: 'shop' }, []);
    const old = only(fake.pulls);
    // The claim of the first pull request still holds: the new one claims a key of its own.
    const result = await publishPullRequest(testOctokit(), state, desired());
    expect(result.action).toBe('created');
    expect(fake.pulls.filter((p) => p.state === 'open').map((p) => p.number)).toEqual([result.number]);
    expect(await state.get(`${pullRequestClaimKey(desired())}:after-${old.number}`)).toBe(String(result.number));
  });
});

describe('closeSupersededPullRequests', () => {
  it('closes pipwarden pull requests of groups no longer planned, with a comment, and deletes their branches', async () => {
    const kept = await publishPullRequest(testOctokit(), state, desired());
    const gone = desired([update('2.31.0', 'requests')], { groupId: 'requests', branch: 'pipwarden/requests' });
    gone.body = gone.body.replace(groupMarker('requirements-txt'), groupMarker('requests'));
    const goneResult = await publishPullRequest(testOctokit(), state, gone);
    fake.refs.set('feature/login', baseSha);
    const human = fake.addPull({ title: 'Add login', body: 'Adds a login page.', head: 'feature/login', user: HUMAN });

    const closed = await closeSupersededPullRequests(testOctokit(), { owner: 'acme', repo: 'shop' }, ['requirements-txt']);

    expect(closed).toEqual([{ number: goneResult.number, groupId: 'requests', branchDeleted: true }]);
    expect(fake.pulls.find((p) => p.number === goneResult.number)?.state).toBe('closed');
    expect(fake.comments).toEqual([{ number: goneResult.number, body: SUPERSEDED_COMMENT }]);
    expect(fake.refs.has('pipwarden/requests')).toBe(false);
    expect(fake.pulls.find((p) => p.number === kept.number)?.state).toBe('open');
    expect(human.state).toBe('open');
    expect(fake.refs.has('feature/login')).toBe(true);
  });

  it('keeps the branch of a superseded pull request that holds a person\'s commits', async () => {
    await publishPullRequest(testOctokit(), state, desired());
    const pull = only(fake.pulls);
    fake.pushCommit(pull.head, HUMAN, { 'notes.txt': 'wip\n' });
    const closed = await closeSupersededPullRequests(testOctokit(), { owner: 'acme', repo: 'shop' }, [], { comment: 'Fixed on main.' });
    expect(closed).toEqual([{ number: pull.number, groupId: 'requirements-txt', branchDeleted: false }]);
    expect(pull.state).toBe('closed');
    expect(fake.comments).toEqual([{ number: pull.number, body: 'Fixed on main.' }]);
    expect(fake.refs.has(pull.head)).toBe(true);
  });

  it('closes nothing when every group is still planned', async () => {
    await publishPullRequest(testOctokit(), state, desired());
    expect(await closeSupersededPullRequests(testOctokit(), { owner: 'acme', repo: 'shop' }, new Set(['requirements-txt']))).toEqual([]);
    expect(only(fake.pulls).state).toBe('open');
  });
});

describe('rebasePullRequest (@pipwarden rebase)', () => {
  it('makes the commit again on the current base and force-moves the branch', async () => {
    const created = await publishPullRequest(testOctokit(), state, desired());
    const pull = only(fake.pulls);
    const before = fake.refs.get(pull.head);
    const newBase = fake.advanceBase({ 'setup.cfg': '[metadata]\nname = shop\n' });
    const result = await rebasePullRequest(testOctokit(), { owner: 'acme', repo: 'shop', number: created.number ?? 0 }, desired(undefined, { baseSha: newBase }));
    expect(result).toEqual({ action: 'rebased', number: pull.number, warnings: [] });
    const head = fake.refs.get(pull.head) ?? '';
    expect(head).not.toBe(before);
    expect(fake.commits.get(head)?.parents).toEqual([newBase]);
    expect(fake.branchFiles(pull.head)['setup.cfg']).toBe('[metadata]\nname = shop\n');
    expect(fake.pullCommits(pull)).toHaveLength(1);
    // Same plan: title and body are left as they are.
    expect(writes().filter((w) => w.startsWith('PATCH /repos/acme/shop/pulls/'))).toEqual([]);
  });

  it('also brings title and body up to date when the plan changed', async () => {
    const created = await publishPullRequest(testOctokit(), state, desired());
    const next = desired([update('3.2.26')]);
    expect((await rebasePullRequest(testOctokit(), { owner: 'acme', repo: 'shop', number: created.number ?? 0 }, next)).action).toBe('rebased');
    expect(only(fake.pulls)).toMatchObject({ title: next.title, body: next.body });
  });

  it('refuses a pull request of another group, a closed one, and a branch with a person\'s commits', async () => {
    const created = await publishPullRequest(testOctokit(), state, desired());
    const number = created.number ?? 0;
    const ref = { owner: 'acme', repo: 'shop', number };
    expect(await rebasePullRequest(testOctokit(), ref, desired(undefined, { groupId: 'other' }))).toEqual({
      action: 'skipped',
      number,
      reason: `#${number} is not pipwarden's pull request for other`,
      warnings: [],
    });
    fake.pushCommit('pipwarden/requirements-txt', HUMAN, { 'x.txt': 'x\n' });
    expect((await rebasePullRequest(testOctokit(), ref, desired())).reason).toBe(`the branch of #${number} has commits by @octocat: pipwarden does not rewrite them`);
    only(fake.pulls).state = 'closed';
    expect(await rebasePullRequest(testOctokit(), ref, desired())).toEqual({ action: 'left-closed', number, reason: `#${number} is closed`, warnings: [] });
  });
});
