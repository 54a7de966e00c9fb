import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RegistryError } from '../../src/errors.js';
import { HttpClient } from '../../src/http/client.js';
import { PypiRegistry, SIMPLE_JSON } from '../../src/registry/pypi.js';

const PYPI = 'https://pypi.org';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function registry(options: { baseUrl?: string; simpleUrl?: string; maxAttempts?: number } = {}): PypiRegistry {
  const http = new HttpClient({ sleep: async () => undefined, random: () => 0, maxAttempts: options.maxAttempts ?? 1 });
  return new PypiRegistry({ http, ...options });
}

async function registryFailure(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(RegistryError);
  return error as RegistryError;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('PypiRegistry.project', () => {
  it('reads the JSON API: latest metadata and every release with its files', async () => {
    const scope = nock(PYPI).get('/pypi/requests/json').reply(200, fixture('pypi-requests.json'));
    const project = await registry().project('requests');
    scope.done();

    expect(project?.name).toBe('requests');
    expect(project?.status).toBeNull();
    expect(project?.latest).toMatchObject({
      name: 'requests',
      version: '2.32.3',
      summary: 'Python HTTP for Humans.',
      license: 'Apache-2.0',
      licenseExpression: null,
      requiresPython: '>=3.8',
      projectUrls: {
        Documentation: 'https://requests.readthedocs.io',
        Homepage: 'https://requests.readthedocs.io',
        Source: 'https://github.com/psf/requests',
      },
    });
    expect(project?.latest.requiresDist).toContain('urllib3<3,>=1.21.1');
    expect(project?.latest.classifiers).toContain('License :: OSI Approved :: Apache Software License');
    expect(project?.releases.map((r) => r.version)).toEqual(['0.0.1', '2.31.0', '2.32.0', '2.32.3']);

    const empty = project?.releases[0];
    expect(empty).toEqual({ version: '0.0.1', files: [], uploadTime: null, yanked: false, yankedReason: null });

    const current = project?.releases[3];
    expect(current?.uploadTime).toBe('2024-05-29T15:37:47.027233Z');
    expect(current?.yanked).toBe(false);
    expect(current?.files.map((f) => [f.filename, f.packageType])).toEqual([
      ['requests-2.32.3-py3-none-any.whl', 'bdist_wheel'],
      ['requests-2.32.3.tar.gz', 'sdist'],
    ]);
    expect(current?.files[0]).toMatchObject({
      requiresPython: '>=3.8',
      yanked: false,
      yankedReason: null,
      hasProvenance: null,
      uploadTime: '2024-05-29T15:37:47.027233Z',
    });
    expect(Object.keys(current?.files[0]?.digests ?? {}).sort()).toEqual(['blake2b_256', 'md5', 'sha256']);
    expect(current?.files[0]?.url).toMatch(/^https:\/\/files\.pythonhosted\.org\/packages\/.+\/requests-2\.32\.3-py3-none-any\.whl$/);
  });

  it('marks a release yanked when all its files are, with the reason', async () => {
    nock(PYPI).get('/pypi/requests/json').reply(200, fixture('pypi-requests.json'));
    const project = await registry().project('requests');
    const yanked = project?.releases.find((r) => r.version === '2.32.0');
    expect(yanked).toMatchObject({ yanked: true, yankedReason: 'Yanked due to conflicts with CVE-2024-35195 mitigation' });
    expect(yanked?.files.every((f) => f.yanked && f.yankedReason === 'Yanked due to conflicts with CVE-2024-35195 mitigation')).toBe(true);
  });

  it('reads a PEP 639 license expression and null fields PyPI really sends', async () => {
    nock(PYPI).get('/pypi/attrs/json').reply(200, fixture('pypi-attrs-pep639.json'));
    const project = await registry().project('attrs');
    expect(project?.latest).toMatchObject({ licenseExpression: 'MIT', license: null, requiresDist: [] });
    // home_page is null: no Homepage is invented.
    expect(project?.latest.projectUrls).toEqual({
      Changelog: 'https://www.attrs.org/en/stable/changelog.html',
      Documentation: 'https://www.attrs.org/',
      Funding: 'https://github.com/sponsors/hynek',
      GitHub: 'https://github.com/python-attrs/attrs',
    });
  });

  it('puts the project name in its PEP 503 form into the URL', async () => {
    const scope = nock(PYPI).get('/pypi/zope-interface/json').reply(200, fixture('pypi-attrs-pep639.json'));
    await registry().project('Zope.Interface');
    scope.done();
  });

  it('answers null for a project the index does not have (404)', async () => {
    nock(PYPI).get('/pypi/no-such-project-xyz/json').reply(404, { message: 'Not Found' });
    await expect(registry().project('no-such-project-xyz')).resolves.toBeNull();
  });

  it('asks each URL once, concurrent callers included', async () => {
    const scope = nock(PYPI).get('/pypi/requests/json').once().reply(200, fixture('pypi-requests.json'));
    const pypi = registry();
    const [a, b] = await Promise.all([pypi.project('requests'), pypi.project('Requests')]);
    const c = await pypi.project('requests');
    scope.done();
    expect(a).toBe(b);
    expect(c).toBe(a);
  });

  it('remembers a 404 too', async () => {
    const scope = nock(PYPI).get('/pypi/ghost/json').once().reply(404, 'Not Found');
    const pypi = registry();
    expect(await pypi.project('ghost')).toBeNull();
    expect(await pypi.project('ghost')).toBeNull();
    scope.done();
  });

  it('turns a server error into a RegistryError naming the index, after the client retries', async () => {
    const scope = nock(PYPI).get('/pypi/requests/json').times(2).reply(503, 'Service Unavailable');
    const error = await registryFailure(registry({ maxAttempts: 2 }).project('requests'));
    scope.done();
    expect(error.code).toBe('registry');
    expect(error.index).toBe('https://pypi.org');
    expect(error.message).toMatch(/^package index https:\/\/pypi\.org: GET https:\/\/pypi\.org\/pypi\/requests\/json: HTTP 503/);
  });

  it('turns a payload of the wrong shape into a RegistryError that names the field', async () => {
    nock(PYPI).get('/pypi/requests/json').reply(200, { info: { name: 'requests' }, releases: {} });
    const error = await registryFailure(registry().project('requests'));
    expect(error.message).toContain('info.version');
  });

  it('turns an HTML answer into a RegistryError that says what the index must serve', async () => {
    nock(PYPI).get('/pypi/requests/json').reply(200, '<!DOCTYPE html><html><body>mirror</body></html>');
    const error = await registryFailure(registry().project('requests'));
    expect(error.message).toMatch(/not JSON.*JSON API and PEP 691/);
  });

  it('never shows the credentials of a mirror URL', async () => {
    nock('https://mirror.example.com').get('/pypi/requests/json').reply(500, 'boom');
    const error = await registryFailure(registry({ baseUrl: 'https://user:s3cret@mirror.example.com/' }).project('requests'));
    expect(error.message).not.toContain('s3cret');
    expect(error.index).toBe('https://***@mirror.example.com');
  });

  it('reads the releases from the Simple API when the JSON API no longer sends them', async () => {
    const scope = nock(PYPI)
      .get('/pypi/attrs/json')
      .reply(200, fixture('pypi-attrs-without-releases.json'))
      .get('/simple/attrs/')
      .matchHeader('accept', SIMPLE_JSON)
      .reply(200, fixture('simple-attrs.json'), { 'content-type': SIMPLE_JSON });
    const project = await registry().project('attrs');
    scope.done();
    expect(project?.releases.map((r) => r.version)).toEqual(['24.3.0', '25.1.0', '25.2.0', '25.3.0']);
  });

  it('uses a configured base URL, trailing slash or not', async () => {
    const scope = nock('https://pypi.internal.example').get('/root/pypi/requests/json').reply(200, fixture('pypi-requests.json'));
    const pypi = registry({ baseUrl: 'https://pypi.internal.example/root/' });
    expect(pypi.baseUrl).toBe('https://pypi.internal.example/root');
    expect((await pypi.project('requests'))?.latest.version).toBe('2.32.3');
    scope.done();
  });
});

describe('PypiRegistry.release', () => {
  it('reads one version: metadata and its files from `urls`', async () => {
    const scope = nock(PYPI).get('/pypi/django/4.2.16/json').reply(200, fixture('pypi-django-4.2.16.json'));
    const release = await registry().release('Django', '4.2.16');
    scope.done();
    expect(release?.metadata).toMatchObject({ name: 'Django', version: '4.2.16', license: 'BSD-3-Clause', licenseExpression: null });
    expect(release?.metadata.projectUrls.Source).toBe('https://github.com/django/django');
    expect(release?.files.map((f) => f.filename)).toEqual(['Django-4.2.16-py3-none-any.whl', 'Django-4.2.16.tar.gz']);
  });

  it('answers null for a version the index does not have', async () => {
    nock(PYPI).get('/pypi/django/0.0.0/json').reply(404, 'Not Found');
    await expect(registry().release('django', '0.0.0')).resolves.toBeNull();
  });

  it('escapes a version in the URL', async () => {
    const scope = nock(PYPI).get('/pypi/torch/2.1.0%2Bcpu/json').reply(404, 'Not Found');
    await registry().release('torch', '2.1.0+cpu');
    scope.done();
  });
});

describe('PypiRegistry.simpleProject', () => {
  it('asks for PEP 691 JSON and reads PEP 700 versions, PEP 740 provenance and an implied active status', async () => {
    const scope = nock(PYPI).get('/simple/attrs/').matchHeader('accept', SIMPLE_JSON).reply(200, fixture('simple-attrs.json'));
    const page = await registry().simpleProject('attrs');
    scope.done();
    expect(page?.apiVersion).toBe('1.4');
    expect(page?.versions).toEqual(['24.3.0', '25.1.0', '25.2.0', '25.3.0']);
    // API 1.4 and no `project-status`: the spec says active.
    expect(page?.status).toEqual({ status: 'active', reason: null });
    const byVersion = new Map(page?.releases.map((r) => [r.version, r]));
    expect(byVersion.get('24.3.0')?.files.map((f) => f.hasProvenance)).toEqual([true, true]);
    expect(byVersion.get('25.3.0')?.files.map((f) => f.hasProvenance)).toEqual([false, false]);
    expect(byVersion.get('25.3.0')?.files.map((f) => f.packageType)).toEqual(['bdist_wheel', 'sdist']);
    expect(byVersion.get('25.3.0')?.uploadTime).toBe('2025-03-13T11:10:19.000000Z');
    // `yanked` as a string is PEP 691's way to give the reason.
    expect(byVersion.get('25.2.0')).toMatchObject({ yanked: true, yankedReason: 'Broken on Python 3.8' });
  });

  it('reads a PEP 792 status with its reason', async () => {
    nock(PYPI).get('/simple/pepy/').reply(200, fixture('simple-pepy-archived.json'));
    const page = await registry().simpleProject('pepy');
    expect(page?.status).toEqual({ status: 'archived', reason: 'superseded by pepy-tech' });
  });

  it('reads an older index: no status, no provenance, legacy sdist names, empty-string yanked', async () => {
    const scope = nock('https://mirror.example')
      .get('/simple/python-dateutil/')
      .reply(200, fixture('simple-python-dateutil-api-1.0.json'));
    const page = await registry({ baseUrl: 'https://mirror.example' }).simpleProject('python_dateutil');
    scope.done();
    expect(page?.status).toBeNull();
    expect(page?.versions).toEqual([]);
    expect(page?.releases.map((r) => [r.version, r.files.length])).toEqual([
      ['2.8.2', 2],
      ['2.9.0.post0', 1],
    ]);
    expect(page?.releases[0]?.files.every((f) => f.hasProvenance === null && f.uploadTime === null)).toBe(true);
    expect(page?.releases[1]).toMatchObject({ yanked: true, yankedReason: null });
  });

  it('uses a separate Simple API root when configured', async () => {
    const scope = nock('https://simple.example').get('/index/attrs/').reply(200, fixture('simple-attrs.json'));
    await registry({ simpleUrl: 'https://simple.example/index/' }).simpleProject('attrs');
    scope.done();
  });

  it('answers null for a missing project, and fails on a page of the wrong shape', async () => {
    nock(PYPI).get('/simple/ghost/').reply(404, 'Not Found').get('/simple/broken/').reply(200, { name: 'broken', files: [{ filename: 1 }] });
    const pypi = registry();
    await expect(pypi.simpleProject('ghost')).resolves.toBeNull();
    const error = await registryFailure(pypi.simpleProject('broken'));
    expect(error.message).toContain('files.0.filename');
  });

  it('survives a hostile page: 20,000 files, some with 100,000-character names', async () => {
    const long = 'x-'.repeat(50_000);
    const files = Array.from({ length: 20_000 }, (_, i) => ({
      filename: i % 200 === 1 ? `${long}-${i}.tar.gz` : `pkg-1.${i}.tar.gz`,
      url: `https://files.example/${i}`,
      hashes: { sha256: 'ab' },
    }));
    nock(PYPI).get('/simple/pkg/').reply(200, { meta: { 'api-version': '1.1' }, name: 'pkg', files, versions: [] });
    const started = Date.now();
    const page = await registry().simpleProject('pkg');
    expect(page?.releases).toHaveLength(19_900 + 100);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('PypiRegistry defaults', () => {
  it('points at PyPI with its own HTTP client when given nothing', async () => {
    const pypi = new PypiRegistry({ baseUrl: undefined });
    expect(pypi.baseUrl).toBe(PYPI);
    nock(PYPI).get('/pypi/ghost/json').reply(404, 'Not Found');
    await expect(pypi.project('ghost')).resolves.toBeNull();
  });
});
