/**
 * The one way pipwarden opens Redis (REDIS_URL), shared by the job queue and the state store.
 */
import { Redis } from 'ioredis';

/** OpenRedisOptions say what the connection is for. */
export interface OpenRedisOptions {
  /**
   * For BullMQ: `maxRetriesPerRequest: null`, which BullMQ requires of the connections its workers block
   * on (a command waits for Redis to come back). Otherwise ioredis's default: a command fails after 20
   * reconnection attempts, so a webhook handler reports an error rather than hanging while Redis is down.
   */
  bullmq?: boolean;
  /** Told about connection errors (ioredis reconnects by itself); without a listener Node would crash on them. */
  onError?: (error: Error) => void;
}

/** openRedis connects to `url` (`redis://[user:password@]host:port[/db]`, or `rediss://` for TLS). */
export function openRedis(url: string, options: OpenRedisOptions = {}): Redis {
  const redis = options.bullmq ? new Redis(url, { maxRetriesPerRequest: null }) : new Redis(url);
  redis.on('error', options.onError ?? (() => {}));
  return redis;
}

/** closeRedis quits politely, and disconnects when the server does not answer (quit would wait forever). */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  try {
    await Promise.race([
      redis.quit(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('quit timed out')), 2_000).unref()),
    ]);
  } catch {
    redis.disconnect();
  }
}
