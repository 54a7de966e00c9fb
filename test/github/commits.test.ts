import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commitFiles, createCommit, deleteBranch, INLINE_CONTENT_LIMIT, pointBranch } from '../../src/github/commits.js';
import { GitHubApiError } from '../../src/github/octokit.js';
import { PipwardenError } from '../../src/errors.js';
import { testOctokit } from '../helpers/github-octokit.js';
import { assertValidGitHubRequests, recordedGitHubRequests } from '../helpers/github-openapi.js';
import { FakeGitHubWrites } from './fake-publish.js';

const repo = { owner: 'acme', repo: 'shop' };
let fake: FakeGitHubWrites;
let baseSha: string;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  fake = new FakeGitHubWrites('acme', 'shop');
  baseSha = fake.seedBase({ 'requirements.txt': 'django==3.2.0\r\n', 'requirements-dev.txt': 'pytest==7.0.0\n', 'poetry.lock': 'old\n', 'bin/run': '#!/bin/sh\n' });
  fake.mock();
});
afterEach(() => {
  nock.cleanAll();
  assertValidGitHubRequests();
  expect(fake.responseProblems).toEqual([]);
});
afterAll(() => nock.enableNetConnect());

function bodyOf(suffix: string): Record<string, unknown> {
  const request = recordedGitHubRequests().find((r) => r.method === 'POST' && r.path.endsWith(suffix));
  return JSON.parse(request?.body ?? '{}') as Record<string, unknown>;
}

describe('commitFiles', () => {
  it('commits edits, a deletion and a large file on top of the base and creates the branch', async () => {
    const lock = `${'# lock line\n'.repeat(Math.ceil(INLINE_CONTENT_LIMIT / 12) + 1)}`;
    const result = await commitFiles(testOctokit(), {
      ...repo,
      baseSha,
      branch: 'pipwarden/django',
      message: 'Update django to 3.2.25',
      files: [
        { path: 'requirements.txt', content: 'django==3.2.25\r\n' },
        { path: 'requirements-dev.txt', content: null },
        { path: 'poetry.lock', content: lock },
      ],
    });
    expect(result.branch).toBe('created');
    expect(fake.refs.get('pipwarden/django')).toBe(result.sha);
    expect(fake.commits.get(result.sha)).toMatchObject({ parents: [baseSha], message: 'Update django to 3.2.25' });
    // Line endings travel as written; untouched files stay.
    expect(fake.branchFiles('pipwarden/django')).toEqual({ 'bin/run': '#!/bin/sh\n', 'poetry.lock': lock, 'requirements.txt': 'django==3.2.25\r\n' });
    expect(recordedGitHubRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /repos/acme/shop/git/commits/${baseSha}`,
      'POST /repos/acme/shop/git/blobs',
      'POST /repos/acme/shop/git/trees',
      'POST /repos/acme/shop/git/commits',
      'POST /repos/acme/shop/git/refs',
    ]);
    const tree = bodyOf('/git/trees');
    expect(tree.base_tree).toBe(fake.commits.get(baseSha)?.tree);
    expect(tree.tree).toEqual([
      { path: 'requirements.txt', mode: '100644', type: 'blob', content: 'django==3.2.25\r\n' },
      { path: 'requirements-dev.txt', mode: '100644', type: 'blob', sha: null },
      { path: 'poetry.lock', mode: '100644', type: 'blob', sha: expect.stringMatching(/^[0-9a-f]{40}$/) as unknown },
    ]);
    expect(bodyOf('/git/blobs')).toEqual({ content: lock, encoding: 'utf-8' });
    expect(bodyOf('/git/refs')).toEqual({ ref: 'refs/heads/pipwarden/django', sha: result.sha });
  });

  it('keeps an executable file executable when asked', async () => {
    await commitFiles(testOctokit(), { ...repo, baseSha, branch: 'pipwarden/x', message: 'm', files: [{ path: 'bin/run', content: '#!/bin/sh\nexit 0\n', mode: '100755' }] });
    expect(bodyOf('/git/trees').tree).toEqual([{ path: 'bin/run', mode: '100755', type: 'blob', content: '#!/bin/sh\nexit 0\n' }]);
  });

  it('force-moves the branch when it exists already (a crash after the branch was made)', async () => {
    const first = await commitFiles(testOctokit(), { ...repo, baseSha, branch: 'pipwarden/django', message: 'one', files: [{ path: 'requirements.txt', content: 'django==3.2.24\r\n' }] });
    const second = await commitFiles(testOctokit(), { ...repo, baseSha, branch: 'pipwarden/django', message: 'two', files: [{ path: 'requirements.txt', content: 'django==3.2.25\r\n' }] });
    expect(second.branch).toBe('updated');
    expect(second.sha).not.toBe(first.sha);
    // Not a fast-forward (both commits sit on the base): only `force` lets GitHub move the branch.
    expect(fake.refs.get('pipwarden/django')).toBe(second.sha);
    const patch = recordedGitHubRequests().find((r) => r.method === 'PATCH');
    expect(patch?.path).toBe('/repos/acme/shop/git/refs/heads%2Fpipwarden%2Fdjango');
    expect(JSON.parse(patch?.body ?? '{}')).toEqual({ sha: second.sha, force: true });
  });

  it('creates the branch when it was expected but a person deleted it', async () => {
    const result = await commitFiles(testOctokit(), { ...repo, baseSha, branch: 'pipwarden/gone', branchExists: true, message: 'm', files: [{ path: 'requirements.txt', content: 'x\n' }] });
    expect(result.branch).toBe('created');
    expect(fake.refs.get('pipwarden/gone')).toBe(result.sha);
  });

  it('refuses a commit that changes nothing, before any commit or branch is made', async () => {
    const error = await commitFiles(testOctokit(), { ...repo, baseSha, branch: 'pipwarden/same', message: 'm', files: [{ path: 'requirements.txt', content: 'django==3.2.0\r\n' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipwardenError);
    expect((error as Error).message).toBe('nothing to commit on acme/shop: requirements.txt already hold this content');
    expect(fake.refs.has('pipwarden/same')).toBe(false);
    await expect(createCommit(testOctokit(), { ...repo, baseSha, message: 'm', files: [] })).rejects.toThrow('nothing to commit on acme/shop: no file changes');
  });

  it('says which step GitHub refused, with GitHub\'s message', async () => {
    const error = await createCommit(testOctokit(), { ...repo, baseSha: 'f'.repeat(40), message: 'm', files: [{ path: 'a', content: 'b' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toBe('cannot read commit ffffffffffff of acme/shop: Not Found (HTTP 404)');
    fake.fail('POST', /\/git\/trees$/, 422, { message: 'tree.path contains a malformed path component', documentation_url: 'https://docs.github.com/rest/git/trees#create-a-tree', status: '422' });
    await expect(createCommit(testOctokit(), { ...repo, baseSha, message: 'm', files: [{ path: '../etc', content: 'x' }] })).rejects.toThrow(
      'cannot create the tree of ../etc on acme/shop: tree.path contains a malformed path component (HTTP 422)',
    );
  });
});

describe('pointBranch and deleteBranch', () => {
  it('reports a refusal other than "exists" / "does not exist" as it is', async () => {
    fake.fail('POST', /\/git\/refs$/, 403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/git/refs#create-a-reference', status: '403' });
    await expect(pointBranch(testOctokit(), { ...repo, branch: 'pipwarden/x', sha: baseSha }, 'new')).rejects.toThrow(
      `cannot point branch pipwarden/x of acme/shop at ${baseSha.slice(0, 12)}: Resource not accessible by integration (HTTP 403)`,
    );
  });

  it('deletes a branch, and answers false when it is already gone', async () => {
    fake.refs.set('pipwarden/old', baseSha);
    expect(await deleteBranch(testOctokit(), { ...repo, branch: 'pipwarden/old' })).toBe(true);
    expect(fake.refs.has('pipwarden/old')).toBe(false);
    expect(await deleteBranch(testOctokit(), { ...repo, branch: 'pipwarden/old' })).toBe(false);
  });
});
