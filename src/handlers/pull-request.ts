/**
 * pull_request opened / synchronize / reopened: dependency review. The job audits the head and the base
 * and fails its check run when the pull request brings in a vulnerable version or a denied license.
 * A pull request that changes no dependency file still gets a (passing) review: branch protection may
 * require the check, and a missing required check blocks the merge.
 */
import type { Context } from 'probot';
import { firstDelivery, installationIdOf, type HandlerServices } from './services.js';

/** onPullRequest enqueues a review of the pull request's head commit against its base. */
export async function onPullRequest(
  context: Context<'pull_request.opened' | 'pull_request.synchronize' | 'pull_request.reopened'>,
  services: HandlerServices,
): Promise<void> {
  const { pull_request: pr, repository } = context.payload;
  if (pr.state !== 'open') return;
  if (!(await firstDelivery(context, services))) return;
  await services.queue.enqueue({
    kind: 'review',
    installationId: installationIdOf(context),
    // The head may live in a fork; the check run and the files are read from the head repository's commit,
    // which the base repository can read too (GitHub keeps PR heads under refs/pull/N/head).
    owner: repository.owner.login,
    repo: repository.name,
    sha: pr.head.sha,
    ref: pr.base.ref,
    reason: `pull request #${pr.number}`,
    data: { baseSha: pr.base.sha, pullNumber: pr.number },
  });
}
