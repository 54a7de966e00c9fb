/** InstallationSemaphore against a real Redis (REDIS_URL). */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstallationSemaphore } from '../../src/jobs/installation-semaphore.js';

const REDIS_URL = process.env.REDIS_URL;
const PREFIX = `pwtest-sem-${process.pid}-${Date.now()}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!REDIS_URL)('InstallationSemaphore (Redis)', () => {
  let a: Redis;
  let b: Redis;
  beforeAll(() => {
    a = new Redis(REDIS_URL ?? '');
    b = new Redis(REDIS_URL ?? '');
  });
  afterAll(async () => {
    const keys = await a.keys(`${PREFIX}*`);
    if (keys.length > 0) await a.del(...keys);
    await a.quit();
    await b.quit();
  });

  it('grants at most `limit` holders per installation across connections, re-entrant for a holder', async () => {
    const semA = new InstallationSemaphore(a, { prefix: PREFIX, limit: 2, leaseMs: 10_000 });
    const semB = new InstallationSemaphore(b, { prefix: PREFIX, limit: 2, leaseMs: 10_000 });
    const results = await Promise.all(['j1', 'j2', 'j3', 'j4'].map((holder, i) => (i % 2 ? semB : semA).tryAcquire(42, holder)));
    expect(results.filter(Boolean)).toHaveLength(2);
    const holders = ['j1', 'j2', 'j3', 'j4'].filter((_, i) => results[i]);
    expect(await semA.tryAcquire(42, holders[0] ?? '')).toBe(true);
    expect(await semA.holders(42)).toBe(2);
    // Another installation is not affected.
    expect(await semB.tryAcquire(43, 'other')).toBe(true);
    await semA.release(42, holders[0] ?? '');
    expect(await semB.tryAcquire(42, 'j9')).toBe(true);
    expect(await semB.tryAcquire(42, 'j10')).toBe(false);
  });

  it('frees the slot of a holder that stops renewing (a crashed instance)', async () => {
    const sem = new InstallationSemaphore(a, { prefix: PREFIX, limit: 1, leaseMs: 100 });
    expect(await sem.tryAcquire(7, 'crashed')).toBe(true);
    expect(await sem.tryAcquire(7, 'waiting')).toBe(false);
    expect(await sem.renew(7, 'crashed')).toBe(true);
    await sleep(150);
    expect(await sem.holders(7)).toBe(0);
    expect(await sem.renew(7, 'crashed')).toBe(false);
    expect(await sem.tryAcquire(7, 'waiting')).toBe(true);
    expect(await a.pttl(`${PREFIX}:installation:7`)).toBeGreaterThan(0);
  });
});
