/**
 * InProcessQueue: the queue of a single app instance without Redis (DESIGN.md: "in-process default").
 * Jobs live in memory: a restart forgets the waiting ones, which is acceptable because the next push or
 * sweep enqueues them again. Scale-out (several instances) needs `BullMqQueue`.
 */
import { PipwardenError } from '../errors.js';
import { DEFAULT_JITTER_RATIO, scheduleJitterMs } from './jitter.js';
import { errorMessage, jobKey, parseAuditJob, retryDelayMs } from './job.js';
import { QUEUE_DEFAULTS, SILENT_LOGGER, positiveInteger, validateInterval } from './options.js';
import type { AuditJob, JobHandler, JobLogger, Queue } from './types.js';

/** TimerHandle is whatever the injected timers return; only handed back to `clearTimeout`. */
export type TimerHandle = unknown;

/**
 * JobTimers are the timer functions the queue uses for retries and schedules, injectable so tests drive
 * them (vitest fake timers, or a hand-made clock). The defaults `unref()` their timers: a pending retry
 * or sweep never keeps the process alive on its own.
 */
export interface JobTimers {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** InProcessQueueOptions tune an InProcessQueue; every field has a default. */
export interface InProcessQueueOptions {
  /** Jobs run at once (default 2). */
  concurrency?: number;
  /** Jobs of one installation run at once (default 1), so one organisation's sweep cannot starve the others. */
  installationConcurrency?: number;
  /** Runs of a failing job before it is dropped, the first included (default 3). */
  attempts?: number;
  /** Backoff before the first retry; doubled for each further one (default 5 000 ms). */
  backoffMs?: number;
  /** Schedules fire up to this fraction of their interval late (default 0.1), see `scheduleJitterMs`. */
  jitterRatio?: number;
  logger?: JobLogger;
  timers?: JobTimers;
}

/** The longest delay Node's timers accept (2^31 − 1 ms, about 24.8 days); longer ones fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** defaultTimers are Node's timers, unref'd. */
export const defaultTimers: JobTimers = {
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return timer;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

interface Entry {
  /** Order of arrival (retries re-arrive), for FIFO across installations. */
  seq: number;
  job: AuditJob;
  key: string;
  /** Runs already made (0 before the first). */
  attemptsMade: number;
}

/**
 * InProcessQueue runs jobs in this process: FIFO, except that a job whose installation is at its bound
 * waits while later jobs of other installations go ahead (retries rejoin at the back). A key stays
 * claimed from enqueue until the job completes or fails for good (its backoff waits included), so a
 * duplicate is refused all that time.
 */
export class InProcessQueue implements Queue {
  private readonly concurrency: number;
  private readonly installationConcurrency: number;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly jitterRatio: number;
  private readonly logger: JobLogger;
  private readonly timers: JobTimers;

  private handler: JobHandler | undefined;
  private closed = false;
  private readonly keys = new Set<string>();
  /** Waiting jobs, FIFO per installation; the next job is the oldest head among installations below their bound. */
  private readonly waiting = new Map<number, Entry[]>();
  private waitingCount = 0;
  private sequence = 0;
  /** Jobs not due yet — delayed (`delayMs`) or waiting out a retry's backoff — by key. */
  private readonly dueTimers = new Map<string, TimerHandle>();
  private readonly scheduleTimers = new Map<string, TimerHandle>();
  private active = 0;
  private readonly activeByInstallation = new Map<number, number>();
  private idleWaiters: Array<() => void> = [];

  constructor(options: InProcessQueueOptions = {}) {
    this.concurrency = positiveInteger(options.concurrency ?? QUEUE_DEFAULTS.concurrency, 'concurrency');
    this.installationConcurrency = positiveInteger(
      options.installationConcurrency ?? QUEUE_DEFAULTS.installationConcurrency,
      'installationConcurrency',
    );
    this.attempts = positiveInteger(options.attempts ?? QUEUE_DEFAULTS.attempts, 'attempts');
    this.backoffMs = Math.max(0, options.backoffMs ?? QUEUE_DEFAULTS.backoffMs);
    this.jitterRatio = options.jitterRatio ?? DEFAULT_JITTER_RATIO;
    this.logger = options.logger ?? SILENT_LOGGER;
    this.timers = options.timers ?? defaultTimers;
  }

  /** enqueue claims the job's key and queues it; false when the key is already waiting or running. */
  async enqueue(job: AuditJob): Promise<boolean> {
    const valid = parseAuditJob(job);
    const key = jobKey(valid);
    if (this.closed) throw new PipwardenError('queue-closed', `queue closed: ${key} not enqueued`);
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    const entry: Entry = { seq: 0, job: valid, key, attemptsMade: 0 };
    if (valid.delayMs) this.later(entry, valid.delayMs);
    else {
      this.push(entry);
      this.pump();
    }
    return true;
  }

  /** process sets the handler and starts running the jobs already waiting. */
  process(handler: JobHandler): void {
    if (this.handler) throw new PipwardenError('queue', 'process() was already called on this queue');
    this.handler = handler;
    this.pump();
  }

  /**
   * schedule enqueues `job` every `intervalMs`, the first time after `intervalMs` plus the schedule's
   * jitter (a sweep at start-up is `PIPWARDEN_SWEEP_ON_START`'s business, not the schedule's). A run
   * whose previous one is still waiting or running is deduplicated like any enqueue.
   */
  async schedule(id: string, intervalMs: number, job: AuditJob): Promise<void> {
    validateInterval(intervalMs);
    const valid = parseAuditJob(job);
    if (this.closed) throw new PipwardenError('queue-closed', `queue closed: schedule ${id} not set`);
    this.unschedule(id);
    const fire = (): void => {
      if (this.closed) return;
      arm(intervalMs);
      this.enqueue(valid).catch((error: unknown) =>
        this.logger.error({ schedule: id, err: errorMessage(error) }, 'scheduled job could not be enqueued'),
      );
    };
    // Chained timeouts rather than setInterval: an interval longer than Node's timer limit (~24.8 days)
    // is waited out in slices instead of firing at once.
    const arm = (delay: number): void => {
      const slice = Math.min(delay, MAX_TIMER_MS);
      const rest = delay - slice;
      this.scheduleTimers.set(id, this.timers.setTimeout(() => (rest > 0 ? arm(rest) : fire()), slice));
    };
    arm(intervalMs + scheduleJitterMs(id, intervalMs, this.jitterRatio));
  }

  /** depth counts jobs waiting (delayed ones and retries in backoff included) and running. */
  async depth(): Promise<number> {
    return this.keys.size;
  }

  /**
   * close stops schedules, delays and retries, forgets the jobs not yet started (logged: they are lost, the next
   * push or sweep brings them back) and resolves once the running jobs have finished.
   */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      for (const id of [...this.scheduleTimers.keys()]) this.unschedule(id);
      for (const handle of this.dueTimers.values()) this.timers.clearTimeout(handle);
      const dropped = this.waitingCount + this.dueTimers.size;
      for (const entries of this.waiting.values()) for (const entry of entries) this.keys.delete(entry.key);
      for (const key of this.dueTimers.keys()) this.keys.delete(key);
      this.waiting.clear();
      this.waitingCount = 0;
      this.dueTimers.clear();
      if (dropped > 0) this.logger.warn({ dropped }, 'queue closed: jobs not started were dropped');
    }
    if (this.active === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private unschedule(id: string): void {
    const handle = this.scheduleTimers.get(id);
    if (handle !== undefined) this.timers.clearTimeout(handle);
    this.scheduleTimers.delete(id);
  }

  /** later queues `entry` after `delayMs` (its key stays claimed meanwhile). */
  private later(entry: Entry, delayMs: number): void {
    this.dueTimers.set(
      entry.key,
      this.timers.setTimeout(() => {
        this.dueTimers.delete(entry.key);
        this.push(entry);
        this.pump();
      }, delayMs),
    );
  }

  private push(entry: Entry): void {
    entry.seq = this.sequence++;
    const entries = this.waiting.get(entry.job.installationId);
    if (entries) entries.push(entry);
    else this.waiting.set(entry.job.installationId, [entry]);
    this.waitingCount += 1;
  }

  /**
   * pump starts waiting jobs while the global bound allows: each time the oldest job among the
   * installations below their own bound. Cost per start is the number of installations waiting, not
   * the number of jobs (a sweep of a large organisation queues thousands).
   */
  private pump(): void {
    const handler = this.handler;
    if (!handler || this.closed) return;
    while (this.active < this.concurrency) {
      let next: Entry[] | undefined;
      for (const [installation, entries] of this.waiting) {
        if ((this.activeByInstallation.get(installation) ?? 0) >= this.installationConcurrency) continue;
        if (!next || (entries[0] as Entry).seq < (next[0] as Entry).seq) next = entries;
      }
      if (!next) return;
      const entry = next.shift() as Entry;
      if (next.length === 0) this.waiting.delete(entry.job.installationId);
      this.waitingCount -= 1;
      this.start(entry, handler);
    }
  }

  private start(entry: Entry, handler: JobHandler): void {
    const installation = entry.job.installationId;
    this.active += 1;
    this.activeByInstallation.set(installation, (this.activeByInstallation.get(installation) ?? 0) + 1);
    entry.attemptsMade += 1;
    // A handler that throws synchronously is a failure like a rejection.
    void Promise.resolve()
      .then(() => handler(entry.job))
      .then(
        () => this.finish(entry, undefined),
        (error: unknown) => this.finish(entry, error ?? new Error('job failed')),
      );
  }

  private finish(entry: Entry, error: unknown): void {
    const installation = entry.job.installationId;
    this.active -= 1;
    const running = (this.activeByInstallation.get(installation) ?? 1) - 1;
    if (running > 0) this.activeByInstallation.set(installation, running);
    else this.activeByInstallation.delete(installation);

    const context = { job: entry.key, reason: entry.job.reason, attempt: entry.attemptsMade, attempts: this.attempts };
    if (error === undefined) {
      this.keys.delete(entry.key);
      this.logger.info(context, 'job done');
    } else if (entry.attemptsMade < this.attempts && !this.closed) {
      const delay = retryDelayMs(entry.attemptsMade, this.backoffMs);
      this.logger.warn({ ...context, err: errorMessage(error), retryInMs: delay }, 'job failed: retrying');
      this.later(entry, delay);
    } else {
      this.keys.delete(entry.key);
      const message = this.closed && entry.attemptsMade < this.attempts ? 'job failed while the queue closed: not retried' : 'job failed: giving up';
      this.logger.error({ ...context, err: errorMessage(error) }, message);
    }

    if (this.active === 0 && this.closed) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
    this.pump();
  }
}
