/**
 * installation created / repositories added: audit each new repository once. The payload lists the
 * repositories but not their head commits; the job resolves the default branch's head when it runs.
 */
import type { Context } from 'probot';
import { firstDelivery, installationIdOf, type HandlerServices } from './services.js';

/** HEAD_OF_DEFAULT_BRANCH stands for "whatever the default branch points at when the job runs". */
export const HEAD_OF_DEFAULT_BRANCH = 'HEAD';

type Repositories = ReadonlyArray<{ full_name: string; name: string }> | undefined;

async function enqueueAll(context: Context, services: HandlerServices, repositories: Repositories, reason: string): Promise<void> {
  if (!repositories || repositories.length === 0) return;
  if (!(await firstDelivery(context, services))) return;
  const installationId = installationIdOf(context);
  for (const repository of repositories) {
    const [owner = '', repo = repository.name] = repository.full_name.split('/');
    await services.queue.enqueue({ kind: 'audit', installationId, owner, repo, sha: HEAD_OF_DEFAULT_BRANCH, reason });
  }
}

/** onInstallationCreated audits every repository the installation covers. */
export async function onInstallationCreated(context: Context<'installation.created'>, services: HandlerServices): Promise<void> {
  await enqueueAll(context, services, context.payload.repositories, 'installation');
}

/** onRepositoriesAdded audits the repositories added to an installation. */
export async function onRepositoriesAdded(context: Context<'installation_repositories.added'>, services: HandlerServices): Promise<void> {
  await enqueueAll(context, services, context.payload.repositories_added, 'repositories added');
}
