import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError } from '../../src/errors.js';
import { MemoryHttpCache } from '../../src/http/cache.js';
import { HttpClient, type HttpClientOptions } from '../../src/http/client.js';

const BASE = 'https://api.example.test';
const itemSchema = z.object({ results: z.array(z.object({ id: z.string(), modified: z.string() })) });

/** client makes an HttpClient that never really waits and records the waits it asked for. */
function client(options: HttpClientOptions = {}): { http: HttpClient; sleeps: number[] } {
  const sleeps: number[] = [];
  const http = new HttpClient({
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => Date.parse('2024-10-01T12:00:00Z'),
    ...options,
  });
  return { http, sleeps };
}

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('HttpClient.getJson', () => {
  it('returns the checked body and identifies itself', async () => {
    const scope = nock(BASE)
      .matchHeader('user-agent', /^pipwarden\/\d+\.\d+\.\d+/)
      .matchHeader('accept', 'application/json')
      .get('/items')
      .reply(200, { results: [{ id: 'PYSEC-2019-217', modified: '2021-11-22T04:57:52.862665Z', extra: 1 }] });
    const { http, sleeps } = client();
    const body = await http.getJson(`${BASE}/items`, itemSchema);
    expect(body).toEqual({ results: [{ id: 'PYSEC-2019-217', modified: '2021-11-22T04:57:52.862665Z' }] });
    expect(sleeps).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('rejects a body of the wrong shape and names the field', async () => {
    nock(BASE)
      .get('/items')
      .reply(200, { results: [{ id: 'A', modified: 'x' }, { id: 'B', modified: 17 }] });
    const { http, sleeps } = client();
    const error = await failure(http.getJson(`${BASE}/items`, itemSchema));
    expect(error.kind).toBe('invalid-response');
    expect(error.code).toBe('http');
    expect(error.message).toContain(`GET ${BASE}/items: unexpected response: results.1.modified:`);
    expect(error.message).toMatch(/expected string, received number/);
    expect(sleeps).toEqual([]);
  });

  it('names a missing top-level field', async () => {
    nock(BASE).get('/items').reply(200, { vulns: [] });
    const error = await failure(client().http.getJson(`${BASE}/items`, itemSchema));
    expect(error.message).toContain('unexpected response: results:');
  });

  it('rejects a body that is not JSON, without retrying', async () => {
    nock(BASE).get('/items').reply(200, '<html>Service maintenance</html>', { 'content-type': 'text/html' });
    const { http, sleeps } = client();
    const error = await failure(http.getJson(`${BASE}/items`, itemSchema));
    expect(error.kind).toBe('invalid-json');
    expect(error.message).toContain('response is not JSON');
    expect(sleeps).toEqual([]);
  });
});

describe('HttpClient retries', () => {
  it('retries a 503 and returns the 200 that follows, after a jittered backoff', async () => {
    const scope = nock(BASE).get('/items').reply(503, 'upstream unavailable').get('/items').reply(200, { results: [] });
    const { http, sleeps } = client();
    expect(await http.getJson(`${BASE}/items`, itemSchema)).toEqual({ results: [] });
    // base 500 ms, equal jitter with random() = 0.5: 250 + 125.
    expect(sleeps).toEqual([375]);
    expect(scope.isDone()).toBe(true);
  });

  it('honours Retry-After in seconds on a 429', async () => {
    nock(BASE)
      .get('/items')
      .reply(429, 'slow down', { 'Retry-After': '7' })
      .get('/items')
      .reply(200, { results: [] });
    const { http, sleeps } = client();
    await http.getJson(`${BASE}/items`, itemSchema);
    expect(sleeps).toEqual([7000]);
  });

  it('honours Retry-After as an HTTP date, and caps it', async () => {
    nock(BASE)
      .get('/items')
      .reply(429, '', { 'Retry-After': 'Tue, 01 Oct 2024 12:00:30 GMT' })
      .get('/items')
      .reply(503, '', { 'Retry-After': '3600' })
      .get('/items')
      .reply(200, { results: [] });
    const { http, sleeps } = client({ maxRetryAfterMs: 10_000 });
    await http.getJson(`${BASE}/items`, itemSchema);
    expect(sleeps).toEqual([10_000, 10_000]);
    const uncapped = client();
    nock(BASE)
      .get('/items')
      .reply(429, '', { 'Retry-After': 'Tue, 01 Oct 2024 12:00:30 GMT' })
      .get('/items')
      .reply(200, { results: [] });
    await uncapped.http.getJson(`${BASE}/items`, itemSchema);
    expect(uncapped.sleeps).toEqual([30_000]);
  });

  it("retries GitHub's 403 rate limit until x-ratelimit-reset, but not a plain 403", async () => {
    const reset = Date.parse('2024-10-01T12:00:05Z') / 1000;
    nock(BASE)
      .get('/items')
      .reply(403, '{"message":"API rate limit exceeded"}', {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(reset),
      })
      .get('/items')
      .reply(200, { results: [] });
    const { http, sleeps } = client();
    await http.getJson(`${BASE}/items`, itemSchema);
    expect(sleeps).toEqual([5000]);

    nock(BASE).get('/items').reply(403, '{"message":"Resource not accessible by integration"}');
    const error = await failure(http.getJson(`${BASE}/items`, itemSchema));
    expect(error.status).toBe(403);
    expect(error.attempts).toBe(1);
    expect(error.message).toContain('Resource not accessible by integration');
  });

  it('does not retry a 404 and reports status, URL and the server message', async () => {
    const scope = nock(BASE).get('/v1/vulns/NOPE-1').reply(404, { code: 5, message: 'Bug not found.' });
    const { http, sleeps } = client();
    const error = await failure(http.getJson(`${BASE}/v1/vulns/NOPE-1`, itemSchema));
    expect(error.kind).toBe('status');
    expect(error.status).toBe(404);
    expect(error.url).toBe(`${BASE}/v1/vulns/NOPE-1`);
    expect(error.message).toBe(`GET ${BASE}/v1/vulns/NOPE-1: HTTP 404 Not Found: {"code":5,"message":"Bug not found."}`);
    expect(sleeps).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('gives up on a persistent 500 after maxAttempts, backing off exponentially', async () => {
    const scope = nock(BASE).get('/items').times(4).reply(500, 'internal error');
    const { http, sleeps } = client();
    const error = await failure(http.getJson(`${BASE}/items`, itemSchema));
    expect(error.status).toBe(500);
    expect(error.attempts).toBe(4);
    expect(error.message).toBe(`GET ${BASE}/items: HTTP 500 Internal Server Error: internal error (after 4 attempts)`);
    expect(sleeps).toEqual([375, 750, 1500]);
    expect(scope.isDone()).toBe(true);
  });

  it('caps the backoff at maxDelayMs', async () => {
    nock(BASE).get('/items').times(5).reply(502);
    const { http, sleeps } = client({ maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 3000, random: () => 0 });
    await failure(http.getJson(`${BASE}/items`, itemSchema));
    expect(sleeps).toEqual([500, 1000, 1500, 1500]);
  });

  it('retries a timeout, then fails with a timeout error', async () => {
    const scope = nock(BASE).get('/slow').times(2).delay(2000).reply(200, { results: [] });
    const { http, sleeps } = client({ timeoutMs: 30, maxAttempts: 2 });
    const error = await failure(http.getJson(`${BASE}/slow`, itemSchema));
    expect(error.kind).toBe('timeout');
    expect(error.status).toBeNull();
    expect(error.message).toBe(`GET ${BASE}/slow: timed out after 30 ms (after 2 attempts)`);
    expect(sleeps).toEqual([375]);
    expect(scope.isDone()).toBe(true);
  });

  it('retries a timeout and succeeds when the next attempt is quick', async () => {
    nock(BASE).get('/slow').delay(2000).reply(200, { results: [] }).get('/slow').reply(200, { results: [] });
    const { http } = client({ timeoutMs: 30 });
    expect(await http.getJson(`${BASE}/slow`, itemSchema)).toEqual({ results: [] });
  });

  it('retries a network error', async () => {
    nock(BASE)
      .get('/items')
      .replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })
      .get('/items')
      .reply(200, { results: [] });
    const { http, sleeps } = client();
    expect(await http.getJson(`${BASE}/items`, itemSchema)).toEqual({ results: [] });
    expect(sleeps).toEqual([375]);
  });

  it('reports the network error after the last attempt', async () => {
    nock(BASE).get('/items').times(2).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    const { http } = client({ maxAttempts: 2 });
    const error = await failure(http.getJson(`${BASE}/items`, itemSchema));
    expect(error.kind).toBe('network');
    expect(error.message).toBe(`GET ${BASE}/items: network error: connect ECONNREFUSED (after 2 attempts)`);
  });

  it('stops at once when the caller aborts', async () => {
    nock(BASE).get('/items').delay(2000).reply(200, { results: [] });
    const { http, sleeps } = client();
    const controller = new AbortController();
    const pending = http.getJson(`${BASE}/items`, itemSchema, { signal: controller.signal });
    controller.abort();
    const error = await failure(pending);
    expect(error.message).toContain('request aborted');
    expect(sleeps).toEqual([]);
  });

  it('never puts credentials in its errors', async () => {
    const { http } = client({ maxAttempts: 1 });
    const error = await failure(http.getJson('https://alice:s3cret-pass@api.example.test/items', itemSchema));
    expect(error.message).not.toContain('s3cret-pass');
    expect(error.url).toBe('https://***@api.example.test/items');
    const token = `ghp_${'a'.repeat(36)}`;
    nock(BASE).get('/echo').reply(401, `bad credentials ${token}`);
    const echoed = await failure(http.getJson(`${BASE}/echo`, itemSchema));
    expect(echoed.message).not.toContain(token);
    expect(echoed.message).toContain('bad credentials ***');
  });

  it('uses a per-request maxAttempts', async () => {
    nock(BASE).get('/items').reply(503);
    const { http, sleeps } = client();
    const error = await failure(http.getJson(`${BASE}/items`, itemSchema, { maxAttempts: 1 }));
    expect(error.attempts).toBe(1);
    expect(error.message).toBe(`GET ${BASE}/items: HTTP 503 Service Unavailable`);
    expect(sleeps).toEqual([]);
  });
});

describe('HttpClient.postJson and getBytes', () => {
  it('posts JSON and checks the answer', async () => {
    const scope = nock(BASE)
      .matchHeader('content-type', 'application/json')
      .matchHeader('authorization', 'bearer t0ken')
      .post('/v1/querybatch', { queries: [{ package: { name: 'jinja2', ecosystem: 'PyPI' }, version: '2.4.1' }] })
      .reply(200, { results: [{ id: 'PYSEC-2019-217', modified: '2021-11-22T04:57:52.862665Z' }] });
    const { http } = client();
    const body = await http.postJson(
      `${BASE}/v1/querybatch`,
      { queries: [{ package: { name: 'jinja2', ecosystem: 'PyPI' }, version: '2.4.1' }] },
      itemSchema,
      { headers: { authorization: 'bearer t0ken' } },
    );
    expect(body.results[0]?.id).toBe('PYSEC-2019-217');
    expect(scope.isDone()).toBe(true);
  });

  it('retries a POST on 502', async () => {
    nock(BASE).post('/graphql').reply(502).post('/graphql').reply(200, { results: [] });
    const { http, sleeps } = client();
    expect(await http.postJson(`${BASE}/graphql`, { query: '{}' }, itemSchema)).toEqual({ results: [] });
    expect(sleeps).toEqual([375]);
  });

  it('returns the raw bytes of a download', async () => {
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff]);
    nock(BASE).get('/PyPI/all.zip').reply(200, bytes, { 'content-type': 'application/zip' });
    const { http } = client();
    expect([...(await http.getBytes(`${BASE}/PyPI/all.zip`))]).toEqual([...bytes]);
  });
});

describe('HttpClient ETag cache', () => {
  it('revalidates with If-None-Match and reuses the body on 304', async () => {
    const cache = new MemoryHttpCache();
    const { http } = client({ cache });
    nock(BASE).get('/items').reply(200, { results: [{ id: 'A', modified: 'm1' }] }, { ETag: '"v1"' });
    expect((await http.getJson(`${BASE}/items`, itemSchema)).results).toHaveLength(1);
    expect(await cache.get(`${BASE}/items`)).toEqual({ etag: '"v1"', body: '{"results":[{"id":"A","modified":"m1"}]}' });

    const revalidated = nock(BASE).matchHeader('if-none-match', '"v1"').get('/items').reply(304);
    expect(await http.getJson(`${BASE}/items`, itemSchema)).toEqual({ results: [{ id: 'A', modified: 'm1' }] });
    expect(revalidated.isDone()).toBe(true);
  });

  it('replaces the cached body when the resource changed', async () => {
    const cache = new MemoryHttpCache();
    await cache.set(`${BASE}/items`, { etag: '"v1"', body: '{"results":[]}' });
    const { http } = client({ cache });
    nock(BASE)
      .matchHeader('if-none-match', '"v1"')
      .get('/items')
      .reply(200, { results: [{ id: 'B', modified: 'm2' }] }, { ETag: '"v2"' });
    expect((await http.getJson(`${BASE}/items`, itemSchema)).results[0]?.id).toBe('B');
    expect((await cache.get(`${BASE}/items`))?.etag).toBe('"v2"');
  });

  it('skips the cache when asked', async () => {
    const cache = new MemoryHttpCache();
    await cache.set(`${BASE}/items`, { etag: '"v1"', body: '{"results":[]}' });
    const { http } = client({ cache });
    const scope = nock(BASE, { badheaders: ['if-none-match'] })
      .get('/items')
      .reply(200, { results: [] });
    await http.getJson(`${BASE}/items`, itemSchema, { useCache: false });
    expect(scope.isDone()).toBe(true);
  });

  it('bounds the memory cache', async () => {
    const cache = new MemoryHttpCache(2);
    await cache.set('a', { etag: '1', body: 'a' });
    await cache.set('b', { etag: '1', body: 'b' });
    await cache.set('c', { etag: '1', body: 'c' });
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.get('c')).toEqual({ etag: '1', body: 'c' });
  });
});
