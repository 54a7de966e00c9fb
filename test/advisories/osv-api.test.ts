import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiskOsvRecordCache, MemoryOsvRecordCache } from '../../src/advisories/cache.js';
import { OsvApiSource } from '../../src/advisories/osv-api.js';
import type { OsvRecord, PackageQuery } from '../../src/advisories/types.js';
import { AdvisorySourceError } from '../../src/errors.js';
import { HttpClient, type HttpClientOptions } from '../../src/http/client.js';

const OSV = 'https://api.osv.dev';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function record(name: string): OsvRecord {
  return JSON.parse(fixture(name)) as OsvRecord;
}

function http(options: HttpClientOptions = {}): HttpClient {
  return new HttpClient({ sleep: async () => undefined, random: () => 0, ...options });
}

interface BatchBody {
  queries: { package: { name: string; ecosystem: string }; version?: string; page_token?: string }[];
}

function batchBody(body: unknown): BatchBody {
  return (typeof body === 'string' ? JSON.parse(body) : body) as BatchBody;
}

async function sourceFailure(promise: Promise<unknown>): Promise<AdvisorySourceError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AdvisorySourceError);
  return error as AdvisorySourceError;
}

const JINJA_REQUESTS_FLASK: PackageQuery[] = [
  { name: 'jinja2', version: '2.4.1' },
  { name: 'requests', version: '2.19.0' },
  { name: 'flask', version: null },
];

function detailMocks(ids: string[]): nock.Scope {
  const scope = nock(OSV);
  for (const id of ids) scope.get(`/v1/vulns/${id}`).once().reply(200, fixture(`osv-vuln-${id}.json`));
  return scope;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('OsvApiSource', () => {
  it('asks one querybatch, then each advisory once, and groups records by package', async () => {
    const batch = nock(OSV)
      .post('/v1/querybatch', {
        queries: [
          { package: { name: 'jinja2', ecosystem: 'PyPI' }, version: '2.4.1' },
          { package: { name: 'requests', ecosystem: 'PyPI' }, version: '2.19.0' },
          // No version: every advisory of the package.
          { package: { name: 'flask', ecosystem: 'PyPI' } },
        ],
      })
      .reply(200, fixture('osv-querybatch-jinja2-requests.json'));
    const details = detailMocks(['GHSA-462w-v97r-4m45', 'PYSEC-2019-217', 'GHSA-x84v-xcm2-53pg', 'PYSEC-2018-28']);

    const result = await new OsvApiSource({ http: http() }).fetch(JINJA_REQUESTS_FLASK);

    expect(result.source).toBe('osv');
    expect([...result.advisories.keys()]).toEqual(['jinja2', 'requests', 'flask']);
    expect(result.advisories.get('jinja2')?.map((item) => item.id)).toEqual(['GHSA-462w-v97r-4m45', 'PYSEC-2019-217']);
    expect(result.advisories.get('requests')?.map((item) => item.id)).toEqual(['GHSA-x84v-xcm2-53pg', 'PYSEC-2018-28']);
    expect(result.advisories.get('flask')).toEqual([]);
    const pysec = result.advisories.get('jinja2')?.[1];
    expect(pysec?.aliases).toEqual(['CVE-2019-10906', 'GHSA-462w-v97r-4m45']);
    expect(pysec?.affected?.[0]?.ranges?.[0]?.events).toEqual([{ introduced: '0' }, { fixed: '2.10.1' }]);
    expect(batch.isDone()).toBe(true);
    expect(details.isDone()).toBe(true);
  });

  it('sends 2,500 queries in exactly 3 querybatch calls of at most 1,000', async () => {
    const sizes: number[] = [];
    const scope = nock(OSV)
      .post('/v1/querybatch')
      .times(3)
      .reply(200, (_uri, body) => {
        const { queries } = batchBody(body);
        sizes.push(queries.length);
        return { results: queries.map(() => ({})) };
      });
    const packages = Array.from({ length: 2500 }, (_, index) => ({ name: `package-${index}`, version: '1.0' }));

    const result = await new OsvApiSource({ http: http() }).fetch(packages);

    expect(sizes).toEqual([1000, 1000, 500]);
    expect(scope.isDone()).toBe(true);
    expect(result.advisories.size).toBe(2500);
    expect(result.advisories.get('package-2499')).toEqual([]);
  });

  it('follows next_page_token, asking again only the query that has more pages', async () => {
    const bodies: BatchBody[] = [];
    nock(OSV)
      .post('/v1/querybatch')
      .twice()
      .reply(200, (_uri, body) => {
        const parsed = batchBody(body);
        bodies.push(parsed);
        if (bodies.length === 1) {
          return {
            results: [
              { vulns: [{ id: 'GHSA-462w-v97r-4m45', modified: '2024-09-24T21:00:10.947143Z' }], next_page_token: 'page-2-of-jinja2' },
              { vulns: [{ id: 'PYSEC-2018-28', modified: '2021-06-16T00:03:24.800813Z' }] },
            ],
          };
        }
        return { results: [{ vulns: [{ id: 'PYSEC-2019-217', modified: '2021-11-22T04:57:52.862665Z' }] }] };
      });
    detailMocks(['GHSA-462w-v97r-4m45', 'PYSEC-2019-217', 'PYSEC-2018-28']);

    const result = await new OsvApiSource({ http: http() }).fetch([
      { name: 'jinja2', version: null },
      { name: 'requests', version: '2.19.0' },
    ]);

    expect(bodies[1]).toEqual({
      queries: [{ package: { name: 'jinja2', ecosystem: 'PyPI' }, page_token: 'page-2-of-jinja2' }],
    });
    expect(result.advisories.get('jinja2')?.map((item) => item.id)).toEqual(['GHSA-462w-v97r-4m45', 'PYSEC-2019-217']);
    expect(result.advisories.get('requests')?.map((item) => item.id)).toEqual(['PYSEC-2018-28']);
  });

  it('fetches each distinct advisory once, however many packages name it', async () => {
    nock(OSV)
      .post('/v1/querybatch')
      .reply(200, (_uri, body) => {
        const { queries } = batchBody(body);
        // Two versions of jinja2 (two manifests) share both advisories.
        expect(queries.map((query) => `${query.package.name}@${query.version ?? ''}`)).toEqual([
          'jinja2@2.4.1',
          'jinja2@2.10',
          'requests@2.19.0',
        ]);
        const jinja = {
          vulns: [
            { id: 'GHSA-462w-v97r-4m45', modified: '2024-09-24T21:00:10.947143Z' },
            { id: 'PYSEC-2019-217', modified: '2021-11-22T04:57:52.862665Z' },
          ],
        };
        return { results: [jinja, jinja, { vulns: [{ id: 'PYSEC-2018-28', modified: '2021-06-16T00:03:24.800813Z' }] }] };
      });
    const details = detailMocks(['GHSA-462w-v97r-4m45', 'PYSEC-2019-217', 'PYSEC-2018-28']);

    const result = await new OsvApiSource({ http: http() }).fetch([
      { name: 'jinja2', version: '2.4.1' },
      { name: 'Jinja2', version: '2.4.1' }, // the same query, written differently: asked once
      { name: 'jinja2', version: '2.10' },
      { name: 'requests', version: '2.19.0' },
    ]);

    expect(details.isDone()).toBe(true);
    expect(result.advisories.get('jinja2')?.map((item) => item.id)).toEqual(['GHSA-462w-v97r-4m45', 'PYSEC-2019-217']);
  });

  it('reuses a cached record with the same modified and refetches a stale one', async () => {
    const cache = new MemoryOsvRecordCache();
    await cache.put(record('osv-vuln-PYSEC-2019-217.json'));
    await cache.put({ ...record('osv-vuln-GHSA-462w-v97r-4m45.json'), modified: '2020-01-01T00:00:00Z', summary: 'stale' });
    nock(OSV)
      .post('/v1/querybatch')
      .reply(200, {
        results: [
          {
            vulns: [
              { id: 'GHSA-462w-v97r-4m45', modified: '2024-09-24T21:00:10.947143Z' },
              // Same instant, written with a trailing zero: still a hit.
              { id: 'PYSEC-2019-217', modified: '2021-11-22T04:57:52.8626650Z' },
            ],
          },
        ],
      });
    const details = detailMocks(['GHSA-462w-v97r-4m45']);

    const result = await new OsvApiSource({ http: http(), cache }).fetch([{ name: 'jinja2', version: '2.4.1' }]);

    expect(details.isDone()).toBe(true);
    expect(result.advisories.get('jinja2')?.map((item) => item.summary)).toEqual([
      'High severity vulnerability that affects Jinja2',
      undefined,
    ]);
    expect(cache.records.get('GHSA-462w-v97r-4m45')?.modified).toBe('2024-09-24T21:00:10.947143Z');
  });

  it('makes no detail call on a second run over a disk cache', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pipwarden-osv-'));
    try {
      const querybatch = (): nock.Scope =>
        nock(OSV).post('/v1/querybatch').reply(200, fixture('osv-querybatch-jinja2-requests.json'));
      querybatch();
      detailMocks(['GHSA-462w-v97r-4m45', 'PYSEC-2019-217', 'GHSA-x84v-xcm2-53pg', 'PYSEC-2018-28']);
      const first = await new OsvApiSource({ http: http(), cache: new DiskOsvRecordCache(dir) }).fetch(
        JINJA_REQUESTS_FLASK,
      );

      const second = querybatch(); // only the querybatch is mocked now: a detail call would fail
      const again = await new OsvApiSource({ http: http({ maxAttempts: 1 }), cache: new DiskOsvRecordCache(dir) }).fetch(
        JINJA_REQUESTS_FLASK,
      );
      expect(second.isDone()).toBe(true);
      expect(again.advisories).toEqual(first.advisories);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('retries a querybatch that answers 503, then succeeds', async () => {
    const scope = nock(OSV)
      .post('/v1/querybatch')
      .reply(503, 'Service Unavailable')
      .post('/v1/querybatch')
      .reply(200, { results: [{}] });
    const result = await new OsvApiSource({ http: http() }).fetch([{ name: 'flask', version: '3.0.0' }]);
    expect(scope.isDone()).toBe(true);
    expect(result.advisories.get('flask')).toEqual([]);
  });

  it('retries a detail call rate-limited with 429 and Retry-After', async () => {
    const sleeps: number[] = [];
    nock(OSV)
      .post('/v1/querybatch')
      .reply(200, { results: [{ vulns: [{ id: 'PYSEC-2018-28', modified: '2021-06-16T00:03:24.800813Z' }] }] })
      .get('/v1/vulns/PYSEC-2018-28')
      .reply(429, 'Too Many Requests', { 'Retry-After': '2' })
      .get('/v1/vulns/PYSEC-2018-28')
      .reply(200, fixture('osv-vuln-PYSEC-2018-28.json'));
    const client = http({ sleep: async (ms) => void sleeps.push(ms) });
    const result = await new OsvApiSource({ http: client }).fetch([{ name: 'requests', version: '2.19.0' }]);
    expect(sleeps).toEqual([2000]);
    expect(result.advisories.get('requests')?.[0]?.id).toBe('PYSEC-2018-28');
  });

  it('throws an AdvisorySourceError naming the source and the cause on a persistent 500', async () => {
    const scope = nock(OSV).post('/v1/querybatch').times(4).reply(500, 'internal error');
    const error = await sourceFailure(new OsvApiSource({ http: http() }).fetch([{ name: 'flask', version: '3.0.0' }]));
    expect(error.source).toBe('osv');
    expect(error.code).toBe('advisory-source');
    expect(error.message).toBe(
      'advisory source osv: POST https://api.osv.dev/v1/querybatch: HTTP 500 Internal Server Error: internal error (after 4 attempts)',
    );
    expect(scope.isDone()).toBe(true);
  });

  it('throws an AdvisorySourceError after timeouts', async () => {
    nock(OSV).post('/v1/querybatch').times(2).delay(2000).reply(200, { results: [{}] });
    const error = await sourceFailure(
      new OsvApiSource({ http: http({ timeoutMs: 30, maxAttempts: 2 }) }).fetch([{ name: 'flask', version: '3.0.0' }]),
    );
    expect(error.message).toBe(
      'advisory source osv: POST https://api.osv.dev/v1/querybatch: timed out after 30 ms (after 2 attempts)',
    );
  });

  it('rejects a record of the wrong shape and names the field', async () => {
    nock(OSV)
      .post('/v1/querybatch')
      .reply(200, { results: [{ vulns: [{ id: 'PYSEC-2019-217', modified: '2021-11-22T04:57:52.862665Z' }] }] })
      .get('/v1/vulns/PYSEC-2019-217')
      .reply(200, fixture('osv-vuln-modified-not-a-string.json'));
    const error = await sourceFailure(new OsvApiSource({ http: http() }).fetch([{ name: 'jinja2', version: '2.4.1' }]));
    expect(error.message).toMatch(
      /^advisory source osv: GET https:\/\/api\.osv\.dev\/v1\/vulns\/PYSEC-2019-217: unexpected response: modified: /,
    );
  });

  it('rejects a querybatch answer whose results do not line up with the queries', async () => {
    nock(OSV).post('/v1/querybatch').reply(200, { results: [{}] });
    const error = await sourceFailure(
      new OsvApiSource({ http: http() }).fetch([
        { name: 'flask', version: '3.0.0' },
        { name: 'django', version: '4.2.0' },
      ]),
    );
    expect(error.message).toBe(
      'advisory source osv: POST https://api.osv.dev/v1/querybatch: 2 queries sent but 1 results received',
    );
  });

  it('rejects a querybatch answer with a malformed vuln entry', async () => {
    nock(OSV).post('/v1/querybatch').reply(200, { results: [{ vulns: [{ modified: '2021-11-22T04:57:52Z' }] }] });
    const error = await sourceFailure(new OsvApiSource({ http: http() }).fetch([{ name: 'flask', version: '3.0.0' }]));
    expect(error.message).toContain('unexpected response: results.0.vulns.0.id:');
  });

  it('uses a configured base URL and makes no call for no packages', async () => {
    const empty = await new OsvApiSource({ http: http() }).fetch([]);
    expect(empty.advisories.size).toBe(0);

    const scope = nock('https://osv.mirror.example')
      .post('/osv/v1/querybatch')
      .reply(200, { results: [{}] });
    await new OsvApiSource({ http: http(), baseUrl: 'https://osv.mirror.example/osv/' }).fetch([
      { name: 'flask', version: '3.0.0' },
    ]);
    expect(scope.isDone()).toBe(true);
  });
});
