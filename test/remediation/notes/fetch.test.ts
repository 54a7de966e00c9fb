import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../../src/http/client.js';
import { GitHubReleaseNotes, type ReleaseNotesRequest } from '../../../src/remediation/notes/fetch.js';
import { assertValidGitHubRequests, githubExample, githubResponseProblems, recordedGitHubRequests, recordGitHubRequests } from '../../helpers/github-openapi.js';

const API = 'https://api.github.com';
const RAW = 'application/vnd.github.raw+json';

type Release = Record<string, unknown>;
type Tree = { sha: string; url: string; tree: Record<string, unknown>[]; truncated: boolean };

const template = githubExample<Release[]>('GET', '/repos/{owner}/{repo}/releases', 200)[0] as Release;
const treeTemplate = githubExample<Tree>('GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}', 200);
let nextId = 1;

/** release is GitHub's documented example of a release, with this tag and these fields. */
function release(tag: string, fields: Release = {}): Release {
  const id = nextId++;
  return {
    ...template,
    id,
    url: `${API}/repos/acme/widgets/releases/${id}`,
    html_url: `https://github.com/acme/widgets/releases/tag/${tag}`,
    tag_name: tag,
    name: tag,
    body: `Notes of ${tag}`,
    created_at: '2024-01-01T00:00:00Z',
    published_at: '2024-01-01T00:00:00Z',
    ...fields,
  };
}

/** tree is GitHub's documented example of a tree, with these entries. */
function tree(entries: Array<{ path: string; type: 'blob' | 'tree'; sha?: string }>): Tree {
  return {
    ...treeTemplate,
    tree: entries.map((e, i) => ({
      path: e.path,
      mode: e.type === 'tree' ? '040000' : '100644',
      type: e.type,
      sha: e.sha ?? `${i}`.padStart(40, '0'),
      ...(e.type === 'blob' ? { size: 100 } : {}),
      url: `${API}/repos/acme/widgets/git/${e.type}s/${e.sha ?? `${i}`.padStart(40, '0')}`,
    })),
  };
}

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function source(options: { token?: string; baseUrl?: string; maxPages?: number } = {}): GitHubReleaseNotes {
  return new GitHubReleaseNotes({ http: new HttpClient({ maxAttempts: 1, sleep: async () => undefined }), ...options });
}

const WIDGETS: ReleaseNotesRequest = { package: 'widgets', projectUrls: { Source: 'https://github.com/acme/widgets' }, from: '1.4.0', to: '2.0.0' };

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  assertValidGitHubRequests();
});
afterAll(() => nock.enableNetConnect());

describe('GitHubReleaseNotes: releases', () => {
  it('reads the releases between the version in use and the target, newest first', async () => {
    const list = [release('v2.0.1'), release('v2.0.0', { name: 'Widgets 2.0', body: '## Breaking\n- gone' }), release('v1.5.0'), release('v1.4.0'), release('v1.3.0')];
    expect(githubResponseProblems('GET', '/repos/{owner}/{repo}/releases', 200, list)).toEqual([]);
    const scope = recordGitHubRequests(nock(API)).get('/repos/acme/widgets/releases').query({ per_page: '100', page: '1' }).reply(200, list);

    const result = await source().releaseNotes(WIDGETS);
    scope.done();
    expect(result.status).toBe('found');
    expect(result.notes).toEqual({
      package: 'widgets',
      from: '1.4.0',
      to: '2.0.0',
      repository: { owner: 'acme', repo: 'widgets', url: 'https://github.com/acme/widgets' },
      origin: 'releases',
      url: 'https://github.com/acme/widgets/releases',
      releases: [
        { version: '2.0.0', title: 'Widgets 2.0', body: '## Breaking\n- gone', url: 'https://github.com/acme/widgets/releases/tag/v2.0.0', publishedAt: '2024-01-01T00:00:00Z' },
        { version: '1.5.0', title: 'v1.5.0', body: 'Notes of v1.5.0', url: 'https://github.com/acme/widgets/releases/tag/v1.5.0', publishedAt: '2024-01-01T00:00:00Z' },
      ],
    });
  });

  it('pages on until the version in use shows up', async () => {
    const page1 = Array.from({ length: 100 }, (_, i) => release(`v3.0.${100 - i}`));
    const page2 = [release('v2.0.1'), release('v2.0.0'), release('v1.9.0')];
    const scope = recordGitHubRequests(nock(API))
      .get('/repos/acme/widgets/releases')
      .query({ per_page: '100', page: '1' })
      .reply(200, page1)
      .get('/repos/acme/widgets/releases')
      .query({ per_page: '100', page: '2' })
      .reply(200, page2);
    const result = await source().releaseNotes({ ...WIDGETS, from: '2.0.0', to: '3.0.50' });
    scope.done();
    expect(result.notes?.releases).toHaveLength(51);
    expect(result.notes?.releases[0]?.version).toBe('3.0.50');
    expect(result.notes?.releases[50]?.version).toBe('2.0.1');
  });

  it('stops on the page that holds the version in use, and at the page limit', async () => {
    const full = Array.from({ length: 100 }, (_, i) => release(`v1.${100 - i}.0`));
    const scope = recordGitHubRequests(nock(API)).get('/repos/acme/widgets/releases').query(true).reply(200, full);
    const result = await source().releaseNotes({ ...WIDGETS, from: '1.50.0', to: '1.52.0' });
    scope.done();
    expect(result.notes?.releases.map((r) => r.version)).toEqual(['1.52.0', '1.51.0']);

    const newer = Array.from({ length: 100 }, (_, i) => release(`v9.${100 - i}.0`));
    const limited = recordGitHubRequests(nock(API)).get('/repos/acme/widgets/releases').query({ per_page: '100', page: '1' }).reply(200, newer);
    const capped = await source({ maxPages: 1 }).releaseNotes({ ...WIDGETS, from: '1.0.0', to: '9.2.0' });
    limited.done();
    expect(capped.notes?.releases.map((r) => r.version)).toEqual(['9.2.0', '9.1.0']);
  });

  it("skips drafts, pre-releases, other packages' tags in a monorepo and tags that are no version", async () => {
    const list = [
      release('widgets-cli-2.0.0', { body: 'the CLI' }),
      release('widgets-2.0.0', { body: 'the library' }),
      release('widgets-2.0.0rc1', { prerelease: true }),
      release('widgets-1.9.0', { draft: true }),
      release('nightly'),
      release('Widgets v1.8.0'),
      release('widgets-1.4.0'),
    ];
    recordGitHubRequests(nock(API)).get('/repos/acme/widgets/releases').query(true).reply(200, list);
    const result = await source().releaseNotes(WIDGETS);
    expect(result.notes?.releases.map((r) => [r.version, r.body])).toEqual([
      ['2.0.0', 'the library'],
      ['1.8.0', 'Notes of Widgets v1.8.0'],
    ]);
  });

  it('reads the version from the release name when the tag has none', async () => {
    recordGitHubRequests(nock(API)).get('/repos/acme/widgets/releases').query(true).reply(200, [release('stable', { name: 'Widgets 2.0.0' }), release('v1.4.0')]);
    const result = await source().releaseNotes(WIDGETS);
    expect(result.notes?.releases.map((r) => r.version)).toEqual(['2.0.0']);
  });

  it('sends the token and the API version, to the configured address (GitHub Enterprise Server)', async () => {
    const scope = recordGitHubRequests(nock('https://ghe.example.com'), { basePath: '/api/v3' })
      .get('/api/v3/repos/acme/widgets/releases')
      .query(true)
      .matchHeader('authorization', 'Bearer ghs_token123')
      .matchHeader('x-github-api-version', '2022-11-28')
      .matchHeader('accept', 'application/vnd.github+json')
      .reply(200, [release('v2.0.0'), release('v1.4.0')]);
    const result = await source({ token: 'ghs_token123', baseUrl: 'https://ghe.example.com/api/v3/' }).releaseNotes(WIDGETS);
    scope.done();
    expect(result.status).toBe('found');
  });

  it('asks each URL once: the same lookup twice, and another range of the same repository', async () => {
    const scope = recordGitHubRequests(nock(API)).get('/repos/acme/widgets/releases').query(true).once().reply(200, [release('v2.0.0'), release('v1.5.0'), release('v1.4.0')]);
    const notes = source();
    const [a, b] = await Promise.all([notes.releaseNotes(WIDGETS), notes.releaseNotes({ ...WIDGETS, package: 'Widgets' })]);
    const c = await notes.releaseNotes({ ...WIDGETS, from: '1.5.0' });
    scope.done();
    expect(a).toBe(b);
    expect(c.notes?.releases.map((r) => r.version)).toEqual(['2.0.0']);
    expect(recordedGitHubRequests()).toHaveLength(1);
  });
});

describe('GitHubReleaseNotes: changelog', () => {
  it('falls back to a changelog at the top of the repository, read raw and sliced', async () => {
    const scope = recordGitHubRequests(nock(API))
      .get('/repos/acme/widgets/releases')
      .query(true)
      .reply(200, [])
      .get('/repos/acme/widgets/git/trees/HEAD')
      .reply(200, tree([{ path: 'README.md', type: 'blob' }, { path: 'CHANGELOG.md', type: 'blob' }, { path: 'CHANGES.txt', type: 'blob' }, { path: 'src', type: 'tree' }]))
      .get('/repos/acme/widgets/contents/CHANGELOG.md')
      .matchHeader('accept', RAW)
      .reply(200, fixture('changelog-keep-a-changelog.md'), { 'content-type': RAW });
    const result = await source().releaseNotes({ ...WIDGETS, from: '1.9.0', to: '2.1.0' });
    scope.done();
    expect(result.status).toBe('found');
    expect(result.notes).toMatchObject({ origin: 'changelog', path: 'CHANGELOG.md', url: 'https://github.com/acme/widgets/blob/HEAD/CHANGELOG.md' });
    expect(result.notes?.releases.map((r) => r.version)).toEqual(['2.1.0', '2.0.1', '2.0.0']);
    expect(result.notes?.releases[0]?.url).toBe('https://github.com/acme/widgets/blob/HEAD/CHANGELOG.md');
  });

  it('looks under docs/ when the top has no changelog', async () => {
    const docsSha = 'd'.repeat(40);
    const scope = recordGitHubRequests(nock(API))
      .get('/repos/acme/widgets/releases')
      .query(true)
      .reply(200, [])
      .get('/repos/acme/widgets/git/trees/HEAD')
      .reply(200, tree([{ path: 'README.rst', type: 'blob' }, { path: 'docs', type: 'tree', sha: docsSha }]))
      .get(`/repos/acme/widgets/git/trees/${docsSha}`)
      .reply(200, tree([{ path: 'index.rst', type: 'blob' }, { path: 'changes.rst', type: 'blob' }]))
      .get('/repos/acme/widgets/contents/docs/changes.rst')
      .reply(200, fixture('changes-rest.rst'));
    const result = await source().releaseNotes({ ...WIDGETS, from: '3.1.0', to: '3.1.2' });
    scope.done();
    expect(result.notes).toMatchObject({ origin: 'changelog', path: 'docs/changes.rst' });
    expect(result.notes?.releases.map((r) => r.version)).toEqual(['3.1.2', '3.1.1']);
  });

  it('reads the file the Changelog project URL points at, at its ref', async () => {
    const request: ReleaseNotesRequest = {
      package: 'Flask',
      projectUrls: { Changes: 'https://github.com/pallets/flask/blob/main/CHANGES.rst', Source: 'https://github.com/pallets/flask/' },
      from: '3.0.2',
      to: '3.1.0',
    };
    const scope = recordGitHubRequests(nock(API))
      .get('/repos/pallets/flask/releases')
      .query(true)
      .reply(200, [release('3.1.0', { body: '' }), release('3.0.3', { body: null })])
      .get('/repos/pallets/flask/contents/CHANGES.rst')
      .query({ ref: 'main' })
      .reply(200, fixture('CHANGES-flask.rst'));
    const result = await source().releaseNotes(request);
    scope.done();
    expect(result.notes).toMatchObject({ origin: 'changelog', path: 'CHANGES.rst', url: 'https://github.com/pallets/flask/blob/main/CHANGES.rst' });
    expect(result.notes?.releases.map((r) => [r.version, r.title])).toEqual([
      ['3.1.0', 'Version 3.1.0'],
      ['3.0.3', 'Version 3.0.3'],
    ]);
  });

  it('keeps releases without notes when there is no changelog', async () => {
    recordGitHubRequests(nock(API))
      .get('/repos/acme/widgets/releases')
      .query(true)
      .reply(200, [release('v2.0.0', { body: '' }), release('v1.4.0')])
      .get('/repos/acme/widgets/git/trees/HEAD')
      .reply(200, tree([{ path: 'README.md', type: 'blob' }]));
    const result = await source().releaseNotes(WIDGETS);
    expect(result.status).toBe('found');
    expect(result.notes?.releases).toEqual([
      { version: '2.0.0', title: 'v2.0.0', body: '', url: 'https://github.com/acme/widgets/releases/tag/v2.0.0', publishedAt: '2024-01-01T00:00:00Z' },
    ]);
  });
});

describe('GitHubReleaseNotes: nothing to show', () => {
  it('says so when no project URL is on GitHub, without asking anything', async () => {
    const result = await source().releaseNotes({ ...WIDGETS, projectUrls: { Homepage: 'https://widgets.example' } });
    expect(result).toEqual({ status: 'no-repository', notes: null, repository: null, message: 'no GitHub repository among the project URLs' });
  });

  it('is not-found for a missing repository, and for one without notes for the versions', async () => {
    recordGitHubRequests(nock(API)).get('/repos/acme/widgets/releases').query(true).reply(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    expect(await source().releaseNotes(WIDGETS)).toMatchObject({ status: 'not-found', message: 'acme/widgets was not found on GitHub' });

    recordGitHubRequests(nock(API))
      .get('/repos/acme/widgets/releases')
      .query(true)
      .reply(200, [release('v0.1.0')])
      .get('/repos/acme/widgets/git/trees/HEAD')
      .reply(409, { message: 'Git Repository is empty.' });
    expect(await source().releaseNotes(WIDGETS)).toMatchObject({ status: 'not-found', message: 'acme/widgets has no release notes or changelog for 1.4.0 and 2.0.0' });
  });

  it('is an error, never a rejection, when GitHub refuses (rate limit), and the message holds no token', async () => {
    recordGitHubRequests(nock(API))
      .get('/repos/acme/widgets/releases')
      .query(true)
      .reply(403, { message: 'API rate limit exceeded for 203.0.113.1.' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' });
    const result = await source({ token: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' }).releaseNotes(WIDGETS);
    expect(result.status).toBe('error');
    expect(result.message).toContain('release notes of acme/widgets could not be read: GET https://api.github.com/repos/acme/widgets/releases?per_page=100&page=1: HTTP 403');
    expect(result.message).not.toContain('ghp_');
  });

  it('is an error when GitHub answers something that is not a list of releases', async () => {
    recordGitHubRequests(nock(API)).get('/repos/acme/widgets/releases').query(true).reply(200, { unexpected: true });
    expect((await source().releaseNotes(WIDGETS)).status).toBe('error');
  });
});
