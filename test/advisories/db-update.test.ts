import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadOfflineDatabase, looksLikeZip } from '../../src/advisories/db-update.js';
import { AdvisorySourceError } from '../../src/errors.js';
import { HttpClient } from '../../src/http/client.js';

const STORAGE = 'https://osv-vulnerabilities.storage.googleapis.com';
const record = readFileSync(new URL('./fixtures/osv-vuln-PYSEC-2019-217.json', import.meta.url), 'utf8');
const ZIP = Buffer.from(zipSync({ 'PYSEC-2019-217.json': strToU8(record) }));

function http(): HttpClient {
  return new HttpClient({ sleep: async () => undefined, random: () => 0 });
}

async function sourceFailure(promise: Promise<unknown>): Promise<AdvisorySourceError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AdvisorySourceError);
  return error as AdvisorySourceError;
}

let cacheDir: string;
beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  cacheDir = mkdtempSync(path.join(tmpdir(), 'pipwarden-db-'));
});
afterEach(() => {
  nock.cleanAll();
  rmSync(cacheDir, { recursive: true, force: true });
});
afterAll(() => nock.enableNetConnect());

describe('downloadOfflineDatabase', () => {
  it('downloads the PyPI export to <cacheDir>/osv/PyPI-all.zip and reports its size', async () => {
    const scope = nock(STORAGE).get('/PyPI/all.zip').reply(200, ZIP, { 'content-type': 'application/zip' });
    const result = await downloadOfflineDatabase({ http: http(), cacheDir });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ path: path.join(cacheDir, 'osv', 'PyPI-all.zip'), size: ZIP.length });
    expect(readFileSync(result.path).equals(ZIP)).toBe(true);
    expect(readdirSync(path.join(cacheDir, 'osv'))).toEqual(['PyPI-all.zip']);
  });

  it('replaces an older archive, leaving no temporary file', async () => {
    mkdirSync(path.join(cacheDir, 'osv'));
    writeFileSync(path.join(cacheDir, 'osv', 'PyPI-all.zip'), 'old archive');
    nock(STORAGE).get('/PyPI/all.zip').reply(200, ZIP);
    await downloadOfflineDatabase({ http: http(), cacheDir });
    expect(readFileSync(path.join(cacheDir, 'osv', 'PyPI-all.zip')).equals(ZIP)).toBe(true);
    expect(readdirSync(path.join(cacheDir, 'osv'))).toEqual(['PyPI-all.zip']);
  });

  it('keeps the previous archive when the download fails', async () => {
    mkdirSync(path.join(cacheDir, 'osv'));
    writeFileSync(path.join(cacheDir, 'osv', 'PyPI-all.zip'), ZIP);
    nock(STORAGE).get('/PyPI/all.zip').times(4).reply(500, 'backend error');
    const error = await sourceFailure(downloadOfflineDatabase({ http: http(), cacheDir }));
    expect(error.source).toBe('offline-db');
    expect(error.message).toBe(
      `advisory source offline-db: download failed: GET ${STORAGE}/PyPI/all.zip: HTTP 500 Internal Server Error: backend error (after 4 attempts)`,
    );
    expect(readFileSync(path.join(cacheDir, 'osv', 'PyPI-all.zip')).equals(ZIP)).toBe(true);
    expect(readdirSync(path.join(cacheDir, 'osv'))).toEqual(['PyPI-all.zip']);
  });

  it('refuses an answer that is not a zip (an error page) or a truncated zip', async () => {
    nock(STORAGE).get('/PyPI/all.zip').reply(200, '<!DOCTYPE html><title>Captive portal</title>');
    const html = await sourceFailure(downloadOfflineDatabase({ http: http(), cacheDir }));
    expect(html.message).toContain('is not a complete zip archive (44 bytes)');

    nock(STORAGE).get('/PyPI/all.zip').reply(200, ZIP.subarray(0, ZIP.length - 10));
    const truncated = await sourceFailure(downloadOfflineDatabase({ http: http(), cacheDir }));
    expect(truncated.message).toContain('is not a complete zip archive');
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('downloads from a configured mirror', async () => {
    const scope = nock('https://mirror.example').get('/osv/PyPI/all.zip').reply(200, ZIP);
    const result = await downloadOfflineDatabase({ http: http(), cacheDir, url: 'https://mirror.example/osv/PyPI/all.zip' });
    expect(scope.isDone()).toBe(true);
    expect(result.size).toBe(ZIP.length);
  });

  it('reports a cache folder it cannot write', async () => {
    writeFileSync(path.join(cacheDir, 'osv'), 'a file where the folder should be');
    nock(STORAGE).get('/PyPI/all.zip').reply(200, ZIP);
    const error = await sourceFailure(downloadOfflineDatabase({ http: http(), cacheDir }));
    expect(error.message).toContain(`could not write ${path.join(cacheDir, 'osv', 'PyPI-all.zip')}`);
  });
});

describe('looksLikeZip', () => {
  it('accepts whole archives, the empty one included, and nothing else', () => {
    expect(looksLikeZip(ZIP)).toBe(true);
    expect(looksLikeZip(zipSync({}))).toBe(true);
    expect(looksLikeZip(new Uint8Array(0))).toBe(false);
    expect(looksLikeZip(strToU8('PK'))).toBe(false);
    expect(looksLikeZip(new Uint8Array(100_000).fill(0x50))).toBe(false);
  });
});
