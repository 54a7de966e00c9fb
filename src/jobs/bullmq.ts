/**
 * BullMqQueue: the queue of a scaled-out app (REDIS_URL set). Every instance enqueues into and works from
 * one BullMQ queue in Redis, so a job is run by one instance, survives a restart, and is deduplicated
 * across instances.
 *
 * How each promise of `Queue` is kept with open-source BullMQ (https://docs.bullmq.io):
 * - Deduplication: each job carries BullMQ's `deduplication: { id: jobKey }` (simple mode, no ttl). The
 *   Lua script that adds a job refuses it atomically while a job holding that id exists, and the id is
 *   released when that job completes or fails for good — exactly "waiting or running", so a later push
 *   of the same sha runs again. A fixed `jobId = jobKey` would not do: BullMQ answers a duplicate jobId
 *   with the existing id (enqueue could not tell it was refused) and a kept completed/failed job would
 *   block its key forever. The jobId is the key plus a random suffix: readable in dashboards, unique per
 *   enqueue, and how enqueue recognises a refusal (BullMQ then returns the other job's id).
 * - Delays (`delayMs`): BullMQ's `delay`; the deduplication id is held while the job is delayed.
 * - Retries: `attempts` with BullMQ's exponential backoff. Completed jobs are removed at once; failed ones
 *   are kept a week (at most 1 000) for inspection.
 * - Per-installation bound: BullMQ groups are a Pro feature, so a Redis semaphore
 *   (`InstallationSemaphore`) is taken before the handler runs. A job that finds its installation full
 *   is moved back to `delayed` for a short, jittered while (BullMQ's `moveToDelayed` + `DelayedError`,
 *   which does not count as a failed attempt) and tried again.
 * - Schedules: `upsertJobScheduler` with `every` and a stable jitter `offset`; upserting the same id from
 *   N instances leaves one scheduler. A scheduled run is a trigger that enqueues the job like any
 *   other, so it is deduplicated against a run still waiting or running.
 * - close(): `worker.close()`, which waits for the active jobs, then the queue and the connection.
 */
import { randomUUID } from 'node:crypto';
import { DelayedError, Queue as BullQueue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { PipwardenError } from '../errors.js';
import { closeRedis, openRedis } from '../state/redis-connection.js';
import { InstallationSemaphore } from './installation-semaphore.js';
import { DEFAULT_JITTER_RATIO, scheduleJitterMs } from './jitter.js';
import { errorMessage, jobKey, parseAuditJob } from './job.js';
import { QUEUE_DEFAULTS, SILENT_LOGGER, positiveInteger, validateInterval } from './options.js';
import type { AuditJob, JobHandler, JobLogger, Queue } from './types.js';

/** BullMqQueueOptions configure a BullMqQueue; all but `connection` have defaults. */
export interface BullMqQueueOptions {
  /** A REDIS_URL (the queue opens and closes its own connection) or an open ioredis client (left open on close). */
  connection: string | Redis;
  /** The BullMQ queue name (default `pipwarden-jobs`); every instance of one app must use the same. */
  queueName?: string;
  /** The prefix of every Redis key (default `pipwarden`), so pipwarden can share a Redis with others. */
  prefix?: string;
  /** Jobs this instance runs at once (default 2). */
  concurrency?: number;
  /** Jobs of one installation run at once across all instances (default 1). */
  installationConcurrency?: number;
  /** Runs of a failing job, the first included (default 3). */
  attempts?: number;
  /** Backoff before the first retry, doubled for each further one (default 5 000 ms). */
  backoffMs?: number;
  /** Schedules fire up to this fraction of their interval late (default 0.1). */
  jitterRatio?: number;
  /** How long an installation slot is held without renewal (default 60 000 ms): the time a crashed instance blocks it. */
  installationLeaseMs?: number;
  /** How long a job waits before trying again for a full installation (default 2 000 ms, jittered ×0.5–1.5). */
  deferMs?: number;
  logger?: JobLogger;
}

/** BullMqQueue implements Queue on BullMQ; see the file's comment for how. */
export class BullMqQueue implements Queue {
  /** The BullMQ queue name. */
  readonly name: string;
  private readonly prefix: string;
  private readonly redis: Redis;
  private readonly ownsConnection: boolean;
  private readonly queue: BullQueue<AuditJob>;
  private readonly semaphore: InstallationSemaphore;
  private readonly concurrency: number;
  private readonly attempts: number;
  private readonly jitterRatio: number;
  private readonly leaseMs: number;
  private readonly deferMs: number;
  private readonly logger: JobLogger;
  private worker: Worker<AuditJob> | undefined;
  private closed = false;

  constructor(options: BullMqQueueOptions) {
    this.name = options.queueName ?? 'pipwarden-jobs';
    this.prefix = options.prefix ?? 'pipwarden';
    this.logger = options.logger ?? SILENT_LOGGER;
    this.concurrency = positiveInteger(options.concurrency ?? QUEUE_DEFAULTS.concurrency, 'concurrency');
    this.attempts = positiveInteger(options.attempts ?? QUEUE_DEFAULTS.attempts, 'attempts');
    const installationConcurrency = positiveInteger(
      options.installationConcurrency ?? QUEUE_DEFAULTS.installationConcurrency,
      'installationConcurrency',
    );
    this.leaseMs = positiveInteger(options.installationLeaseMs ?? 60_000, 'installationLeaseMs');
    this.deferMs = positiveInteger(options.deferMs ?? 2_000, 'deferMs');
    this.jitterRatio = options.jitterRatio ?? DEFAULT_JITTER_RATIO;
    const backoffMs = Math.max(0, options.backoffMs ?? QUEUE_DEFAULTS.backoffMs);

    this.ownsConnection = typeof options.connection === 'string';
    this.redis =
      typeof options.connection === 'string'
        ? openRedis(options.connection, {
            bullmq: true,
            onError: (error) => this.logger.error({ err: errorMessage(error) }, 'redis connection error'),
          })
        : options.connection;
    this.queue = new BullQueue<AuditJob>(this.name, {
      connection: this.redis,
      prefix: this.prefix,
      defaultJobOptions: {
        attempts: this.attempts,
        backoff: { type: 'exponential', delay: backoffMs },
        removeOnComplete: true,
        removeOnFail: { age: 7 * 24 * 60 * 60, count: 1_000 },
      },
    });
    this.queue.on('error', (error) => this.logger.error({ err: errorMessage(error) }, 'job queue error'));
    this.semaphore = new InstallationSemaphore(this.redis, {
      prefix: `${this.prefix}:${this.name}`,
      limit: installationConcurrency,
      leaseMs: this.leaseMs,
    });
  }

  /** enqueue adds the job unless its key is waiting or running anywhere; false when deduplicated. */
  async enqueue(job: AuditJob): Promise<boolean> {
    const valid = parseAuditJob(job);
    if (this.closed) throw new PipwardenError('queue-closed', `queue closed: ${jobKey(valid)} not enqueued`);
    return this.add(valid);
  }

  private async add(job: AuditJob): Promise<boolean> {
    const key = jobKey(job);
    // BullMQ refuses custom ids with a `:` (its own scheduler ids use them).
    const jobId = `${key.replaceAll(':', '|')}#${randomUUID()}`;
    const added = await this.queue.add(job.kind, job, { jobId, deduplication: { id: key }, delay: job.delayMs ?? 0 });
    return added.id === jobId;
  }

  /** process starts this instance's worker. */
  process(handler: JobHandler): void {
    if (this.worker) throw new PipwardenError('queue', 'process() was already called on this queue');
    if (this.closed) throw new PipwardenError('queue-closed', 'queue closed: process() not started');
    const worker = new Worker<AuditJob>(this.name, (job, token) => this.run(job, token, handler), {
      connection: this.redis,
      prefix: this.prefix,
      concurrency: this.concurrency,
    });
    worker.on('error', (error) => this.logger.error({ err: errorMessage(error) }, 'job worker error'));
    worker.on('completed', (job) => {
      if (!job.repeatJobKey) this.logger.info(this.context(job), 'job done');
    });
    worker.on('failed', (job, error) => {
      if (!job) {
        this.logger.error({ err: errorMessage(error) }, 'job failed');
        return;
      }
      const attempts = job.opts.attempts ?? 1;
      const final = error instanceof UnrecoverableError || job.attemptsMade >= attempts;
      const context = { ...this.context(job), err: errorMessage(error) };
      if (final) this.logger.error(context, 'job failed: giving up');
      else this.logger.warn(context, 'job failed: retrying');
    });
    this.worker = worker;
  }

  private context(job: Job<AuditJob>): Record<string, unknown> {
    const data = job.data as Partial<AuditJob>;
    return { job: job.id, reason: data.reason, attempt: job.attemptsMade, attempts: job.opts.attempts ?? 1 };
  }

  private async run(bullJob: Job<AuditJob>, token: string | undefined, handler: JobHandler): Promise<void> {
    let job: AuditJob;
    try {
      job = parseAuditJob(bullJob.data);
    } catch (error) {
      // Retrying cannot fix a malformed job.
      throw new UnrecoverableError(errorMessage(error));
    }
    if (bullJob.repeatJobKey) {
      // A scheduler's trigger: enqueue the real job, deduplicated like any other.
      const added = await this.add(job);
      this.logger.info({ schedule: bullJob.repeatJobKey, job: jobKey(job), enqueued: added }, 'scheduled job triggered');
      return;
    }
    const holder = bullJob.id ?? token ?? randomUUID();
    if (!(await this.semaphore.tryAcquire(job.installationId, holder))) {
      const wait = Math.round(this.deferMs * (0.5 + Math.random()));
      await bullJob.moveToDelayed(Date.now() + wait, token);
      throw new DelayedError();
    }
    const renewal = setInterval(() => {
      this.semaphore.renew(job.installationId, holder).then(
        (held) => {
          if (!held) this.logger.warn({ job: bullJob.id }, 'installation lease had expired: the installation bound may be exceeded');
        },
        (error: unknown) => this.logger.warn({ job: bullJob.id, err: errorMessage(error) }, 'installation lease not renewed'),
      );
    }, Math.max(1, Math.floor(this.leaseMs / 3)));
    renewal.unref();
    try {
      await handler(job);
    } finally {
      clearInterval(renewal);
      await this.semaphore
        .release(job.installationId, holder)
        .catch((error: unknown) => this.logger.warn({ job: bullJob.id, err: errorMessage(error) }, 'installation lease not released'));
    }
  }

  /**
   * schedule upserts a BullMQ job scheduler: every `intervalMs`, at a stable offset (jitter) past each
   * interval boundary. Idempotent across instances and restarts.
   */
  async schedule(id: string, intervalMs: number, job: AuditJob): Promise<void> {
    validateInterval(intervalMs);
    const valid = parseAuditJob(job);
    if (this.closed) throw new PipwardenError('queue-closed', `queue closed: schedule ${id} not set`);
    await this.queue.upsertJobScheduler(
      id,
      { every: intervalMs, offset: scheduleJitterMs(id, intervalMs, this.jitterRatio) },
      { name: valid.kind, data: valid },
    );
  }

  /**
   * depth counts waiting, prioritized, delayed (retries in backoff, jobs deferred by the
   * installation bound) and active jobs, less the one pending trigger each schedule always keeps.
   */
  async depth(): Promise<number> {
    const [counts, schedulers] = await Promise.all([
      this.queue.getJobCounts('wait', 'prioritized', 'delayed', 'active'),
      this.queue.getJobSchedulersCount(),
    ]);
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    return Math.max(0, total - schedulers);
  }

  /** close stops taking jobs, waits for the running ones, then closes the queue (and the connection it opened). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker?.close();
    await this.queue.close();
    if (this.ownsConnection) await closeRedis(this.redis);
  }

  /**
   * obliterate deletes the queue and everything in it from Redis, its installation slots included. For
   * tests and for operators retiring a queue. Call it before close().
   */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
    const pattern = `${this.prefix}:${this.name}:installation:*`;
    for await (const keys of this.redis.scanStream({ match: pattern, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await this.redis.del(...keys);
    }
  }
}
