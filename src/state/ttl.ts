/** Validation shared by the state stores, so both refuse the same mistakes. */
import { PipwardenError } from '../errors.js';

/** MAX_TTL_MS: about 10 years. Beyond it a caller surely meant "no expiry" or passed seconds as a date. */
export const MAX_TTL_MS = 10 * 365 * 24 * 60 * 60 * 1000;

/** checkTtl throws a PipwardenError (`state`) unless `ttlMs` is a whole number of milliseconds in [1, MAX_TTL_MS]. */
export function checkTtl(ttlMs: number): number {
  if (!Number.isSafeInteger(ttlMs) || ttlMs < 1 || ttlMs > MAX_TTL_MS) {
    throw new PipwardenError('state', `ttl must be a whole number of milliseconds between 1 and ${MAX_TTL_MS}, got ${ttlMs}`);
  }
  return ttlMs;
}

/** checkKey throws a PipwardenError (`state`) for an empty key. */
export function checkKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0) throw new PipwardenError('state', 'state key must be a non-empty string');
  return key;
}
