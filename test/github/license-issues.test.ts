import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { licenseIssueKey, syncLicenseIssues } from '../../src/github/license-issues.js';
import { desiredLicenseIssues, readLicenseMarkers, type DesiredLicenseIssue } from '../../src/licenses/issues.js';
import type { LicenseEntry } from '../../src/report/types.js';
import { MemoryStateStore } from '../helpers/app-fakes.js';
import { testOctokit } from '../helpers/github-octokit.js';
import { assertValidGitHubRequests, recordedGitHubRequests } from '../helpers/github-openapi.js';
import { BOT, FakeGitHubWrites, HUMAN, type FakeIssue } from './fake-publish.js';

const repo = { owner: 'acme', repo: 'shop' };
const LABELS = ['license-policy'];

const gpl = (version = '3.1.0', expression = 'GPL-3.0-only'): LicenseEntry => ({
  package: 'gpl-lib',
  version,
  expression,
  declared: expression,
  category: 'strong-copyleft',
  violation: { rule: 'category:strong-copyleft', message: `gpl-lib ${version} is licensed ${expression}, a strong copyleft license, which this project's policy denies.` },
});
const mystery: LicenseEntry = {
  package: 'mystery',
  version: null,
  expression: null,
  declared: 'see LICENSE',
  category: 'unknown',
  violation: { rule: 'unknown', message: 'mystery declares its license as "see LICENSE", which pipwarden cannot read as SPDX.' },
};

let fake: FakeGitHubWrites;
let state: MemoryStateStore;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  fake = new FakeGitHubWrites('acme', 'shop');
  fake.seedBase({ 'requirements.txt': 'gpl-lib==3.1.0\n' });
  fake.mock();
  state = new MemoryStateStore();
});
afterEach(() => {
  nock.cleanAll();
  assertValidGitHubRequests();
  expect(fake.responseProblems).toEqual([]);
});
afterAll(() => nock.enableNetConnect());

function desired(entries: LicenseEntry[]): DesiredLicenseIssue[] {
  return desiredLicenseIssues(entries, { labels: LABELS });
}

function sync(entries: LicenseEntry[], store = state) {
  return syncLicenseIssues(testOctokit(), repo, desired(entries), { state: store, labels: LABELS });
}

function requests(): string[] {
  return recordedGitHubRequests().map((r) => `${r.method} ${r.path}`);
}

function packageOf(issue: FakeIssue): string | undefined {
  return readLicenseMarkers(issue.body)?.package;
}

describe('syncLicenseIssues', () => {
  it('opens one issue per violating package, with its label, and remembers the numbers', async () => {
    const outcomes = await sync([gpl(), mystery]);
    const [gplIssue, mysteryIssue] = fake.issues;
    expect(outcomes).toEqual([
      { action: 'created', package: 'gpl-lib', number: gplIssue?.number },
      { action: 'created', package: 'mystery', number: mysteryIssue?.number },
    ]);
    expect(gplIssue).toMatchObject({ title: 'License policy: gpl-lib 3.1.0 is GPL-3.0-only', labels: ['license-policy'], state: 'open', user: BOT });
    expect(readLicenseMarkers(gplIssue?.body ?? '')).toEqual({ package: 'gpl-lib', license: 'GPL-3.0-only' });
    expect(mysteryIssue?.title).toBe('License policy: mystery is "see LICENSE"');
    expect(requests()).toEqual([
      'GET /repos/acme/shop/issues?state=all&labels=license-policy&per_page=100&page=1',
      'POST /repos/acme/shop/labels',
      'POST /repos/acme/shop/issues',
      'POST /repos/acme/shop/issues',
    ]);
    expect(fake.labels.has('license-policy')).toBe(true);
    expect(await state.get(licenseIssueKey(repo, 'gpl-lib'))).toBe(String(gplIssue?.number));
  });

  it('does nothing the second time (a redelivered webhook)', async () => {
    await sync([gpl(), mystery]);
    recordedGitHubRequests();
    const before = requests().length;
    expect(await sync([gpl(), mystery])).toEqual([]);
    expect(fake.issues).toHaveLength(2);
    expect(requests().slice(before)).toEqual(['GET /repos/acme/shop/issues?state=all&labels=license-policy&per_page=100&page=1']);
  });

  it('opens one issue when two app instances sync at once with one shared StateStore', async () => {
    const [a, b] = await Promise.all([sync([gpl()]), sync([gpl()])]);
    expect(fake.issues).toHaveLength(1);
    expect([...(a ?? []), ...(b ?? [])].map((o) => o.action).sort()).toEqual(['created', 'skipped']);
    expect(requests().filter((r) => r === 'POST /repos/acme/shop/issues')).toHaveLength(1);
  });

  it('updates the issue when the violation changes (a new version), keeping the labels people added', async () => {
    await sync([gpl('3.1.0')]);
    const issue = fake.issues[0] as FakeIssue;
    issue.labels.push('legal-review');
    const outcomes = await sync([gpl('3.2.0')]);
    expect(outcomes).toEqual([{ action: 'updated', package: 'gpl-lib', number: issue.number }]);
    expect(fake.issues).toHaveLength(1);
    expect(issue).toMatchObject({ title: 'License policy: gpl-lib 3.2.0 is GPL-3.0-only', state: 'open', labels: ['license-policy', 'legal-review'] });
    expect(issue.body).toContain('gpl-lib 3.2.0');
  });

  it('closes the issue with a comment when the violation is gone', async () => {
    await sync([gpl(), mystery]);
    const outcomes = await sync([mystery]);
    const issue = fake.issues.find((i) => packageOf(i) === 'gpl-lib') as FakeIssue;
    expect(outcomes).toEqual([{ action: 'closed', package: 'gpl-lib', number: issue.number }]);
    expect(issue).toMatchObject({ state: 'closed', stateReason: 'completed', closedBy: BOT });
    expect(fake.comments).toEqual([
      { number: issue.number, body: 'pipwarden no longer finds this license policy violation: gpl-lib was removed or changed, its license changed, or the policy now accepts it.' },
    ]);
    const patch = recordedGitHubRequests().filter((r) => r.method === 'PATCH').pop();
    expect(JSON.parse(patch?.body ?? '{}')).toEqual({ state: 'closed', state_reason: 'completed' });
    expect(fake.issues.find((i) => packageOf(i) === 'mystery')?.state).toBe('open');
  });

  it('reopens an issue pipwarden closed when the violation comes back', async () => {
    await sync([gpl()]);
    await sync([]);
    const issue = fake.issues[0] as FakeIssue;
    const outcomes = await sync([gpl()]);
    expect(outcomes).toEqual([{ action: 'reopened', package: 'gpl-lib', number: issue.number }]);
    expect(issue).toMatchObject({ state: 'open', stateReason: 'reopened' });
    expect(fake.comments.at(-1)).toEqual({ number: issue.number, body: 'The license policy violation is back: gpl-lib 3.1.0 is GPL-3.0-only.' });
    expect(fake.issues).toHaveLength(1);
  });

  it('leaves an issue a person closed closed while the license stays the same', async () => {
    await sync([gpl()]);
    const issue = fake.issues[0] as FakeIssue;
    Object.assign(issue, { state: 'closed', stateReason: 'not_planned', closedBy: HUMAN });
    recordedGitHubRequests();
    const before = requests().length;
    expect(await sync([gpl('3.1.1')])).toEqual([]);
    expect(issue.state).toBe('closed');
    // Who closed it is read once, from the single issue (the list leaves `closed_by` out).
    expect(requests().slice(before)).toEqual(['GET /repos/acme/shop/issues?state=all&labels=license-policy&per_page=100&page=1', `GET /repos/acme/shop/issues/${issue.number}`]);
  });

  it('reopens an issue a person closed when the package\'s license changed', async () => {
    await sync([gpl()]);
    const issue = fake.issues[0] as FakeIssue;
    Object.assign(issue, { state: 'closed', stateReason: 'not_planned', closedBy: HUMAN });
    const outcomes = await sync([gpl('4.0.0', 'AGPL-3.0-only')]);
    expect(outcomes).toEqual([{ action: 'reopened', package: 'gpl-lib', number: issue.number }]);
    expect(issue).toMatchObject({ state: 'open', title: 'License policy: gpl-lib 4.0.0 is AGPL-3.0-only' });
    expect(fake.comments.at(-1)?.body).toBe(
      'This issue was closed for GPL-3.0-only. gpl-lib is now licensed AGPL-3.0-only, which the license policy does not accept either, so it is open again.',
    );
  });

  it('finds its issue by the remembered number when a person removed the label, and puts the label back', async () => {
    await sync([gpl('3.1.0')]);
    const issue = fake.issues[0] as FakeIssue;
    issue.labels = ['wontfix'];
    const outcomes = await sync([gpl('3.2.0')]);
    expect(outcomes).toEqual([{ action: 'updated', package: 'gpl-lib', number: issue.number }]);
    expect(fake.issues).toHaveLength(1);
    expect(issue.labels).toEqual(['wontfix', 'license-policy']);
  });

  it('opens a new issue when the remembered one is gone', async () => {
    await state.set(licenseIssueKey(repo, 'gpl-lib'), '404');
    const outcomes = await sync([gpl()]);
    expect(outcomes.map((o) => o.action)).toEqual(['created']);
    expect(await state.get(licenseIssueKey(repo, 'gpl-lib'))).toBe(String(fake.issues[0]?.number));
  });

  it('reads every page of the listing, skips pull requests and issues without its marker', async () => {
    await sync([gpl()]);
    const ours = fake.issues[0] as FakeIssue;
    for (let i = 0; i < 120; i++) fake.addIssue({ title: `Check license ${i}`, body: 'Is this license fine?', labels: ['license-policy'], user: HUMAN });
    fake.refs.set('feature/x', fake.refs.get('main') ?? '');
    const pull = fake.addPull({ title: 'Relicense', body: ours.body, head: 'feature/x', labels: ['license-policy'], user: HUMAN });
    const outcomes = await sync([]);
    expect(outcomes).toEqual([{ action: 'closed', package: 'gpl-lib', number: ours.number }]);
    expect(requests()).toContain('GET /repos/acme/shop/issues?state=all&labels=license-policy&per_page=100&page=2');
    expect(pull.state).toBe('open');
    expect(fake.issues.filter((i) => i.state === 'closed')).toEqual([ours]);
  });

  it('carries on past a write GitHub refuses, and reports it', async () => {
    fake.fail('POST', /\/issues$/, 410, { message: 'Issues are disabled for this repo', documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue', status: '410' });
    const outcomes = await sync([gpl(), mystery]);
    expect(outcomes).toEqual([
      { action: 'failed', package: 'gpl-lib', number: null, reason: 'cannot open the license issue of gpl-lib on acme/shop: Issues are disabled for this repo (HTTP 410)' },
      { action: 'created', package: 'mystery', number: fake.issues[0]?.number },
    ]);
    // The claim was released: the next sync opens it.
    expect(await state.get(licenseIssueKey(repo, 'gpl-lib'))).toBeNull();
    expect((await sync([gpl(), mystery])).map((o) => `${o.action} ${o.package}`)).toEqual(['created gpl-lib']);
  });

  it('finds its issues by the first configured label', async () => {
    const outcomes = await syncLicenseIssues(testOctokit(), repo, desiredLicenseIssues([gpl()], { labels: ['licenses', 'legal'] }), { state, labels: ['licenses', 'legal'] });
    expect(outcomes.map((o) => o.action)).toEqual(['created']);
    expect(fake.issues[0]?.labels).toEqual(['licenses', 'legal']);
    expect(requests()[0]).toBe('GET /repos/acme/shop/issues?state=all&labels=licenses&per_page=100&page=1');
    expect(requests().filter((r) => r === 'POST /repos/acme/shop/labels')).toHaveLength(2);
  });
});
