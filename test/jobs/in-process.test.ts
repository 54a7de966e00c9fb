import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PipwardenError } from '../../src/errors.js';
import { InProcessQueue, type JobTimers } from '../../src/jobs/in-process.js';
import { scheduleJitterMs } from '../../src/jobs/jitter.js';
import type { AuditJob, JobLogger } from '../../src/jobs/types.js';

function job(overrides: Partial<AuditJob> = {}): AuditJob {
  return { kind: 'audit', installationId: 1, owner: 'acme', repo: 'api', sha: 'a'.repeat(40), reason: 'push', ...overrides };
}

/** A promise the test settles by hand. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets queued promise callbacks run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
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

/**
 * A hand-driven clock: handlers block on deferreds, so timers are advanced explicitly. `unrefCalls`
 * proves nothing here; the default timers' unref is checked separately.
 */
class ManualTimers implements JobTimers {
  now = 0;
  private next = 1;
  readonly pending = new Map<number, { at: number; callback: () => void }>();
  setTimeout(callback: () => void, ms: number): number {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** advance runs, in time order, every timer due within `ms`, flushing promises after each. */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      let dueId: number | undefined;
      let due: { at: number; callback: () => void } | undefined;
      for (const [id, timer] of this.pending) {
        if (timer.at <= end && (!due || timer.at < due.at)) {
          dueId = id;
          due = timer;
        }
      }
      if (!due || dueId === undefined) break;
      this.pending.delete(dueId);
      this.now = due.at;
      due.callback();
      await flush();
    }
    this.now = end;
    await flush();
  }
}

describe('InProcessQueue: deduplication', () => {
  it('refuses a job whose key is waiting, and accepts it again once that job has completed', async () => {
    const queue = new InProcessQueue();
    const gate = deferred();
    const handled: AuditJob[] = [];
    expect(await queue.enqueue(job())).toBe(true);
    expect(await queue.enqueue(job({ reason: 'redelivery' }))).toBe(false);
    // Owner and repository are case-insensitive on GitHub; the sha is hex.
    expect(await queue.enqueue(job({ owner: 'ACME', repo: 'Api', sha: 'A'.repeat(40) }))).toBe(false);
    // A different kind, commit or repository is another job.
    expect(await queue.enqueue(job({ kind: 'review' }))).toBe(true);
    expect(await queue.depth()).toBe(2);

    queue.process(async (j) => {
      handled.push(j);
      await gate.promise;
    });
    await flush();
    // Running (not only waiting) still blocks the key.
    expect(await queue.enqueue(job())).toBe(false);
    gate.resolve();
    await flush();
    expect(handled.map((j) => `${j.kind}:${j.reason}`)).toEqual(['audit:push', 'review:push']);
    expect(await queue.depth()).toBe(0);
    // A later push of the same sha runs again.
    expect(await queue.enqueue(job({ reason: 'push again' }))).toBe(true);
    await flush();
    expect(handled.map((j) => j.reason)).toEqual(['push', 'push', 'push again']);
    await queue.close();
  });

  it('keeps the key claimed while a failed job waits for its retry, and frees it when the job gives up', async () => {
    const timers = new ManualTimers();
    const queue = new InProcessQueue({ timers, backoffMs: 1_000, attempts: 2 });
    queue.process(async () => {
      throw new Error('GitHub said 502');
    });
    expect(await queue.enqueue(job())).toBe(true);
    await flush();
    expect(timers.pending.size).toBe(1);
    expect(await queue.enqueue(job())).toBe(false);
    expect(await queue.depth()).toBe(1);
    await timers.advance(1_000);
    expect(await queue.depth()).toBe(0);
    expect(await queue.enqueue(job())).toBe(true);
    await queue.close();
  });

  it('rejects a malformed job with a PipwardenError naming the field', async () => {
    const queue = new InProcessQueue();
    const bad = { ...job(), installationId: -3 };
    await expect(queue.enqueue(bad)).rejects.toMatchObject({ code: 'job', message: expect.stringContaining('installationId') });
    await expect(queue.enqueue({ ...job(), kind: '' })).rejects.toBeInstanceOf(PipwardenError);
    await expect(queue.enqueue({ ...job(), delayMs: -1 })).rejects.toMatchObject({ code: 'job', message: expect.stringContaining('delayMs') });
    await expect(queue.enqueue(JSON.parse('{"kind":"audit"}') as AuditJob)).rejects.toMatchObject({ code: 'job' });
    expect(await queue.depth()).toBe(0);
  });

  it('runs jobs enqueued before process() once a handler is set, in order', async () => {
    const queue = new InProcessQueue({ concurrency: 1 });
    const seen: string[] = [];
    for (const sha of ['1', '2', '3']) await queue.enqueue(job({ sha, installationId: Number(sha) }));
    await flush();
    expect(seen).toEqual([]);
    queue.process(async (j) => {
      seen.push(j.sha);
    });
    await flush();
    expect(seen).toEqual(['1', '2', '3']);
    expect(() => queue.process(async () => {})).toThrow(/already called/);
    await queue.close();
  });
});

describe('InProcessQueue: delays and app-wide jobs', () => {
  it('runs a delayed job after its delay, refusing a duplicate meanwhile', async () => {
    const timers = new ManualTimers();
    const queue = new InProcessQueue({ timers });
    const ranAt: number[] = [];
    queue.process(async () => {
      ranAt.push(timers.now);
    });
    expect(await queue.enqueue(job({ reason: 'schedule', delayMs: 30_000 }))).toBe(true);
    await flush();
    expect(ranAt).toEqual([]);
    expect(await queue.depth()).toBe(1);
    expect(await queue.enqueue(job({ reason: 'push' }))).toBe(false);
    await timers.advance(29_999);
    expect(ranAt).toEqual([]);
    await timers.advance(1);
    expect(ranAt).toEqual([30_000]);
    await queue.close();
  });

  it('drops delayed jobs on close', async () => {
    const timers = new ManualTimers();
    const logger = recordingLogger();
    const queue = new InProcessQueue({ timers, logger });
    queue.process(async () => {});
    await queue.enqueue(job({ delayMs: 1_000 }));
    await queue.close();
    expect(timers.pending.size).toBe(0);
    expect(logger.lines).toContainEqual({ level: 'warn', obj: { dropped: 1 }, msg: 'queue closed: jobs not started were dropped' });
  });

  it('accepts an app-wide job (installation 0, no repository) like the sweep of all installations', async () => {
    const queue = new InProcessQueue();
    const seen: AuditJob[] = [];
    queue.process(async (j) => {
      seen.push(j);
    });
    const sweepAll: AuditJob = { kind: 'sweep-all', installationId: 0, owner: '', repo: '', sha: '', reason: 'schedule' };
    expect(await queue.enqueue(sweepAll)).toBe(true);
    await flush();
    expect(seen).toEqual([sweepAll]);
    await queue.close();
  });
});

describe('InProcessQueue: concurrency', () => {
  it('never runs more jobs at once than its concurrency (default 2)', async () => {
    const queue = new InProcessQueue({ installationConcurrency: 10 });
    const gates = new Map<string, ReturnType<typeof deferred>>();
    let running = 0;
    let peak = 0;
    queue.process(async (j) => {
      running += 1;
      peak = Math.max(peak, running);
      const gate = deferred();
      gates.set(j.sha, gate);
      await gate.promise;
      running -= 1;
    });
    for (let i = 0; i < 5; i++) await queue.enqueue(job({ sha: `s${i}`, installationId: i + 1 }));
    await flush();
    expect([...gates.keys()]).toEqual(['s0', 's1']);
    gates.get('s1')?.resolve();
    await flush();
    expect([...gates.keys()]).toEqual(['s0', 's1', 's2']);
    for (const sha of ['s0', 's2']) gates.get(sha)?.resolve();
    await flush();
    for (const sha of ['s3', 's4']) gates.get(sha)?.resolve();
    await flush();
    expect(peak).toBe(2);
    expect(await queue.depth()).toBe(0);
    await queue.close();
  });

  it("bounds one installation's jobs (default 1) so its sweep does not starve the others", async () => {
    const queue = new InProcessQueue({ concurrency: 3 });
    const started: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    queue.process(async (j) => {
      started.push(`${j.installationId}/${j.repo}`);
      const gate = deferred();
      gates.set(`${j.installationId}/${j.repo}`, gate);
      await gate.promise;
    });
    // A big organisation's sweep arrives first…
    for (const repo of ['a', 'b', 'c', 'd']) await queue.enqueue(job({ installationId: 7, repo }));
    // …then two small installations' pushes.
    await queue.enqueue(job({ installationId: 8, repo: 'x' }));
    await queue.enqueue(job({ installationId: 9, repo: 'y' }));
    await flush();
    expect(started).toEqual(['7/a', '8/x', '9/y']);
    gates.get('8/x')?.resolve();
    await flush();
    // A free global slot, but installation 7 is at its bound: nothing starts.
    expect(started).toEqual(['7/a', '8/x', '9/y']);
    gates.get('7/a')?.resolve();
    await flush();
    expect(started).toEqual(['7/a', '8/x', '9/y', '7/b']);
    for (const key of ['9/y', '7/b']) gates.get(key)?.resolve();
    await flush();
    gates.get('7/c')?.resolve();
    await flush();
    expect(started).toEqual(['7/a', '8/x', '9/y', '7/b', '7/c', '7/d']);
    gates.get('7/d')?.resolve();
    await queue.close();
  });

  it('honours a larger per-installation bound', async () => {
    const queue = new InProcessQueue({ concurrency: 5, installationConcurrency: 2 });
    let running = 0;
    let peak = 0;
    const gate = deferred();
    queue.process(async () => {
      running += 1;
      peak = Math.max(peak, running);
      await gate.promise;
      running -= 1;
    });
    for (let i = 0; i < 4; i++) await queue.enqueue(job({ sha: `s${i}` }));
    await flush();
    expect(running).toBe(2);
    gate.resolve();
    await flush();
    expect(peak).toBe(2);
    await queue.close();
  });

  it('refuses nonsense bounds', () => {
    expect(() => new InProcessQueue({ concurrency: 0 })).toThrow(/concurrency must be a positive integer, got 0/);
    expect(() => new InProcessQueue({ installationConcurrency: 1.5 })).toThrow(/installationConcurrency/);
    expect(() => new InProcessQueue({ attempts: Number.NaN })).toThrow(/attempts/);
  });
});

describe('InProcessQueue: retries', () => {
  it('retries a failing job with exponential backoff, logging each failure, until it succeeds', async () => {
    const timers = new ManualTimers();
    const logger = recordingLogger();
    const queue = new InProcessQueue({ timers, logger, backoffMs: 1_000, attempts: 3 });
    const attemptsAt: number[] = [];
    queue.process(async () => {
      attemptsAt.push(timers.now);
      if (attemptsAt.length < 3) throw new Error(`OSV timeout #${attemptsAt.length}`);
    });
    await queue.enqueue(job());
    await flush();
    await timers.advance(10_000);
    expect(attemptsAt).toEqual([0, 1_000, 3_000]);
    expect(logger.lines.map((l) => [l.level, l.msg, l.obj.err, l.obj.retryInMs, l.obj.attempt])).toEqual([
      ['warn', 'job failed: retrying', 'OSV timeout #1', 1_000, 1],
      ['warn', 'job failed: retrying', 'OSV timeout #2', 2_000, 2],
      ['info', 'job done', undefined, undefined, 3],
    ]);
    expect(logger.lines[0]?.obj.job).toBe(`audit:acme/api@${'a'.repeat(40)}`);
    await queue.close();
  });

  it('gives up after the last attempt (default 3) with an error log, a sync throw counting as a failure', async () => {
    const timers = new ManualTimers();
    const logger = recordingLogger();
    const queue = new InProcessQueue({ timers, logger, backoffMs: 10 });
    let calls = 0;
    queue.process(() => {
      calls += 1;
      throw new Error('boom');
    });
    await queue.enqueue(job());
    await flush();
    await timers.advance(1_000);
    expect(calls).toBe(3);
    const last = logger.lines.at(-1);
    expect(last).toMatchObject({ level: 'error', msg: 'job failed: giving up', obj: { err: 'boom', attempt: 3, attempts: 3 } });
    expect(await queue.depth()).toBe(0);
    await queue.close();
  });

  it('sends a retried job to the back of the line', async () => {
    const timers = new ManualTimers();
    const queue = new InProcessQueue({ timers, backoffMs: 5, concurrency: 1, installationConcurrency: 1 });
    const order: string[] = [];
    let failedOnce = false;
    queue.process(async (j) => {
      order.push(j.sha);
      if (j.sha === 'first' && !failedOnce) {
        failedOnce = true;
        throw new Error('flaky');
      }
    });
    await queue.enqueue(job({ sha: 'first' }));
    await queue.enqueue(job({ sha: 'second' }));
    await flush();
    await timers.advance(100);
    expect(order).toEqual(['first', 'second', 'first']);
    await queue.close();
  });
});

describe('InProcessQueue: schedule', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('enqueues the job every interval, first after interval + the schedule’s jitter (default timers, unref’d)', async () => {
    const queue = new InProcessQueue();
    const runs: number[] = [];
    const start = Date.now();
    queue.process(async () => {
      runs.push(Date.now() - start);
    });
    const sweep = job({ kind: 'sweep', sha: 'HEAD', reason: 'schedule' });
    await queue.schedule('sweep:7', 60_000, sweep);
    const jitter = scheduleJitterMs('sweep:7', 60_000);
    expect(jitter).toBeGreaterThanOrEqual(1);
    expect(jitter).toBeLessThanOrEqual(6_000);

    await vi.advanceTimersByTimeAsync(60_000 + jitter - 1);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([60_000 + jitter]);
    await vi.advanceTimersByTimeAsync(60_000 * 2);
    expect(runs).toEqual([60_000 + jitter, 120_000 + jitter, 180_000 + jitter]);
    await queue.close();
    await vi.advanceTimersByTimeAsync(60_000 * 5);
    expect(runs).toHaveLength(3);
  });

  it('replaces a schedule set again under the same id', async () => {
    const queue = new InProcessQueue();
    const reasons: string[] = [];
    queue.process(async (j) => {
      reasons.push(j.reason);
    });
    await queue.schedule('nightly', 10_000, job({ reason: 'old' }));
    await queue.schedule('nightly', 10_000, job({ reason: 'new' }));
    await vi.advanceTimersByTimeAsync(25_000);
    expect(reasons).toEqual(['new', 'new']);
    await queue.close();
  });

  it('deduplicates a run whose previous run is still going', async () => {
    const queue = new InProcessQueue();
    let started = 0;
    const gate = deferred();
    queue.process(async () => {
      started += 1;
      await gate.promise;
    });
    await queue.schedule('slow', 1_000, job());
    await vi.advanceTimersByTimeAsync(5_000);
    expect(started).toBe(1);
    gate.resolve();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(started).toBe(2);
    await queue.close();
  });

  it('waits out an interval longer than Node’s timer limit instead of firing at once', async () => {
    const queue = new InProcessQueue();
    let runs = 0;
    queue.process(async () => {
      runs += 1;
    });
    const thirtyDays = 30 * 24 * 60 * 60 * 1000;
    await queue.schedule('monthly', thirtyDays, job());
    await vi.advanceTimersByTimeAsync(thirtyDays - 1);
    expect(runs).toBe(0);
    await vi.advanceTimersByTimeAsync(scheduleJitterMs('monthly', thirtyDays) + 1);
    expect(runs).toBe(1);
    await queue.close();
  });

  it('refuses an interval under a second or not a whole number', async () => {
    const queue = new InProcessQueue();
    await expect(queue.schedule('x', 999, job())).rejects.toThrow(/≥ 1000, got 999/);
    await expect(queue.schedule('x', Number.POSITIVE_INFINITY, job())).rejects.toMatchObject({ code: 'queue' });
    await expect(queue.schedule('x', 1_000, { ...job(), kind: '' })).rejects.toMatchObject({ code: 'job' });
  });

  it('unrefs its default timers so a pending schedule never keeps the process alive', async () => {
    vi.useRealTimers();
    const unref = vi.fn();
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation((() => ({ unref })) as unknown as typeof setTimeout);
    const queue = new InProcessQueue();
    await queue.schedule('daily', 86_400_000, job());
    spy.mockRestore();
    expect(unref).toHaveBeenCalledTimes(1);
    await queue.close();
  });
});

describe('InProcessQueue: close', () => {
  it('waits for the running jobs, drops (and logs) the waiting ones, and refuses new ones', async () => {
    const logger = recordingLogger();
    const queue = new InProcessQueue({ concurrency: 1, logger });
    const gate = deferred();
    const finished: string[] = [];
    queue.process(async (j) => {
      await gate.promise;
      finished.push(j.sha);
    });
    await queue.enqueue(job({ sha: 'running' }));
    await queue.enqueue(job({ sha: 'waiting', installationId: 2 }));
    await flush();

    let closed = false;
    const closing = queue.close().then(() => {
      closed = true;
    });
    await flush();
    expect(closed).toBe(false);
    await expect(queue.enqueue(job({ sha: 'late' }))).rejects.toMatchObject({ code: 'queue-closed' });
    await expect(queue.schedule('late', 1_000, job())).rejects.toMatchObject({ code: 'queue-closed' });

    gate.resolve();
    await closing;
    expect(closed).toBe(true);
    expect(finished).toEqual(['running']);
    expect(logger.lines).toContainEqual({ level: 'warn', obj: { dropped: 1 }, msg: 'queue closed: jobs not started were dropped' });
    expect(await queue.depth()).toBe(0);
    // Closing twice is harmless.
    await queue.close();
  });

  it('does not retry a job that fails while the queue closes', async () => {
    const timers = new ManualTimers();
    const logger = recordingLogger();
    const queue = new InProcessQueue({ timers, logger });
    const gate = deferred();
    queue.process(async () => {
      await gate.promise;
    });
    await queue.enqueue(job());
    await flush();
    const closing = queue.close();
    gate.reject(new Error('interrupted'));
    await closing;
    expect(timers.pending.size).toBe(0);
    expect(logger.lines.at(-1)).toMatchObject({ level: 'error', msg: 'job failed while the queue closed: not retried' });
  });

  it('resolves at once when nothing runs', async () => {
    const queue = new InProcessQueue();
    await queue.close();
    await expect(queue.enqueue(job())).rejects.toThrow(/queue closed: audit:acme\/api@a+ not enqueued/);
  });
});

describe('InProcessQueue: volume', () => {
  it('handles 100,000 enqueues (90 % duplicates) over 50 installations without slowing to a crawl', async () => {
    const queue = new InProcessQueue({ concurrency: 8 });
    let handled = 0;
    queue.process(async () => {
      handled += 1;
    });
    const started = performance.now();
    let accepted = 0;
    for (let i = 0; i < 100_000; i++) {
      if (await queue.enqueue(job({ installationId: (i % 50) + 1, sha: `sha${i % 10_000}` }))) accepted += 1;
    }
    for (let i = 0; i < 100 && handled < accepted; i++) await new Promise((resolve) => setImmediate(resolve));
    await queue.close();
    // Keys repeat while their first job is still waiting, so only first sightings are accepted;
    // a key seen again after its job finished is accepted again.
    expect(accepted).toBeGreaterThanOrEqual(10_000);
    expect(handled).toBe(accepted);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
