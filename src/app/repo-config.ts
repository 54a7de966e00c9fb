/**
 * A repository's `.github/pipwarden.yml`, read through Probot's config plugin so `_extends` works (an org
 * keeps defaults in its `.github` repository: `_extends: .github`). The merged object is validated by the
 * same schema as the CLI's; a broken file never crashes a job: it becomes errors that name the key, and
 * the job reports them in a failed check run.
 */
import { CONFIG_PATH, validateConfig, type ConfigResult } from '../config/load.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import type { GitHubClient } from './octokit.js';

/** loadRepoConfig reads and validates the configuration of `owner/repo` (its default branch). */
export async function loadRepoConfig(octokit: GitHubClient, owner: string, repo: string): Promise<ConfigResult & { text: string }> {
  let loaded: Record<string, unknown>;
  try {
    const result = await octokit.config.get({ owner, repo, path: CONFIG_PATH });
    loaded = result.config;
  } catch (error) {
    // The plugin throws on YAML it cannot parse, and on an `_extends` that points nowhere.
    const message = (error as Error).message.split('\n')[0] ?? 'unreadable';
    return { config: DEFAULT_CONFIG, errors: [{ path: CONFIG_PATH, message: `cannot read the configuration: ${message}` }], text: '' };
  }
  // `_extends` has done its work by now; it is not a setting.
  const { _extends: _ignored, ...settings } = loaded;
  const result = validateConfig(settings, CONFIG_PATH);
  return { ...result, text: JSON.stringify(settings) };
}
