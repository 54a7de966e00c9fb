import { describe, expect, it } from 'vitest';
import { durationSchema, formatDuration, parseDuration } from '../../src/config/duration.js';

const S = 1000;
const H = 3_600_000;
const D = 24 * H;

describe('parseDuration', () => {
  it.each([
    ['3 days', 3 * D],
    ['3days', 3 * D],
    ['1 day', D],
    ['3d', 3 * D],
    ['36h', 36 * H],
    ['12 hours', 12 * H],
    ['90 minutes', 90 * 60 * S],
    ['45 min', 45 * 60 * S],
    ['30s', 30 * S],
    ['250ms', 250],
    ['1 week', 7 * D],
    ['2w', 14 * D],
    ['1.5d', 1.5 * D],
    ['.5 days', 0.5 * D],
    ['1 week 2 days', 9 * D],
    ['2 weeks, 3 days', 17 * D],
    ['1 day and 12 hours', 36 * H],
    ['1d12h', 36 * H],
    ['  3 DAYS ', 3 * D],
    ['1 month', 30 * D],
    ['2mo', 60 * D],
    ['1 year', 365 * D],
    ['0 days', 0],
    ['P3D', 3 * D],
    ['PT12H', 12 * H],
    ['P1W', 7 * D],
    ['P1DT6H30M', D + 6 * H + 30 * 60 * S],
    ['pt90s', 90 * S],
  ])('%s is %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    [''],
    ['3'],
    ['days'],
    ['-3 days'],
    ['3 fortnights'],
    ['3 days later'],
    ['three days'],
    ['P'],
    ['PT'],
    ['P1M'],
    ['P1Y'],
    ['3 d ays'],
    ['1'.repeat(500) + ' days'],
    ['\u0000\u0001 days'],
  ])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('reads hostile input quickly', () => {
    const started = Date.now();
    expect(parseDuration('1d '.repeat(100_000))).toBeNull();
    expect(parseDuration('9'.repeat(150) + 'd')).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('formatDuration', () => {
  it.each([
    [3 * D, '3 days'],
    [D, '1 day'],
    [14 * D, '2 weeks'],
    [36 * H, '36 hours'],
    [90 * 60 * S, '90 minutes'],
    [1.5 * D + 1, '1.5 days'],
  ])('%i ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('durationSchema', () => {
  it('accepts durations as written and explains what it wants otherwise', () => {
    expect(durationSchema.parse('3 days')).toBe('3 days');
    const result = durationSchema.safeParse('soon');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('expected a duration such as "3 days", "12 hours", "1 week" or "P3D"');
  });
});
