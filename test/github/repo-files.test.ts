import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PATHS_PER_QUERY } from '../../src/github/blobs.js';
import { GitHubRepoFiles } from '../../src/github/repo-files.js';
import { collectManifests } from '../../src/manifests/collect.js';
import { MAX_FILE_BYTES } from '../../src/sources/paths.js';
import { testOctokit } from '../helpers/github-octokit.js';
import { assertValidGitHubRequests, githubResponseProblems, recordedGitHubRequests, takeGitHubRequestProblems } from '../helpers/github-openapi.js';
import { FakeGitHubRepo } from './fake-github.js';

const MONOREPO = new URL('./fixtures/monorepo/', import.meta.url);
const decoder = new TextDecoder();

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  assertValidGitHubRequests();
});
afterAll(() => nock.enableNetConnect());

function filesOf(fake: FakeGitHubRepo, options: { maxTreeRequests?: number } = {}): GitHubRepoFiles {
  fake.mock();
  return new GitHubRepoFiles(testOctokit(), { owner: fake.owner, repo: fake.repo, sha: fake.commitSha }, options);
}

function requestLines(): string[] {
  return recordedGitHubRequests().map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{40}/g, '<sha>')}`);
}

function graphqlPaths(index: number): string[] {
  const graphql = recordedGitHubRequests().filter((r) => r.path === '/graphql');
  const body = JSON.parse(graphql[index]?.body ?? '{}') as { variables?: Record<string, string> };
  return Object.entries(body.variables ?? {})
    .filter(([k]) => /^p\d+$/.test(k))
    .map(([, v]) => v.slice(v.indexOf(':') + 1));
}

/** A big repository: 2,000 tree entries, 30 of them dependency files. */
function bigRepo(dependencyFiles: number, total: number): FakeGitHubRepo {
  const fake = new FakeGitHubRepo();
  for (let i = 0; i < dependencyFiles; i++) fake.add(`services/svc-${i}/requirements.txt`, `requests==2.${i}.0\n`);
  let filler = 0;
  // Folders count as tree entries too: each src/pkg-N folder holds 9 modules.
  while (fake.files.size + Math.ceil(fake.files.size / 9) < total) {
    fake.add(`src/pkg-${Math.floor(filler / 9)}/module_${filler % 9}.py`, `VALUE = ${filler}\n`);
    filler += 1;
  }
  return fake;
}

describe('GitHubRepoFiles: cost', () => {
  it('audits 30 dependency files among 2,000 tree entries with exactly 2 requests', async () => {
    const fake = bigRepo(30, 2_000);
    const files = filesOf(fake);
    const collected = await collectManifests(files);
    expect(collected.manifests).toHaveLength(30);
    expect(collected.manifests[0]?.requirements[0]?.name).toBe('requests');
    expect(collected.errors).toEqual([]);
    expect(requestLines()).toEqual(['GET /repos/octo/app/git/trees/<sha>?recursive=1', 'POST /graphql']);
    expect(graphqlPaths(0)).toHaveLength(30);
  });

  it('splits 150 dependency files into GraphQL queries of 100 paths', async () => {
    const files = filesOf(bigRepo(150, 400));
    const collected = await collectManifests(files);
    expect(collected.manifests).toHaveLength(150);
    expect(requestLines()).toEqual(['GET /repos/octo/app/git/trees/<sha>?recursive=1', 'POST /graphql', 'POST /graphql']);
    expect(graphqlPaths(0)).toHaveLength(MAX_PATHS_PER_QUERY);
    expect(graphqlPaths(1)).toHaveLength(50);
  });

  it('fetches a file reached by -r that is not named like a dependency file in one more request, then caches', async () => {
    const files = filesOf(new FakeGitHubRepo().addFolder(MONOREPO));
    const collected = await collectManifests(files);
    expect(collected.manifests.map((m) => m.path)).toEqual([
      'constraints.txt',
      'deps/common.pip',
      'requirements.txt',
      'services/api/pyproject.toml',
      'services/worker/Pipfile',
      'tools/setup.py',
    ]);
    const common = collected.manifests.find((m) => m.path === 'deps/common.pip');
    expect(common?.requirements.map((r) => [r.name, r.version, r.lines])).toEqual([
      ['requests', '2.25.0', { start: 1, end: 1 }],
      ['urllib3', '1.26.4', { start: 2, end: 2 }],
    ]);
    expect(collected.includedBy.get('deps/common.pip')).toEqual(['requirements.txt']);
    expect(requestLines()).toEqual(['GET /repos/octo/app/git/trees/<sha>?recursive=1', 'POST /graphql', 'POST /graphql']);
    expect(graphqlPaths(0)).toEqual(['constraints.txt', 'requirements.txt', 'services/api/pyproject.toml', 'services/worker/Pipfile', 'tools/setup.py']);
    expect(graphqlPaths(1)).toEqual(['deps/common.pip']);
    // Everything is cached now: reading again costs nothing.
    const again = await files.readFile('deps/common.pip');
    expect(again.ok && decoder.decode(again.bytes)).toContain('requests==2.25.0');
    expect(recordedGitHubRequests()).toHaveLength(3);
  });

  it('answers a missing include from the listing, without a request', async () => {
    const fake = new FakeGitHubRepo().add('requirements.txt', '-r missing/base.txt\nflask==2.0.1\n');
    const collected = await collectManifests(filesOf(fake));
    expect(collected.manifests[0]?.errors).toEqual([{ message: 'included file "missing/base.txt" not found', path: 'requirements.txt', line: 1 }]);
    expect(requestLines()).toEqual(['GET /repos/octo/app/git/trees/<sha>?recursive=1', 'POST /graphql']);
  });

  it('shares one batch between concurrent reads', async () => {
    const files = filesOf(bigRepo(10, 50));
    const paths = Array.from({ length: 10 }, (_, i) => `services/svc-${i}/requirements.txt`);
    const reads = await Promise.all(paths.map((p) => files.readFile(p)));
    expect(reads.map((r) => r.ok && decoder.decode(r.bytes))).toEqual(paths.map((_, i) => `requests==2.${i}.0\n`));
    expect(requestLines()).toEqual(['GET /repos/octo/app/git/trees/<sha>?recursive=1', 'POST /graphql']);
  });

  it('reads many Python files with readAll in one batch', async () => {
    const fake = new FakeGitHubRepo().addFolder(MONOREPO);
    for (let i = 0; i < 40; i++) fake.add(`src/app/mod_${i}.py`, `import os  # ${i}\n`);
    const files = filesOf(fake);
    const python = (await files.listFiles()).files.map((f) => f.path).filter((p) => p.endsWith('.py'));
    const read = await files.readAll(python);
    expect(read.size).toBe(42);
    const main = read.get('src/app/main.py');
    expect(main?.ok && decoder.decode(main.bytes)).toContain('shell=True');
    // The first batch carries the dependency files along with the Python files.
    expect(requestLines()).toEqual(['GET /repos/octo/app/git/trees/<sha>?recursive=1', 'POST /graphql']);
    expect(graphqlPaths(0)).toHaveLength(42 + 4);
  });
});

describe('GitHubRepoFiles: listing', () => {
  it('lists blobs with their sizes, without ignored folders, symlinks or submodules, and reports venvs', async () => {
    const fake = new FakeGitHubRepo()
      .addFolder(MONOREPO)
      .add('node_modules/pkg/requirements.txt', 'evil==1\n')
      .add('build/lib/setup.py', 'setup()\n')
      .add('services/api/__pycache__/x.pyc', new Uint8Array([0, 1, 2]))
      .add('pkg.egg-info/requires.txt', 'x\n')
      .add('.venv/pyvenv.cfg', 'home = /usr/bin\n')
      .add('.venv/lib/python3.12/site-packages/requirements.txt', 'x\n')
      .add('tools/myenv/pyvenv.cfg', 'home = /usr/bin\n')
      .add('tools/myenv/lib/requirements.txt', 'x\n')
      .add('env/bin/activate', '#!/bin/sh\n')
      .add('env/lib/site.py', '\n')
      .add('linked-requirements.txt', 'requirements.txt', { mode: '120000' })
      .add('vendor/lib', '', { mode: '160000' });
    const listing = await filesOf(fake).listFiles();
    expect(listing.files).toEqual([
      { path: 'README.md', size: 18 },
      { path: 'constraints.txt', size: 10 },
      { path: 'deps/common.pip', size: 56 },
      { path: 'requirements.txt', size: 51 },
      { path: 'services/api/pyproject.toml', size: 180 },
      { path: 'services/worker/Pipfile', size: 134 },
      { path: 'src/app/main.py', size: 85 },
      { path: 'tools/setup.py', size: 96 },
    ]);
    expect(listing.virtualEnvs).toEqual(['.venv', 'env', 'tools/myenv']);
    expect(requestLines()).toEqual(['GET /repos/octo/app/git/trees/<sha>?recursive=1']);
  });

  it('falls back to folder-by-folder listing when GitHub truncates, skipping ignored folders, and says so', async () => {
    const fake = new FakeGitHubRepo()
      .addFolder(MONOREPO)
      .add('node_modules/a/b/c/requirements.txt', 'x\n')
      .add('.venv/pyvenv.cfg', 'home = /usr/bin\n')
      .add('.venv/lib/requirements.txt', 'x\n')
      .add('tools/myenv/pyvenv.cfg', 'home = /usr/bin\n')
      .add('tools/myenv/lib/deep/requirements.txt', 'x\n');
    fake.truncateAt = 5;
    const files = filesOf(fake);
    const listing = await files.listFiles();
    expect(listing.files.map((f) => f.path)).toEqual([
      'README.md',
      'constraints.txt',
      'deps/common.pip',
      'requirements.txt',
      'services/api/pyproject.toml',
      'services/worker/Pipfile',
      'src/app/main.py',
      'tools/setup.py',
    ]);
    expect(listing.virtualEnvs).toEqual(['.venv', 'tools/myenv']);
    const trees = requestLines().filter((l) => l.includes('/git/trees/'));
    // recursive (truncated) + root, deps, services, services/api, services/worker, src, src/app, tools, .venv, tools/myenv;
    // node_modules and the venvs' own folders are never opened.
    expect(trees).toHaveLength(11);
    expect(trees[0]).toBe('GET /repos/octo/app/git/trees/<sha>?recursive=1');
    expect(trees.slice(1).every((l) => !l.includes('recursive'))).toBe(true);
    expect(await files.notes()).toEqual([
      'GitHub truncated the recursive listing of octo/app@c0ffee000000 (too many files); it was read folder by folder in 10 requests, skipping ignored folders.',
    ]);
    // A file inside a folder that was not opened is asked for by path: its size first, then its text
    // (with the dependency files of the first batch).
    const vendored = await files.readFile('node_modules/a/b/c/requirements.txt');
    expect(vendored.ok && decoder.decode(vendored.bytes)).toBe('x\n');
    const graphql = recordedGitHubRequests().filter((r) => r.path === '/graphql');
    expect(graphql).toHaveLength(2);
    expect(graphqlPaths(0)).toEqual(['node_modules/a/b/c/requirements.txt']);
    expect(graphql[0]?.body).not.toContain(' text');
    expect(graphqlPaths(1)).toContain('node_modules/a/b/c/requirements.txt');
    expect(graphql[1]?.body).toContain(' text');
  });

  it('stops the fallback at its request cap and names the folders left out', async () => {
    const fake = new FakeGitHubRepo().addFolder(MONOREPO);
    fake.truncateAt = 3;
    const files = filesOf(fake, { maxTreeRequests: 3 });
    const listing = await files.listFiles();
    expect(listing.files.map((f) => f.path)).toEqual(['README.md', 'constraints.txt', 'deps/common.pip', 'requirements.txt']);
    const notes = await files.notes();
    expect(notes[1]).toBe(
      'The listing stopped after 3 folder requests: 4 folder(s) were not listed (src, tools, services/api, services/worker); dependency files in them were not audited.',
    );
  });

  it('throws from listFiles when the commit cannot be listed, and reads then fail with the reason', async () => {
    nock('https://api.github.com')
      .get(/\/git\/trees\//)
      .reply(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/git/trees#get-a-tree', status: '404' });
    const files = new GitHubRepoFiles(testOctokit(), { owner: 'octo', repo: 'gone', sha: 'f'.repeat(40) });
    await expect(files.listFiles()).rejects.toThrow('cannot list the files of octo/gone@ffffffffffff: Not Found (HTTP 404)');
    expect(await files.readFile('requirements.txt')).toEqual({ ok: false, error: 'cannot list the files of octo/gone@ffffffffffff: Not Found (HTTP 404)' });
  });
});

describe('GitHubRepoFiles: refusals and fallbacks', () => {
  it('refuses paths that leave the root, symlinks, submodules and folders without a request', async () => {
    const fake = new FakeGitHubRepo()
      .add('requirements.txt', 'flask==2.0.1\n')
      .add('shared', '../outside', { mode: '120000' })
      .add('linked.txt', '/etc/passwd', { mode: '120000' })
      .add('vendor/lib', '', { mode: '160000' });
    const files = filesOf(fake);
    await files.listFiles();
    expect(await files.readFile('../etc/passwd')).toEqual({ ok: false, error: 'path "../etc/passwd" leaves the audited folder' });
    expect(await files.readFile('/etc/passwd')).toEqual({ ok: false, error: 'absolute path "/etc/passwd" is outside the audited folder' });
    expect(await files.readFile('a\0b')).toEqual({ ok: false, error: 'path contains a NUL byte' });
    expect(await files.readFile('linked.txt')).toEqual({ ok: false, error: 'symbolic link; not followed' });
    expect(await files.readFile('shared/base.txt')).toEqual({ ok: false, error: 'path goes through the symbolic link "shared"; not followed' });
    expect(await files.readFile('vendor/lib/requirements.txt')).toEqual({ ok: false, error: 'inside the git submodule "vendor/lib"; submodules are not read' });
    expect(await files.readFile('vendor')).toEqual({ ok: false, error: 'is a folder, not a file' });
    expect((await files.readFile('requirements.txt')).ok).toBe(true);
    // Only the listing and the first batch (the dependency files) were requested.
    expect(requestLines()).toEqual(['GET /repos/octo/app/git/trees/<sha>?recursive=1', 'POST /graphql']);
  });

  it('refuses binary and oversized files, never asking for an oversized file\'s text', async () => {
    const fake = new FakeGitHubRepo()
      .add('requirements.txt', 'flask==2.0.1\n')
      .add('requirements-bin.txt', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff]))
      .add('requirements-huge.txt', 'x==1\n', { reportedSize: MAX_FILE_BYTES + 1 });
    const files = filesOf(fake);
    const collected = await collectManifests(files);
    const errors = Object.fromEntries(collected.manifests.map((m) => [m.path, m.errors]));
    expect(errors['requirements-bin.txt']).toEqual([{ message: 'binary file (GitHub marks it binary); not read', path: 'requirements-bin.txt', line: 1 }]);
    expect(errors['requirements-huge.txt']).toEqual([{ message: 'file is 5.0 MB, over the 5 MB limit; not read', path: 'requirements-huge.txt', line: 1 }]);
    expect(errors['requirements.txt']).toEqual([]);
    expect(graphqlPaths(0)).toEqual(['requirements-bin.txt', 'requirements.txt']);
  });

  it('reads a blob whose GraphQL text GitHub truncated through the REST blob endpoint', async () => {
    const long = `${Array.from({ length: 200 }, (_, i) => `package-${i}==1.${i}.0`).join('\n')}\n`;
    const fake = new FakeGitHubRepo().add('requirements.txt', long, { textTruncated: true }).add('setup.py', 'setup()\n');
    const files = filesOf(fake);
    const collected = await collectManifests(files);
    const requirements = collected.manifests.find((m) => m.path === 'requirements.txt');
    expect(requirements?.requirements).toHaveLength(200);
    expect(requirements?.requirements[199]?.lines).toEqual({ start: 200, end: 200 });
    expect(requestLines()).toEqual(['GET /repos/octo/app/git/trees/<sha>?recursive=1', 'POST /graphql', 'GET /repos/octo/app/git/blobs/<sha>']);
  });

  it('keeps the files that resolved when GitHub reports an error for one alias', async () => {
    const fake = new FakeGitHubRepo().add('requirements.txt', 'flask==2.0.1\n').add('setup.py', 'setup()\n');
    fake.graphqlErrors.set('setup.py', 'Something went wrong while executing your query.');
    const collected = await collectManifests(filesOf(fake));
    expect(collected.manifests.find((m) => m.path === 'requirements.txt')?.requirements[0]?.name).toBe('flask');
    expect(collected.manifests.find((m) => m.path === 'setup.py')?.errors).toEqual([
      { message: 'cannot read from GitHub: Something went wrong while executing your query.', path: 'setup.py', line: 1 },
    ]);
  });

  it('turns a failed GraphQL request into an error on each file of the batch, and the audit goes on', async () => {
    const fake = new FakeGitHubRepo().add('requirements.txt', 'flask==2.0.1\n').add('setup.py', 'setup()\n');
    nock('https://api.github.com').post('/graphql').reply(502, { message: 'Server Error' });
    const collected = await collectManifests(filesOf(fake));
    expect(collected.manifests.map((m) => [m.path, m.errors[0]?.message])).toEqual([
      ['requirements.txt', 'cannot read from GitHub: Server Error'],
      ['setup.py', 'cannot read from GitHub: Server Error'],
    ]);
  });

  it('says so on every file when GitHub cannot resolve the repository in GraphQL', async () => {
    const fake = new FakeGitHubRepo().add('requirements.txt', 'flask==2.0.1\n');
    nock('https://api.github.com')
      .post('/graphql')
      .reply(200, {
        data: { repository: null },
        errors: [{ type: 'NOT_FOUND', path: ['repository'], locations: [{ line: 1, column: 60 }], message: "Could not resolve to a Repository with the name 'octo/app'." }],
      });
    const read = await filesOf(fake).readFile('requirements.txt');
    expect(read).toEqual({ ok: false, error: "cannot read from GitHub: Could not resolve to a Repository with the name 'octo/app'." });
  });

  it('survives hostile paths and contents: quotes and newlines in names, NUL bytes, very long lines', async () => {
    const fake = new FakeGitHubRepo()
      .add('requirements/"quoted" $x.txt', 'flask==2.0.1\n')
      .add('requirements/new\nline.txt', 'django==3.2\n')
      .add('requirements/long.txt', `${'a'.repeat(200_000)}==1\nrequests==2.0\n`)
      .add('requirements/garbage.txt', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), { binary: false });
    const collected = await collectManifests(filesOf(fake));
    const byPath = new Map(collected.manifests.map((m) => [m.path, m]));
    expect(byPath.get('requirements/"quoted" $x.txt')?.requirements[0]?.name).toBe('flask');
    expect(byPath.get('requirements/new\nline.txt')?.requirements[0]?.name).toBe('django');
    expect(byPath.get('requirements/long.txt')?.requirements.at(-1)?.name).toBe('requests');
    expect(byPath.get('requirements/garbage.txt')).toBeDefined();
  });
});

describe('GitHubRepoFiles: dependencyFingerprint', () => {
  it('changes when a dependency file or an include-like file changes, not when other files do, from the listing alone', async () => {
    const fingerprint = async (fake: FakeGitHubRepo): Promise<string> => {
      const files = filesOf(fake);
      const value = await files.dependencyFingerprint();
      nock.cleanAll();
      return value;
    };
    const base = () => new FakeGitHubRepo().addFolder(MONOREPO);
    const original = await fingerprint(base());
    expect(original).toMatch(/^[0-9a-f]{64}$/);
    expect(await fingerprint(base())).toBe(original);
    expect(await fingerprint(base().add('README.md', 'changed\n').add('src/app/main.py', 'print()\n'))).toBe(original);
    expect(await fingerprint(base().add('services/api/pyproject.toml', '[project]\nname = "api"\n'))).not.toBe(original);
    expect(await fingerprint(base().add('deps/common.pip', 'requests==2.32.0\n'))).not.toBe(original);
    expect(await fingerprint(base().add('docs/extra.txt', 'x\n'))).not.toBe(original);
    // Only tree listings were requested.
    expect(recordedGitHubRequests().every((r) => r.path.includes('/git/trees/'))).toBe(true);
  });
});

describe('GitHubRepoFiles: scale and other hosts', () => {
  it('lists a 100,000-entry tree with deep nesting quickly, without recursion limits', async () => {
    const fake = new FakeGitHubRepo();
    const deep = Array.from({ length: 400 }, (_, i) => `d${i}`).join('/');
    fake.add(`${deep}/requirements.txt`, 'flask==2.0.1\n');
    for (let i = 0; fake.files.size + Math.ceil(fake.files.size / 50) + 400 < 100_000; i++) fake.add(`data/part-${Math.floor(i / 50)}/f${i}.csv`, '');
    const files = filesOf(fake);
    const started = Date.now();
    const collected = await collectManifests(files);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(collected.manifests.map((m) => [m.path.split('/').length, m.requirements[0]?.name])).toEqual([[401, 'flask']]);
    expect(requestLines()).toEqual(['GET /repos/octo/app/git/trees/<sha>?recursive=1', 'POST /graphql']);
  }, 60_000);

  it('works against GitHub Enterprise Server (REST under /api/v3, GraphQL at /api/graphql)', async () => {
    const fake = new FakeGitHubRepo().addFolder(MONOREPO);
    fake.mock('https://ghe.example.com/api/v3');
    const files = new GitHubRepoFiles(testOctokit('https://ghe.example.com/api/v3'), { owner: fake.owner, repo: fake.repo, sha: fake.commitSha });
    const collected = await collectManifests(files);
    expect(collected.manifests).toHaveLength(6);
    expect(requestLines()).toEqual([
      'GET /api/v3/repos/octo/app/git/trees/<sha>?recursive=1',
      'POST /api/graphql',
      'POST /api/graphql',
    ]);
  });
});

describe('FakeGitHubRepo answers with GitHub\'s documented shapes', () => {
  it('tree and blob answers validate against the OpenAPI response schemas', () => {
    const fake = new FakeGitHubRepo().addFolder(MONOREPO);
    const [, tree] = fake.treeAnswer(fake.commitSha, true);
    expect(githubResponseProblems('GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}', 200, tree)).toEqual([]);
    const sha = (tree as { tree: Array<{ path: string; sha: string }> }).tree.find((e) => e.path === 'requirements.txt')?.sha ?? '';
    const [, blob] = fake.blobAnswer(sha);
    expect(githubResponseProblems('GET', '/repos/{owner}/{repo}/git/blobs/{file_sha}', 200, blob)).toEqual([]);
    takeGitHubRequestProblems();
  });
});
