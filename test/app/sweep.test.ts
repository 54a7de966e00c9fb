import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSweepAllJob, runSweepJob, SWEEP_ALL_JOB, SWEEP_SPREAD_SHARE } from '../../src/app/jobs/sweep.js';
import { startTestApp } from '../helpers/app.js';
import { assertValidGitHubRequests, githubExample, recordGitHubRequests } from '../helpers/github-openapi.js';

const API = 'https://api.github.com';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('scheduled sweeps', () => {
  it('schedules one repeating sweep of every installation at start-up', async () => {
    const app = await startTestApp();
    expect(app.queue.schedules).toEqual([{ id: 'sweep-all', intervalMs: 24 * 60 * 60 * 1000, job: SWEEP_ALL_JOB }]);
  });

  it('fans out: one sweep per installation, then one delayed audit per active repository', async () => {
    const app = await startTestApp();
    const installation = githubExample<Record<string, unknown> & { account: Record<string, unknown> }>('GET', '/app/installations', 200);
    const list = Array.isArray(installation) ? installation : [installation];
    const installations = [
      { ...list[0], id: 11, account: { ...(list[0] as { account: Record<string, unknown> }).account, login: 'acme' } },
      { ...list[0], id: 12, account: { ...(list[0] as { account: Record<string, unknown> }).account, login: 'globex' } },
    ];
    recordGitHubRequests(nock(API)).get('/app/installations').query({ per_page: 100 }).reply(200, installations);
    const appOctokit = await app.probot.auth();
    expect(await runSweepAllJob(app.services, appOctokit)).toBe(2);
    expect(app.queue.jobs.map((j) => `${j.kind}:${j.installationId}:${j.owner}`)).toEqual(['sweep:11:acme', 'sweep:12:globex']);

    const repos = githubExample<{ total_count: number; repositories: Array<Record<string, unknown> & { owner: Record<string, unknown> }> }>('GET', '/installation/repositories', 200);
    const template = repos.repositories[0];
    if (!template) throw new Error('no example repository');
    const repository = (name: string, extra: Record<string, unknown> = {}) => ({ ...template, name, full_name: `acme/${name}`, owner: { ...template.owner, login: 'acme' }, default_branch: 'main', archived: false, disabled: false, ...extra });
    recordGitHubRequests(nock(API))
      .post('/app/installations/11/access_tokens')
      .reply(201, { token: 'ghs_sweep', expires_at: '2099-01-01T00:00:00Z' })
      .get('/installation/repositories')
      .query({ per_page: 100 })
      .reply(200, { total_count: 3, repositories: [repository('api'), repository('old', { archived: true }), repository('web')] });
    const sweep = app.queue.jobs[0];
    if (!sweep) throw new Error('no sweep job');
    const randoms = [0.25, 0.9];
    expect(await runSweepJob(sweep, app.services, () => randoms.shift() ?? 0)).toBe(2);
    const spread = app.services.settings.scheduleMs * SWEEP_SPREAD_SHARE;
    expect(app.queue.jobs.slice(2)).toEqual([
      { kind: 'audit', installationId: 11, owner: 'acme', repo: 'api', sha: 'HEAD', ref: 'main', reason: 'schedule', delayMs: Math.floor(0.25 * spread) },
      { kind: 'audit', installationId: 11, owner: 'acme', repo: 'web', sha: 'HEAD', ref: 'main', reason: 'schedule', delayMs: Math.floor(0.9 * spread) },
    ]);
    assertValidGitHubRequests();
  });
});
