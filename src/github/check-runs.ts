/**
 * The pipwarden check run on a commit (GitHub Checks API). createCheckRun opens it `in_progress` when
 * an audit starts; completeCheckRun sets the conclusion and output. GitHub accepts at most 50
 * annotations per request and appends the annotations of each "Update a check run" request to those
 * already there, so the first PATCH completes the run with the first 50 and each further PATCH appends
 * 50 more. Every PATCH repeats the same title, summary and text: GitHub requires `output.summary` on
 * each update, and re-sending the text keeps it from being replaced. Completing first means a failure
 * half-way leaves a finished check with its verdict, never one stuck "in progress".
 */
import type { CheckAnnotation } from './annotations.js';
import type { CheckConclusion } from './check-summary.js';
import { GitHubApiError, type GitHubClient } from './octokit.js';
import { CHECK_RUN_TEXT_LIMIT, truncateMarkdown } from './truncate.js';

/** CHECK_RUN_NAME is the name pipwarden's check runs carry. */
export const CHECK_RUN_NAME = 'pipwarden';

/** ANNOTATIONS_PER_REQUEST is GitHub's limit of annotations in one request. */
export const ANNOTATIONS_PER_REQUEST = 50;

/** CreateCheckRunInput names the commit and how the run links back to pipwarden. */
export interface CreateCheckRunInput {
  owner: string;
  repo: string;
  headSha: string;
  /** Default CHECK_RUN_NAME. */
  name?: string;
  /** Where the full details live (the app's page for this audit), when there is one. */
  detailsUrl?: string;
  /** pipwarden's id of the audit job, so a redelivered event can find its run. */
  externalId: string;
  /** When the audit started (the caller's clock); GitHub uses the request time otherwise. */
  startedAt?: Date;
}

/** createCheckRun opens an `in_progress` check run and returns its id. */
export async function createCheckRun(octokit: GitHubClient, input: CreateCheckRunInput): Promise<number> {
  const response = await octokit
    .request('POST /repos/{owner}/{repo}/check-runs', {
      owner: input.owner,
      repo: input.repo,
      name: input.name ?? CHECK_RUN_NAME,
      head_sha: input.headSha,
      status: 'in_progress',
      external_id: input.externalId,
      ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
      ...(input.startedAt ? { started_at: isoSeconds(input.startedAt) } : {}),
    })
    .catch((error: unknown) => {
      throw new GitHubApiError(`cannot create the check run on ${input.owner}/${input.repo}@${input.headSha.slice(0, 12)}`, error);
    });
  // The description types ids as int64 (number | bigint); GitHub's JSON ids are plain numbers.
  return Number(response.data.id);
}

/** CompleteCheckRunInput is the verdict and output of a check run. */
export interface CompleteCheckRunInput {
  owner: string;
  repo: string;
  /** The id createCheckRun returned. */
  id: number;
  conclusion: CheckConclusion | 'neutral' | 'cancelled' | 'timed_out' | 'action_required' | 'skipped';
  title: string;
  /** Markdown; cut to 65,535 characters at a line boundary when longer. */
  summary: string;
  /** Markdown details; same limit. */
  text?: string;
  annotations: readonly CheckAnnotation[];
  /** When the audit finished (the caller's clock). */
  completedAt?: Date;
}

/** completeCheckRun sets the conclusion and output, sending annotations 50 per request; returns the request count. */
export async function completeCheckRun(octokit: GitHubClient, input: CompleteCheckRunInput): Promise<number> {
  const output = {
    // GitHub documents no title limit; a title is one line, so anything longer is cut.
    title: input.title.slice(0, 1_000),
    summary: truncateMarkdown(input.summary, CHECK_RUN_TEXT_LIMIT),
    ...(input.text ? { text: truncateMarkdown(input.text, CHECK_RUN_TEXT_LIMIT) } : {}),
  };
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < input.annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(input.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }
  const route = 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}' as const;
  const target = { owner: input.owner, repo: input.repo, check_run_id: input.id };
  const action = `cannot update check run ${input.id} on ${input.owner}/${input.repo}`;
  try {
    await octokit.request(route, {
      ...target,
      status: 'completed',
      conclusion: input.conclusion,
      ...(input.completedAt ? { completed_at: isoSeconds(input.completedAt) } : {}),
      output: { ...output, annotations: batches[0] ?? [] },
    });
    for (const batch of batches.slice(1)) {
      await octokit.request(route, { ...target, output: { ...output, annotations: batch } });
    }
  } catch (error) {
    throw new GitHubApiError(action, error);
  }
  return Math.max(1, batches.length);
}

/** isoSeconds is the timestamp format the Checks API documents: `YYYY-MM-DDTHH:MM:SSZ`. */
function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
