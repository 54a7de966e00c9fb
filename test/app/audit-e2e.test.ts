/**
 * The app end to end, as issue 4's "done means" states it: a push webhook to a repository with a vulnerable
 * requirements.txt yields one audit and one failing check run with annotations; a redelivered webhook
 * yields no second audit; an invalid configuration yields a clear failed check run. GitHub is nock
 * (every request checked against GitHub's OpenAPI description and GraphQL schema); advisories come from
 * the offline fixture database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmitterWebhookEvent } from '@octokit/webhooks';
import { buildAdvisorySources } from '../../src/advisories/sources.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { assertValidGitHubRequests, githubExample, recordGitHubRequests, recordedGitHubRequests } from '../helpers/github-openapi.js';
import { webhookExample } from '../helpers/webhooks.js';
import { FakeGitHubRepo } from '../github/fake-github.js';
import { FakeGitHubWrites } from '../github/fake-publish.js';

const API = 'https://api.github.com';
const ADVISORY_DB = fileURLToPath(new URL('../fixtures/advisory-db', import.meta.url));
const SHA = 'a1b2c3d4'.repeat(5);
const INSTALLATION = 77;

interface PushPayload {
  ref: string;
  after: string;
  repository: { name: string; full_name: string; default_branch: string; owner: { login: string; name?: string } };
  installation?: { id: number };
  commits: Array<{ id: string; added: string[]; modified: string[]; removed: string[] }>;
}

let cacheDir: string;

beforeEach(() => {
  nock.disableNetConnect();
  cacheDir = mkdtempSync(path.join(tmpdir(), 'pipwarden-app-'));
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  rmSync(cacheDir, { recursive: true, force: true });
});

function pushFor(repo: FakeGitHubRepo, changed: string[]): PushPayload {
  const payload = webhookExample<PushPayload>('push');
  payload.ref = `refs/heads/${payload.repository.default_branch}`;
  payload.after = repo.commitSha;
  payload.installation = { id: INSTALLATION };
  payload.repository.name = repo.repo;
  payload.repository.full_name = `${repo.owner}/${repo.repo}`;
  payload.repository.owner.login = repo.owner;
  payload.repository.owner.name = repo.owner;
  payload.commits = [{ id: repo.commitSha, added: [], modified: changed, removed: [] }];
  return payload;
}

const delivery = (payload: unknown, id: string) => ({ id, name: 'push', payload }) as unknown as EmitterWebhookEvent;

async function appWithOfflineDb(): Promise<TestApp> {
  return startTestApp({ advisorySources: () => buildAdvisorySources({ offline: true, advisoryDb: ADVISORY_DB, cacheDir }) });
}

/** mockInstallation answers the installation token request and the configuration lookups. */
function mockInstallation(repo: FakeGitHubRepo, config: string | null): void {
  recordGitHubRequests(nock(API))
    .post(`/app/installations/${INSTALLATION}/access_tokens`)
    .reply(201, { token: 'ghs_installation', expires_at: '2099-01-01T00:00:00Z', permissions: { checks: 'write' }, repository_selection: 'all' });
  const contents = recordGitHubRequests(nock(API)).get(`/repos/${repo.owner}/${repo.repo}/contents/.github%2Fpipwarden.yml`);
  if (config === null) {
    contents.reply(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content' });
    recordGitHubRequests(nock(API))
      .get(`/repos/${repo.owner}/.github/contents/.github%2Fpipwarden.yml`)
      .reply(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content' });
  } else {
    contents.reply(200, config, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
  }
}

interface CheckRunPatch {
  conclusion?: string;
  output?: { title: string; summary: string; annotations?: Array<{ path: string; start_line: number; annotation_level: string; title?: string; message: string }> };
}

function mockCheckRun(repo: FakeGitHubRepo, id: number, patches: CheckRunPatch[], created: Array<Record<string, unknown>>): void {
  const example = githubExample<Record<string, unknown>>('POST', '/repos/{owner}/{repo}/check-runs', 201);
  recordGitHubRequests(nock(API))
    .post(`/repos/${repo.owner}/${repo.repo}/check-runs`, (body: Record<string, unknown>) => {
      created.push(body);
      return true;
    })
    .reply(201, { ...example, id, head_sha: repo.commitSha, status: 'in_progress' })
    .patch(`/repos/${repo.owner}/${repo.repo}/check-runs/${id}`, (body: CheckRunPatch) => {
      patches.push(body);
      return true;
    })
    .times(20)
    .reply(200, { ...example, id, status: 'completed' });
}

describe('push → audit → check run', () => {
  it('audits a vulnerable requirements.txt once and fails the check run with annotations on its lines', async () => {
    const files = { 'requirements.txt': '# web\ndjango==4.2.5\nclick==8.1.7\n', 'src/app.py': 'print(1)\n' };
    const writes = new FakeGitHubWrites('octo', 'shop');
    const head = writes.seedBase(files);
    const repo = new FakeGitHubRepo('octo', 'shop', head).add('requirements.txt', files['requirements.txt']).add('src/app.py', files['src/app.py']);
    repo.mock();
    mockInstallation(repo, null);
    const patches: CheckRunPatch[] = [];
    const created: Array<Record<string, unknown>> = [];
    mockCheckRun(repo, 555, patches, created);
    const sarif = recordGitHubRequests(nock(API))
      .post(`/repos/octo/shop/code-scanning/sarifs`)
      .reply(403, { message: 'Advanced Security must be enabled for this repository to use code scanning.', documentation_url: 'https://docs.github.com/rest/code-scanning/code-scanning#upload-an-analysis-as-sarif-data', status: '403' });
    // Everything else under /repos/octo/shop (pull requests, the Git Data API) is the stateful write fake.
    writes.mock();

    const app = await appWithOfflineDb();
    const payload = pushFor(repo, ['requirements.txt']);
    await app.probot.receive(delivery(payload, 'guid-1'));
    await app.queue.runAll();

    expect(created).toEqual([expect.objectContaining({ name: 'pipwarden', head_sha: head, status: 'in_progress' })]);

    // One ranked fix pull request, verified, with the surgical edit committed on its branch.
    expect(writes.pulls.map((p) => [p.title, p.head, p.state])).toEqual([['Fix 1 high vulnerability in django', 'pipwarden/security-root', 'open']]);
    expect(writes.pulls[0]?.body).toContain('<!-- pipwarden:group:security-root -->');
    expect(writes.pulls[0]?.body).toMatch(/[Ff]ixes 1 advisory, introduces none/);
    expect(writes.branchFiles('pipwarden/security-root')['requirements.txt']).toBe('# web\ndjango==4.2.10\nclick==8.1.7\n');
    expect(writes.responseProblems).toEqual([]);
    expect(patches).toHaveLength(1);
    const [patch] = patches;
    expect(patch?.conclusion).toBe('failure');
    expect(patch?.output?.title).toMatch(/high/i);
    const annotations = patch?.output?.annotations ?? [];
    expect(annotations).toContainEqual(expect.objectContaining({ path: 'requirements.txt', start_line: 2, annotation_level: 'failure' }));
    expect(annotations.map((a) => `${a.title ?? ''} ${a.message}`).join('\n')).toContain('GHSA-xxj9-f6rv-m3x4');
    expect(patch?.output?.summary).toContain('Code scanning');
    expect(sarif.isDone()).toBe(true);

    // Reading the commit cost one tree listing, one GraphQL query for the dependency files and one for
    // the files the code and secret scanners read (src/app.py).
    const reads = recordedGitHubRequests().filter((r) => r.path.includes('/git/trees/') || r.path.endsWith('/graphql'));
    expect(reads.map((r) => r.method)).toEqual(['GET', 'POST', 'POST']);
    assertValidGitHubRequests();

    // The same delivery again (GitHub's "Redeliver"): nothing is queued, nothing is called.
    await app.probot.receive(delivery(payload, 'guid-1'));
    expect(app.queue.jobs).toHaveLength(1);
    // A second delivery of the same commit (a new id, say a retried push): the job runs but finds the
    // commit audited and makes no request (nock would fail on any unmatched call).
    await app.probot.receive(delivery(payload, 'guid-2'));
    expect(app.queue.jobs).toHaveLength(2);
    await app.queue.runAll();
    expect(created).toHaveLength(1);
    expect(writes.pulls).toHaveLength(1);
    expect(await app.services.metrics.registry.getSingleMetricAsString('pipwarden_audits_total')).toMatch(/outcome="already-done"} 1/);
  });

  it('fails the check run with a message naming the key when the configuration is invalid', async () => {
    const repo = new FakeGitHubRepo('octo', 'api', SHA).add('requirements.txt', 'django==4.2.5\n');
    repo.mock();
    mockInstallation(repo, 'failOn: severe\nignore:\n  - id: CVE-1\n');
    const patches: CheckRunPatch[] = [];
    mockCheckRun(repo, 556, patches, []);

    const app = await appWithOfflineDb();
    await app.probot.receive(delivery(pushFor(repo, ['.github/pipwarden.yml']), 'guid-3'));
    await app.queue.runAll();

    expect(patches).toHaveLength(1);
    expect(patches[0]?.conclusion).toBe('failure');
    expect(patches[0]?.output?.title).toContain('Invalid .github/pipwarden.yml');
    expect(patches[0]?.output?.summary).toContain('failOn');
    expect(patches[0]?.output?.summary).toContain('ignore.0.reason');
    // No audit ran: the tree was never listed.
    expect(recordedGitHubRequests().some((r) => r.path.includes('/git/trees/'))).toBe(false);
    assertValidGitHubRequests();
  });

  it('skips a sweep of a repository whose files, configuration and advisories did not change', async () => {
    const repo = new FakeGitHubRepo('octo', 'lib', SHA).add('requirements.txt', 'click==8.1.7\n');
    repo.mock();
    const writes = new FakeGitHubWrites('octo', 'lib');
    mockInstallation(repo, null);
    const patches: CheckRunPatch[] = [];
    mockCheckRun(repo, 557, patches, []);
    recordGitHubRequests(nock(API)).post('/repos/octo/lib/code-scanning/sarifs').reply(202, { id: 'abc', url: 'https://api.github.com/repos/octo/lib/code-scanning/sarifs/abc' });
    writes.mock();

    const app = await appWithOfflineDb();
    await app.probot.receive(delivery(pushFor(repo, ['requirements.txt']), 'guid-4'));
    await app.queue.runAll();
    expect(patches[0]?.conclusion).toBe('success');

    // A later sweep audits the same repository at a new commit whose dependency files are the same.
    nock.cleanAll();
    const next = new FakeGitHubRepo('octo', 'lib', 'b'.repeat(40)).add('requirements.txt', 'click==8.1.7\n').add('README.md', 'new');
    next.mock();
    mockInstallation(next, null);
    await app.queue.enqueue({ kind: 'audit', installationId: INSTALLATION, owner: 'octo', repo: 'lib', sha: next.commitSha, reason: 'schedule' });
    await app.queue.runAll();
    expect(patches).toHaveLength(1);
    expect(await app.services.metrics.registry.getSingleMetricAsString('pipwarden_audits_total')).toMatch(/outcome="unchanged"} 1/);
    assertValidGitHubRequests();
  });
});

describe('scheduled audits', () => {
  it('resolves the default branch head, and skips a repository whose own schedule is not due', async () => {
    const repo = new FakeGitHubRepo('octo', 'slow', SHA).add('requirements.txt', 'click==8.1.7\n');
    // The default-branch lookup goes first, so it is matched before the fake repository's GraphQL.
    recordGitHubRequests(nock(API))
      .post('/graphql', (body: { query?: string }) => body.query?.includes('defaultBranchRef') === true)
      .times(2)
      .reply(200, { data: { repository: { defaultBranchRef: { name: 'trunk', target: { oid: SHA } } } } });
    repo.mock();
    mockInstallation(repo, 'schedule: 1 week\n');
    recordGitHubRequests(nock(API)).get('/repos/octo/slow/contents/.github%2Fpipwarden.yml').reply(200, 'schedule: 1 week\n', { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
    const patches: CheckRunPatch[] = [];
    const created: Array<Record<string, unknown>> = [];
    mockCheckRun(repo, 558, patches, created);
    recordGitHubRequests(nock(API)).post('/repos/octo/slow/code-scanning/sarifs').reply(202, { id: 'x', url: 'https://api.github.com/repos/octo/slow/code-scanning/sarifs/x' });
    new FakeGitHubWrites('octo', 'slow').mock();

    const app = await appWithOfflineDb();
    await app.queue.enqueue({ kind: 'audit', installationId: INSTALLATION, owner: 'octo', repo: 'slow', sha: 'HEAD', reason: 'schedule' });
    await app.queue.runAll();
    expect(created).toEqual([expect.objectContaining({ head_sha: SHA })]);
    expect(patches[0]?.conclusion).toBe('success');

    // The next day's sweep: the repository asked for weekly audits.
    await app.services.state.delete(`done:audit:octo/slow@${SHA}`);
    await app.queue.enqueue({ kind: 'audit', installationId: INSTALLATION, owner: 'octo', repo: 'slow', sha: 'HEAD', reason: 'schedule' });
    await app.queue.runAll();
    expect(created).toHaveLength(1);
    expect(await app.services.metrics.registry.getSingleMetricAsString('pipwarden_audits_total')).toMatch(/outcome="not-due"} 1/);
    assertValidGitHubRequests();
  });
});

describe('endpoints', () => {
  it('serves /healthz and /metrics through Probot handlers', async () => {
    const app = await startTestApp();
    const call = async (url: string) => {
      let status = 0;
      let body = '';
      const res = {
        writeHead(code: number) {
          status = code;
          return this;
        },
        end(text: string) {
          body = text;
        },
      };
      for (const handler of app.httpHandlers) {
        if (await handler({ method: 'GET', url } as never, res as never)) break;
      }
      return { status, body };
    };
    expect(await call('/healthz')).toEqual({ status: 200, body: JSON.stringify({ status: 'ok', queueDepth: 0 }) });
    const metrics = await call('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('pipwarden_queue_depth 0');
    expect(metrics.body).toContain('pipwarden_audits_total');
    expect((await call('/nothing')).status).toBe(0);
  });
});
