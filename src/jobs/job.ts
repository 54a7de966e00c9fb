/**
 * What makes two jobs "the same" and what a well-formed job is. Shared by both queue implementations so
 * they deduplicate identically.
 */
import { z } from 'zod';
import { PipwardenError } from '../errors.js';
import type { AuditJob } from './types.js';

/**
 * auditJobSchema checks a job on the way in (enqueue) and on the way out of Redis (a job written by an
 * older or foreign producer must not reach a handler half-formed).
 */
export const auditJobSchema = z.object({
  kind: z.string().min(1).max(64),
  installationId: z.number().int().nonnegative(),
  owner: z.string().max(256),
  repo: z.string().max(256),
  sha: z.string().max(256),
  ref: z.string().max(1024).optional(),
  reason: z.string().max(1024),
  data: z.record(z.string(), z.unknown()).optional(),
  /** At most 24 days: below Node's timer limit (~24.8 days), and a longer delay is a bug, not a plan. */
  delayMs: z.number().int().nonnegative().max(24 * 24 * 60 * 60 * 1000).optional(),
});

/**
 * jobKey is the identity of a job: `kind:owner/repo@sha`. Owner and repository are lower-cased because
 * GitHub treats them case-insensitively (a webhook and a sweep may spell them differently); the sha is
 * lower-cased because it is hex.
 */
export function jobKey(job: Pick<AuditJob, 'kind' | 'owner' | 'repo' | 'sha'>): string {
  return `${job.kind}:${job.owner.toLowerCase()}/${job.repo.toLowerCase()}@${job.sha.toLowerCase()}`;
}

/** parseAuditJob validates a job, or throws a PipwardenError with code `job` naming what is wrong. */
export function parseAuditJob(value: unknown): AuditJob {
  const result = auditJobSchema.safeParse(value);
  if (result.success) return result.data;
  const detail = result.error.issues.map((issue) => `${issue.path.join('.') || '(job)'}: ${issue.message}`).join('; ');
  throw new PipwardenError('job', `malformed job: ${detail}`);
}

/**
 * retryDelayMs is the exponential backoff before attempt `attempt + 1` after `attempt` failures (1-based):
 * base, 2×base, 4×base… — the formula of BullMQ's built-in `exponential` backoff, so both queues retry
 * on the same rhythm.
 */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.round(baseMs * 2 ** Math.max(0, attempt - 1));
}

/** errorMessage renders anything thrown as a log-friendly string. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
