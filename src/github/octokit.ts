/**
 * The GitHub client pipwarden's GitHub layer receives, and how to read the errors it throws. The app
 * hands over Probot's authenticated Octokit; everything here needs only `request` and `graphql`, so a
 * test or the CLI can pass any Octokit with those two methods.
 */
import type { ProbotOctokit } from 'probot';
import { PipwardenError, redact } from '../errors.js';

/** GitHubClient is the part of Probot's Octokit the GitHub layer uses: typed REST routes and GraphQL. */
export type GitHubClient = Pick<InstanceType<typeof ProbotOctokit>, 'request' | 'graphql'>;

/** httpStatusOf is the HTTP status of an Octokit `RequestError`, or undefined for any other error. */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  const status = (error as { status: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * githubErrorMessage is the `message` GitHub put in an error response body (e.g. "Advanced Security
 * must be enabled for this repository to use code scanning."), else the error's own message; redacted.
 */
export function githubErrorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'response' in error) {
    const data = (error as { response?: { data?: unknown } }).response?.data;
    if (typeof data === 'object' && data !== null && 'message' in data && typeof data.message === 'string') return redact(data.message);
  }
  return redact(error instanceof Error ? error.message : String(error));
}

/** GraphqlPartial is what a GraphQL error response still carries: the data that did resolve, and the errors. */
export interface GraphqlPartial {
  data: unknown;
  errors: Array<{ message: string; path?: ReadonlyArray<string | number> }>;
}

/**
 * graphqlPartialOf reads a `GraphqlResponseError` (the server answered 200 with `errors`): GitHub still
 * returns every field that resolved, so one bad alias does not lose a whole batch. Undefined for other
 * errors (network, HTTP status).
 */
export function graphqlPartialOf(error: unknown): GraphqlPartial | undefined {
  if (typeof error !== 'object' || error === null || !('errors' in error) || !('data' in error)) return undefined;
  const { errors, data } = error as { errors: unknown; data: unknown };
  if (!Array.isArray(errors)) return undefined;
  return {
    data,
    errors: errors.map((e: unknown) => {
      const entry = (typeof e === 'object' && e !== null ? e : {}) as { message?: unknown; path?: unknown };
      const message = typeof entry.message === 'string' ? redact(entry.message) : 'GraphQL error';
      return Array.isArray(entry.path) ? { message, path: entry.path as Array<string | number> } : { message };
    }),
  };
}

/**
 * GitHubApiError is a GitHub request that failed for good: what pipwarden was doing, GitHub's own
 * message (redacted), and the HTTP status when there was one. The Octokit error is its `cause`.
 */
export class GitHubApiError extends PipwardenError {
  readonly status: number | undefined;

  constructor(action: string, cause: unknown) {
    const status = httpStatusOf(cause);
    super('github', `${action}: ${githubErrorMessage(cause)}${status !== undefined ? ` (HTTP ${status})` : ''}`);
    this.status = status;
    this.cause = cause;
  }
}
