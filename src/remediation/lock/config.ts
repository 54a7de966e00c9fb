/**
 * The `remediation.lockFiles` section of `.github/pipwarden.yml`: how pipwarden keeps lock files in step
 * when it updates a package. The lead mounts it as `lockFiles: lockFilesConfigSchema.prefault({})` inside
 * the `remediation` section, so every key has its default.
 */
import { z } from 'zod';
import { durationSchema, parseDuration } from '../../config/duration.js';
import { DEFAULT_RELOCK_TIMEOUT_MS } from './types.js';

/** lockFilesConfigSchema is the section's schema. */
export const lockFilesConfigSchema = z.strictObject({
  /**
   * `relock` (default true): re-lock with the project's own tool (uv, Poetry, pipenv, PDM) when it is
   * installed where pipwarden runs. `false` never runs a lock tool.
   */
  relock: z.boolean().default(true),
  /**
   * `inPlace` (default true): without the tool (or when it fails), edit uv.lock, poetry.lock or
   * Pipfile.lock directly when the new version declares exactly the old one's dependencies. `false`
   * leaves such locks to a human: the pull request says a re-lock is needed.
   */
  inPlace: z.boolean().default(true),
  /**
   * `relockTimeout` (default `2 minutes`): how long a lock tool may run before it and everything it
   * started are stopped, as a duration (`90 seconds`, `5 minutes`, `PT2M`).
   */
  relockTimeout: durationSchema.default('2 minutes'),
});

/** LockFilesConfig is the section after defaults. */
export type LockFilesConfig = z.infer<typeof lockFilesConfigSchema>;

/** relockTimeoutMs reads `relockTimeout` in milliseconds (the default when it cannot be read). */
export function relockTimeoutMs(config: Pick<LockFilesConfig, 'relockTimeout'>): number {
  return parseDuration(config.relockTimeout) ?? DEFAULT_RELOCK_TIMEOUT_MS;
}
