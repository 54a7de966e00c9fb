import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CheckAnnotation } from '../../src/github/annotations.js';
import { completeCheckRun, createCheckRun } from '../../src/github/check-runs.js';
import { checkRunOutput, configErrorCheckRun } from '../../src/github/check-summary.js';
import { GitHubApiError } from '../../src/github/octokit.js';
import type { Report } from '../../src/report/types.js';
import { testOctokit } from '../helpers/github-octokit.js';
import { assertValidGitHubRequests, githubExample, recordedGitHubRequests, recordGitHubRequests } from '../helpers/github-openapi.js';

const API = 'https://api.github.com';
const SHA = '6dcb09b5b57875f334f61aebed695e2e4193db5e';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  assertValidGitHubRequests();
});
afterAll(() => nock.enableNetConnect());

function bodies(): Array<Record<string, unknown>> {
  return recordedGitHubRequests().map((r) => JSON.parse(r.body) as Record<string, unknown>);
}

function annotationsOf(body: Record<string, unknown> | undefined): CheckAnnotation[] {
  return ((body?.output as { annotations?: CheckAnnotation[] } | undefined)?.annotations ?? []);
}

function numbered(count: number): CheckAnnotation[] {
  return Array.from({ length: count }, (_, i) => ({
    path: 'requirements.txt',
    start_line: i + 1,
    end_line: i + 1,
    annotation_level: 'warning' as const,
    title: `finding ${i}`,
    message: `message ${i}`,
  }));
}

describe('createCheckRun', () => {
  it('opens an in_progress run named pipwarden and returns its id', async () => {
    recordGitHubRequests(nock(API))
      .post('/repos/acme/shop/check-runs')
      .reply(201, githubExample('POST', '/repos/{owner}/{repo}/check-runs', 201, 'example-of-in-progress-conclusion'));
    const id = await createCheckRun(testOctokit(), {
      owner: 'acme',
      repo: 'shop',
      headSha: SHA,
      externalId: 'acme/shop@6dcb09b',
      detailsUrl: 'https://pipwarden.example/runs/42',
      startedAt: new Date('2026-11-29T12:00:00.123Z'),
    });
    expect(id).toBe(4);
    expect(bodies()).toEqual([
      {
        name: 'pipwarden',
        head_sha: SHA,
        status: 'in_progress',
        external_id: 'acme/shop@6dcb09b',
        details_url: 'https://pipwarden.example/runs/42',
        started_at: '2026-11-29T12:00:00Z',
      },
    ]);
  });

  it('throws a GitHubApiError with GitHub\'s message when GitHub refuses', async () => {
    recordGitHubRequests(nock(API))
      .post('/repos/acme/shop/check-runs')
      .reply(422, { message: 'No commit found for SHA: 6dcb09b5b57875f334f61aebed695e2e4193db5e', documentation_url: 'https://docs.github.com/rest/checks/runs#create-a-check-run', status: '422' });
    const error = await createCheckRun(testOctokit(), { owner: 'acme', repo: 'shop', headSha: SHA, externalId: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).message).toBe(
      'cannot create the check run on acme/shop@6dcb09b5b578: No commit found for SHA: 6dcb09b5b57875f334f61aebed695e2e4193db5e (HTTP 422)',
    );
    expect((error as GitHubApiError).status).toBe(422);
  });
});

describe('completeCheckRun', () => {
  function mockUpdates(times: number): void {
    recordGitHubRequests(nock(API))
      .patch('/repos/acme/shop/check-runs/4')
      .times(times)
      .reply(200, githubExample('PATCH', '/repos/{owner}/{repo}/check-runs/{check_run_id}', 200));
  }

  it('completes the run with the first 50 annotations, then appends the rest 50 per request', async () => {
    mockUpdates(3);
    const requests = await completeCheckRun(testOctokit(), {
      owner: 'acme',
      repo: 'shop',
      id: 4,
      conclusion: 'failure',
      title: '1 vulnerability at or above high',
      summary: 'summary',
      text: 'details',
      annotations: numbered(120),
      completedAt: new Date('2026-11-29T12:03:00Z'),
    });
    expect(requests).toBe(3);
    const [first, second, third] = bodies();
    expect(first).toMatchObject({ status: 'completed', conclusion: 'failure', completed_at: '2026-11-29T12:03:00Z' });
    expect(first?.output).toMatchObject({ title: '1 vulnerability at or above high', summary: 'summary', text: 'details' });
    expect(second).not.toHaveProperty('conclusion');
    expect(second).not.toHaveProperty('status');
    expect(second?.output).toMatchObject({ title: '1 vulnerability at or above high', summary: 'summary', text: 'details' });
    expect([first, second, third].map((b) => annotationsOf(b).length)).toEqual([50, 50, 20]);
    // Order is kept across requests: worst first stays worst first.
    expect([...annotationsOf(first), ...annotationsOf(second), ...annotationsOf(third)].map((a) => a.start_line)).toEqual(
      Array.from({ length: 120 }, (_, i) => i + 1),
    );
  });

  it('sends one request when there is no annotation, and no text when there is none', async () => {
    mockUpdates(1);
    expect(await completeCheckRun(testOctokit(), { owner: 'acme', repo: 'shop', id: 4, conclusion: 'success', title: 'No known vulnerabilities', summary: 's', annotations: [] })).toBe(1);
    expect(bodies()).toEqual([{ status: 'completed', conclusion: 'success', output: { title: 'No known vulnerabilities', summary: 's', annotations: [] } }]);
  });

  it('cuts an oversized summary and text to GitHub\'s limit at a line boundary', async () => {
    mockUpdates(1);
    const long = Array.from({ length: 20_000 }, (_, i) => `line ${i} of the report`).join('\n');
    await completeCheckRun(testOctokit(), { owner: 'acme', repo: 'shop', id: 4, conclusion: 'success', title: 't', summary: long, text: long, annotations: [] });
    const output = bodies()[0]?.output as { summary: string; text: string };
    expect(output.summary.length).toBeLessThanOrEqual(65_535);
    expect(output.summary).toMatch(/\nline \d+ of the report\n\n… \d+ more lines, see the full report$/);
    expect(output.text).toBe(output.summary);
  });

  it('publishes a whole audit output and a configuration error as GitHub accepts them', async () => {
    mockUpdates(2);
    const report = JSON.parse(readFileSync(new URL('./fixtures/report-monorepo-audit.json', import.meta.url), 'utf8')) as Report;
    const output = checkRunOutput(report, { failOn: 'high' });
    await completeCheckRun(testOctokit(), { owner: 'acme', repo: 'shop', id: 4, ...output });
    const config = configErrorCheckRun([{ message: 'unknown key "ignored"', path: '.github/pipwarden.yml', line: 4 }]);
    await completeCheckRun(testOctokit(), { owner: 'acme', repo: 'shop', id: 4, ...config });
    const [audit, invalid] = bodies();
    expect(audit).toMatchObject({ conclusion: 'failure', output: { title: '1 vulnerability at or above high' } });
    expect(annotationsOf(audit)).toHaveLength(4);
    expect(invalid).toMatchObject({ conclusion: 'failure', output: { title: 'Invalid .github/pipwarden.yml: 1 problem' } });
    expect(invalid?.output).not.toHaveProperty('text');
  });

  it('throws a GitHubApiError when an update fails', async () => {
    recordGitHubRequests(nock(API))
      .patch('/repos/acme/shop/check-runs/4')
      .reply(200, githubExample('PATCH', '/repos/{owner}/{repo}/check-runs/{check_run_id}', 200))
      .patch('/repos/acme/shop/check-runs/4')
      .reply(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/checks/runs#update-a-check-run', status: '403' });
    await expect(
      completeCheckRun(testOctokit(), { owner: 'acme', repo: 'shop', id: 4, conclusion: 'success', title: 't', summary: 's', annotations: numbered(60) }),
    ).rejects.toThrow('cannot update check run 4 on acme/shop: Resource not accessible by integration (HTTP 403)');
    // The verdict was recorded by the first request.
    expect(bodies()[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
  });
});
