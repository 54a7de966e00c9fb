/**
 * createStateStore: the app's one decision about where state lives — Redis when REDIS_URL is set (shared
 * by every instance), else a file under PIPWARDEN_CACHE_DIR (one instance, or the CLI).
 */
import type { JobLogger } from '../jobs/types.js';
import { FileStateStore } from './file.js';
import { RedisStateStore } from './redis.js';
import type { StateStore } from './types.js';

/** CreateStateStoreOptions come from the app's settings. */
export interface CreateStateStoreOptions {
  /** REDIS_URL. */
  redisUrl?: string;
  /** PIPWARDEN_CACHE_DIR: the file store's directory. */
  cacheDir: string;
  logger?: Pick<JobLogger, 'warn' | 'error'>;
}

/** createStateStore builds a RedisStateStore when `redisUrl` is set, else a FileStateStore in `cacheDir`. */
export function createStateStore(options: CreateStateStoreOptions): StateStore {
  if (options.redisUrl) return new RedisStateStore({ connection: options.redisUrl, logger: options.logger });
  return new FileStateStore(options.cacheDir, { logger: options.logger });
}
