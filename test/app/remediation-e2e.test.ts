/**
 * The remediation pull request's lifecycle through the app, push after push: one PR for the plan; a plan
 * change updates that same PR (never a second one); a PR a human closed stays closed for the same plan.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAdvisorySources } from '../../src/advisories/sources.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { assertValidGitHubRequests, githubExample, recordGitHubRequests } from '../helpers/github-openapi.js';
import { FakeGitHubRepo } from '../github/fake-github.js';
import { FakeGitHubWrites, HUMAN } from '../github/fake-publish.js';

const API = 'https://api.github.com';
const ADVISORY_DB = fileURLToPath(new URL('../fixtures/advisory-db', import.meta.url));

let cacheDir: string;
beforeEach(() => {
  nock.disableNetConnect();
  cacheDir = mkdtempSync(path.join(tmpdir(), 'pipwarden-remediation-'));
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  rmSync(cacheDir, { recursive: true, force: true });
});

/** pushAndAudit moves the default branch to `files` and runs the audit of the new head. */
async function pushAndAudit(app: TestApp, writes: FakeGitHubWrites, files: Record<string, string>, first: boolean): Promise<void> {
  nock.cleanAll();
  const sha = first ? writes.seedBase(files) : writes.advanceBase(files);
  const repo = new FakeGitHubRepo(writes.owner, writes.repo, sha);
  for (const [file, content] of Object.entries(files)) repo.add(file, content);
  repo.mock();
  const example = githubExample<Record<string, unknown>>('POST', '/repos/{owner}/{repo}/check-runs', 201);
  recordGitHubRequests(nock(API))
    .post('/app/installations/3/access_tokens')
    .optionally()
    .reply(201, { token: 'ghs_fix', expires_at: '2099-01-01T00:00:00Z' })
    .get(`/repos/${writes.owner}/${writes.repo}/contents/.github%2Fpipwarden.yml`)
    .reply(200, 'codeScanning:\n  upload: false\n', { 'content-type': 'application/vnd.github.raw; charset=utf-8' })
    .post(`/repos/${writes.owner}/${writes.repo}/check-runs`)
    .reply(201, { ...example, id: 70 })
    .patch(`/repos/${writes.owner}/${writes.repo}/check-runs/70`)
    .reply(200, { ...example, id: 70 });
  writes.mock();
  await app.queue.enqueue({ kind: 'audit', installationId: 3, owner: writes.owner, repo: writes.repo, sha, ref: 'main', reason: 'push' });
  await app.queue.runAll();
}

describe('remediation pull requests through the app', () => {
  it('updates the same PR when the plan changes, and leaves a human-closed PR closed', { timeout: 90_000 }, async () => {
    const app = await startTestApp({ advisorySources: () => buildAdvisorySources({ offline: true, advisoryDb: ADVISORY_DB, cacheDir }) });
    const writes = new FakeGitHubWrites('acme', 'shop');

    await pushAndAudit(app, writes, { 'requirements.txt': 'django==4.2.5\nclick==8.1.7\n' }, true);
    expect(writes.pulls.map((p) => [p.number, p.title, p.state])).toEqual([[1, 'Fix 1 high vulnerability in django', 'open']]);

    // A new vulnerable pin joins the plan: the same PR now fixes both, with both edits on its branch.
    await pushAndAudit(app, writes, { 'requirements.txt': 'django==4.2.5\nclick==8.1.7\nrequests==2.31.0\n' }, false);
    expect(writes.pulls).toHaveLength(1);
    expect(writes.pulls[0]?.title).toBe('Fix 1 high and 1 medium vulnerability in django, requests');
    expect(writes.branchFiles('pipwarden/security-root')['requirements.txt']).toBe('django==4.2.10\nclick==8.1.7\nrequests==2.32.0\n');

    // A maintainer closes it without merging; the next push keeps the same plan: it stays closed.
    const pull = writes.pulls[0];
    if (!pull) throw new Error('no pull request');
    pull.state = 'closed';
    pull.closedBy = HUMAN;
    await pushAndAudit(app, writes, { 'requirements.txt': 'django==4.2.5\nclick==8.1.7\nrequests==2.31.0\n', 'README.md': 'docs\n' }, false);
    expect(writes.pulls.map((p) => [p.number, p.state])).toEqual([[1, 'closed']]);
    expect(writes.responseProblems).toEqual([]);
    assertValidGitHubRequests();
  });
});
