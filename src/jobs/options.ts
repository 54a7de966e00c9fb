/**
 * Defaults and checks shared by both queue implementations, so that switching from the in-process queue
 * to Redis changes where jobs live, not how they behave.
 */
import { PipwardenError } from '../errors.js';
import type { JobLogger } from './types.js';

/** QUEUE_DEFAULTS are the defaults of every queue option. */
export const QUEUE_DEFAULTS = {
  /** Jobs run at once by one instance. */
  concurrency: 2,
  /** Jobs of one installation run at once (across all instances with Redis). */
  installationConcurrency: 1,
  /** Runs of a failing job, the first included. */
  attempts: 3,
  /** Backoff before the first retry, doubled for each further one. */
  backoffMs: 5_000,
} as const;

/** MIN_SCHEDULE_INTERVAL_MS: a schedule firing more often than once a second is a mistake, not a sweep. */
export const MIN_SCHEDULE_INTERVAL_MS = 1_000;

/** SILENT_LOGGER drops everything: the default when no logger is given (tests, library use). */
export const SILENT_LOGGER: JobLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** positiveInteger returns `value` or throws a PipwardenError (`queue`) naming the option. */
export function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new PipwardenError('queue', `${name} must be a positive integer, got ${value}`);
  return value;
}

/** validateInterval throws a PipwardenError (`queue`) for a schedule interval that is not a whole number of ms ≥ 1 s. */
export function validateInterval(intervalMs: number): void {
  if (!Number.isSafeInteger(intervalMs) || intervalMs < MIN_SCHEDULE_INTERVAL_MS) {
    throw new PipwardenError('queue', `schedule interval must be a whole number of milliseconds ≥ ${MIN_SCHEDULE_INTERVAL_MS}, got ${intervalMs}`);
  }
}
