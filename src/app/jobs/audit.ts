/**
 * The audit job: one repository commit, end to end. Read the configuration, list the tree (one request),
 * stop early when neither the dependency files, the configuration nor the advisory data changed since the
 * last audit, otherwise read the dependency files (one GraphQL query), audit, and publish a check run
 * with annotations (and the SARIF to code scanning).
 */
import { createHash } from 'node:crypto';
import { auditRepository } from '../../audit.js';
import { SEVERITY_ORDER } from '../../advisories/finding.js';
import { parseDuration } from '../../config/duration.js';
import { createCheckRun, completeCheckRun } from '../../github/check-runs.js';
import { uploadSarif } from '../../github/code-scanning.js';
import { syncLicenseIssues } from '../../github/license-issues.js';
import { desiredLicenseIssues } from '../../licenses/index.js';
import type { PipwardenConfig } from '../../config/schema.js';
import { GitHubRepoFiles } from '../../github/repo-files.js';
import type { AuditJob } from '../../jobs/types.js';
import type { Report } from '../../report/types.js';
import { encodeOrigin } from '../../handlers/check-run.js';
import { HEAD_OF_DEFAULT_BRANCH } from '../../handlers/installation.js';
import type { GitHubClient } from '../octokit.js';
import { loadRepoConfig } from '../repo-config.js';
import { publishRemediation } from './remediate.js';
import { checkRunForConfigErrors, checkRunForReport, sarifForReport } from '../publish.js';
import type { JobServices } from './services.js';

/** AuditOutcome says what an audit job did (and is the `outcome` label of the audits metric). */
export type AuditOutcome = 'published' | 'unchanged' | 'already-done' | 'not-due' | 'config-error' | 'empty-repository';

/** DONE_MEMORY_MS is how long a finished job is remembered, so a duplicate of it is not run again. */
export const DONE_MEMORY_MS = 24 * 60 * 60 * 1000;

/** runAuditJob audits one commit of one repository and publishes the result. */
export async function runAuditJob(job: AuditJob, services: JobServices): Promise<AuditOutcome> {
  const started = Date.now();
  const force = job.data?.force === true;
  const doneKeyOf = (sha: string) => `done:audit:${job.owner}/${job.repo}@${sha}`.toLowerCase();
  // A commit audited already costs no GitHub request at all, not even a token.
  if (!force && job.sha !== HEAD_OF_DEFAULT_BRANCH && (await services.state.get(doneKeyOf(job.sha)))) return finish(services, 'already-done', started);
  const octokit = await services.auth(job.installationId);
  const target = job.sha === HEAD_OF_DEFAULT_BRANCH ? await resolveDefaultHead(octokit, job.owner, job.repo) : { sha: job.sha, ref: job.ref ?? null };
  if (!target) return finish(services, 'empty-repository', started);
  const doneKey = doneKeyOf(target.sha);
  if (!force && (await services.state.get(doneKey))) return finish(services, 'already-done', started);

  const { config, errors: configErrors, text: configText } = await loadRepoConfig(octokit, job.owner, job.repo);
  if (configErrors.length > 0) {
    const id = await createCheckRun(octokit, { owner: job.owner, repo: job.repo, headSha: target.sha, name: 'pipwarden', externalId: encodeOrigin({ kind: 'audit' }) });
    await completeCheckRun(octokit, { owner: job.owner, repo: job.repo, id, ...checkRunForConfigErrors(configErrors) });
    await services.state.set(doneKey, 'config-error', DONE_MEMORY_MS);
    return finish(services, 'config-error', started);
  }

  // A repository may ask to be swept less often than the app sweeps (`schedule: 1 week`).
  const lastAuditKey = `last-audit:${job.owner}/${job.repo}`.toLowerCase();
  const interval = config.schedule ? parseDuration(config.schedule) : null;
  if (job.reason === 'schedule' && interval !== null && !force) {
    const last = Number(await services.state.get(lastAuditKey));
    if (Number.isFinite(last) && last > 0 && services.now().getTime() - last < interval) return finish(services, 'not-due', started);
  }
  await services.state.set(lastAuditKey, String(services.now().getTime()));

  const files = new GitHubRepoFiles(octokit, { owner: job.owner, repo: job.repo, sha: target.sha });
  const fingerprintKey = `fingerprint:${job.owner}/${job.repo}`;
  const fingerprint = createHash('sha256')
    .update(await files.dependencyFingerprint())
    .update('\0')
    .update(configText)
    .update('\0')
    .update(await services.advisoryVersion(services.now()))
    .digest('hex');
  if (!force && (await services.state.get(fingerprintKey)) === fingerprint) {
    await services.state.set(doneKey, 'unchanged', DONE_MEMORY_MS);
    return finish(services, 'unchanged', started);
  }

  const checkRunId = await createCheckRun(octokit, { owner: job.owner, repo: job.repo, headSha: target.sha, name: 'pipwarden', externalId: encodeOrigin({ kind: 'audit' }) });
  const token = await installationToken(octokit);
  const registry = services.registry();
  const sources = services.advisorySources(token);
  const report = await auditRepository(files, {
    now: services.now(),
    rootLabel: `${job.owner}/${job.repo}@${target.sha.slice(0, 12)}`,
    sources,
    config,
    registry,
  });
  const published = checkRunForReport(report, config);
  if (config.codeScanning.upload) {
    const sarif = await uploadSarif(octokit, {
      owner: job.owner,
      repo: job.repo,
      commitSha: target.sha,
      ref: target.ref ?? job.ref ?? 'main',
      sarif: sarifForReport(report),
    });
    if (!sarif.uploaded) published.summary += `\n\n> Code scanning: ${sarif.reason}`;
  }
  await completeCheckRun(octokit, { owner: job.owner, repo: job.repo, id: checkRunId, ...published });
  recordFindings(services, report);
  if (registry !== null && !report.errors.some((e) => LICENSE_LOOKUP_ERROR.test(e.message))) {
    await publishLicenseIssues(octokit, services, job, config, report);
  }
  const remediation = await publishRemediation(octokit, services, {
    job,
    target: { sha: target.sha, ref: target.ref ?? job.ref ?? 'main' },
    files,
    report,
    config,
    sources,
    registry,
    notes: services.releaseNotes(token),
  });
  for (const held of remediation.held) services.log.info({ repo: `${job.owner}/${job.repo}`, group: held.groupId, reason: held.reason }, 'fix not published');
  // Only a complete audit may stand for "nothing changed": an advisory source that failed must be asked again.
  if (report.summary.vulnerabilitiesChecked) await services.state.set(fingerprintKey, fingerprint);
  await services.state.set(doneKey, 'published', DONE_MEMORY_MS);
  return finish(services, 'published', started);
}

/** An error of the index lookups: licenses are then incomplete, and issues may not be closed as "gone". */
const LICENSE_LOOKUP_ERROR = /licen[cs]e|package index|pypi/i;

/**
 * publishLicenseIssues keeps one issue per violating package in step with the audit. The caller runs it
 * only when every license could be looked up: an index that failed must not read as "the violations are gone".
 */
async function publishLicenseIssues(octokit: GitHubClient, services: JobServices, job: AuditJob, config: PipwardenConfig, report: Report): Promise<void> {
  if (!config.licenses.enabled) return;
  const desired = desiredLicenseIssues(report.licenses, { labels: config.licenses.labels, dependencies: report.dependencies });
  const outcomes = await syncLicenseIssues(octokit, { owner: job.owner, repo: job.repo }, desired, { state: services.state, labels: config.licenses.labels });
  for (const outcome of outcomes.filter((o) => o.action === 'failed')) {
    services.log.warn({ repo: `${job.owner}/${job.repo}`, package: outcome.package, reason: outcome.reason }, 'license issue not updated');
  }
}

function finish(services: JobServices, outcome: AuditOutcome, started: number): AuditOutcome {
  services.metrics.audits.inc({ kind: 'audit', outcome });
  services.metrics.auditSeconds.observe({ kind: 'audit' }, (Date.now() - started) / 1000);
  return outcome;
}

function recordFindings(services: JobServices, report: Report): void {
  for (const severity of SEVERITY_ORDER) {
    const count = report.summary.vulnerabilities[severity];
    if (count > 0) services.metrics.findings.inc({ type: 'vulnerability', severity }, count);
  }
  for (const finding of report.codeFindings) services.metrics.findings.inc({ type: 'code', severity: finding.severity });
  for (const risk of report.risks) services.metrics.findings.inc({ type: 'risk', severity: risk.severity });
  for (const license of report.licenses) if (license.violation) services.metrics.findings.inc({ type: 'license', severity: 'high' });
}

/** resolveDefaultHead is the default branch and its head commit, in one GraphQL request; null for an empty repository. */
export async function resolveDefaultHead(octokit: GitHubClient, owner: string, repo: string): Promise<{ sha: string; ref: string } | null> {
  const result = await octokit.graphql<{ repository: { defaultBranchRef: { name: string; target: { oid: string } | null } | null } | null }>(
    'query($owner: String!, $repo: String!) { repository(owner: $owner, name: $repo) { defaultBranchRef { name target { oid } } } }',
    { owner, repo },
  );
  const ref = result.repository?.defaultBranchRef;
  return ref?.target ? { sha: ref.target.oid, ref: ref.name } : null;
}

/** installationToken is the token the Octokit authenticates with, for the GitHub Advisory Database source. */
export async function installationToken(octokit: GitHubClient): Promise<string | undefined> {
  const auth = (await octokit.auth({ type: 'installation' })) as { token?: unknown };
  return typeof auth.token === 'string' ? auth.token : undefined;
}
