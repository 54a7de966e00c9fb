/**
 * RedisStateStore: the state store shared by every instance of a scaled-out app (REDIS_URL). Each
 * operation is one Redis command, so claims are atomic across instances: `setIfAbsent` is
 * `SET key value NX PX ttl` (https://redis.io/docs/latest/commands/set/), expiry is Redis's own.
 */
import type { Redis } from 'ioredis';
import type { JobLogger } from '../jobs/types.js';
import { closeRedis, openRedis } from './redis-connection.js';
import { checkKey, checkTtl } from './ttl.js';
import type { StateStore } from './types.js';

/** RedisStateStoreOptions: the connection and the key prefix. */
export interface RedisStateStoreOptions {
  /** A REDIS_URL (the store opens and closes its own connection) or an open ioredis client (left open on close). */
  connection: string | Redis;
  /** Prepended to every key (default `pipwarden:state:`), so pipwarden can share a Redis with others. */
  prefix?: string;
  /** Told about connection errors of a connection the store opened. */
  logger?: Pick<JobLogger, 'error'>;
}

/** RedisStateStore implements StateStore on Redis strings with PX expiry. */
export class RedisStateStore implements StateStore {
  private readonly redis: Redis;
  private readonly ownsConnection: boolean;
  private readonly prefix: string;

  constructor(options: RedisStateStoreOptions) {
    this.ownsConnection = typeof options.connection === 'string';
    const logger = options.logger;
    this.redis =
      typeof options.connection === 'string'
        ? openRedis(options.connection, { onError: (error) => logger?.error({ err: error.message }, 'redis connection error') })
        : options.connection;
    this.prefix = options.prefix ?? 'pipwarden:state:';
  }

  /** get is GET. */
  async get(key: string): Promise<string | null> {
    return this.redis.get(this.prefix + checkKey(key));
  }

  /** set is SET, with PX when `ttlMs` is given. */
  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    const full = this.prefix + checkKey(key);
    if (ttlMs === undefined) await this.redis.set(full, value);
    else await this.redis.set(full, value, 'PX', checkTtl(ttlMs));
  }

  /** setIfAbsent is SET NX PX: Redis answers OK to exactly one caller. */
  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const result = await this.redis.set(this.prefix + checkKey(key), value, 'PX', checkTtl(ttlMs), 'NX');
    return result === 'OK';
  }

  /** delete is DEL. */
  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + checkKey(key));
  }

  /** close quits the connection when the store opened it. */
  async close(): Promise<void> {
    if (this.ownsConnection) await closeRedis(this.redis);
  }
}
