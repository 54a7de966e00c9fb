/**
 * testOctokit is the Octokit the app really uses (Probot's, with its plugins), made for tests: a fixed
 * token, no retries and no throttling (so a mocked 403 or 500 answers at once), and a silent log.
 * Point nock at `baseUrl` (default https://api.github.com).
 */
import { ProbotOctokit } from 'probot';

/** TestOctokit is the instance type the app's GitHub code receives. */
export type TestOctokit = InstanceType<typeof ProbotOctokit>;

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** testOctokit builds a ProbotOctokit that talks to `baseUrl` with no retries or throttling. */
export function testOctokit(baseUrl = 'https://api.github.com'): TestOctokit {
  return new ProbotOctokit({
    auth: { token: 'test-token' },
    baseUrl,
    retry: { enabled: false },
    throttle: { enabled: false },
    log: silent,
  });
}
