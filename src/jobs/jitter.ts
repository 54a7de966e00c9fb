/**
 * Jitter for repeating jobs. Many installations each get a sweep schedule with the same interval; without
 * jitter they would all fire in the same second and burst GitHub's rate limit and the advisory APIs.
 */
import { createHash } from 'node:crypto';

/** DEFAULT_JITTER_RATIO: a schedule fires up to 10 % of its interval late. */
export const DEFAULT_JITTER_RATIO = 0.1;

/**
 * scheduleJitterMs is a delay in [1, intervalMs × ratio] derived from the schedule's id alone. It is
 * stable — not random — so that N app instances upserting the same BullMQ job scheduler compute the same
 * offset (a random one would make each upsert move the schedule), while different ids still spread out.
 * Always at least 1 ms: BullMQ treats an offset of 0 as "none" and then fires a new `every` scheduler at
 * once. Always below the interval, as BullMQ's `offset` must be.
 */
export function scheduleJitterMs(id: string, intervalMs: number, ratio: number = DEFAULT_JITTER_RATIO): number {
  const span = Math.max(1, Math.min(intervalMs - 1, Math.floor(intervalMs * Math.max(0, ratio))));
  const hash = createHash('sha256').update(id).digest().readUInt32BE(0);
  return 1 + (hash % span);
}
