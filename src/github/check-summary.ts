/**
 * What a pipwarden check run says: its conclusion, title and summary for an audit (checkRunSummary,
 * checkRunOutput), or for a configuration that could not be read (configErrorCheckRun). Pure functions:
 * report in, check-run output out.
 *
 * The conclusion is `failure` when an unsuppressed vulnerability is at or above `failOn`, when a
 * license breaks the policy, and when an advisory source failed: DESIGN.md's rule is that a failed
 * source is a failed check run, never a silent "no vulnerabilities" — and `neutral` would not do, since
 * branch protection counts a neutral required check as passing. Otherwise `success`.
 */
import { CONFIG_PATH } from '../config/load.js';
import type { Problem } from '../manifests/types.js';
import { markdownReporter } from '../report/markdown.js';
import { SEVERITY_ORDER, type Report, type Severity } from '../report/types.js';
import { annotationsFromReport, isAtOrAbove, type AnnotationOptions, type CheckAnnotation } from './annotations.js';
import { truncateMarkdown } from './truncate.js';

/** CheckConclusion is the conclusion pipwarden gives a check run. */
export type CheckConclusion = 'success' | 'failure';

/** CheckRunSummary is the conclusion and the texts of a completed check run. */
export interface CheckRunSummary {
  conclusion: CheckConclusion;
  title: string;
  /** Markdown, ranked worst first, within GitHub's 65,535-character limit. */
  summary: string;
  /** The full Markdown report, within the same limit. */
  text: string;
}

/** CheckRunOutput is everything completeCheckRun needs. */
export interface CheckRunOutput extends CheckRunSummary {
  annotations: CheckAnnotation[];
}

/** SUMMARY_ROWS caps each table of the summary; the full report follows in the text. */
const SUMMARY_ROWS = 50;

/** checkRunOutput is a report's whole check-run output: summary, text and annotations. */
export function checkRunOutput(report: Report, options: AnnotationOptions): CheckRunOutput {
  const { annotations, omitted } = annotationsFromReport(report, options);
  return { ...summarize(report, options, annotations.length, omitted), annotations };
}

/** checkRunSummary is a report's conclusion, title and summary (see the file comment for the conclusion). */
export function checkRunSummary(report: Report, options: AnnotationOptions): CheckRunSummary {
  const { annotations, omitted } = annotationsFromReport(report, options);
  return summarize(report, options, annotations.length, omitted);
}

function summarize(report: Report, options: AnnotationOptions, shown: number, omitted: number): CheckRunSummary {
  const { failOn } = options;
  const active = report.vulnerabilities.filter((v) => !v.suppressed);
  const failing = active.filter((v) => isAtOrAbove(v.severity, failOn));
  const violations = report.licenses.filter((l) => l.violation);
  const checked = report.summary.vulnerabilitiesChecked;
  const conclusion: CheckConclusion = !checked || failing.length > 0 || violations.length > 0 ? 'failure' : 'success';

  const titleParts: string[] = [];
  if (!checked) titleParts.push('Vulnerabilities not checked: an advisory source failed');
  if (failing.length > 0) titleParts.push(`${plural(failing.length, 'vulnerability', 'vulnerabilities')} at or above ${failOn}`);
  if (violations.length > 0) titleParts.push(plural(violations.length, 'license violation'));
  if (titleParts.length === 0) {
    titleParts.push(
      active.length === 0 ? 'No known vulnerabilities' : `No vulnerabilities at or above ${failOn} (${active.length} below)`,
    );
  }
  const title = titleParts.join('; ');

  const sections = [
    headline(report, conclusion, failOn, failing.length, active.length),
    vulnerabilityTable(report, failOn),
    licenseSection(report),
    riskSection(report),
    codeSection(report),
    problemSection(report),
    omitted > 0
      ? `_${shown} annotations are attached, worst first; ${omitted} more were left out. The full report below lists everything._`
      : '',
  ].filter(Boolean);
  return {
    conclusion,
    title,
    summary: truncateMarkdown(sections.join('\n\n')),
    text: truncateMarkdown(markdownReporter.render(report)),
  };
}

function headline(report: Report, conclusion: CheckConclusion, failOn: Severity, failing: number, active: number): string {
  const s = report.summary;
  const counts = SEVERITY_ORDER.map((severity) => [severity, s.vulnerabilities[severity]] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${n} ${severity}`)
    .join(', ');
  const lines = [
    conclusion === 'failure' ? '**pipwarden: failed**' : '**pipwarden: passed**',
    '',
    `Audited ${plural(s.dependencies, 'dependency', 'dependencies')} (${s.direct} direct, ${s.transitive} transitive) in ${plural(s.manifests, 'dependency file')}. ` +
      `The check fails on vulnerabilities at or above \`${failOn}\`.`,
  ];
  if (!s.vulnerabilitiesChecked) {
    lines.push('', '**Vulnerabilities could not be fully checked**: an advisory source failed (see Problems). This is not a clean result.');
  } else if (active > 0) {
    lines.push('', `Vulnerabilities: ${counts}${s.suppressed > 0 ? `; ${s.suppressed} suppressed` : ''}. ${failing} at or above \`${failOn}\`.`);
  } else {
    lines.push('', `No known vulnerabilities${s.suppressed > 0 ? ` (${s.suppressed} suppressed)` : ''}.`);
  }
  if (s.potential > 0) lines.push(`${plural(s.potential, 'advisory', 'advisories')} affect versions that unpinned requirements allow.`);
  return lines.join('\n');
}

/** vulnerabilityTable lists unsuppressed findings, most severe first (the report already ranks them). */
function vulnerabilityTable(report: Report, failOn: Severity): string {
  const active = report.vulnerabilities.filter((v) => !v.suppressed);
  if (active.length === 0) return '';
  const ranked = [...active].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const rows = ranked.slice(0, SUMMARY_ROWS).map((v) => {
    const where = report.dependencies
      .filter((d) => d.name === v.package && d.version === v.version)
      .flatMap((d) => d.locations)
      .slice(0, 3)
      .map((l) => `${l.path}:${l.startLine}`)
      .join(', ');
    const mark = isAtOrAbove(v.severity, failOn) ? ' ❌' : '';
    return `| ${v.severity}${mark} | ${escape(v.package)} | ${escape(v.version)} | ${escape([v.id, ...v.aliases].join(', '))} | ${escape(v.fixedIn.join(', ') || 'none')} | ${escape(where || '—')} |`;
  });
  return [
    '### Vulnerabilities',
    '',
    '| Severity | Package | Version | Advisory | Fixed in | Declared in |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    ...(ranked.length > SUMMARY_ROWS ? ['', `… and ${ranked.length - SUMMARY_ROWS} more in the full report.`] : []),
  ].join('\n');
}

function licenseSection(report: Report): string {
  const violations = report.licenses.filter((l) => l.violation);
  if (violations.length === 0) return '';
  const lines = violations
    .slice(0, SUMMARY_ROWS)
    .map((l) => `- ${escape(l.package)} ${escape(l.version ?? '')}: ${escape(l.expression ?? 'unknown license')}: ${escape(l.violation?.message ?? '')}`);
  return ['### License policy', '', ...lines, ...(violations.length > SUMMARY_ROWS ? [`- … and ${violations.length - SUMMARY_ROWS} more`] : [])].join('\n');
}

function riskSection(report: Report): string {
  if (report.risks.length === 0) return '';
  const order = ['critical', 'high', 'medium', 'low', 'info'] as const;
  const ranked = [...report.risks].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
  const lines = ranked.slice(0, SUMMARY_ROWS).map((r) => `- ${r.severity}: ${r.package ? `${escape(r.package)}: ` : ''}${escape(r.message)} (${escape(r.kind)})`);
  return ['### Supply-chain risks', '', ...lines, ...(ranked.length > SUMMARY_ROWS ? [`- … and ${ranked.length - SUMMARY_ROWS} more`] : [])].join('\n');
}

function codeSection(report: Report): string {
  if (report.codeFindings.length === 0) return '';
  const byRule = new Map<string, number>();
  for (const f of report.codeFindings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  const lines = [...byRule].sort((a, b) => b[1] - a[1]).slice(0, SUMMARY_ROWS).map(([rule, n]) => `- \`${rule}\`: ${n}`);
  return ['### Code findings', '', `${plural(report.codeFindings.length, 'finding')} in Python code:`, ...lines].join('\n');
}

function problemSection(report: Report): string {
  const problems = [...report.errors, ...report.manifests.flatMap((m) => m.errors)];
  if (problems.length === 0) return '';
  const lines = problems.slice(0, SUMMARY_ROWS).map((p) => `- ${p.path ? `\`${p.path}${p.line ? `:${p.line}` : ''}\`: ` : ''}${escape(p.message)}`);
  return ['### Problems', '', ...lines, ...(problems.length > SUMMARY_ROWS ? [`- … and ${problems.length - SUMMARY_ROWS} more`] : [])].join('\n');
}

/**
 * configErrorCheckRun is the check run of a repository whose `.github/pipwarden.yml` is invalid: a
 * failure naming each key and what is wrong with it, annotated on the configuration's lines.
 */
export function configErrorCheckRun(problems: readonly Problem[]): CheckRunOutput {
  const list = problems.length > 0 ? problems : [{ message: 'the configuration could not be read', path: CONFIG_PATH }];
  const lines = list.map((p) => `- \`${p.path ?? CONFIG_PATH}${p.line ? `:${p.line}` : ''}\`: ${escape(p.message)}`);
  const summary = [
    `**pipwarden: the configuration in \`${CONFIG_PATH}\` is invalid**`,
    '',
    `${plural(list.length, 'problem')}:`,
    '',
    ...lines,
    '',
    'Fix the file and push again. Every key and its default are listed in pipwarden\'s README.',
  ].join('\n');
  const annotations: CheckAnnotation[] = list.map((p) => ({
    path: p.path ?? CONFIG_PATH,
    start_line: Math.max(1, p.line ?? 1),
    end_line: Math.max(1, p.line ?? 1),
    annotation_level: 'failure',
    title: 'Invalid pipwarden configuration',
    message: p.message,
  }));
  return {
    conclusion: 'failure',
    title: `Invalid ${CONFIG_PATH}: ${plural(list.length, 'problem')}`,
    summary: truncateMarkdown(summary),
    text: '',
    annotations,
  };
}

function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** escape keeps user text from breaking a Markdown table or injecting markup. */
function escape(text: string): string {
  return text.replace(/[|<>*_`[\]\\]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}
