/**
 * The labels pipwarden puts on its pull requests and issues, created with a colour and a description
 * before first use (`POST /repos/{owner}/{repo}/labels`). A label that exists already (GitHub answers
 * 422 with the error code `already_exists`) is left as the repository's people have it.
 */
import { GitHubApiError, httpStatusOf, type GitHubClient } from './octokit.js';
import type { RepoRef } from './commits.js';

/** LABEL_COLORS are the colours of the labels pipwarden knows (hex without `#`); others get DEFAULT_LABEL_COLOR. */
export const LABEL_COLORS: Readonly<Record<string, string>> = {
  security: 'd73a4a',
  dependencies: '0366d6',
  'license-policy': '5319e7',
  'severity:critical': 'b60205',
  'severity:high': 'd93f0b',
  'severity:medium': 'fbca04',
  'severity:low': '0e8a16',
  'severity:unknown': 'bfd4f2',
};

/** DEFAULT_LABEL_COLOR is GitHub's grey. */
export const DEFAULT_LABEL_COLOR = 'ededed';

/** ensureLabels creates the labels the repository does not have yet; returns the names it created. */
export async function ensureLabels(octokit: GitHubClient, repository: RepoRef, names: Iterable<string>): Promise<string[]> {
  const created: string[] = [];
  for (const name of new Set(names)) {
    try {
      await octokit.request('POST /repos/{owner}/{repo}/labels', {
        owner: repository.owner,
        repo: repository.repo,
        name,
        color: LABEL_COLORS[name] ?? DEFAULT_LABEL_COLOR,
        description: 'Managed by pipwarden',
      });
      created.push(name);
    } catch (error) {
      if (httpStatusOf(error) === 422 && isAlreadyExists(error)) continue;
      throw new GitHubApiError(`cannot create label "${name}" on ${repository.owner}/${repository.repo}`, error);
    }
  }
  return created;
}

/** isAlreadyExists reads GitHub's validation error `{errors: [{code: 'already_exists'}]}`. */
function isAlreadyExists(error: unknown): boolean {
  const data = typeof error === 'object' && error !== null && 'response' in error ? (error as { response?: { data?: unknown } }).response?.data : undefined;
  if (typeof data !== 'object' || data === null || !('errors' in data) || !Array.isArray(data.errors)) return false;
  return data.errors.some((e: unknown) => typeof e === 'object' && e !== null && 'code' in e && e.code === 'already_exists');
}
