/**
 * What the app publishes for a report: the check run's output (the GitHub layer builds it; the
 * repository's `checkRun` settings choose how much it annotates), the SARIF for code scanning, and the
 * output of a pull request's dependency review.
 */
import { RULE_DOCS } from '../code/catalog.js';
import type { PipwardenConfig } from '../config/schema.js';
import { configErrorCheckRun, checkRunOutput, type CheckRunOutput } from '../github/check-summary.js';
import type { CheckAnnotation } from '../github/annotations.js';
import { truncateMarkdown } from '../github/truncate.js';
import type { Problem } from '../manifests/types.js';
import { reviewFails, type ReviewChanges } from '../report/review.js';
import { renderSarif } from '../report/sarif.js';
import type { Report, Severity } from '../report/types.js';

/** checkRunForConfigErrors is the failed check run of an invalid configuration. */
export function checkRunForConfigErrors(problems: readonly Problem[]): CheckRunOutput {
  return configErrorCheckRun(problems);
}

/** checkRunForReport is the check run of an audit under the repository's configuration. */
export function checkRunForReport(report: Report, config: PipwardenConfig): CheckRunOutput {
  const output = checkRunOutput(report, {
    failOn: config.failOn,
    maxAnnotations: config.checkRun.maxAnnotations,
    minimumLevel: config.checkRun.annotationLevel,
  });
  return config.checkRun.annotations ? output : { ...output, annotations: [] };
}

/** sarifForReport is the SARIF log uploaded to code scanning. */
export function sarifForReport(report: Report): string {
  return renderSarif(report, RULE_DOCS);
}

const REVIEW_ANNOTATION_CAP = 200;

/**
 * checkRunForReview is the check run of a pull request review: it fails on what the pull request
 * introduces (and when the audit could not be completed), annotates the head's manifest lines, and lists
 * what it fixes and what was there already.
 */
export function checkRunForReview(changes: ReviewChanges, head: Report, failOn: Severity): CheckRunOutput {
  const failing = changes.introduced.filter((i) => i.failing);
  const fails = reviewFails(changes) || !changes.complete;
  const annotations: CheckAnnotation[] = [];
  for (const { finding, dependency, failing: isFailing } of changes.introduced) {
    for (const location of dependency?.locations ?? []) {
      annotations.push({
        path: location.path,
        start_line: location.startLine,
        end_line: location.endLine,
        annotation_level: isFailing ? 'failure' : 'warning',
        title: `${finding.package} ${finding.version}: ${finding.id} (${finding.severity})`,
        message: `${finding.summary ?? finding.id}${finding.fixedIn.length > 0 ? `\nFixed in ${finding.fixedIn.join(', ')}.` : '\nNo fixed version yet.'}`,
      });
    }
  }
  for (const { entry, dependency } of changes.newLicenseViolations) {
    for (const location of dependency?.locations ?? []) {
      annotations.push({
        path: location.path,
        start_line: location.startLine,
        end_line: location.endLine,
        annotation_level: 'failure',
        title: `${entry.package} ${entry.version ?? ''}: license ${entry.expression ?? 'unknown'}`,
        message: entry.violation?.message ?? 'denied by the license policy',
      });
    }
  }
  const title = !changes.complete
    ? 'Dependencies not fully checked: an advisory source failed'
    : fails
      ? [
          failing.length > 0 ? `${failing.length} new vulnerabilit${failing.length === 1 ? 'y' : 'ies'} at or above ${failOn}` : '',
          changes.newLicenseViolations.length > 0 ? `${changes.newLicenseViolations.length} new license violation(s)` : '',
        ]
          .filter(Boolean)
          .join(', ')
      : changes.introduced.length > 0
        ? `No new vulnerability at or above ${failOn} (${changes.introduced.length} below it)`
        : 'No new vulnerable dependency';
  const row = (i: ReviewChanges['introduced'][number]) =>
    `| ${i.finding.severity} | ${i.finding.id} | \`${i.finding.package}\` ${i.finding.version} | ${i.finding.fixedIn.join(', ') || '—'} | ${i.dependency?.locations.map((l) => `\`${l.path}:${l.startLine}\``).join(', ') ?? ''} |`;
  const summary = [
    `**${title}**`,
    '',
    changes.introduced.length > 0
      ? ['### Introduced by this pull request', '', '| Severity | Advisory | Package | Fixed in | Declared at |', '| --- | --- | --- | --- | --- |', ...changes.introduced.map(row)].join('\n')
      : 'This pull request introduces no vulnerable dependency.',
    changes.newLicenseViolations.length > 0
      ? ['### New license violations', '', ...changes.newLicenseViolations.map(({ entry }) => `- \`${entry.package}\` ${entry.version ?? ''}: ${entry.expression ?? 'unknown'} — ${entry.violation?.message ?? ''}`)].join('\n')
      : '',
    changes.fixed.length > 0 ? `### Fixed by this pull request\n\n${changes.fixed.map((f) => `- ${f.id} in \`${f.package}\` ${f.version}`).join('\n')}` : '',
    changes.unchanged > 0 ? `_${changes.unchanged} advisor${changes.unchanged === 1 ? 'y was' : 'ies were'} already present on the base branch; the audit of the default branch reports them._` : '',
    head.errors.length > 0 ? `### Problems\n\n${head.errors.map((e) => `- ${e.path ? `\`${e.path}\`: ` : ''}${e.message}`).join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  return { conclusion: fails ? 'failure' : 'success', title, summary: truncateMarkdown(summary), text: '', annotations: annotations.slice(0, REVIEW_ANNOTATION_CAP) };
}
