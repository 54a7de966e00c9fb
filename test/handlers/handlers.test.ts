import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmitterWebhookEvent } from '@octokit/webhooks';
import { touchesDependencies } from '../../src/handlers/push.js';
import { parseCommand } from '../../src/handlers/issue-comment.js';
import { decodeOrigin, encodeOrigin } from '../../src/handlers/check-run.js';
import { startTestApp, TEST_APP_ID } from '../helpers/app.js';
import { assertValidGitHubRequests, recordGitHubRequests } from '../helpers/github-openapi.js';
import { webhookExample } from '../helpers/webhooks.js';

type Payload = Record<string, unknown> & {
  repository: { full_name: string; name: string; default_branch: string; owner: { login: string } };
  installation?: { id: number };
};

const event = (name: string, payload: unknown, id = 'delivery-1') => ({ id, name, payload }) as unknown as EmitterWebhookEvent;

function pushPayload(files: { added?: string[]; modified?: string[]; removed?: string[] }): Payload {
  const payload = webhookExample<Payload & { commits: Array<Record<string, unknown>>; ref: string; after: string }>('push');
  payload.ref = `refs/heads/${payload.repository.default_branch}`;
  payload.installation = { id: 77 };
  payload.commits = [{ id: payload.after, added: files.added ?? [], modified: files.modified ?? [], removed: files.removed ?? [] }];
  return payload;
}

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('push', () => {
  it('enqueues one audit of the new head when a dependency file changed', async () => {
    const app = await startTestApp();
    const payload = pushPayload({ modified: ['services/api/requirements.txt', 'README.md'] });
    await app.probot.receive(event('push', payload));
    expect(app.queue.jobs).toEqual([
      {
        kind: 'audit',
        installationId: 77,
        owner: payload.repository.owner.login,
        repo: payload.repository.name,
        sha: (payload as unknown as { after: string }).after,
        ref: payload.repository.default_branch,
        reason: 'push',
      },
    ]);
  });

  it('does nothing for a push without dependency changes, to another branch, or a tag', async () => {
    const app = await startTestApp();
    await app.probot.receive(event('push', pushPayload({ modified: ['src/app.py', 'docs/index.md'] }), 'a'));
    const other = pushPayload({ modified: ['requirements.txt'] });
    (other as unknown as { ref: string }).ref = 'refs/heads/feature';
    await app.probot.receive(event('push', other, 'b'));
    await app.probot.receive(event('push', webhookExample('push'), 'c'));
    expect(app.queue.jobs).toEqual([]);
  });

  it('ignores a redelivered webhook (same delivery id): one audit only', async () => {
    const app = await startTestApp();
    const payload = pushPayload({ added: ['pyproject.toml'] });
    await app.probot.receive(event('push', payload, 'same-guid'));
    await app.probot.receive(event('push', payload, 'same-guid'));
    expect(app.queue.jobs).toHaveLength(1);
    expect(await app.services.metrics.registry.getSingleMetricAsString('pipwarden_duplicate_deliveries_total')).toContain('event="push"} 1');
  });

  it('recognises every dependency file kind and the configuration', () => {
    for (const path of ['requirements.txt', 'requirements/dev.in', 'a/pyproject.toml', 'setup.cfg', 'setup.py', 'Pipfile', 'Pipfile.lock', 'poetry.lock', 'uv.lock', 'pdm.lock', 'pylock.toml', '.github/pipwarden.yml']) {
      expect(touchesDependencies([{ modified: [path] }]), path).toBe(true);
    }
    expect(touchesDependencies([{ modified: ['setup.md', 'src/requirements.py'] }])).toBe(false);
  });
});

describe('installation', () => {
  it('audits every repository of a new installation once', async () => {
    const app = await startTestApp();
    const payload = webhookExample<Payload & { repositories: unknown[] }>('installation', 'created');
    await app.probot.receive(event('installation', payload));
    expect(app.queue.jobs.map((j) => `${j.kind} ${j.owner}/${j.repo}@${j.sha} ${j.reason}`)).toEqual(
      (payload.repositories as Array<{ full_name: string }>).map((r) => `audit ${r.full_name}@HEAD installation`),
    );
  });

  it('audits repositories added to an installation', async () => {
    const app = await startTestApp();
    const payload = webhookExample<Payload & { repositories_added: Array<{ full_name: string }> }>('installation_repositories', 'added');
    await app.probot.receive(event('installation_repositories', payload));
    expect(app.queue.jobs.map((j) => `${j.owner}/${j.repo}`)).toEqual(payload.repositories_added.map((r) => r.full_name));
  });
});

describe('pull_request', () => {
  it('enqueues a review of the head against the base', async () => {
    const app = await startTestApp();
    const payload = webhookExample<Payload & { pull_request: { number: number; head: { sha: string }; base: { sha: string; ref: string } } }>('pull_request', 'opened');
    payload.installation = { id: 5 };
    await app.probot.receive(event('pull_request', payload));
    expect(app.queue.jobs).toEqual([
      expect.objectContaining({
        kind: 'review',
        installationId: 5,
        sha: payload.pull_request.head.sha,
        data: { baseSha: payload.pull_request.base.sha, pullNumber: payload.pull_request.number },
      }),
    ]);
  });
});

describe('issue_comment', () => {
  it('parses commands only at the start of a line', () => {
    expect(parseCommand('@pipwarden recheck')).toBe('recheck');
    expect(parseCommand('thanks!\n  @pipwarden REBASE please')).toBe('rebase');
    expect(parseCommand('please do not @pipwarden recheck')).toBeNull();
    expect(parseCommand('@pipwarden dance')).toBeNull();
  });

  it('rechecks on pipwarden\'s own issue and acknowledges with a reaction', async () => {
    const app = await startTestApp();
    const payload = webhookExample<Payload & { issue: { body: string; pull_request?: unknown }; comment: { id: number; body: string; user: { type: string } } }>('issue_comment', 'created');
    payload.installation = { id: 9 };
    payload.issue.body = 'License policy\n<!-- pipwarden:license:foo -->';
    payload.comment.body = '@pipwarden recheck';
    payload.comment.user.type = 'User';
    const { owner, name } = { owner: payload.repository.owner.login, name: payload.repository.name };
    nock('https://api.github.com').post('/app/installations/9/access_tokens').reply(201, { token: 'ghs_test', expires_at: '2099-01-01T00:00:00Z' });
    const github = recordGitHubRequests(nock('https://api.github.com'));
    const reaction = github.post(`/repos/${owner}/${name}/issues/comments/${payload.comment.id}/reactions`, { content: 'eyes' }).reply(201, {});
    await app.probot.receive(event('issue_comment', payload));
    expect(app.queue.jobs).toEqual([expect.objectContaining({ kind: 'audit', installationId: 9, sha: 'HEAD', data: { force: true } })]);
    expect(reaction.isDone()).toBe(true);
    assertValidGitHubRequests();
  });

  it('ignores comments on issues pipwarden did not open, and comments by bots', async () => {
    const app = await startTestApp();
    const payload = webhookExample<Payload & { issue: { body: string }; comment: { body: string; user: { type: string } } }>('issue_comment', 'created');
    payload.comment.body = '@pipwarden recheck';
    payload.issue.body = 'a human issue';
    await app.probot.receive(event('issue_comment', payload, 'x'));
    payload.issue.body = '<!-- pipwarden:license:foo -->';
    payload.comment.user.type = 'Bot';
    await app.probot.receive(event('issue_comment', payload, 'y'));
    expect(app.queue.jobs).toEqual([]);
  });
});

describe('check_run rerequested', () => {
  it('re-runs pipwarden\'s own check with the kind its external_id names', async () => {
    const app = await startTestApp();
    const payload = webhookExample<Payload & { check_run: { name: string; head_sha: string; external_id: string; app: { id: number } } }>('check_run', 'rerequested');
    payload.installation = { id: 3 };
    payload.check_run.name = 'pipwarden review';
    payload.check_run.app.id = TEST_APP_ID;
    payload.check_run.external_id = encodeOrigin({ kind: 'review', baseSha: 'b'.repeat(40), pullNumber: 12 });
    await app.probot.receive(event('check_run', payload));
    expect(app.queue.jobs).toEqual([
      expect.objectContaining({ kind: 'review', sha: payload.check_run.head_sha, data: { force: true, baseSha: 'b'.repeat(40), pullNumber: 12 } }),
    ]);
  });

  it('leaves other apps\' check runs alone', async () => {
    const app = await startTestApp();
    const payload = webhookExample<Payload & { check_run: { name: string; app: { id: number } } }>('check_run', 'rerequested');
    payload.check_run.name = 'pipwarden';
    payload.check_run.app.id = TEST_APP_ID + 1;
    await app.probot.receive(event('check_run', payload));
    expect(app.queue.jobs).toEqual([]);
  });

  it('reads unknown external ids as audits', () => {
    expect(decodeOrigin(null)).toEqual({ kind: 'audit' });
    expect(decodeOrigin('{"kind":"review"}')).toEqual({ kind: 'audit' });
  });
});
