/**
 * A counting semaphore in Redis that bounds how many jobs of one installation run at once across every
 * app instance. BullMQ's own per-group limits are a BullMQ Pro feature, so the open-source queue gets
 * this instead: a sorted set per installation whose members are the running jobs, scored by when their
 * lease expires. A crashed instance cannot hold a slot forever: its lease runs out (BullMQ's stalled-job
 * check puts the job itself back in the queue independently).
 */
import type { Redis } from 'ioredis';

/**
 * Scripts run atomically in Redis and read Redis's own clock (TIME), so instances with skewed clocks
 * agree on expiry. Redis ≥ 5 replicates script effects, which makes TIME safe to use here.
 */
const NOW_MS = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

const ACQUIRE = `${NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local limit = tonumber(ARGV[2])
local lease = tonumber(ARGV[3])
if redis.call('ZSCORE', KEYS[1], ARGV[1]) or redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
  redis.call('PEXPIRE', KEYS[1], lease)
  return 1
end
return 0`;

const RENEW = `${NOW_MS}
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  local lease = tonumber(ARGV[2])
  redis.call('ZADD', KEYS[1], 'XX', now + lease, ARGV[1])
  if redis.call('PTTL', KEYS[1]) < lease then redis.call('PEXPIRE', KEYS[1], lease) end
  return 1
end
return 0`;

/** InstallationSemaphoreOptions: where the sets live, how many holders, and how long a lease lasts. */
export interface InstallationSemaphoreOptions {
  /** Key prefix, e.g. `pipwarden:jobs`; the set of installation 42 is `<prefix>:installation:42`. */
  prefix: string;
  /** Holders allowed at once per installation. */
  limit: number;
  /** A lease lasts this long unless renewed; the holder renews it every third of it while it runs. */
  leaseMs: number;
}

/** InstallationSemaphore hands out per-installation slots; see the file's comment. */
export class InstallationSemaphore {
  constructor(
    private readonly redis: Redis,
    private readonly options: InstallationSemaphoreOptions,
  ) {}

  private key(installationId: number): string {
    return `${this.options.prefix}:installation:${installationId}`;
  }

  /** tryAcquire takes a slot for `holder` (re-entrant: a holder that has one keeps it); false when all are taken. */
  async tryAcquire(installationId: number, holder: string): Promise<boolean> {
    const result = await this.redis.eval(ACQUIRE, 1, this.key(installationId), holder, this.options.limit, this.options.leaseMs);
    return result === 1;
  }

  /** renew extends `holder`'s lease; false when it has already expired (another job may hold the slot now). */
  async renew(installationId: number, holder: string): Promise<boolean> {
    const result = await this.redis.eval(RENEW, 1, this.key(installationId), holder, this.options.leaseMs);
    return result === 1;
  }

  /** release gives the slot back. */
  async release(installationId: number, holder: string): Promise<void> {
    await this.redis.zrem(this.key(installationId), holder);
  }

  /** holders counts the live leases of an installation (for tests and diagnostics). */
  async holders(installationId: number): Promise<number> {
    const [seconds, micros] = await this.redis.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    return this.redis.zcount(this.key(installationId), `(${now}`, '+inf');
  }
}
