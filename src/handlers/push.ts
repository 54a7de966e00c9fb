/**
 * push: a commit landed. Only the default branch is audited, and only when the push touched a dependency
 * file or pipwarden's configuration; any other push costs no API call at all.
 */
import type { Context } from 'probot';
import { CONFIG_PATH } from '../config/load.js';
import { formatForPath } from '../manifests/registry.js';
import { firstDelivery, installationIdOf, type HandlerServices } from './services.js';

/** touchesDependencies says whether a push changed a file the audit reads. */
export function touchesDependencies(commits: ReadonlyArray<{ added?: string[]; removed?: string[]; modified?: string[] }>): boolean {
  return commits.some((commit) =>
    [...(commit.added ?? []), ...(commit.removed ?? []), ...(commit.modified ?? [])].some(
      (path) => path === CONFIG_PATH || formatForPath(path) !== undefined,
    ),
  );
}

/** onPush enqueues an audit of the default branch's new head when dependencies changed. */
export async function onPush(context: Context<'push'>, services: HandlerServices): Promise<void> {
  const { payload } = context;
  const defaultRef = `refs/heads/${payload.repository.default_branch}`;
  if (payload.ref !== defaultRef || payload.deleted || !payload.after || /^0+$/.test(payload.after)) return;
  // A forced push that rewinds the branch lists no commits: what changed is unknown, so audit.
  const unknownChanges = payload.forced && payload.commits.length === 0;
  if (!unknownChanges && !touchesDependencies(payload.commits)) {
    context.log.debug({ repo: payload.repository.full_name }, 'push without dependency changes: nothing to do');
    return;
  }
  if (!(await firstDelivery(context, services))) return;
  await services.queue.enqueue({
    kind: 'audit',
    installationId: installationIdOf(context),
    owner: payload.repository.owner?.login ?? payload.repository.full_name.split("/")[0] ?? "",
    repo: payload.repository.name,
    sha: payload.after,
    ref: payload.repository.default_branch,
    reason: 'push',
  });
}
