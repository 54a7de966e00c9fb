/**
 * HttpClient is pipwarden's one way to talk HTTP (DESIGN.md, "One way to do each thing"): Node's global
 * `fetch` with a timeout on every attempt, retries with exponential backoff and jitter on network
 * errors, timeouts, 5xx and rate limits (honouring `Retry-After`), JSON checked against a zod schema,
 * and an optional ETag cache. Failures are `HttpError`s whose messages never carry credentials.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { ZodType } from 'zod';
import { HttpError } from '../errors.js';
import { TOOL_VERSION } from '../version.js';
import type { HttpCache } from './cache.js';
import { backoffDelay, isRetryableStatus, serverDelayMs } from './retry.js';

/** HttpClientOptions configure a client; every field has a default, tests replace `sleep` and `random`. */
export interface HttpClientOptions {
  /** Time limit of one attempt, body included (default 30 s). */
  timeoutMs?: number;
  /** Attempts per request, the first included (default 4). */
  maxAttempts?: number;
  /** First backoff delay (default 500 ms); doubles on each retry. */
  baseDelayMs?: number;
  /** Cap of the backoff delay (default 30 s). */
  maxDelayMs?: number;
  /** Cap of a wait the server asks for with `Retry-After` or a rate-limit reset (default 60 s). */
  maxRetryAfterMs?: number;
  /** Waits between attempts (default: a real timer). */
  sleep?: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1) (default `Math.random`). */
  random?: () => number;
  /** Current time in ms, for `Retry-After` dates (default `Date.now`). */
  now?: () => number;
  /** The fetch to use (default: the global `fetch`, looked up on each call). */
  fetch?: typeof fetch;
  /** `User-Agent` header (default `pipwarden/<version>`). */
  userAgent?: string;
  /** ETag cache for `getJson`; none by default. */
  cache?: HttpCache;
}

/** RequestOptions adjust one request. */
export interface RequestOptions {
  headers?: Record<string, string>;
  timeoutMs?: number;
  maxAttempts?: number;
  /** Aborting it stops the request without retrying. */
  signal?: AbortSignal;
  /** Set false to bypass the client's ETag cache for this request. */
  useCache?: boolean;
}

/** HTTP_DEFAULTS are the defaults of HttpClientOptions. */
export const HTTP_DEFAULTS = {
  timeoutMs: 30_000,
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
} as const;

type Method = 'GET' | 'POST';

interface Exchange<T> {
  method: Method;
  url: string;
  body?: string;
  headers: Record<string, string>;
  options: RequestOptions;
  read: (response: Response) => Promise<T>;
  /** A body to use when the server answers 304 Not Modified. */
  notModified?: () => T | undefined;
}

/** HttpClient sends requests with timeouts, retries and schema-checked JSON. */
export class HttpClient {
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly userAgent: string;

  constructor(private readonly options: HttpClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? HTTP_DEFAULTS.timeoutMs;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? HTTP_DEFAULTS.maxAttempts);
    this.baseDelayMs = options.baseDelayMs ?? HTTP_DEFAULTS.baseDelayMs;
    this.maxDelayMs = options.maxDelayMs ?? HTTP_DEFAULTS.maxDelayMs;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? HTTP_DEFAULTS.maxRetryAfterMs;
    this.sleep = options.sleep ?? ((ms) => delay(ms));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.userAgent = options.userAgent ?? `pipwarden/${TOOL_VERSION}`;
  }

  /**
   * getJson GETs a URL and returns its JSON body checked against `schema`. With an ETag cache, a
   * remembered body is revalidated with `If-None-Match` and reused on 304.
   */
  async getJson<T>(url: string, schema: ZodType<T>, options: RequestOptions = {}): Promise<T> {
    const cache = options.useCache === false ? undefined : this.options.cache;
    const cached = cache ? await cache.get(url) : undefined;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (cached) headers['if-none-match'] = cached.etag;
    const text = await this.send<string>({
      method: 'GET',
      url,
      headers,
      options,
      read: async (response) => {
        const body = await response.text();
        const etag = response.headers.get('etag');
        // The cache only saves transfer: failing to store must not fail the request.
        if (cache && etag) await cache.set(url, { etag, body }).catch(() => undefined);
        return body;
      },
      notModified: () => cached?.body,
    });
    return this.parse('GET', url, text, schema);
  }

  /** postJson POSTs `body` as JSON and returns the JSON answer checked against `schema`. */
  async postJson<T>(url: string, body: unknown, schema: ZodType<T>, options: RequestOptions = {}): Promise<T> {
    const text = await this.send<string>({
      method: 'POST',
      url,
      body: JSON.stringify(body),
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      options,
      read: (response) => response.text(),
    });
    return this.parse('POST', url, text, schema);
  }

  /** getBytes GETs a URL and returns its body as bytes (archives, wheels). */
  async getBytes(url: string, options: RequestOptions = {}): Promise<Uint8Array> {
    return this.send<Uint8Array>({
      method: 'GET',
      url,
      headers: {},
      options,
      read: async (response) => new Uint8Array(await response.arrayBuffer()),
    });
  }

  /** parse turns a body into checked JSON; a wrong shape names the offending fields. */
  private parse<T>(method: Method, url: string, text: string, schema: ZodType<T>): T {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new HttpError('invalid-json', method, url, 200, 1, `response is not JSON (${errorMessage(error)})`);
    }
    const result = schema.safeParse(json);
    if (result.success) return result.data;
    const issues = result.error.issues.slice(0, 3).map((issue) => {
      const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
      return `${where}: ${issue.message}`;
    });
    const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : '';
    throw new HttpError('invalid-response', method, url, 200, 1, `unexpected response: ${issues.join('; ')}${more}`);
  }

  /** send runs one exchange, retrying what is worth retrying, and returns what `read` made of the body. */
  private async send<T>(exchange: Exchange<T>): Promise<T> {
    const { method, url, options } = exchange;
    const maxAttempts = Math.max(1, options.maxAttempts ?? this.maxAttempts);
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const headers = { 'user-agent': this.userAgent, ...exchange.headers, ...options.headers };
    const fetchImpl = this.options.fetch ?? globalThis.fetch;

    for (let attempt = 1; ; attempt++) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
      let failure: HttpError;
      let waitMs: number | null = null;
      try {
        const response = await fetchImpl(url, { method, headers, body: exchange.body, signal });
        if (response.status === 304 && exchange.notModified) {
          await response.body?.cancel();
          const cached = exchange.notModified();
          if (cached !== undefined) return cached;
        }
        if (response.ok) return await exchange.read(response);
        const snippet = await bodySnippet(response);
        const detail = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${snippet}`;
        failure = new HttpError('status', method, url, response.status, attempt, detail);
        if (!isRetryableStatus(response.status, response.headers)) throw failure;
        waitMs = serverDelayMs(response.headers, this.now());
      } catch (error) {
        if (error instanceof HttpError) throw error;
        if (options.signal?.aborted) {
          throw new HttpError('network', method, url, null, attempt, 'request aborted');
        }
        failure = timeout.aborted
          ? new HttpError('timeout', method, url, null, attempt, `timed out after ${timeoutMs} ms`)
          : new HttpError('network', method, url, null, attempt, `network error: ${errorMessage(error)}`);
      }
      if (attempt >= maxAttempts) throw failure;
      const backoff = backoffDelay(attempt, {
        baseDelayMs: this.baseDelayMs,
        maxDelayMs: this.maxDelayMs,
        random: this.random,
      });
      await this.sleep(waitMs === null ? backoff : Math.min(waitMs, this.maxRetryAfterMs));
    }
  }
}

/** bodySnippet is the start of an error body, on one line, for the error message (servers explain there). */
async function bodySnippet(response: Response): Promise<string> {
  try {
    const text = (await response.text()).replace(/\s+/g, ' ').trim();
    if (text === '') return '';
    return `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
  } catch {
    return '';
  }
}

/** errorMessage is the message of a thrown value, with its cause when fetch wraps one. */
function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) {
    const message = (error as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? message : String(error);
  }
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
