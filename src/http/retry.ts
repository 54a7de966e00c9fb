/**
 * When and how long to wait before trying a request again: exponential backoff with jitter, and the
 * server's own word (`Retry-After`, GitHub's rate-limit headers) when it gives one.
 */

/** BackoffOptions shape the exponential backoff; `random` returns a number in [0, 1). */
export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
}

/**
 * backoffDelay is the wait before retry number `attempt` (1 = the first retry): the exponential delay
 * `base * 2^(attempt-1)`, capped at `maxDelayMs`, with "equal jitter" — half of it fixed, half random —
 * so that many clients failing together spread their retries out, yet never retry at once
 * (AWS Architecture Blog, "Exponential Backoff And Jitter").
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (options.random() * exponential) / 2);
}

/**
 * isRateLimited tells whether a response says "too many requests": status 429, or GitHub's 403 that
 * carries `Retry-After` or `x-ratelimit-remaining: 0` (GitHub REST and GraphQL docs, "Rate limits":
 * both primary and secondary limits may answer 403 or 429).
 */
export function isRateLimited(status: number, headers: Headers): boolean {
  if (status === 429) return true;
  return status === 403 && (headers.has('retry-after') || headers.get('x-ratelimit-remaining') === '0');
}

/**
 * isRetryableStatus tells whether an HTTP status is worth another attempt: server errors (5xx) and
 * rate limits. Other 4xx mean the request itself is wrong: repeating it cannot help.
 */
export function isRetryableStatus(status: number, headers: Headers): boolean {
  return status >= 500 || isRateLimited(status, headers);
}

/**
 * serverDelayMs is how long the server asked us to wait, or null when it did not say: `Retry-After` as
 * delay-seconds or an HTTP-date (RFC 9110 §10.2.3), else GitHub's `x-ratelimit-reset` (UTC epoch
 * seconds) when `x-ratelimit-remaining` is 0. Never negative.
 */
export function serverDelayMs(headers: Headers, now: number): number | null {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (headers.get('x-ratelimit-remaining') === '0' && reset && /^\d+$/.test(reset)) {
    return Math.max(0, Number(reset) * 1000 - now);
  }
  return null;
}
