/**
 * The dependency review of a pull request: audit the base and the head commits and fail the check run
 * when the pull request brings in something the base did not have: a vulnerable version (at or above the
 * configured threshold) or a license the policy denies. What was already wrong on the base is listed
 * but does not fail the pull request: the author did not cause it, and the audit of the default branch
 * reports it.
 */
import { auditRepository } from '../../audit.js';
import { severityAtLeast } from '../../advisories/severity-threshold.js';
import { createCheckRun, completeCheckRun } from '../../github/check-runs.js';
import { GitHubRepoFiles } from '../../github/repo-files.js';
import type { AuditJob } from '../../jobs/types.js';
import { encodeOrigin } from '../../handlers/check-run.js';
import { loadRepoConfig } from '../repo-config.js';
import { checkRunForConfigErrors, checkRunForReview } from '../publish.js';
import { installationToken, DONE_MEMORY_MS } from './audit.js';
import type { JobServices } from './services.js';
import { reviewChanges } from '../../report/review.js';

/** runReviewJob reviews the pull request named by the job (`data.baseSha`, `data.pullNumber`). */
export async function runReviewJob(job: AuditJob, services: JobServices): Promise<'published' | 'already-done' | 'config-error'> {
  const started = Date.now();
  const baseSha = typeof job.data?.baseSha === 'string' ? job.data.baseSha : null;
  const pullNumber = typeof job.data?.pullNumber === 'number' ? job.data.pullNumber : null;
  if (!baseSha || pullNumber === null) throw new Error('a review job needs data.baseSha and data.pullNumber');
  const doneKey = `done:review:${job.owner}/${job.repo}@${job.sha}..${baseSha}`;
  if (job.data?.force !== true && (await services.state.get(doneKey))) return finish(services, 'already-done', started);

  const octokit = await services.auth(job.installationId);
  const origin = encodeOrigin({ kind: 'review', baseSha, pullNumber });
  const checkRunId = await createCheckRun(octokit, { owner: job.owner, repo: job.repo, headSha: job.sha, name: 'pipwarden review', externalId: origin });
  const { config, errors } = await loadRepoConfig(octokit, job.owner, job.repo);
  if (errors.length > 0) {
    await completeCheckRun(octokit, { owner: job.owner, repo: job.repo, id: checkRunId, ...checkRunForConfigErrors(errors) });
    await services.state.set(doneKey, 'config-error', DONE_MEMORY_MS);
    return finish(services, 'config-error', started);
  }
  const token = await installationToken(octokit);
  // One registry for both audits: the base and the head share most packages.
  const registry = services.registry();
  const audit = (sha: string) =>
    auditRepository(new GitHubRepoFiles(octokit, { owner: job.owner, repo: job.repo, sha }), {
      now: services.now(),
      rootLabel: `${job.owner}/${job.repo}@${sha.slice(0, 12)}`,
      sources: services.advisorySources(token),
      config,
      registry,
    });
  const [base, head] = await Promise.all([audit(baseSha), audit(job.sha)]);
  const changes = reviewChanges(base, head, (severity) => severityAtLeast(severity, config.failOn));
  await completeCheckRun(octokit, { owner: job.owner, repo: job.repo, id: checkRunId, ...checkRunForReview(changes, head, config.failOn) });
  await services.state.set(doneKey, 'published', DONE_MEMORY_MS);
  return finish(services, 'published', started);
}

function finish<T extends string>(services: JobServices, outcome: T, started: number): T {
  services.metrics.audits.inc({ kind: 'review', outcome });
  services.metrics.auditSeconds.observe({ kind: 'review' }, (Date.now() - started) / 1000);
  return outcome;
}
