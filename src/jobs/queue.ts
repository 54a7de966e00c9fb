/**
 * createQueue: the app's one decision about where jobs live (DESIGN.md, "jobs/": in-process by default,
 * BullMQ when REDIS_URL is set).
 */
import { BullMqQueue } from './bullmq.js';
import { InProcessQueue } from './in-process.js';
import type { JobLogger, Queue } from './types.js';

/** CreateQueueOptions come from the app's settings (REDIS_URL, PIPWARDEN_CONCURRENCY, PIPWARDEN_INSTALLATION_CONCURRENCY). */
export interface CreateQueueOptions {
  /** REDIS_URL: when set, the queue is shared through Redis by every instance; else it lives in this process. */
  redisUrl?: string;
  /** Jobs this instance runs at once. */
  concurrency: number;
  /** Jobs of one installation run at once (default 1). */
  installationConcurrency?: number;
  /** Runs of a failing job, the first included (default 3). */
  attempts?: number;
  logger: JobLogger;
}

/** createQueue builds a BullMqQueue when `redisUrl` is set, else an InProcessQueue. */
export function createQueue(options: CreateQueueOptions): Queue {
  const common = {
    concurrency: options.concurrency,
    installationConcurrency: options.installationConcurrency,
    attempts: options.attempts,
    logger: options.logger,
  };
  if (options.redisUrl) return new BullMqQueue({ ...common, connection: options.redisUrl });
  return new InProcessQueue(common);
}
