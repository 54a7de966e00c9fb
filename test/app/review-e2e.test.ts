/**
 * The pull request review end to end: a webhook for a pull request whose head upgrades to a vulnerable
 * version yields a failing "pipwarden review" check run annotated on the head's manifest line; a head
 * that fixes the base's vulnerability passes and says so. Two commits are served at once: requests are
 * routed to the fake repository of the commit they name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmitterWebhookEvent } from '@octokit/webhooks';
import { buildAdvisorySources } from '../../src/advisories/sources.js';
import { startTestApp } from '../helpers/app.js';
import { assertValidGitHubRequests, githubExample, recordGitHubRequests } from '../helpers/github-openapi.js';
import { webhookExample } from '../helpers/webhooks.js';
import { FakeGitHubRepo } from '../github/fake-github.js';

const API = 'https://api.github.com';
const ADVISORY_DB = fileURLToPath(new URL('../fixtures/advisory-db', import.meta.url));
const BASE_SHA = '1'.repeat(40);
const HEAD_SHA = '2'.repeat(40);

let cacheDir: string;
beforeEach(() => {
  nock.disableNetConnect();
  cacheDir = mkdtempSync(path.join(tmpdir(), 'pipwarden-review-'));
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  rmSync(cacheDir, { recursive: true, force: true });
});

/** serveCommits answers tree and GraphQL requests from the fake repository of the commit they name. */
function serveCommits(...commits: FakeGitHubRepo[]): void {
  const bySha = new Map(commits.map((c) => [c.commitSha, c]));
  const first = commits[0];
  if (!first) throw new Error('no commit');
  recordGitHubRequests(nock(API))
    .persist()
    .get(new RegExp(`^/repos/${first.owner}/${first.repo}/git/trees/[0-9a-f]{40}\\?recursive=1$`))
    .reply((uri) => {
      const sha = new URL(uri, API).pathname.split('/').pop() ?? '';
      return bySha.get(sha)?.treeAnswer(sha, true) ?? [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/git/trees#get-a-tree', status: '404' }];
    })
    .post('/graphql')
    .reply((_uri, body) => {
      const request = (typeof body === 'string' ? JSON.parse(body) : body) as { query: string; variables: Record<string, string> };
      const sha = Object.values(request.variables).find((v) => /^[0-9a-f]{40}:/.test(v))?.slice(0, 40) ?? '';
      const commit = bySha.get(sha);
      return commit ? [200, commit.graphqlAnswer(request)] : [200, { data: { repository: {} } }];
    });
}

interface Patch {
  conclusion?: string;
  output?: { title: string; summary: string; annotations?: Array<{ path: string; start_line: number; annotation_level: string; title?: string }> };
}

function mockGitHub(owner: string, repo: string, patches: Patch[]): void {
  const example = githubExample<Record<string, unknown>>('POST', '/repos/{owner}/{repo}/check-runs', 201);
  recordGitHubRequests(nock(API))
    .post('/app/installations/5/access_tokens')
    .reply(201, { token: 'ghs_review', expires_at: '2099-01-01T00:00:00Z' })
    .get(`/repos/${owner}/${repo}/contents/.github%2Fpipwarden.yml`)
    .reply(200, 'failOn: high\n', { 'content-type': 'application/vnd.github.raw; charset=utf-8' })
    .post(`/repos/${owner}/${repo}/check-runs`, (body: { name?: string; head_sha?: string }) => body.name === 'pipwarden review' && body.head_sha === HEAD_SHA)
    .reply(201, { ...example, id: 901 })
    .patch(`/repos/${owner}/${repo}/check-runs/901`, (body: Patch) => {
      patches.push(body);
      return true;
    })
    .reply(200, { ...example, id: 901 });
}

function pullRequestEvent(owner: string, repo: string): EmitterWebhookEvent {
  const payload = webhookExample<{
    installation?: { id: number };
    repository: { name: string; full_name: string; owner: { login: string } };
    pull_request: { number: number; head: { sha: string }; base: { sha: string } };
  }>('pull_request', 'opened');
  payload.installation = { id: 5 };
  payload.repository.name = repo;
  payload.repository.full_name = `${owner}/${repo}`;
  payload.repository.owner.login = owner;
  payload.pull_request.head.sha = HEAD_SHA;
  payload.pull_request.base.sha = BASE_SHA;
  return { id: `pr-${repo}`, name: 'pull_request', payload } as unknown as EmitterWebhookEvent;
}

async function review(base: string, head: string, repo: string): Promise<Patch[]> {
  serveCommits(new FakeGitHubRepo('octo', repo, BASE_SHA).add('requirements.txt', base), new FakeGitHubRepo('octo', repo, HEAD_SHA).add('requirements.txt', head));
  const patches: Patch[] = [];
  mockGitHub('octo', repo, patches);
  const app = await startTestApp({ advisorySources: () => buildAdvisorySources({ offline: true, advisoryDb: ADVISORY_DB, cacheDir }) });
  await app.probot.receive(pullRequestEvent('octo', repo));
  await app.queue.runAll();
  assertValidGitHubRequests();
  return patches;
}

describe('pull request review', () => {
  it('fails when the pull request brings in a vulnerable version, annotating the head line', async () => {
    const patches = await review('# app\nclick==8.1.7\n', '# app\nclick==8.1.7\ndjango==4.2.5\n', 'adds');
    expect(patches).toHaveLength(1);
    expect(patches[0]?.conclusion).toBe('failure');
    expect(patches[0]?.output?.title).toContain('1 new vulnerability at or above high');
    expect(patches[0]?.output?.annotations).toEqual([expect.objectContaining({ path: 'requirements.txt', start_line: 3, annotation_level: 'failure' })]);
    expect(patches[0]?.output?.summary).toContain('Introduced by this pull request');
  });

  it('passes a pull request that fixes the base\'s vulnerability, and lists the fix', async () => {
    const patches = await review('django==4.2.5\n', 'django==4.2.10\n', 'fixes');
    expect(patches[0]?.conclusion).toBe('success');
    expect(patches[0]?.output?.title).toBe('No new vulnerable dependency');
    expect(patches[0]?.output?.summary).toContain('Fixed by this pull request');
    expect(patches[0]?.output?.annotations).toEqual([]);
  });

  it('does not fail for what the base already had', async () => {
    const patches = await review('django==4.2.5\n', 'django==4.2.5\nclick==8.1.7\n', 'keeps');
    expect(patches[0]?.conclusion).toBe('success');
    expect(patches[0]?.output?.summary).toMatch(/already present on the base branch/);
  });
});
