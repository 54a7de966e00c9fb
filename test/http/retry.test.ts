import { describe, expect, it } from 'vitest';
import { backoffDelay, isRateLimited, isRetryableStatus, serverDelayMs } from '../../src/http/retry.js';

const NOW = Date.parse('2024-10-01T12:00:00Z');

describe('backoffDelay', () => {
  it('doubles per attempt with half the delay jittered', () => {
    const options = { baseDelayMs: 500, maxDelayMs: 30_000 };
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, { ...options, random: () => 0 }))).toEqual([
      250, 500, 1000, 2000,
    ]);
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, { ...options, random: () => 0.999999 }))).toEqual([
      500, 1000, 2000, 4000,
    ]);
  });

  it('is capped', () => {
    expect(backoffDelay(30, { baseDelayMs: 500, maxDelayMs: 8000, random: () => 1 })).toBe(8000);
  });
});

describe('serverDelayMs', () => {
  it('reads Retry-After seconds and dates', () => {
    expect(serverDelayMs(new Headers({ 'retry-after': '12' }), NOW)).toBe(12_000);
    expect(serverDelayMs(new Headers({ 'retry-after': 'Tue, 01 Oct 2024 12:01:00 GMT' }), NOW)).toBe(60_000);
    expect(serverDelayMs(new Headers({ 'retry-after': 'Tue, 01 Oct 2024 11:00:00 GMT' }), NOW)).toBe(0);
  });

  it("reads GitHub's rate-limit reset only when nothing remains", () => {
    const reset = String(NOW / 1000 + 90);
    expect(serverDelayMs(new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), NOW)).toBe(90_000);
    expect(serverDelayMs(new Headers({ 'x-ratelimit-remaining': '10', 'x-ratelimit-reset': reset }), NOW)).toBeNull();
  });

  it('is null without a usable header', () => {
    expect(serverDelayMs(new Headers(), NOW)).toBeNull();
    expect(serverDelayMs(new Headers({ 'retry-after': 'soon' }), NOW)).toBeNull();
  });
});

describe('isRetryableStatus', () => {
  it('retries 5xx and rate limits only', () => {
    const none = new Headers();
    expect([500, 502, 503, 504, 429].map((status) => isRetryableStatus(status, none))).toEqual([
      true, true, true, true, true,
    ]);
    expect([400, 401, 403, 404, 409, 422].map((status) => isRetryableStatus(status, none))).toEqual([
      false, false, false, false, false, false,
    ]);
    expect(isRateLimited(403, new Headers({ 'retry-after': '60' }))).toBe(true);
    expect(isRateLimited(403, new Headers({ 'x-ratelimit-remaining': '0' }))).toBe(true);
  });
});
