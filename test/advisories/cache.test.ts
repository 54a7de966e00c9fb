import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiskOsvRecordCache, MemoryOsvRecordCache, sameTimestamp } from '../../src/advisories/cache.js';
import type { OsvRecord } from '../../src/advisories/types.js';

function record(name: string): OsvRecord {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as OsvRecord;
}

const PYSEC = record('osv-vuln-PYSEC-2019-217.json');

describe('DiskOsvRecordCache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pipwarden-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores a record as <dir>/osv/<id>.json and returns it for the same modified', async () => {
    const cache = new DiskOsvRecordCache(dir);
    await cache.put(PYSEC);
    expect(readdirSync(path.join(dir, 'osv'))).toEqual(['PYSEC-2019-217.json']);
    expect(JSON.parse(readFileSync(path.join(dir, 'osv', 'PYSEC-2019-217.json'), 'utf8'))).toEqual(PYSEC);
    expect(await new DiskOsvRecordCache(dir).get('PYSEC-2019-217', '2021-11-22T04:57:52.862665Z')).toEqual(PYSEC);
  });

  it('misses when modified differs, when nothing is stored, and on a damaged file', async () => {
    const cache = new DiskOsvRecordCache(dir);
    await cache.put(PYSEC);
    expect(await cache.get('PYSEC-2019-217', '2024-01-01T00:00:00Z')).toBeUndefined();
    expect(await cache.get('PYSEC-2000-1', '2021-11-22T04:57:52.862665Z')).toBeUndefined();
    writeFileSync(path.join(dir, 'osv', 'PYSEC-2019-217.json'), '{"id": "PYSEC-2019-217", "modif');
    expect(await cache.get('PYSEC-2019-217', '2021-11-22T04:57:52.862665Z')).toBeUndefined();
    writeFileSync(path.join(dir, 'osv', 'PYSEC-2019-217.json'), '{"id": "PYSEC-2019-217", "modified": 5}');
    expect(await cache.get('PYSEC-2019-217', '2021-11-22T04:57:52.862665Z')).toBeUndefined();
  });

  it('replaces a record atomically, leaving no temporary file', async () => {
    const cache = new DiskOsvRecordCache(dir);
    await cache.put(PYSEC);
    const newer = { ...PYSEC, modified: '2024-05-01T00:00:00Z', summary: 'updated' };
    await cache.put(newer);
    expect(readdirSync(path.join(dir, 'osv'))).toEqual(['PYSEC-2019-217.json']);
    expect(await cache.get('PYSEC-2019-217', '2024-05-01T00:00:00Z')).toEqual(newer);
  });

  it('never turns a hostile id into a path', async () => {
    const cache = new DiskOsvRecordCache(dir);
    await cache.put({ ...PYSEC, id: '../../escape' });
    await cache.put({ ...PYSEC, id: 'a/b' });
    expect(readdirSync(dir)).toEqual([]);
    mkdirSync(path.join(dir, 'osv'));
    expect(await cache.get('../../escape', PYSEC.modified)).toBeUndefined();
  });
});

describe('MemoryOsvRecordCache', () => {
  it('answers only for the same modified', async () => {
    const cache = new MemoryOsvRecordCache();
    await cache.put(PYSEC);
    expect(await cache.get('PYSEC-2019-217', PYSEC.modified)).toBe(PYSEC);
    expect(await cache.get('PYSEC-2019-217', '2021-11-22T04:57:53Z')).toBeUndefined();
  });
});

describe('sameTimestamp', () => {
  it.each([
    ['2021-11-22T04:57:52.862665Z', '2021-11-22T04:57:52.862665Z', true],
    ['2021-11-22T04:57:52.862665Z', '2021-11-22T04:57:52.8626650Z', true],
    ['2021-11-22T04:57:52Z', '2021-11-22T04:57:52.000Z', true],
    ['2021-11-22T04:57:52Z', '2021-11-22T05:57:52+01:00', true],
    ['2021-11-22T04:57:52.862665Z', '2021-11-22T04:57:52.862666Z', false],
    ['2021-11-22T04:57:52Z', '2021-11-22T04:57:53Z', false],
    ['garbage', '2021-11-22T04:57:52Z', false],
  ])('%s vs %s → %s', (a, b, same) => {
    expect(sameTimestamp(a, b)).toBe(same);
  });
});
