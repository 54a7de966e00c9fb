/**
 * BullMqQueue against a real Redis (REDIS_URL; CI starts one in .ci/run). Each test uses its own queue
 * name under a per-run prefix and obliterates it afterwards.
 */
import { Queue as BullQueue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { BullMqQueue, type BullMqQueueOptions } from '../../src/jobs/bullmq.js';
import type { AuditJob, JobLogger } from '../../src/jobs/types.js';

const REDIS_URL = process.env.REDIS_URL;
const PREFIX = `pwtest-${process.pid}-${Date.now()}`;

function job(overrides: Partial<AuditJob> = {}): AuditJob {
  return { kind: 'audit', installationId: 1, owner: 'acme', repo: 'api', sha: 'a'.repeat(40), reason: 'push', ...overrides };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

function recordingLogger(): JobLogger & { lines: Array<{ level: string; obj: Record<string, unknown>; msg: string }> } {
  const lines: Array<{ level: string; obj: Record<string, unknown>; msg: string }> = [];
  return {
    lines,
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
  };
}

describe.skipIf(!REDIS_URL)('BullMqQueue (Redis)', () => {
  const url = REDIS_URL ?? '';
  let counter = 0;
  const opened: BullMqQueue[] = [];
  const extras: Array<{ close(): Promise<unknown> }> = [];

  /** instance builds one "app instance": its own connection, the test's queue name. */
  function instance(name: string, options: Partial<BullMqQueueOptions> = {}): BullMqQueue {
    const queue = new BullMqQueue({ connection: url, prefix: PREFIX, queueName: name, backoffMs: 20, deferMs: 50, ...options });
    opened.push(queue);
    return queue;
  }
  /** rawQueue is a plain BullMQ handle on the test's queue: another producer, or an inspector. */
  function rawQueue(name: string): BullQueue {
    const redis = new Redis(url, { maxRetriesPerRequest: null });
    const queue = new BullQueue(name, { connection: redis, prefix: PREFIX });
    extras.push({ close: async () => (await queue.close(), await redis.quit()) });
    return queue;
  }
  function queueName(): string {
    counter += 1;
    return `q${counter}`;
  }

  afterEach(async () => {
    const first = opened[0];
    if (first) await first.obliterate();
    for (const queue of opened.splice(0)) await queue.close();
    for (const extra of extras.splice(0)) await extra.close();
  });

  it('two instances, 50 enqueues with 10 duplicate keys: each key handled exactly once', async () => {
    const name = queueName();
    const a = instance(name, { concurrency: 2, installationConcurrency: 4 });
    const b = instance(name, { concurrency: 2, installationConcurrency: 4 });
    const handledBy = new Map<string, string[]>();
    const handler = (who: string) => async (j: AuditJob) => {
      handledBy.set(j.sha, [...(handledBy.get(j.sha) ?? []), who]);
      await sleep(30);
    };
    const shas = Array.from({ length: 40 }, (_, i) => `sha${i}`);
    // Ten keys arrive twice — redelivered webhooks — and the copies go through the other instance.
    const deliveries = [...shas, ...shas.slice(0, 10)].map((sha, i) => ({ queue: i % 2 === 0 ? a : b, sha, installationId: (i % 5) + 1 }));
    const results = await Promise.all(deliveries.map((d) => d.queue.enqueue(job({ sha: d.sha, installationId: d.installationId }))));
    expect(results.filter(Boolean)).toHaveLength(40);
    expect(await a.depth()).toBe(40);

    a.process(handler('a'));
    b.process(handler('b'));
    await waitFor(async () => handledBy.size === 40 && (await a.depth()) === 0);
    await sleep(100);
    expect([...handledBy.values()].every((who) => who.length === 1)).toBe(true);
    const all = [...handledBy.values()].flat();
    expect(all).toHaveLength(40);
    expect(all.filter((who) => who === 'a').length).toBeGreaterThan(0);
    expect(all.filter((who) => who === 'b').length).toBeGreaterThan(0);
  });

  it('accepts the same key again once its job has completed (a later push of the same sha)', async () => {
    const queue = instance(queueName());
    const runs: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    queue.process(async (j) => {
      runs.push(j.reason);
      if (j.reason === 'first') await gate;
    });
    expect(await queue.enqueue(job({ reason: 'first' }))).toBe(true);
    await waitFor(() => runs.length === 1);
    // Running, not only waiting, blocks the key.
    expect(await queue.enqueue(job({ reason: 'redelivered' }))).toBe(false);
    release();
    await waitFor(async () => (await queue.depth()) === 0);
    expect(await queue.enqueue(job({ reason: 'second' }))).toBe(true);
    await waitFor(() => runs.length === 2);
    expect(runs).toEqual(['first', 'second']);
  });

  it('bounds one installation across instances with the Redis semaphore; other installations go ahead', async () => {
    const name = queueName();
    const a = instance(name, { concurrency: 3 });
    const b = instance(name, { concurrency: 3 });
    const running = new Map<number, number>();
    const peak = new Map<number, number>();
    const done: string[] = [];
    const handler = async (j: AuditJob) => {
      const now = (running.get(j.installationId) ?? 0) + 1;
      running.set(j.installationId, now);
      peak.set(j.installationId, Math.max(peak.get(j.installationId) ?? 0, now));
      await sleep(60);
      running.set(j.installationId, (running.get(j.installationId) ?? 1) - 1);
      done.push(`${j.installationId}/${j.sha}`);
    };
    for (let i = 0; i < 6; i++) await a.enqueue(job({ installationId: 7, sha: `big${i}` }));
    await a.enqueue(job({ installationId: 8, sha: 'small' }));
    a.process(handler);
    b.process(handler);
    await waitFor(() => done.length === 7, 15_000);
    expect(peak.get(7)).toBe(1);
    // The small installation was not stuck behind the big one's six jobs.
    expect(done.indexOf('8/small')).toBeLessThan(3);
  });

  it('retries a failing job with backoff and logs it; gives up after the last attempt and frees the key', async () => {
    const logger = recordingLogger();
    const queue = instance(queueName(), { attempts: 3, logger });
    let calls = 0;
    queue.process(async (j) => {
      calls += 1;
      if (j.sha === 'flaky' && calls < 3) throw new Error(`GitHub 502 #${calls}`);
      if (j.sha === 'broken') throw new Error('always broken');
    });
    await queue.enqueue(job({ sha: 'flaky' }));
    await waitFor(() => logger.lines.some((l) => l.msg === 'job done'));
    expect(calls).toBe(3);
    expect(logger.lines.filter((l) => l.msg === 'job failed: retrying').map((l) => l.obj.err)).toEqual(['GitHub 502 #1', 'GitHub 502 #2']);

    await queue.enqueue(job({ sha: 'broken' }));
    await waitFor(() => logger.lines.some((l) => l.msg === 'job failed: giving up'));
    expect(logger.lines.find((l) => l.msg === 'job failed: giving up')?.obj).toMatchObject({ err: 'always broken', attempt: 3, attempts: 3 });
    expect(await queue.enqueue(job({ sha: 'broken' }))).toBe(true);
  });

  it('runs a delayed job after its delay, refusing a duplicate meanwhile, and counts it in depth', async () => {
    const queue = instance(queueName());
    const ranAt: number[] = [];
    queue.process(async () => {
      ranAt.push(Date.now());
    });
    const enqueuedAt = Date.now();
    expect(await queue.enqueue(job({ delayMs: 400 }))).toBe(true);
    expect(await queue.enqueue(job({ reason: 'push' }))).toBe(false);
    expect(await queue.depth()).toBe(1);
    await waitFor(() => ranAt.length === 1);
    expect((ranAt[0] ?? 0) - enqueuedAt).toBeGreaterThanOrEqual(390);
  });

  it('does not retry a malformed job another producer put in the queue', async () => {
    const name = queueName();
    const logger = recordingLogger();
    const queue = instance(name, { logger });
    const foreign = rawQueue(name);
    await foreign.add('audit', { kind: 'audit', owner: 'acme' }, { attempts: 3 });
    let calls = 0;
    queue.process(async () => {
      calls += 1;
    });
    await waitFor(() => logger.lines.some((l) => l.level === 'error'));
    expect(calls).toBe(0);
    expect(logger.lines.find((l) => l.level === 'error')).toMatchObject({ msg: 'job failed: giving up', obj: { err: expect.stringContaining('malformed job') } });
  });

  it('a schedule upserted by two instances is one scheduler, and its runs are enqueued as jobs', async () => {
    const name = queueName();
    const a = instance(name);
    const b = instance(name);
    const sweep = job({ kind: 'sweep', sha: 'HEAD', reason: 'schedule' });
    await Promise.all([a.schedule('sweep:1', 1_000, sweep), b.schedule('sweep:1', 1_000, sweep)]);
    await a.schedule('sweep:1', 1_000, sweep);
    const inspector = rawQueue(name);
    expect(await inspector.getJobSchedulersCount()).toBe(1);
    expect(await inspector.getJobCountByTypes('delayed', 'wait')).toBe(1);
    // The pending trigger is not work waiting.
    expect(await a.depth()).toBe(0);

    const seen: AuditJob[] = [];
    a.process(async (j) => {
      seen.push(j);
    });
    await waitFor(() => seen.length >= 2, 5_000);
    expect(seen[0]).toEqual(sweep);
    expect(await inspector.getJobSchedulersCount()).toBe(1);
  });

  it('close waits for the running job, then resolves; enqueue afterwards is refused', async () => {
    const queue = instance(queueName());
    let started = false;
    let finished = false;
    queue.process(async () => {
      started = true;
      await sleep(300);
      finished = true;
    });
    await queue.enqueue(job());
    await waitFor(() => started);
    await queue.close();
    expect(finished).toBe(true);
    await expect(queue.enqueue(job({ sha: 'later' }))).rejects.toMatchObject({ code: 'queue-closed' });
    // A fresh instance obliterates in afterEach (this one's connection is closed).
    opened.splice(opened.indexOf(queue), 1);
    opened.unshift(instance(queue.name));
  });

  it('counts waiting and delayed jobs in depth, and obliterate empties the queue', async () => {
    const queue = instance(queueName());
    for (const sha of ['1', '2', '3']) await queue.enqueue(job({ sha }));
    expect(await queue.depth()).toBe(3);
    await queue.obliterate();
    expect(await queue.depth()).toBe(0);
    expect(await queue.enqueue(job({ sha: '1' }))).toBe(true);
  });
});
