/**
 * The `releaseNotes` section of `.github/pipwarden.yml`, and where release notes are read from.
 * Integration: add `releaseNotes: releaseNotesConfigSchema.prefault({})` to the top-level schema.
 */
import { z } from 'zod';
import { GITHUB_API_URL } from './fetch.js';
import { DEFAULT_NOTES_BUDGET } from './trim.js';

/** releaseNotesConfigSchema is the `releaseNotes` section. */
export const releaseNotesConfigSchema = z.strictObject({
  /** Quote upstream release notes (GitHub releases, else the changelog file) in remediation pull requests. */
  enabled: z.boolean().default(true),
  /**
   * The most characters of notes quoted per package. The whole body stays under GitHub's limit
   * whatever this says: when many packages change, each gets less.
   */
  maxCharsPerPackage: z.number().int().min(500).max(60_000).default(DEFAULT_NOTES_BUDGET),
});

/** ReleaseNotesConfig is the validated `releaseNotes` section. */
export type ReleaseNotesConfig = z.infer<typeof releaseNotesConfigSchema>;

/**
 * releasesApiUrl is the GitHub API that upstream release notes are read from: PIPWARDEN_RELEASES_API_URL
 * when set, else the app's own GitHub API (`appApiUrl`; on GitHub Enterprise Server, set the variable to
 * https://api.github.com, where upstream projects live). Without either: the public API.
 */
export function releasesApiUrl(env: Readonly<Record<string, string | undefined>>, appApiUrl?: string): string {
  const configured = env.PIPWARDEN_RELEASES_API_URL?.trim();
  return (configured || appApiUrl || GITHUB_API_URL).replace(/\/+$/, '');
}
