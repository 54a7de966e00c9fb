/**
 * Publishing the remediation plan of a default-branch audit: for each group that may open now (rank
 * order, within the open-PR limit), apply its edits to the commit's files, re-audit the edited tree, and
 * open or update its pull request only when the fix is verified. Pull requests of groups no longer planned
 * are closed with a comment. Every GitHub write is idempotent (src/github/pull-requests.ts).
 */
import { readInventory, auditRepository } from '../../audit.js';
import type { AdvisorySource } from '../../advisories/types.js';
import type { PipwardenConfig } from '../../config/schema.js';
import { closeSupersededPullRequests, publishPullRequest, type PublishResult } from '../../github/pull-requests.js';
import type { AuditJob } from '../../jobs/types.js';
import { applyGroup } from '../../remediation/apply.js';
import { relockSettings } from '../../remediation/relock-settings.js';
import { gatherUpdateDetails, type ReleaseNotesSource } from '../../remediation/notes/index.js';
import { planHash, renderPullRequest } from '../../remediation/pull-request.js';
import { verifyRemediation } from '../../remediation/verify.js';
import type { PackageRegistry } from '../../registry/types.js';
import type { Report } from '../../report/types.js';
import { OverlayRepoFiles } from '../../sources/overlay.js';
import type { RepoFiles } from '../../sources/types.js';
import type { GitHubClient } from '../octokit.js';
import type { JobServices } from './services.js';

/** RemediationRun is what one audit's remediation did, group by group. */
export interface RemediationRun {
  published: Array<{ groupId: string } & PublishResult>;
  /** Groups not published, with why (unverified, nothing editable). */
  held: Array<{ groupId: string; reason: string }>;
  closed: number[];
}

/** RemediationContext is the audited commit and what its audit used. */
export interface RemediationContext {
  job: AuditJob;
  target: { sha: string; ref: string };
  files: RepoFiles;
  report: Report;
  config: PipwardenConfig;
  sources: AdvisorySource[];
  registry: PackageRegistry | null;
  notes: ReleaseNotesSource | null;
}

/** publishRemediation opens, updates and closes pipwarden's pull requests to match the plan. */
export async function publishRemediation(octokit: GitHubClient, services: JobServices, context: RemediationContext): Promise<RemediationRun> {
  const { job, target, files, report, config } = context;
  const run: RemediationRun = { published: [], held: [], closed: [] };
  if (!config.remediation.enabled || !report.summary.vulnerabilitiesChecked) return run;
  const repository = { owner: job.owner, repo: job.repo };
  const { collected } = await readInventory(files);
  for (const group of report.remediation.groups.filter((g) => !g.deferred)) {
    const relock = relockSettings(config, services.now());
    const applied = await applyGroup(group, {
      manifests: collected.manifests,
      contents: collected.contents,
      registry: context.registry,
      inPlace: config.lockFiles.inPlace,
      ...(relock ? { relock } : {}),
    });
    if (applied.changes.size === 0) {
      run.held.push({ groupId: group.id, reason: applied.problems.map((p) => `${p.path}: ${p.message}`).join('; ') || 'no file could be edited' });
      continue;
    }
    const after = await auditRepository(new OverlayRepoFiles(files, applied.changes), {
      now: services.now(),
      rootLabel: report.root,
      sources: context.sources,
      config: { ...config, code: { ...config.code, enabled: false }, secrets: { ...config.secrets, enabled: false } },
      registry: context.registry,
    });
    const verdict = verifyRemediation(report, after, group);
    if (!verdict.ok) {
      run.held.push({ groupId: group.id, reason: verdict.reason ?? 'not verified' });
      continue;
    }
    const packages = config.releaseNotes.enabled ? await gatherUpdateDetails(group.updates, { registry: context.registry, notes: context.notes }) : {};
    const draft = renderPullRequest(group, {
      findings: report.vulnerabilities,
      verification: { fixed: verdict.fixed, introduced: verdict.introduced },
      packages,
      locks: applied.locks,
      labels: config.remediation.labels,
      notesBudget: config.releaseNotes.maxCharsPerPackage,
    });
    const result = await publishPullRequest(octokit, services.state, {
      ...repository,
      groupId: group.id,
      planHash: planHash(group.updates),
      branch: draft.branch,
      baseBranch: target.ref,
      baseSha: target.sha,
      title: draft.title,
      body: draft.body,
      labels: draft.labels,
      reviewers: config.remediation.reviewers,
      assignees: config.remediation.assignees,
      files: [...applied.changes].map(([path, content]) => ({ path, content })),
    });
    run.published.push({ groupId: group.id, ...result });
  }
  // Deferred groups are still planned: their pull requests (if any) stay open.
  const closed = await closeSupersededPullRequests(octokit, repository, report.remediation.groups.map((g) => g.id));
  run.closed = closed.map((c) => c.number);
  return run;
}
