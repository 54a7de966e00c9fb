/**
 * dispatchJob runs one job by its kind. The queue calls it; a job that throws is retried by the queue
 * (with backoff) and logged, and never takes the app down.
 */
import type { AuditJob } from '../../jobs/types.js';
import type { GitHubClient } from '../octokit.js';
import { runAuditJob } from './audit.js';
import { runReviewJob } from './review.js';
import type { JobServices } from './services.js';
import { runSweepAllJob, runSweepJob } from './sweep.js';

/** dispatchJob runs `job`. `appOctokit` authenticates as the app itself (to list installations). */
export async function dispatchJob(job: AuditJob, services: JobServices, appOctokit: () => Promise<GitHubClient>): Promise<void> {
  const log = services.log.child({ job: job.kind, repo: job.repo ? `${job.owner}/${job.repo}` : undefined, sha: job.sha || undefined });
  switch (job.kind) {
    case 'audit':
      log.info({ outcome: await runAuditJob(job, services), reason: job.reason }, 'audit finished');
      return;
    case 'rebase':
      // `@pipwarden rebase`: audit the default branch again, forced; publishing rebuilds a pull request
      // whose branch is behind a moved base (src/github/pull-requests.ts).
      log.info({ outcome: await runAuditJob({ ...job, kind: 'audit', data: { ...job.data, force: true } }, services), reason: job.reason }, 'rebase finished');
      return;
    case 'review':
      log.info({ outcome: await runReviewJob(job, services), reason: job.reason }, 'review finished');
      return;
    case 'sweep':
      log.info({ repositories: await runSweepJob(job, services) }, 'sweep queued its audits');
      return;
    case 'sweep-all':
      log.info({ installations: await runSweepAllJob(services, await appOctokit()) }, 'sweep of every installation started');
      return;
    default:
      log.warn(`unknown job kind "${job.kind}": dropped`);
  }
}
