import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { uploadSarif } from '../../src/github/code-scanning.js';
import { GitHubApiError } from '../../src/github/octokit.js';
import { testOctokit } from '../helpers/github-octokit.js';
import { assertValidGitHubRequests, githubExample, recordedGitHubRequests, recordGitHubRequests } from '../helpers/github-openapi.js';

const API = 'https://api.github.com';
const SHA = '4b6472266afd7b471e86085a6659e8c7f2b119da';
const ROUTE = '/repos/{owner}/{repo}/code-scanning/sarifs';
const SARIF = JSON.stringify({
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
  version: '2.1.0',
  runs: [{ tool: { driver: { name: 'pipwarden', rules: [] } }, results: [] }],
});

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  assertValidGitHubRequests();
});
afterAll(() => nock.enableNetConnect());

function sentBody(): { commit_sha: string; ref: string; sarif: string; tool_name: string } {
  return JSON.parse(recordedGitHubRequests()[0]?.body ?? '{}') as { commit_sha: string; ref: string; sarif: string; tool_name: string };
}

describe('uploadSarif', () => {
  it('uploads the SARIF gzip-compressed and base64-encoded, and returns the upload id', async () => {
    recordGitHubRequests(nock(API)).post('/repos/acme/shop/code-scanning/sarifs').reply(202, githubExample('POST', ROUTE, 202));
    const result = await uploadSarif(testOctokit(), { owner: 'acme', repo: 'shop', commitSha: SHA, ref: 'refs/heads/main', sarif: SARIF });
    expect(result).toEqual({
      uploaded: true,
      id: '47177e22-5596-11eb-80a1-c1e54ef945c6',
      url: 'https://api.github.com/repos/octocat/hello-world/code-scanning/sarifs/47177e22-5596-11eb-80a1-c1e54ef945c6',
    });
    const body = sentBody();
    expect(body.commit_sha).toBe(SHA);
    expect(body.ref).toBe('refs/heads/main');
    expect(body.tool_name).toBe('pipwarden');
    expect(gunzipSync(Buffer.from(body.sarif, 'base64')).toString('utf8')).toBe(SARIF);
  });

  it('reads a bare branch name as refs/heads/<name> and keeps pull request refs', async () => {
    recordGitHubRequests(nock(API)).post('/repos/acme/shop/code-scanning/sarifs').times(2).reply(202, githubExample('POST', ROUTE, 202));
    await uploadSarif(testOctokit(), { owner: 'acme', repo: 'shop', commitSha: SHA, ref: 'main', sarif: SARIF });
    await uploadSarif(testOctokit(), { owner: 'acme', repo: 'shop', commitSha: SHA, ref: 'refs/pull/42/merge', sarif: SARIF });
    expect(recordedGitHubRequests().map((r) => (JSON.parse(r.body) as { ref: string }).ref)).toEqual(['refs/heads/main', 'refs/pull/42/merge']);
  });

  it('does not fail when code scanning needs GitHub Advanced Security (403)', async () => {
    recordGitHubRequests(nock(API)).post('/repos/acme/private/code-scanning/sarifs').reply(403, {
      message: 'Advanced Security must be enabled for this repository to use code scanning.',
      documentation_url: 'https://docs.github.com/rest/code-scanning/code-scanning#upload-an-analysis-as-sarif-data',
      status: '403',
    });
    const result = await uploadSarif(testOctokit(), { owner: 'acme', repo: 'private', commitSha: SHA, ref: 'refs/heads/main', sarif: SARIF });
    expect(result).toEqual({
      uploaded: false,
      reason:
        'Code scanning results were not uploaded: GitHub refused them for this repository (Advanced Security must be enabled for this repository to use code scanning.). ' +
        'Code scanning needs GitHub Advanced Security on private repositories, and archived repositories accept no uploads.',
    });
  });

  it('does not fail when the app cannot see code scanning (404)', async () => {
    recordGitHubRequests(nock(API)).post('/repos/acme/shop/code-scanning/sarifs').reply(404, {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest/code-scanning/code-scanning#upload-an-analysis-as-sarif-data',
      status: '404',
    });
    const result = await uploadSarif(testOctokit(), { owner: 'acme', repo: 'shop', commitSha: SHA, ref: 'refs/heads/main', sarif: SARIF });
    expect(result).toEqual({
      uploaded: false,
      reason: 'Code scanning results were not uploaded: GitHub answered "Not Found". The app may lack the "Code scanning alerts" (security_events) write permission on this repository.',
    });
  });

  it('throws other errors as GitHubApiError', async () => {
    recordGitHubRequests(nock(API)).post('/repos/acme/shop/code-scanning/sarifs').reply(503, { code: 'unavailable', message: 'Service unavailable', documentation_url: 'https://docs.github.com/rest' });
    const error = await uploadSarif(testOctokit(), { owner: 'acme', repo: 'shop', commitSha: SHA, ref: 'refs/heads/main', sarif: SARIF }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toBe('cannot upload SARIF to acme/shop: Service unavailable (HTTP 503)');
  });

  it('refuses, without a request, a SARIF over GitHub\'s 10 MB compressed limit', async () => {
    const huge = JSON.stringify({ version: '2.1.0', runs: [{ noise: randomBytes(11 * 1024 * 1024).toString('base64') }] });
    const result = await uploadSarif(testOctokit(), { owner: 'acme', repo: 'shop', commitSha: SHA, ref: 'refs/heads/main', sarif: huge });
    expect(result.uploaded).toBe(false);
    expect(!result.uploaded && result.reason).toMatch(/^The SARIF report is 1\d\.\d MB compressed, over GitHub's 10 MB limit for code scanning uploads; it was not uploaded\.$/);
    expect(recordedGitHubRequests()).toEqual([]);
  });
});
