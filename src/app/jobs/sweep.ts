/**
 * Scheduled sweeps. `sweep-all` (one per interval, across every instance) lists the app's installations
 * and enqueues one `sweep` per installation; a `sweep` lists the installation's repositories and enqueues
 * one audit per repository, each delayed by a random share of the spread, so an organisation with
 * thousands of repositories is not audited in one burst. Audits whose fingerprint did not change stop after
 * a single tree request.
 */
import type { AuditJob } from '../../jobs/types.js';
import { HEAD_OF_DEFAULT_BRANCH } from '../../handlers/installation.js';
import type { GitHubClient } from '../octokit.js';
import type { JobServices } from './services.js';

/** SWEEP_SPREAD_SHARE is the share of the schedule interval a sweep's audits are spread over. */
export const SWEEP_SPREAD_SHARE = 0.5;

/** SWEEP_ALL_JOB is the repeating job that starts a sweep of every installation. */
export const SWEEP_ALL_JOB: AuditJob = { kind: 'sweep-all', installationId: 0, owner: '', repo: '', sha: '', reason: 'schedule' };

/** runSweepAllJob enqueues a sweep of each installation of the app. */
export async function runSweepAllJob(services: JobServices, appOctokit: GitHubClient): Promise<number> {
  const installations = await appOctokit.paginate('GET /app/installations', { per_page: 100 });
  for (const installation of installations) {
    await services.queue.enqueue({
      kind: 'sweep',
      installationId: installation.id,
      owner: installation.account && 'login' in installation.account ? installation.account.login : '',
      repo: '',
      sha: services.now().toISOString().slice(0, 13),
      reason: 'schedule',
    });
  }
  return installations.length;
}

/** runSweepJob enqueues an audit of every repository of one installation, spread out with jitter. */
export async function runSweepJob(job: AuditJob, services: JobServices, random: () => number = Math.random): Promise<number> {
  const octokit = await services.auth(job.installationId);
  const repositories = await octokit.paginate('GET /installation/repositories', { per_page: 100 });
  const spreadMs = Math.floor(services.settings.scheduleMs * SWEEP_SPREAD_SHARE);
  let queued = 0;
  for (const repository of repositories) {
    if (repository.archived || repository.disabled) continue;
    await services.queue.enqueue({
      kind: 'audit',
      installationId: job.installationId,
      owner: repository.owner.login,
      repo: repository.name,
      sha: HEAD_OF_DEFAULT_BRANCH,
      ref: repository.default_branch,
      reason: 'schedule',
      delayMs: Math.floor(random() * spreadMs),
    });
    queued++;
  }
  return queued;
}
