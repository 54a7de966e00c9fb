/**
 * The Octokit the app uses: Probot's, with two changes. Probot's own throttling options do not retry a
 * secondary rate limit (they only log it); pipwarden retries it twice, after the wait GitHub asks for, so a
 * burst in a large organisation slows down instead of failing. (@octokit/plugin-retry, in Probot's
 * Octokit, already retries 5xx answers such as 502 and network timeouts.) And every response feeds the
 * metrics: requests by status and the rate limit left.
 */
import { ProbotOctokit } from 'probot';
import type { AppMetrics } from './metrics.js';

/** GitHubClient is the authenticated Octokit every GitHub call goes through. */
export type GitHubClient = InstanceType<typeof ProbotOctokit>;

/** RETRIES_AFTER_RATE_LIMIT is how many times a request is retried after a (secondary) rate limit. */
export const RETRIES_AFTER_RATE_LIMIT = 2;

interface ThrottledRequest {
  method: string;
  url: string;
  request: { retryCount: number };
}

/** createOctokitClass is ProbotOctokit with pipwarden's throttle handlers; pass it to Probot as `Octokit`. */
export function createOctokitClass(): typeof ProbotOctokit {
  const retryWithin = (retryAfter: number, options: ThrottledRequest, octokit: GitHubClient, kind: string): boolean => {
    const retry = options.request.retryCount < RETRIES_AFTER_RATE_LIMIT;
    octokit.log.warn(`${kind} on ${options.method} ${options.url}: ${retry ? `retrying in ${retryAfter} s` : 'giving up'}`);
    return retry;
  };
  return ProbotOctokit.defaults((instanceOptions: Record<string, unknown>) => ({
    ...instanceOptions,
    throttle: {
      ...(instanceOptions.throttle as Record<string, unknown> | undefined),
      enabled: true,
      onRateLimit: (retryAfter: number, options: ThrottledRequest, octokit: GitHubClient) => retryWithin(retryAfter, options, octokit, 'rate limit'),
      onSecondaryRateLimit: (retryAfter: number, options: ThrottledRequest, octokit: GitHubClient) =>
        retryWithin(retryAfter, options, octokit, 'secondary rate limit'),
    },
  })) as typeof ProbotOctokit;
}

/** instrumentOctokit records every response of `octokit` into the metrics. */
export function instrumentOctokit(octokit: GitHubClient, metrics: AppMetrics, installationId: number): GitHubClient {
  octokit.hook.after('request', (response, options) => {
    metrics.githubRequests.inc({ method: options.method, status: String(response.status) });
    recordRateLimit(metrics, installationId, response.headers);
  });
  octokit.hook.error('request', (error, options) => {
    const status = 'status' in error && typeof error.status === 'number' ? String(error.status) : 'error';
    metrics.githubRequests.inc({ method: options.method, status });
    if ('response' in error && error.response && typeof error.response === 'object' && 'headers' in error.response) {
      recordRateLimit(metrics, installationId, error.response.headers as Record<string, string | number | undefined>);
    }
    throw error;
  });
  return octokit;
}

function recordRateLimit(metrics: AppMetrics, installationId: number, headers: Record<string, string | number | undefined>): void {
  const remaining = headers['x-ratelimit-remaining'];
  if (remaining === undefined) return;
  const resource = String(headers['x-ratelimit-resource'] ?? 'core');
  metrics.rateLimitRemaining.set({ installation: String(installationId), resource }, Number(remaining));
}
