/**
 * check_run rerequested: someone pressed "Re-run" on pipwarden's check. The check run's `external_id`
 * says what produced it (an audit of the default branch, or a pull request review), so the same kind of
 * job runs again, forced past the "nothing changed" shortcut.
 */
import type { Context } from 'probot';
import { firstDelivery, installationIdOf, type HandlerServices } from './services.js';

/** CheckRunOrigin is what pipwarden writes into a check run's external_id. */
export interface CheckRunOrigin {
  kind: 'audit' | 'review';
  baseSha?: string;
  pullNumber?: number;
}

/** encodeOrigin is the external_id of a check run. */
export function encodeOrigin(origin: CheckRunOrigin): string {
  return JSON.stringify(origin);
}

/** decodeOrigin reads an external_id; anything unreadable counts as an audit. */
export function decodeOrigin(externalId: string | null | undefined): CheckRunOrigin {
  try {
    const value = JSON.parse(externalId ?? '') as Partial<CheckRunOrigin>;
    if (value.kind === 'review' && typeof value.baseSha === 'string' && typeof value.pullNumber === 'number') {
      return { kind: 'review', baseSha: value.baseSha, pullNumber: value.pullNumber };
    }
  } catch {
    // Not ours or older: fall through.
  }
  return { kind: 'audit' };
}

/** onCheckRunRerequested runs pipwarden's check again when it is pipwarden's. */
export async function onCheckRunRerequested(context: Context<'check_run.rerequested'>, services: HandlerServices, appId: number | undefined): Promise<void> {
  const { check_run: checkRun, repository } = context.payload;
  if (appId !== undefined && checkRun.app?.id !== appId) return;
  if (!checkRun.name.startsWith('pipwarden')) return;
  if (!(await firstDelivery(context, services))) return;
  const origin = decodeOrigin(checkRun.external_id);
  await services.queue.enqueue({
    kind: origin.kind,
    installationId: installationIdOf(context),
    owner: repository.owner.login,
    repo: repository.name,
    sha: checkRun.head_sha,
    ref: repository.default_branch,
    reason: 're-run requested',
    data: { force: true, ...(origin.kind === 'review' ? { baseSha: origin.baseSha, pullNumber: origin.pullNumber } : {}) },
  });
}
