import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import type { Report } from '../src/report/types.js';
import { reportSchemaErrors } from './helpers/report-schema.js';

const MONOREPO = fileURLToPath(new URL('./fixtures/monorepo', import.meta.url));

// The OSV API in the shapes of https://google.github.io/osv.dev/post-v1-querybatch/ and GET /v1/vulns/{id},
// served locally: the CLI's default source, end to end, without the network.
const DJANGO_ADVISORY = {
  id: 'GHSA-xxj9-f6rv-m3x4',
  modified: '2024-02-16T21:39:22Z',
  aliases: ['CVE-2024-24680', 'PYSEC-2024-28'],
  summary: 'Django denial-of-service in intcomma template filter',
  affected: [{ package: { ecosystem: 'PyPI', name: 'django' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '4.2' }, { fixed: '4.2.10' }] }] }],
  database_specific: { severity: 'HIGH' },
};

describe('pipwarden audit against the OSV API', () => {
  let server: Server;
  let cacheDir: string;
  const requests: string[] = [];
  let status = 200;

  beforeAll(async () => {
    cacheDir = await mkdtemp(path.join(tmpdir(), 'pipwarden-osv-cache-'));
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        requests.push(`${request.method} ${request.url}`);
        response.setHeader('content-type', 'application/json');
        response.statusCode = status;
        if (status !== 200) return response.end('{"message":"unavailable"}');
        if (request.url === '/v1/querybatch') {
          const { queries } = JSON.parse(body) as { queries: Array<{ package: { name: string }; version?: string }> };
          const results = queries.map((q) => (q.package.name === 'django' && q.version === '4.2.7' ? { vulns: [{ id: DJANGO_ADVISORY.id, modified: DJANGO_ADVISORY.modified }] } : {}));
          return response.end(JSON.stringify({ results }));
        }
        if (request.url === `/v1/vulns/${DJANGO_ADVISORY.id}`) return response.end(JSON.stringify(DJANGO_ADVISORY));
        response.statusCode = 404;
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    server.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  async function audit(): Promise<{ code: number; report: Report }> {
    let stdout = '';
    const { port } = server.address() as AddressInfo;
    const env = { PIPWARDEN_OSV_URL: `http://127.0.0.1:${port}`, PIPWARDEN_PYPI_URL: `http://127.0.0.1:${port}`, PIPWARDEN_CACHE_DIR: cacheDir };
    const code = await main(['audit', MONOREPO, '-f', 'json'], { stdout: (t) => (stdout += t), stderr: () => undefined, now: () => new Date('2026-11-29T12:00:00Z'), env });
    return { code, report: JSON.parse(stdout) as Report };
  }

  it('asks one querybatch and one detail call, then serves the detail from the disk cache', async () => {
    const first = await audit();
    expect(reportSchemaErrors(first.report)).toEqual([]);
    expect(first.report.advisorySources).toEqual(['osv']);
    expect(first.report.vulnerabilities).toMatchObject([
      { id: 'PYSEC-2024-28', aliases: ['CVE-2024-24680', 'GHSA-xxj9-f6rv-m3x4'], package: 'django', version: '4.2.7', severity: 'high', fixedIn: ['4.2.10'], sources: ['osv'] },
    ]);
    // The server doubles as a PyPI that knows no package (its lookups are not counted here).
    const osvRequests = () => requests.filter((r) => r.includes(' /v1/'));
    expect(osvRequests()).toEqual(['POST /v1/querybatch', `GET /v1/vulns/${DJANGO_ADVISORY.id}`]);

    requests.length = 0;
    await audit();
    expect(osvRequests()).toEqual(['POST /v1/querybatch']);
  });

  it('exits 2 with the failure in errors when the API keeps failing', async () => {
    status = 503;
    try {
      const { code, report } = await audit();
      expect(code).toBe(2);
      expect(report.summary.vulnerabilitiesChecked).toBe(false);
      expect(report.errors.map((e) => e.message)).toContainEqual(expect.stringContaining('advisory source osv failed'));
    } finally {
      status = 200;
    }
  }, 60_000);
});
