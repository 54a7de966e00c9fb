import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GhsaSource, translateVersionRange, type GhsaVulnerabilityNode } from '../../src/advisories/ghsa.js';
import { osvRecordSchema } from '../../src/advisories/types.js';
import { AdvisorySourceError } from '../../src/errors.js';
import { HttpClient, type HttpClientOptions } from '../../src/http/client.js';

const GITHUB = 'https://api.github.com';
const TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function http(options: HttpClientOptions = {}): HttpClient {
  return new HttpClient({ sleep: async () => undefined, random: () => 0, ...options });
}

function source(options: { http?: HttpClient; packagesPerRequest?: number; endpoint?: string } = {}): GhsaSource {
  return new GhsaSource({ http: options.http ?? http(), token: TOKEN, ...options });
}

interface GraphqlBody {
  query: string;
  variables: Record<string, string | null>;
}

function graphqlBody(body: unknown): GraphqlBody {
  return (typeof body === 'string' ? JSON.parse(body) : body) as GraphqlBody;
}

/** names lists the packages one GraphQL request asks for, in alias order. */
function names(body: GraphqlBody): string[] {
  return Object.keys(body.variables)
    .filter((key) => key.startsWith('n'))
    .map((key) => body.variables[key] as string);
}

/** node builds a vulnerability node the way GitHub answers it. */
function node(packageName: string, ghsaId: string, range: string, patched: string | null): GhsaVulnerabilityNode {
  return {
    package: { name: packageName, ecosystem: 'PIP' },
    vulnerableVersionRange: range,
    firstPatchedVersion: patched === null ? null : { identifier: patched },
    advisory: {
      ghsaId,
      summary: `Advisory ${ghsaId}`,
      description: `Details of ${ghsaId}`,
      severity: 'MODERATE',
      publishedAt: '2024-01-10T00:00:00Z',
      updatedAt: '2024-02-10T00:00:00Z',
      withdrawnAt: null,
      identifiers: [{ type: 'GHSA', value: ghsaId }],
      references: [],
      cvssSeverities: { cvssV3: { vectorString: null, score: 0 }, cvssV4: { vectorString: null, score: 0 } },
    },
  };
}

function connection(nodes: GhsaVulnerabilityNode[], endCursor: string | null = null, hasNextPage = false): unknown {
  return { nodes, pageInfo: { hasNextPage, endCursor } };
}

async function sourceFailure(promise: Promise<unknown>): Promise<AdvisorySourceError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AdvisorySourceError);
  return error as AdvisorySourceError;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('GhsaSource', () => {
  it('asks several packages in one aliased query and converts the answer to OSV records', async () => {
    const bodies: GraphqlBody[] = [];
    const scope = nock(GITHUB)
      .matchHeader('authorization', `bearer ${TOKEN}`)
      .post('/graphql')
      .reply(200, (_uri, body) => {
        bodies.push(graphqlBody(body));
        return fixture('ghsa-graphql-jinja2-django.json');
      });

    const result = await source().fetch([
      { name: 'Jinja2', version: '2.4.1' },
      { name: 'django', version: '4.2.0' },
      { name: 'jinja2', version: '3.0.0' },
    ]);

    expect(scope.isDone()).toBe(true);
    expect(bodies).toHaveLength(1);
    const query = bodies[0]?.query ?? '';
    expect(query).toContain('p0: securityVulnerabilities(ecosystem: PIP, package: $n0, first: 100, after: $c0)');
    expect(query).toContain('p1: securityVulnerabilities(ecosystem: PIP, package: $n1, first: 100, after: $c1)');
    expect(query).toContain('cvssSeverities { cvssV3 { vectorString score } cvssV4 { vectorString score } }');
    expect(bodies[0]?.variables).toEqual({ n0: 'jinja2', c0: null, n1: 'django', c1: null });

    expect(result.source).toBe('ghsa');
    expect(result.advisories.get('jinja2')?.map((item) => item.id)).toEqual(['GHSA-462w-v97r-4m45', 'GHSA-gmj6-6f8f-6699']);
    expect(result.advisories.get('django')?.map((item) => item.id)).toEqual(['GHSA-jh3w-4vvf-mjgr', 'GHSA-7xr5-9hcq-chf9']);
    expect(result.advisories.get('jinja2')?.[0]).toEqual({
      id: 'GHSA-462w-v97r-4m45',
      modified: '2024-09-24T21:00:10Z',
      published: '2019-04-10T14:30:24Z',
      aliases: ['CVE-2019-10906'],
      summary: 'Jinja2 sandbox escape via string formatting',
      details: 'In Pallets Jinja before 2.10.1, `str.format_map` allows a sandbox escape.',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:N' }],
      affected: [
        {
          package: { ecosystem: 'PyPI', name: 'jinja2' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.10.1' }] }],
          database_specific: { vulnerable_version_range: '< 2.10.1', first_patched_version: '2.10.1' },
        },
      ],
      references: [
        { type: 'WEB', url: 'https://nvd.nist.gov/vuln/detail/CVE-2019-10906' },
        { type: 'WEB', url: 'https://palletsprojects.com/blog/jinja-2-10-1-released' },
      ],
      database_specific: { severity: 'HIGH' },
    });
    // Every converted record is a valid OSV record.
    for (const records of result.advisories.values()) {
      for (const item of records) expect(osvRecordSchema.safeParse(item).success).toBe(true);
    }
  });

  it('merges the nodes of one advisory into one record with one affected entry per range', async () => {
    nock(GITHUB).post('/graphql').reply(200, fixture('ghsa-graphql-jinja2-django.json'));
    const result = await source().fetch([
      { name: 'jinja2', version: null },
      { name: 'django', version: null },
    ]);
    const redos = result.advisories.get('django')?.[0];
    expect(redos?.affected?.map((item) => [item.package?.name, item.ranges?.[0]?.events])).toEqual([
      ['Django', [{ introduced: '4.2' }, { fixed: '4.2.3' }]],
      ['Django', [{ introduced: '4.0' }, { fixed: '4.1.10' }]],
      ['Django', [{ introduced: '3.2' }, { fixed: '3.2.20' }]],
    ]);
    expect(redos?.aliases).toEqual(['CVE-2023-36053']);
  });

  it('carries CVSS v3 and v4 vectors and GitHub severity', async () => {
    nock(GITHUB).post('/graphql').reply(200, fixture('ghsa-graphql-jinja2-django.json'));
    const result = await source().fetch([
      { name: 'jinja2', version: null },
      { name: 'django', version: null },
    ]);
    const [sandbox, filenames] = result.advisories.get('jinja2') ?? [];
    expect(sandbox?.severity).toEqual([{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:N' }]);
    expect(filenames?.severity).toEqual([
      { type: 'CVSS_V4', score: 'CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
    ]);
    expect(filenames?.database_specific).toEqual({ severity: 'MODERATE' });
    const withdrawn = result.advisories.get('django')?.[1];
    expect(withdrawn?.severity).toBeUndefined();
    expect(withdrawn?.database_specific).toEqual({ severity: 'LOW' });
  });

  it('keeps withdrawn advisories, marked withdrawn, so matching can ignore them', async () => {
    nock(GITHUB).post('/graphql').reply(200, fixture('ghsa-graphql-jinja2-django.json'));
    const result = await source().fetch([
      { name: 'jinja2', version: null },
      { name: 'django', version: null },
    ]);
    const withdrawn = result.advisories.get('django')?.[1];
    expect(withdrawn?.id).toBe('GHSA-7xr5-9hcq-chf9');
    expect(withdrawn?.withdrawn).toBe('2023-01-27T05:03:34Z');
    expect(withdrawn?.aliases).toEqual([]);
    expect(withdrawn?.affected?.[0]).toEqual({
      package: { ecosystem: 'PyPI', name: 'Django' },
      versions: ['1.11.0'],
      database_specific: { vulnerable_version_range: '= 1.11.0' },
    });
    expect(result.advisories.get('jinja2')?.[0]?.withdrawn).toBeUndefined();
  });

  it('batches packages with aliases: 60 packages, 25 per request → 3 requests', async () => {
    const batches: string[][] = [];
    const scope = nock(GITHUB)
      .post('/graphql')
      .times(3)
      .reply(200, (_uri, body) => {
        const request = graphqlBody(body);
        batches.push(names(request));
        const data: Record<string, unknown> = {};
        names(request).forEach((name, index) => {
          const number = name.replace('package-', '').padStart(4, '0');
          data[`p${index}`] = connection([node(name, `GHSA-${number}-aaaa-bbbb`, '< 1.0', '1.0')]);
        });
        return { data };
      });
    const packages = Array.from({ length: 60 }, (_, index) => ({ name: `package-${index}`, version: '0.5' }));

    const result = await source().fetch(packages);

    expect(scope.isDone()).toBe(true);
    expect(batches.map((batch) => batch.length)).toEqual([25, 25, 10]);
    expect(batches.flat()).toEqual(packages.map((item) => item.name));
    expect(result.advisories.size).toBe(60);
    expect(result.advisories.get('package-59')?.[0]?.affected?.[0]?.package?.name).toBe('package-59');
  });

  it('pages a package with hasNextPage using its endCursor, sharing requests with other packages', async () => {
    const bodies: GraphqlBody[] = [];
    const scope = nock(GITHUB)
      .post('/graphql')
      .twice()
      .reply(200, (_uri, body) => {
        const request = graphqlBody(body);
        bodies.push(request);
        const data: Record<string, unknown> = {};
        names(request).forEach((name, index) => {
          const cursor = request.variables[`c${index}`];
          if (name === 'django' && cursor === null) {
            data[`p${index}`] = connection([node('Django', 'GHSA-aaaa-0001-0001', '< 4.2.3', '4.2.3')], 'Y3Vyc29yOnYyOpHOAAGXtA==', true);
          } else if (name === 'django') {
            data[`p${index}`] = connection([node('Django', 'GHSA-aaaa-0002-0002', '>= 5.0, < 5.0.1', '5.0.1')], 'Y3Vyc29yOnYyOpHOAAGXtQ==');
          } else {
            data[`p${index}`] = connection([]);
          }
        });
        return { data };
      });

    const result = await source({ packagesPerRequest: 2 }).fetch([
      { name: 'django', version: null },
      { name: 'flask', version: null },
      { name: 'requests', version: null },
    ]);

    expect(scope.isDone()).toBe(true);
    expect(bodies.map((body) => body.variables)).toEqual([
      { n0: 'django', c0: null, n1: 'flask', c1: null },
      { n0: 'requests', c0: null, n1: 'django', c1: 'Y3Vyc29yOnYyOpHOAAGXtA==' },
    ]);
    expect(result.advisories.get('django')?.map((item) => item.id)).toEqual(['GHSA-aaaa-0001-0001', 'GHSA-aaaa-0002-0002']);
    expect(result.advisories.get('flask')).toEqual([]);
  });

  it('gives an advisory that concerns two queried packages one record, listed under both', async () => {
    nock(GITHUB)
      .post('/graphql')
      .reply(200, {
        data: {
          p0: connection([node('apache-airflow', 'GHSA-shared-0000-0001', '< 2.8.1', '2.8.1')]),
          p1: connection([node('apache-airflow-providers-http', 'GHSA-shared-0000-0001', '< 4.8.0', '4.8.0')]),
        },
      });
    const result = await source().fetch([
      { name: 'apache-airflow', version: '2.7.0' },
      { name: 'apache-airflow-providers-http', version: '4.5.0' },
    ]);
    const first = result.advisories.get('apache-airflow')?.[0];
    expect(result.advisories.get('apache-airflow-providers-http')?.[0]).toBe(first);
    expect(first?.affected?.map((item) => item.package?.name)).toEqual([
      'apache-airflow',
      'apache-airflow-providers-http',
    ]);
  });

  it('throws an AdvisorySourceError on GraphQL errors in a 200 answer', async () => {
    nock(GITHUB).post('/graphql').reply(200, fixture('ghsa-graphql-undefined-field.json'));
    const error = await sourceFailure(source().fetch([{ name: 'jinja2', version: null }]));
    expect(error.source).toBe('ghsa');
    expect(error.code).toBe('advisory-source');
    expect(error.message).toBe(
      "advisory source ghsa: GitHub GraphQL API (https://api.github.com/graphql) answered with errors: Field 'cvss' doesn't exist on type 'SecurityAdvisory'",
    );
  });

  it('reports the error type of a RATE_LIMITED GraphQL answer', async () => {
    nock(GITHUB).post('/graphql').reply(200, fixture('ghsa-graphql-rate-limited.json'));
    const error = await sourceFailure(source().fetch([{ name: 'jinja2', version: null }]));
    expect(error.message).toContain('RATE_LIMITED: API rate limit exceeded for installation ID 4242.');
  });

  it('retries a rate-limited request through the HTTP client', async () => {
    const sleeps: number[] = [];
    const scope = nock(GITHUB)
      .post('/graphql')
      .reply(403, { message: 'You have exceeded a secondary rate limit.' }, { 'Retry-After': '3' })
      .post('/graphql')
      .reply(429, { message: 'API rate limit exceeded' }, { 'Retry-After': '1' })
      .post('/graphql')
      .reply(200, { data: { p0: connection([]) } });
    const result = await source({ http: http({ sleep: async (ms) => void sleeps.push(ms) }) }).fetch([
      { name: 'jinja2', version: null },
    ]);
    expect(scope.isDone()).toBe(true);
    expect(sleeps).toEqual([3000, 1000]);
    expect(result.advisories.get('jinja2')).toEqual([]);
  });

  it('fails with the source named when GitHub keeps failing, without leaking the token', async () => {
    nock(GITHUB).post('/graphql').times(4).reply(502, `Bad gateway for ${TOKEN}`);
    const error = await sourceFailure(source().fetch([{ name: 'jinja2', version: null }]));
    expect(error.message).toMatch(/^advisory source ghsa: POST https:\/\/api\.github\.com\/graphql: HTTP 502/);
    expect(error.message).not.toContain(TOKEN);
  });

  it('rejects an answer of the wrong shape, naming the field', async () => {
    const bad = { data: { p0: { nodes: [{ ...node('jinja2', 'GHSA-aaaa-bbbb-cccc', '< 1', null), vulnerableVersionRange: 3 }], pageInfo: { hasNextPage: false, endCursor: null } } } };
    nock(GITHUB).post('/graphql').reply(200, bad);
    const error = await sourceFailure(source().fetch([{ name: 'jinja2', version: null }]));
    expect(error.message).toContain('unexpected response: data.p0.nodes.0.vulnerableVersionRange:');
  });

  it('rejects an answer that lacks a package', async () => {
    nock(GITHUB).post('/graphql').reply(200, { data: { p0: connection([]) } });
    const error = await sourceFailure(
      source().fetch([
        { name: 'jinja2', version: null },
        { name: 'flask', version: null },
      ]),
    );
    expect(error.message).toBe('advisory source ghsa: GitHub GraphQL API (https://api.github.com/graphql) gave no answer for flask');
  });

  it('rejects a next page without a cursor instead of looping', async () => {
    nock(GITHUB).post('/graphql').reply(200, { data: { p0: connection([], null, true) } });
    const error = await sourceFailure(source().fetch([{ name: 'jinja2', version: null }]));
    expect(error.message).toBe('advisory source ghsa: GitHub said jinja2 has another page but gave no new cursor');
  });

  it('sends hostile package names as variables, never inside the query text', async () => {
    const hostile = 'x") { __typename } y: viewer { login } #';
    let body: GraphqlBody | undefined;
    nock(GITHUB)
      .post('/graphql')
      .reply(200, (_uri, requestBody) => {
        body = graphqlBody(requestBody);
        return { data: { p0: connection([]) } };
      });
    await source().fetch([{ name: hostile, version: null }]);
    expect(body?.query).not.toContain('viewer');
    expect(body?.variables.n0).toBe('x") { -typename } y: viewer { login } #');
  });

  it('uses a configured endpoint (GitHub Enterprise Server) and needs a token', async () => {
    const scope = nock('https://github.example.com').post('/api/graphql').reply(200, { data: { p0: connection([]) } });
    await source({ endpoint: 'https://github.example.com/api/graphql' }).fetch([{ name: 'flask', version: null }]);
    expect(scope.isDone()).toBe(true);
    expect(() => new GhsaSource({ http: http(), token: ' ' })).toThrow(AdvisorySourceError);
    expect(await source().fetch([])).toEqual({ source: 'ghsa', advisories: new Map() });
  });
});

describe('translateVersionRange', () => {
  it.each([
    ['< 2.0.1', '2.0.1', { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0.1' }] }], unparsed: false }],
    ['< 2.0.1', null, { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0.1' }] }], unparsed: false }],
    // The same PEP 440 version: firstPatchedVersion's spelling is used.
    ['< 2.0', '2.0.0', { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }], unparsed: false }],
    // A different version: the range, which GitHub itself matches on, wins.
    ['< 2.0', '2.0.1', { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] }], unparsed: false }],
    ['>= 1.0, < 1.2', '1.2', { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '1.2' }] }], unparsed: false }],
    ['<= 1.5', null, { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { last_affected: '1.5' }] }], unparsed: false }],
    ['>= 0.9, <= 1.5', null, { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0.9' }, { last_affected: '1.5' }] }], unparsed: false }],
    ['= 1.0', null, { versions: ['1.0'], unparsed: false }],
    // No exclusive lower bound in OSV: `> 1.0` becomes introduced 1.0 (1.0 itself over-reported).
    ['> 1.0, < 2', '2', { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '2' }] }], unparsed: false }],
    ['>= 4.3.0', null, { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '4.3.0' }] }], unparsed: false }],
    ['>=1.0,<1.2', null, { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '1.2' }] }], unparsed: false }],
  ])('%s (first patched %s)', (range, patched, expected) => {
    expect(translateVersionRange(range, patched)).toEqual(expected);
  });

  it.each(['', '~> 1.0', '!= 1.0', '>= 1, >= 2', '< 1, <= 2', '= 1.0, < 2', 'all versions'])(
    'covers every version when it cannot read %j',
    (range) => {
      expect(translateVersionRange(range, null)).toEqual({
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
        unparsed: true,
      });
    },
  );
});
