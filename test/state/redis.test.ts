/**
 * RedisStateStore against a real Redis (REDIS_URL; CI starts one in .ci/run). Keys live under a
 * per-run prefix and are deleted afterwards.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStateStore } from '../../src/state/redis.js';

const REDIS_URL = process.env.REDIS_URL;
const PREFIX = `pwtest-state-${process.pid}-${Date.now()}:`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!REDIS_URL)('RedisStateStore (Redis)', () => {
  let admin: Redis;
  beforeAll(() => {
    admin = new Redis(REDIS_URL ?? '');
  });
  afterAll(async () => {
    const keys = await admin.keys(`${PREFIX}*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });

  it('two instances claiming the same keys at once: exactly one wins each', async () => {
    const a = new RedisStateStore({ connection: REDIS_URL ?? '', prefix: PREFIX });
    const b = new RedisStateStore({ connection: REDIS_URL ?? '', prefix: PREFIX });
    for (let round = 0; round < 20; round++) {
      const key = `pr-group:acme/api:group-${round}`;
      const results = await Promise.all([a.setIfAbsent(key, 'a', 60_000), b.setIfAbsent(key, 'b', 60_000), a.setIfAbsent(key, 'a2', 60_000)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = ['a', 'b', 'a2'][results.indexOf(true)];
      expect(await b.get(key)).toBe(winner);
    }
    await a.close();
    await b.close();
  });

  it('gets, sets, replaces and deletes, under its prefix', async () => {
    const store = new RedisStateStore({ connection: REDIS_URL ?? '', prefix: PREFIX });
    expect(await store.get('missing')).toBeNull();
    await store.set('delivery:1', 'push');
    expect(await store.get('delivery:1')).toBe('push');
    expect(await admin.get(`${PREFIX}delivery:1`)).toBe('push');
    expect(await admin.pttl(`${PREFIX}delivery:1`)).toBe(-1);
    await store.set('delivery:1', 'pull_request', 60_000);
    expect(await store.get('delivery:1')).toBe('pull_request');
    expect(await admin.pttl(`${PREFIX}delivery:1`)).toBeGreaterThan(59_000);
    await store.delete('delivery:1');
    expect(await store.get('delivery:1')).toBeNull();
    await store.close();
  });

  it('expires claims with Redis’s own clock, after which they can be claimed again', async () => {
    const store = new RedisStateStore({ connection: REDIS_URL ?? '', prefix: PREFIX });
    expect(await store.setIfAbsent('audit:fp', 'first', 50)).toBe(true);
    expect(await store.setIfAbsent('audit:fp', 'second', 50)).toBe(false);
    await sleep(120);
    expect(await store.get('audit:fp')).toBeNull();
    expect(await store.setIfAbsent('audit:fp', 'second', 50)).toBe(true);
    await store.close();
  });

  it('keeps unusual keys and values exactly, and refuses a bad ttl before calling Redis', async () => {
    const store = new RedisStateStore({ connection: REDIS_URL ?? '', prefix: PREFIX });
    const value = `nul\u0000 émoji 🐍 ${'x'.repeat(100_000)}`;
    await store.set('line\nbreak \u0000 key', value);
    expect(await store.get('line\nbreak \u0000 key')).toBe(value);
    await expect(store.setIfAbsent('k', 'v', 0)).rejects.toMatchObject({ code: 'state' });
    await expect(store.get('')).rejects.toMatchObject({ code: 'state' });
    await store.close();
  });

  it('leaves a connection it was given open', async () => {
    const shared = new Redis(REDIS_URL ?? '');
    const store = new RedisStateStore({ connection: shared, prefix: PREFIX });
    await store.set('k', 'v', 10_000);
    await store.close();
    expect(await shared.get(`${PREFIX}k`)).toBe('v');
    await shared.quit();
  });
});
