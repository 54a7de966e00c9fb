/**
 * relockSettings turns the configuration into the re-lock settings of a run: none when `lockFiles.relock`
 * is off, else the time limit and the release cut-off (`minimumReleaseAge` before now), so a re-lock never
 * pulls in a release younger than the repository accepts.
 */
import { parseDuration } from '../config/duration.js';
import type { PipwardenConfig } from '../config/schema.js';
import { relockTimeoutMs } from './lock/index.js';
import type { ApplyInput } from './apply.js';

/** relockSettings is ApplyInput's `relock` for a configuration at `now`. */
export function relockSettings(config: PipwardenConfig, now: Date, env?: NodeJS.ProcessEnv): ApplyInput['relock'] {
  if (!config.lockFiles.relock) return undefined;
  const age = config.minimumReleaseAge ? parseDuration(config.minimumReleaseAge) : null;
  return {
    timeoutMs: relockTimeoutMs(config.lockFiles),
    ...(age !== null ? { cutoff: new Date(now.getTime() - age) } : {}),
    ...(env ? { env } : {}),
  };
}
