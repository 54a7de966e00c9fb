/**
 * The `secrets` section of `.github/pipwarden.yml`. Every key has a default, so a repository without the
 * section is scanned with every detector.
 */
import picomatch from 'picomatch';
import { z } from 'zod';
import { isSecretCandidatePath } from './paths.js';

/** secretsConfigSchema is the `secrets:` section of `.github/pipwarden.yml`. */
export const secretsConfigSchema = z
  .strictObject({
    /** Scan the repository's files for committed secrets (default true). */
    enabled: z.boolean().default(true),
    /**
     * Also report high-entropy values assigned to secret-like names (`secret.generic`, medium severity and
     * confidence), on top of the provider formats (default true).
     */
    generic: z.boolean().default(true),
    /**
     * Glob patterns (picomatch, matched against the path relative to the repository root) of files not to
     * scan, e.g. `tests/fixtures/**`, on top of the built-in skips (lock files, binaries, minified files).
     */
    ignorePaths: z.array(z.string().min(1)).default([]),
  })
  .prefault({});

/** SecretsConfig is the validated `secrets` section with defaults filled in. */
export type SecretsConfig = z.infer<typeof secretsConfigSchema>;

/** DEFAULT_SECRETS_CONFIG is the section of a repository that says nothing about secrets. */
export const DEFAULT_SECRETS_CONFIG: SecretsConfig = secretsConfigSchema.parse(undefined);

/**
 * secretPathFilter is the test a path must pass to be scanned under `config`: scanning is enabled, the
 * path is a candidate (isSecretCandidatePath) and no `ignorePaths` glob matches it.
 */
export function secretPathFilter(config: SecretsConfig): (path: string) => boolean {
  if (!config.enabled) return () => false;
  const ignored = config.ignorePaths.length > 0 ? picomatch(config.ignorePaths, { dot: true }) : () => false;
  return (path) => {
    const normalised = path.replace(/\\/g, '/').replace(/^\.\//, '');
    return isSecretCandidatePath(normalised) && !ignored(normalised);
  };
}
