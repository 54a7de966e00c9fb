/**
 * StateStore: the small key/value memory pipwarden shares between webhook deliveries, jobs and (with
 * Redis) app instances. It is what makes "nothing is doubled" (DESIGN.md) hold: a delivery id, a PR
 * group or an audit fingerprint is claimed with `setIfAbsent` before the work it stands for.
 */

/** StateStore is a string key/value store with per-key expiry. Keys are namespaced by their users (`delivery:…`). */
export interface StateStore {
  /** get returns the value, or null when absent or expired. */
  get(key: string): Promise<string | null>;
  /** set writes the value, replacing any; it expires after `ttlMs` when given, else never. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /**
   * setIfAbsent writes the value only if the key is absent (or expired) and says whether it did: a
   * claim that exactly one caller wins, across instances when the store is shared. The claim lapses after
   * `ttlMs`, so a crashed claimant cannot hold it forever.
   */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** delete removes the key (nothing happens when it is absent). */
  delete(key: string): Promise<void>;
  /** close releases the store's resources (file handles, Redis connection); pending writes finish first. */
  close(): Promise<void>;
}
