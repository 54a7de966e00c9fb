import { describe, expect, it } from 'vitest';
import { DEFAULT_JITTER_RATIO, scheduleJitterMs } from '../../src/jobs/jitter.js';
import { jobKey, parseAuditJob, retryDelayMs } from '../../src/jobs/job.js';

describe('jobKey', () => {
  it('is kind:owner/repo@sha', () => {
    expect(jobKey({ kind: 'audit', owner: 'acme', repo: 'api', sha: 'abc123' })).toBe('audit:acme/api@abc123');
    expect(jobKey({ kind: 'sweep', owner: 'acme', repo: '*', sha: 'HEAD' })).toBe('sweep:acme/*@head');
  });

  it('ignores the case of owner, repository and sha (GitHub does), not of the kind', () => {
    expect(jobKey({ kind: 'review', owner: 'Acme-Corp', repo: 'API.py', sha: 'ABCDEF' })).toBe('review:acme-corp/api.py@abcdef');
    expect(jobKey({ kind: 'Review', owner: 'a', repo: 'b', sha: 'c' })).not.toBe(jobKey({ kind: 'review', owner: 'a', repo: 'b', sha: 'c' }));
  });
});

describe('parseAuditJob', () => {
  const valid = { kind: 'audit', installationId: 42, owner: 'acme', repo: 'api', sha: 'f'.repeat(40), reason: 'push' };

  it('keeps every field of a valid job, optional ones included', () => {
    const full = { ...valid, ref: 'main', data: { pullRequest: 7, nested: { a: [1] } } };
    expect(parseAuditJob(full)).toEqual(full);
    expect(parseAuditJob(valid)).toEqual(valid);
  });

  it('accepts an app-wide job and a delay', () => {
    const sweepAll = { kind: 'sweep-all', installationId: 0, owner: '', repo: '', sha: '', reason: 'schedule' };
    expect(parseAuditJob(sweepAll)).toEqual(sweepAll);
    expect(jobKey(sweepAll)).toBe('sweep-all:/@');
    expect(parseAuditJob({ ...valid, delayMs: 3_600_000 }).delayMs).toBe(3_600_000);
  });

  it('names every wrong field', () => {
    expect(() => parseAuditJob({ ...valid, delayMs: 30 * 24 * 60 * 60 * 1000 })).toThrow(/delayMs/);
    expect(() => parseAuditJob({ ...valid, installationId: -1 })).toThrow(/installationId/);
    expect(() => parseAuditJob({ ...valid, installationId: '42', sha: 'f'.repeat(257) })).toThrow(/installationId: .*; sha: /);
    expect(() => parseAuditJob(null)).toThrow(/malformed job: \(job\)/);
    expect(() => parseAuditJob({ ...valid, data: [1, 2] })).toThrow(/data/);
    expect(() => parseAuditJob({ ...valid, kind: 'x'.repeat(65) })).toThrow(/kind/);
  });

  it('survives hostile input: NUL bytes are just characters, huge strings are refused', () => {
    expect(parseAuditJob({ ...valid, reason: 'a\u0000b' }).reason).toBe('a\u0000b');
    expect(() => parseAuditJob({ ...valid, owner: 'o'.repeat(1_000_000) })).toThrow(/owner/);
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base like BullMQ’s exponential backoff', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 500))).toEqual([500, 1_000, 2_000, 4_000]);
    expect(retryDelayMs(0, 500)).toBe(500);
  });
});

describe('scheduleJitterMs', () => {
  it('is stable for an id and spreads different ids within (0, ratio × interval]', () => {
    const day = 86_400_000;
    expect(scheduleJitterMs('sweep:1', day)).toBe(scheduleJitterMs('sweep:1', day));
    const values = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const jitter = scheduleJitterMs(`sweep:${i}`, day);
      expect(jitter).toBeGreaterThanOrEqual(1);
      expect(jitter).toBeLessThanOrEqual(day * DEFAULT_JITTER_RATIO);
      values.add(jitter);
    }
    expect(values.size).toBeGreaterThan(190);
  });

  it('stays at least 1 ms and below the interval for any ratio', () => {
    expect(scheduleJitterMs('a', 1_000, 0)).toBe(1);
    expect(scheduleJitterMs('a', 1_000, 5)).toBeLessThan(1_000);
    expect(scheduleJitterMs('a', 1_000, -1)).toBe(1);
  });
});
