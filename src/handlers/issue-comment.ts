/**
 * issue_comment on pipwarden's own pull requests and issues: `@pipwarden recheck` audits again now,
 * `@pipwarden rebase` rebases pipwarden's pull request. Comments by bots and on anything pipwarden did not
 * open are ignored; the command is acknowledged with a reaction so the person knows it was heard.
 */
import type { Context } from 'probot';
import { HEAD_OF_DEFAULT_BRANCH } from './installation.js';
import { firstDelivery, installationIdOf, type HandlerServices } from './services.js';

/** PIPWARDEN_MARKER starts the hidden marker in the body of every pull request and issue pipwarden opens. */
export const PIPWARDEN_MARKER = '<!-- pipwarden:';

/** CommentCommand is a command a comment can give. */
export type CommentCommand = 'recheck' | 'rebase';

/** parseCommand finds `@pipwarden <command>` at the start of a line of a comment. */
export function parseCommand(body: string): CommentCommand | null {
  const match = /^\s*@pipwarden(?:\[bot\])?\s+(recheck|rebase)\b/im.exec(body);
  return match ? (match[1]?.toLowerCase() as CommentCommand) : null;
}

/** onIssueComment turns a command on pipwarden's own pull request or issue into a job. */
export async function onIssueComment(context: Context<'issue_comment.created'>, services: HandlerServices): Promise<void> {
  const { comment, issue, repository } = context.payload;
  if (comment.user?.type === 'Bot') return;
  const command = parseCommand(comment.body);
  if (!command) return;
  if (!(issue.body ?? '').includes(PIPWARDEN_MARKER)) return;
  if (command === 'rebase' && !issue.pull_request) return;
  if (!(await firstDelivery(context, services))) return;
  const base = { installationId: installationIdOf(context), owner: repository.owner.login, repo: repository.name, ref: repository.default_branch };
  const by = `@${comment.user?.login ?? 'someone'}`;
  if (command === 'recheck') {
    await services.queue.enqueue({ ...base, kind: 'audit', sha: HEAD_OF_DEFAULT_BRANCH, reason: `recheck by ${by}`, data: { force: true } });
  } else {
    await services.queue.enqueue({ ...base, kind: 'rebase', sha: HEAD_OF_DEFAULT_BRANCH, reason: `rebase by ${by}`, data: { pullNumber: issue.number } });
  }
  await context.octokit.request('POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', {
    owner: base.owner,
    repo: base.repo,
    comment_id: comment.id,
    content: 'eyes',
  });
}
