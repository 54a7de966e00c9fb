/**
 * AppSettings are the operator's knobs: environment variables read once at start-up (DESIGN.md,
 * "Contracts"). Probot reads its own (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, GHE_HOST, REDIS_URL…); these are
 * pipwarden's. Every one is documented in the README and listed in `.env.example`.
 */
import { homedir } from 'node:os';
import { z } from 'zod';
import { defaultCacheDir } from '../advisories/sources.js';
import { parseDuration } from '../config/duration.js';
import { UsageError } from '../errors.js';

/** AppSettings is the validated environment. */
export interface AppSettings {
  /** Interval of scheduled sweeps over every installation (PIPWARDEN_SCHEDULE, default 24h). */
  scheduleMs: number;
  /** Sweep every installation once at start-up (PIPWARDEN_SWEEP_ON_START). */
  sweepOnStart: boolean;
  /** Jobs run at once by this instance (PIPWARDEN_CONCURRENCY, default 4). */
  concurrency: number;
  /** Jobs of one installation run at once (PIPWARDEN_INSTALLATION_CONCURRENCY, default 2). */
  installationConcurrency: number;
  cacheDir: string;
  redisUrl: string | undefined;
  advisoryDb: string | undefined;
  osvUrl: string | undefined;
  pypiUrl: string | undefined;
  /** The GitHub API base (from GHE_HOST / GHE_PROTOCOL, as Probot builds it). */
  githubApiUrl: string;
}

const positiveInt = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a positive integer, got "${value}"` });
        return z.NEVER;
      }
      return n;
    });

/** readAppSettings validates the environment; a bad value stops start-up with a message naming the variable. */
export function readAppSettings(env: NodeJS.ProcessEnv): AppSettings {
  const schedule = env.PIPWARDEN_SCHEDULE?.trim() || '24h';
  const scheduleMs = parseDuration(schedule);
  if (scheduleMs === null || scheduleMs < 60_000) {
    throw new UsageError(`PIPWARDEN_SCHEDULE must be a duration of at least a minute (e.g. "24h", "6 hours"), got "${schedule}"`);
  }
  const numbers = z
    .object({
      PIPWARDEN_CONCURRENCY: positiveInt('PIPWARDEN_CONCURRENCY', 4),
      PIPWARDEN_INSTALLATION_CONCURRENCY: positiveInt('PIPWARDEN_INSTALLATION_CONCURRENCY', 2),
    })
    .safeParse(env);
  if (!numbers.success) throw new UsageError(numbers.error.issues.map((i) => i.message).join('; '));
  const host = env.GHE_HOST?.trim();
  const protocol = env.GHE_PROTOCOL?.trim() || 'https';
  return {
    scheduleMs,
    sweepOnStart: /^(1|true|yes)$/i.test(env.PIPWARDEN_SWEEP_ON_START ?? ''),
    concurrency: numbers.data.PIPWARDEN_CONCURRENCY,
    installationConcurrency: numbers.data.PIPWARDEN_INSTALLATION_CONCURRENCY,
    cacheDir: defaultCacheDir(env, homedir()),
    redisUrl: env.REDIS_URL || undefined,
    advisoryDb: env.PIPWARDEN_ADVISORY_DB || undefined,
    osvUrl: env.PIPWARDEN_OSV_URL || undefined,
    pypiUrl: env.PIPWARDEN_PYPI_URL || undefined,
    githubApiUrl: host ? `${protocol}://${host}/api/v3` : 'https://api.github.com',
  };
}
