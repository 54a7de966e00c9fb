/**
 * The HTTP client's ETag cache: a body remembered with its `ETag`, so the next GET of the same URL
 * sends `If-None-Match` and a `304 Not Modified` answer costs no transfer (RFC 9110 §13.1.2).
 */

/** CachedResponse is one remembered body and the validator the server sent with it. */
export interface CachedResponse {
  etag: string;
  body: string;
}

/** HttpCache stores CachedResponses by URL; implementations may keep them in memory, on disk, in Redis. */
export interface HttpCache {
  get(url: string): Promise<CachedResponse | undefined>;
  set(url: string, response: CachedResponse): Promise<void>;
}

/** MemoryHttpCache is an HttpCache held in a Map, bounded to `maxEntries` (oldest dropped first). */
export class MemoryHttpCache implements HttpCache {
  private readonly entries = new Map<string, CachedResponse>();

  constructor(private readonly maxEntries = 1000) {}

  async get(url: string): Promise<CachedResponse | undefined> {
    return this.entries.get(url);
  }

  async set(url: string, response: CachedResponse): Promise<void> {
    this.entries.delete(url);
    this.entries.set(url, response);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }
}
