/**
 * Advisory benchmarks.
 * 1. Offline: a 1,000-package uv.lock (every package of the PyPA advisory database, padded with
 *    names it does not know) audited against the full offline database, load included. Target < 1.5 s.
 * 2. OSV API mode: 2,500 packages against a local fake of the OSV API, counting requests. Target: at
 *    most ceil(N/1000) querybatch calls plus one detail call per distinct advisory.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryOsvRecordCache } from '../src/advisories/cache.js';
import { OfflineDatabase } from '../src/advisories/offline-db.js';
import { OsvApiSource } from '../src/advisories/osv-api.js';
import { auditRepository } from '../src/audit.js';
import { DEFAULT_CONFIG } from '../src/config/schema.js';
import { HttpClient } from '../src/http/client.js';
import { LocalRepoFiles } from '../src/sources/local.js';

const PYPA_DB = fileURLToPath(new URL('../../shared/data/advisories/pypa-advisory-db', import.meta.url));

function uvLock(names: string[]): string {
  const parts = ['version = 1', 'requires-python = ">=3.9"', ''];
  for (const name of names) {
    parts.push('[[package]]', `name = "${name}"`, 'version = "1.0"', 'source = { registry = "https://pypi.org/simple" }', '');
  }
  return parts.join('\n');
}

async function benchOffline(): Promise<void> {
  if (!existsSync(PYPA_DB)) {
    console.log('  offline: skipped (../shared/data/advisories/pypa-advisory-db is absent)');
    return;
  }
  const known = readdirSync(PYPA_DB, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  const names = [...known, ...Array.from({ length: Math.max(0, 1000 - known.length) }, (_, i) => `unknown-pkg-${i}`)].slice(0, 1000);
  const root = await mkdtemp(path.join(tmpdir(), 'pipwarden-bench-adv-'));
  try {
    await writeFile(path.join(root, 'uv.lock'), uvLock(names));
    const timings: number[] = [];
    let found = 0;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const database = await OfflineDatabase.load(PYPA_DB);
      const report = await auditRepository(new LocalRepoFiles(root), { now: new Date(), rootLabel: 'bench', sources: [database], config: DEFAULT_CONFIG });
      timings.push(performance.now() - started);
      found = report.vulnerabilities.length;
    }
    const sorted = [...timings].sort((a, b) => a - b);
    console.log(`  offline: ${names.length}-package lock vs ${known.length} packages of the PyPA database → ${found} findings`);
    console.log(`  offline: first run ${timings[0]?.toFixed(0)} ms, median of 3 ${sorted[1]?.toFixed(0)} ms, database load included (target < 1500 ms)`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function benchOsvApi(): Promise<void> {
  const packages = 2500;
  const advisoryCount = 40;
  let batchCalls = 0;
  let detailCalls = 0;
  // Every 50th package is affected by one of 40 advisories (several packages share one).
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      if (request.method === 'POST' && request.url === '/v1/querybatch') {
        batchCalls++;
        const { queries } = JSON.parse(body) as { queries: Array<{ package: { name: string } }> };
        const results = queries.map((q) => {
          const index = Number(q.package.name.split('-').pop());
          return index % 50 === 0 ? { vulns: [{ id: `PYSEC-2026-${index % advisoryCount}`, modified: '2026-01-01T00:00:00Z' }] } : {};
        });
        response.end(JSON.stringify({ results }));
        return;
      }
      const match = /^\/v1\/vulns\/(.+)$/.exec(request.url ?? '');
      if (request.method === 'GET' && match) {
        detailCalls++;
        const id = decodeURIComponent(match[1] ?? '');
        const affected = Array.from({ length: packages / 50 }, (_, k) => k * 50)
          .filter((i) => `PYSEC-2026-${i % advisoryCount}` === id)
          .map((i) => ({ package: { ecosystem: 'PyPI', name: `pkg-${i}` }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] }] }));
        response.end(JSON.stringify({ id, modified: '2026-01-01T00:00:00Z', affected }));
        return;
      }
      response.statusCode = 404;
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const source = new OsvApiSource({ http: new HttpClient(), baseUrl: `http://127.0.0.1:${port}`, cache: new MemoryOsvRecordCache() });
    const queries = Array.from({ length: packages }, (_, i) => ({ name: `pkg-${i}`, version: '1.0' }));
    const started = performance.now();
    const result = await source.fetch(queries);
    const elapsed = performance.now() - started;
    const distinct = new Set([...result.advisories.values()].flat().map((a) => a.id)).size;
    console.log(`  osv api: ${packages} packages → ${batchCalls} querybatch calls (limit ${Math.ceil(packages / 1000)}), ${detailCalls} detail calls for ${distinct} distinct advisories, ${elapsed.toFixed(0)} ms`);
  } finally {
    server.close();
  }
}

/** benchAdvisories prints the offline and OSV API figures. */
export async function benchAdvisories(): Promise<void> {
  await benchOffline();
  await benchOsvApi();
}
