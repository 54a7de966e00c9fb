import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testOctokit } from './github-octokit.js';
import {
  assertValidGitHubRequests,
  githubExample,
  githubRequestProblems,
  githubResponseProblems,
  graphqlRequestProblems,
  recordedGitHubRequests,
  recordGitHubRequests,
  takeGitHubRequestProblems,
} from './github-openapi.js';

const API = 'https://api.github.com';
const SHA = 'a'.repeat(40);

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  takeGitHubRequestProblems();
});
afterAll(() => nock.enableNetConnect());

describe('githubRequestProblems (REST)', () => {
  it('accepts a documented request with a valid body', () => {
    const body = JSON.stringify({ name: 'pipwarden', head_sha: SHA, status: 'in_progress', external_id: 'x' });
    expect(githubRequestProblems({ method: 'POST', path: '/repos/octo/app/check-runs', body })).toEqual([]);
  });

  it('accepts a tree read with its declared query parameter and a slash in a multi-segment ref', () => {
    expect(githubRequestProblems({ method: 'GET', path: `/repos/octo/app/git/trees/${SHA}?recursive=1` })).toEqual([]);
    expect(githubRequestProblems({ method: 'GET', path: '/repos/octo/app/git/trees/feature/x' })).toEqual([]);
  });

  it('rejects an unknown route', () => {
    expect(githubRequestProblems({ method: 'GET', path: '/repos/octo/app/check-run-thing' })).toEqual([
      'GET /repos/octo/app/check-run-thing: no documented GitHub REST route has this path',
    ]);
  });

  it('rejects a method the route does not document', () => {
    const [problem] = githubRequestProblems({ method: 'DELETE', path: '/repos/octo/app/check-runs', body: '' });
    expect(problem).toBe('DELETE /repos/octo/app/check-runs: DELETE is not documented for /repos/{owner}/{repo}/check-runs');
  });

  it('rejects a body without the required head_sha', () => {
    const problems = githubRequestProblems({ method: 'POST', path: '/repos/octo/app/check-runs', body: JSON.stringify({ name: 'pipwarden' }) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("must have required property 'head_sha'");
  });

  it('rejects a wrong enum value, an undeclared query parameter and a non-integer id', () => {
    const enumProblems = githubRequestProblems({
      method: 'POST',
      path: '/repos/octo/app/check-runs',
      body: JSON.stringify({ name: 'p', head_sha: SHA, status: 'running' }),
    });
    expect(enumProblems.join('\n')).toContain('/status must be equal to one of the allowed values (queued, in_progress, completed)');
    expect(githubRequestProblems({ method: 'GET', path: `/repos/octo/app/git/trees/${SHA}?deep=1` })[0]).toContain('query parameter "deep" is not declared');
    const idProblems = githubRequestProblems({ method: 'PATCH', path: '/repos/octo/app/check-runs/abc', body: JSON.stringify({ status: 'in_progress' }) });
    expect(idProblems.join('\n')).toContain('path parameter check_run_id/value must be integer');
  });

  it('rejects more than 50 annotations in one update (the documented maxItems)', () => {
    const annotation = { path: 'a.txt', start_line: 1, end_line: 1, annotation_level: 'warning', message: 'm' };
    const body = JSON.stringify({ output: { title: 't', summary: 's', annotations: Array.from({ length: 51 }, () => annotation) } });
    expect(githubRequestProblems({ method: 'PATCH', path: '/repos/octo/app/check-runs/1', body }).join('\n')).toContain(
      'body/output/annotations must NOT have more than 50 items',
    );
  });

  it('understands a GitHub Enterprise Server base path', () => {
    expect(githubRequestProblems({ method: 'GET', path: `/api/v3/repos/o/r/git/blobs/${SHA}` }, { basePath: '/api/v3' })).toEqual([]);
  });
});

describe('graphqlRequestProblems', () => {
  it('accepts a valid query with its variables', () => {
    const query = 'query ($owner: String!, $name: String!, $e0: String!) { repository(owner: $owner, name: $name) { f0: object(expression: $e0) { ... on Blob { text isBinary byteSize isTruncated } } } }';
    expect(graphqlRequestProblems(JSON.stringify({ query, variables: { owner: 'o', name: 'r', e0: `${SHA}:a.txt` } }))).toEqual([]);
  });

  it('rejects a field the schema does not have', () => {
    const query = '{ repository(owner: "o", name: "r") { object(expression: "HEAD:a") { ... on Blob { contents } } } }';
    expect(graphqlRequestProblems(JSON.stringify({ query }))).toEqual(['GraphQL: Cannot query field "contents" on type "Blob".']);
  });

  it('rejects missing variables and syntax errors', () => {
    const query = 'query ($owner: String!) { repository(owner: $owner, name: "r") { id } }';
    expect(graphqlRequestProblems(JSON.stringify({ query, variables: {} }))[0]).toContain('Variable "$owner" of required type "String!" was not provided.');
    expect(graphqlRequestProblems(JSON.stringify({ query: '{ repository(' }))[0]).toMatch(/^GraphQL syntax error/);
  });
});

describe('recordGitHubRequests with nock and a real Octokit', () => {
  it('records valid requests and passes', async () => {
    recordGitHubRequests(nock(API))
      .post('/repos/octo/app/check-runs')
      .reply(201, githubExample('POST', '/repos/{owner}/{repo}/check-runs', 201));
    const octokit = testOctokit();
    const response = await octokit.request('POST /repos/{owner}/{repo}/check-runs', { owner: 'octo', repo: 'app', name: 'pipwarden', head_sha: SHA });
    expect(response.data.id).toBe(4);
    expect(recordedGitHubRequests().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /repos/octo/app/check-runs']);
    expect(() => assertValidGitHubRequests()).not.toThrow();
  });

  it('fails with every problem listed', async () => {
    recordGitHubRequests(nock(API))
      .post('/repos/octo/app/check-runs')
      .reply(201, {})
      .post('/graphql')
      .reply(200, { data: {} });
    const octokit = testOctokit();
    // Sent on purpose without head_sha, as a typo'd call would be.
    await octokit.request('POST /repos/{owner}/{repo}/check-runs', { owner: 'octo', repo: 'app', name: 'pipwarden' } as never);
    await octokit.graphql('{ viewer { loginName } }');
    expect(() => assertValidGitHubRequests()).toThrow(
      /2 mocked GitHub request\(s\) GitHub would not accept:\n- POST \/repos\/octo\/app\/check-runs .*head_sha.*\n- POST \/graphql: GraphQL: Cannot query field "loginName" on type "User"/,
    );
  });

  it('notes a request no mock matched', async () => {
    recordGitHubRequests(nock(API)).get('/rate_limit').reply(200, {});
    await expect(testOctokit().request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' })).rejects.toThrow();
    expect(takeGitHubRequestProblems().join('\n')).toContain('no mock matched this request');
  });
});

describe('fixtures from the description', () => {
  it('githubExample returns the documented example, and githubResponseProblems checks a reply', () => {
    const tree = githubExample<{ truncated: boolean; tree: unknown[] }>('GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}', 200);
    expect(tree.truncated).toBe(false);
    expect(githubResponseProblems('GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}', 200, tree)).toEqual([]);
    expect(githubResponseProblems('GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}', 200, { sha: 'x', tree: [{ path: 'a' }] }).join('\n')).toContain(
      "must have required property 'truncated'",
    );
  });
});
