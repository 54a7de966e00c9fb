import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import type { Report } from '../src/report/types.js';

const MONOREPO = fileURLToPath(new URL('./fixtures/monorepo', import.meta.url));

// OSV's PyPI export is a zip of one `<ID>.json` per advisory.
const ARCHIVE = zipSync({
  'GHSA-w3h3-4rj7-4ph4.json': strToU8(
    JSON.stringify({
      id: 'GHSA-w3h3-4rj7-4ph4',
      modified: '2024-04-17T15:04:02Z',
      aliases: ['CVE-2024-1135'],
      affected: [{ package: { ecosystem: 'PyPI', name: 'gunicorn' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '22.0.0' }] }] }],
    }),
  ),
});

describe('pipwarden db update, then --offline', () => {
  let server: Server;
  let cacheDir: string;

  beforeAll(async () => {
    cacheDir = await mkdtemp(path.join(tmpdir(), 'pipwarden-db-'));
    server = createServer((request, response) => {
      if (request.url !== '/PyPI/all.zip') {
        response.statusCode = 404;
        return response.end();
      }
      response.setHeader('content-type', 'application/zip');
      response.end(Buffer.from(ARCHIVE));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    server.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('downloads the database into the cache folder, and --offline audits with it', async () => {
    const { port } = server.address() as AddressInfo;
    const env = { PIPWARDEN_CACHE_DIR: cacheDir, PIPWARDEN_OSV_DUMP_URL: `http://127.0.0.1:${port}/PyPI/all.zip` };
    let stdout = '';
    const io = { stdout: (t: string) => (stdout += t), stderr: () => undefined, now: () => new Date('2026-11-29T12:00:00Z'), env };
    expect(await main(['db', 'update'], io)).toBe(0);
    expect(stdout).toContain(path.join(cacheDir, 'osv', 'PyPI-all.zip'));

    stdout = '';
    // PIPWARDEN_OSV_DUMP_URL is the only address known: an audit that tried the OSV API would fail.
    expect(await main(['audit', MONOREPO, '-f', 'json', '--offline'], io)).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.advisorySources).toEqual(['offline-db']);
    expect(report.vulnerabilities.map((v) => [v.id, v.package, v.suppressed?.reason])).toEqual([
      ['GHSA-w3h3-4rj7-4ph4', 'gunicorn', 'gunicorn sits behind a proxy that normalises requests'],
    ]);
  });

  it('exits 2 when the download fails', async () => {
    const { port } = server.address() as AddressInfo;
    const env = { PIPWARDEN_CACHE_DIR: cacheDir, PIPWARDEN_OSV_DUMP_URL: `http://127.0.0.1:${port}/missing.zip` };
    let stderr = '';
    const code = await main(['db', 'update'], { stdout: () => undefined, stderr: (t) => (stderr += t), now: () => new Date(), env });
    expect(code).toBe(2);
    expect(stderr).toContain('404');
  });
});
