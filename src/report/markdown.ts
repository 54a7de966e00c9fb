/**
 * markdownReporter prints a summary a human reads in a terminal, a PR comment or a check run.
 */
import type { Dependency } from '../manifests/inventory.js';
import type { ProjectSummary } from '../manifests/project-summary.js';
import { licensesMarkdownSection } from '../licenses/markdown.js';
import type { Reporter } from './reporter.js';
import { SEVERITY_ORDER, type Report } from './types.js';

/** markdownReporter renders the report as GitHub-flavoured Markdown. */
export const markdownReporter: Reporter = {
  name: 'markdown',
  render: (report) =>
    `${[
      header(report),
      vulnerabilities(report),
      potential(report),
      excluded(report),
      remediation(report),
      licensesMarkdownSection(report.licenses),
      risks(report),
      codeFindings(report),
      projects(report.projects),
      problems(report),
      dependencies(report.dependencies),
    ]
      .filter(Boolean)
      .join('\n\n')}\n`,
};

function header(report: Report): string {
  const s = report.summary;
  return [
    `# pipwarden audit of ${escape(report.root)}`,
    '',
    `${plural(s.projects, 'project')}, ${plural(s.manifests, 'dependency file')}, ` +
      `${plural(s.dependencies, 'dependency', 'dependencies')} (${s.direct} direct, ${s.transitive} transitive` +
      `${s.unpinned > 0 ? `, ${s.unpinned} known only by a range` : ''}), ${plural(s.problems, 'problem')}.`,
  ].join('\n');
}

/** vulnerabilities is the ranked table: most severe first, suppressed ones marked. */
function vulnerabilities(report: Report): string {
  const counts = SEVERITY_ORDER.map((s) => [s, report.summary.vulnerabilities[s]] as const).filter(([, n]) => n > 0);
  const headline = !report.summary.vulnerabilitiesChecked
    ? '**Vulnerabilities could not be fully checked**: an advisory source failed (see Problems). This is not a clean result.'
    : counts.length === 0
      ? 'No known vulnerabilities.'
      : `${counts.map(([s, n]) => `${n} ${s}`).join(', ')}${report.summary.suppressed ? `; ${report.summary.suppressed} suppressed` : ''}.`;
  if (report.vulnerabilities.length === 0) return ['## Vulnerabilities', '', headline].join('\n');
  const rows = report.vulnerabilities.map((v) => {
    const ids = [v.id, ...v.aliases].map(escape).join('<br>');
    const severity = `${v.severity}${v.score !== undefined ? ` (${v.score})` : ''}`;
    const note = v.suppressed
      ? `suppressed: ${escape(v.suppressed.reason)}`
      : v.suppressionLapsed
        ? `suppression ${v.suppressionLapsed.why === 'expired' ? `expired ${v.suppressionLapsed.until ?? ''}` : 'lapsed: a fix exists'}`
        : escape(v.summary ?? '');
    return `| ${severity} | ${v.package} | ${escape(v.version)} | ${ids} | ${v.fixedIn.map(escape).join(', ') || 'none'} | ${note} |`;
  });
  return ['## Vulnerabilities', '', headline, '', '| Severity | Package | Version | Ids | Fixed in | Notes |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** potential lists advisories a range-only requirement allows: a reason to pin or lock. */
function potential(report: Report): string {
  if (report.potentialVulnerabilities.length === 0) return '';
  const rows = report.potentialVulnerabilities.map(
    (v) => `| ${v.severity} | ${v.package} | ${escape(v.allowedBySpecifier || 'any version')} | ${escape(v.id)} | ${v.fixedIn.map(escape).join(', ') || 'none'} |`,
  );
  return [
    '## Allowed by the specifier',
    '',
    'These dependencies are known only by a range: no pin or lock says which version is installed. The range allows versions these advisories affect. They are not counted above.',
    '',
    '| Severity | Package | Specifier | Id | Fixed in |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** excluded says which advisories were not reported because the dependency is never installed. */
function excluded(report: Report): string {
  if (report.excludedByMarkers.length === 0) return '';
  const lines = report.excludedByMarkers.map((e) => `- ${e.package} ${escape(e.version ?? '')}: ${escape(e.ids.join(', '))} not reported; ${escape(e.reason)}`);
  return ['## Not installed for this project', '', ...lines].join('\n');
}

/** remediation is the plan: the pull requests the bot would open, in rank order, and what no update fixes. */
function remediation(report: Report): string {
  const { groups, unfixable } = report.remediation;
  if (groups.length === 0 && unfixable.length === 0) return '';
  const parts = ['## Remediation'];
  for (const group of groups) {
    parts.push('', `${group.rank}. **${escape(group.title)}**${group.deferred ? ' (waits for the open pull request limit)' : ''} — branch \`pipwarden/${group.id}\``);
    for (const u of group.updates) {
      const why = u.liftsCapOf ? `lifts the cap on ${u.liftsCapOf}` : u.fixes.join(', ');
      parts.push(`   - ${u.package} ${escape(u.from ?? 'any')} → ${escape(u.to)}${u.breaking ? ' **(breaking)**' : ''}: ${escape(why)} in ${u.manifests.map(escape).join(', ')}`);
    }
  }
  if (unfixable.length > 0) {
    parts.push('', 'No update fixes these yet:', '', ...unfixable.map((u) => `- ${u.package} ${escape(u.version ?? '')}: ${escape(u.ids.join(', '))} — ${escape(u.reason)}`));
  }
  return parts.join('\n');
}

const RISK_ORDER = ['critical', 'high', 'medium', 'low', 'info'];

/** risks lists supply-chain risks, most severe first. */
function risks(report: Report): string {
  if (report.risks.length === 0) return '';
  const sorted = [...report.risks].sort((a, b) => RISK_ORDER.indexOf(a.severity) - RISK_ORDER.indexOf(b.severity));
  const rows = sorted.map((r) => {
    const where = (r.locations ?? []).slice(0, 2).map((l) => `${l.path}:${l.startLine}`).join(', ');
    return `| ${r.severity} | ${escape(r.kind)} | ${escape(r.package ?? '—')} | ${escape(r.message)} | ${escape(where)} |`;
  });
  return ['## Supply-chain risks', '', '| Severity | Kind | Package | What and why | Where |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

const CODE_SHOWN = 200;

/** codeFindings lists code and secret findings, most severe first (secret values are never in them). */
function codeFindings(report: Report): string {
  if (report.codeFindings.length === 0) return '';
  const order = ['high', 'medium', 'low'];
  const sorted = [...report.codeFindings].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity) || a.path.localeCompare(b.path) || a.line - b.line);
  const rows = sorted.slice(0, CODE_SHOWN).map(
    (f) => `| ${f.severity} / ${f.confidence} | ${escape(f.banditId ?? f.ruleId)} | ${escape(`${f.path}:${f.line}`)} | ${escape(f.message)} |`,
  );
  const more = sorted.length > CODE_SHOWN ? ['', `… and ${sorted.length - CODE_SHOWN} more (see the JSON or SARIF report)`] : [];
  return ['## Code findings', '', '| Severity / confidence | Rule | Where | Finding |', '| --- | --- | --- | --- |', ...rows, ...more].join('\n');
}

function projects(list: ProjectSummary[]): string {
  if (list.length === 0) return 'No Python dependency files were found.';
  const rows = list.map((p) => {
    const locks = p.lockFiles.length === 0 ? '—' : p.lockFiles.map((l) => `${escape(l.path)} (${l.inSync === true ? 'in step' : l.inSync === false ? '**out of date**' : 'not checked'})`).join('<br>');
    return `| ${escape(p.root)} | ${p.packageManagers.join(', ')} | ${locks} | ${escape(p.requiresPython ?? '—')} |`;
  });
  const notes = list.flatMap((p) => p.notes.map((n) => `- ${escape(n)}`));
  return ['## Projects', '', '| Project | Managed with | Lock files | Requires Python |', '| --- | --- | --- | --- |', ...rows, ...(notes.length ? ['', ...notes] : [])].join('\n');
}

function problems(report: Report): string {
  const all = [
    ...report.errors,
    ...report.manifests.flatMap((m) => m.errors),
  ];
  if (all.length === 0) return '';
  const lines = all.map((p) => `- ${p.path ? `\`${p.path}${p.line ? `:${p.line}` : ''}\`: ` : ''}${escape(p.message)}`);
  return ['## Problems', '', ...lines].join('\n');
}

function dependencies(list: Dependency[]): string {
  if (list.length === 0) return '';
  const rows = list.map((d) => {
    const where = d.locations.slice(0, 3).map((l) => `${l.path}:${l.startLine}`).join(', ') + (d.locations.length > 3 ? ', …' : '');
    const via = d.direct ? 'direct' : `via ${(d.dependents ?? []).slice(0, 3).join(', ') || 'lock'}`;
    return `| ${d.name} | ${escape(d.version ?? d.specifier ?? 'any')} | ${via} | ${d.groups.join(', ')} | ${escape(where)} |`;
  });
  return ['## Dependencies', '', '| Package | Version | Direct | Groups | Declared in |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** escape keeps user text from breaking a Markdown table or injecting markup. */
function escape(text: string): string {
  return text.replace(/[|<>*_`[\]\\]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}
