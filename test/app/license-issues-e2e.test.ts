/**
 * License issues end to end: an audit of the default branch that finds a denied license opens one issue
 * (labelled, with the hidden marker), a later audit with the violation gone closes it with a comment, and
 * an audit whose license lookups failed touches no issue at all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAdvisorySources } from '../../src/advisories/sources.js';
import type { PackageMetadata, PackageRegistry } from '../../src/registry/types.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { assertValidGitHubRequests, githubExample, recordGitHubRequests } from '../helpers/github-openapi.js';
import { FakeGitHubRepo } from '../github/fake-github.js';
import { FakeGitHubWrites } from '../github/fake-publish.js';

const API = 'https://api.github.com';
const ADVISORY_DB = fileURLToPath(new URL('../fixtures/advisory-db', import.meta.url));

let cacheDir: string;
beforeEach(() => {
  nock.disableNetConnect();
  cacheDir = mkdtempSync(path.join(tmpdir(), 'pipwarden-licenses-'));
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  rmSync(cacheDir, { recursive: true, force: true });
});

/** registryWith answers every release with the given license expressions (by package). */
function registryWith(licenses: Record<string, string>, fail = false): PackageRegistry {
  const metadata = (name: string, version: string): PackageMetadata => ({
    name,
    version,
    summary: null,
    licenseExpression: licenses[name] ?? 'MIT',
    license: null,
    classifiers: [],
    requiresPython: null,
    requiresDist: [],
    projectUrls: {},
  });
  return {
    baseUrl: 'https://pypi.test',
    project: () => Promise.resolve(null),
    release: (name, version) => (fail ? Promise.reject(new Error('pypi.test is down')) : Promise.resolve({ metadata: metadata(name, version), files: [] })),
  };
}

describe('license issues', () => {
  it('opens one issue for a denied license, and closes it with a comment once the package is gone', async () => {
    let registry = registryWith({ gplthing: 'GPL-3.0-only' });
    const app = await startTestApp({
      advisorySources: () => buildAdvisorySources({ offline: true, advisoryDb: ADVISORY_DB, cacheDir }),
      registry: () => registry,
    });
    const fresh = new FakeGitHubWrites('acme', 'shop');
    await auditCommitWithWrites(app, fresh, 'b'.repeat(40), 'click==8.1.7\ngplthing==1.0\n', 2);
    expect(fresh.issues.map((i) => [i.title, i.state, i.labels])).toEqual([['License policy: gplthing 1.0 is GPL-3.0-only', 'open', ['license-policy']]]);
    expect(fresh.issues[0]?.body).toContain('<!-- pipwarden:license:gplthing -->');

    // The package is removed: the issue is closed with a comment saying why.
    await auditCommitWithWrites(app, fresh, 'c'.repeat(40), 'click==8.1.7\n', 3);
    expect(fresh.issues.map((i) => i.state)).toEqual(['closed']);
    expect(fresh.comments.map((c) => c.number)).toEqual([fresh.issues[0]?.number]);

    // The index fails: nothing is reopened or closed on the strength of an incomplete check.
    registry = registryWith({ gplthing: 'GPL-3.0-only' }, true);
    await auditCommitWithWrites(app, fresh, 'd'.repeat(40), 'click==8.1.7\ngplthing==1.0\n', 4);
    expect(fresh.issues.map((i) => i.state)).toEqual(['closed']);
    expect(fresh.responseProblems).toEqual([]);
    assertValidGitHubRequests();
  });
});

/**
 * auditCommitWithWrites audits one commit: the reads and the check run are mocked first, so they win
 * over the write fake, which answers every other /repos/acme/shop request (issues, labels).
 */
async function auditCommitWithWrites(app: TestApp, writes: FakeGitHubWrites, sha: string, requirements: string, checkRunId: number): Promise<void> {
  nock.cleanAll();
  const repo = new FakeGitHubRepo('acme', 'shop', sha).add('requirements.txt', requirements);
  repo.mock();
  const example = githubExample<Record<string, unknown>>('POST', '/repos/{owner}/{repo}/check-runs', 201);
  recordGitHubRequests(nock(API))
    .post('/app/installations/7/access_tokens')
    .optionally()
    .reply(201, { token: 'ghs_licenses', expires_at: '2099-01-01T00:00:00Z' })
    .get('/repos/acme/shop/contents/.github%2Fpipwarden.yml')
    .reply(200, 'codeScanning:\n  upload: false\n', { 'content-type': 'application/vnd.github.raw; charset=utf-8' })
    .post('/repos/acme/shop/check-runs')
    .reply(201, { ...example, id: checkRunId })
    .patch(`/repos/acme/shop/check-runs/${checkRunId}`)
    .reply(200, { ...example, id: checkRunId });
  writes.mock();
  await app.queue.enqueue({ kind: 'audit', installationId: 7, owner: 'acme', repo: 'shop', sha, reason: 'push' });
  await app.queue.runAll();
}
