/**
 * annotationsFromReport turns a report into check-run annotations: each finding pinned to the lines
 * that declare it, so a pull request shows the problem where it is written. Annotations are ranked worst
 * first and capped (GitHub takes 50 per request; a thousand is twenty requests and more than anyone
 * reads): the report keeps everything, the summary says how many were left out.
 */
import { normalizePackageName } from '../manifests/pep508.js';
import type { Dependency, Location } from '../manifests/inventory.js';
import { versionIdentity } from '../pep440/index.js';
import { SEVERITY_ORDER, type Report, type RiskSeverity, type Severity } from '../report/types.js';
import { ANNOTATION_TEXT_LIMIT, ANNOTATION_TITLE_LIMIT, truncateText } from './truncate.js';

/** AnnotationLevel is GitHub's `annotation_level`. */
export type AnnotationLevel = 'failure' | 'warning' | 'notice';

/** CheckAnnotation is one item of a check run's `output.annotations`, in GitHub's field names. */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: AnnotationLevel;
  message: string;
  title?: string;
  raw_details?: string;
}

/** MAX_ANNOTATIONS is the default cap on one check run's annotations. */
export const MAX_ANNOTATIONS = 1_000;

/** AnnotationOptions choose what fails and how many annotations are kept. */
export interface AnnotationOptions {
  /** Vulnerabilities at or above this severity are `failure` annotations; the others `warning`. */
  failOn: Severity;
  /** Cap (default MAX_ANNOTATIONS). */
  maxAnnotations?: number;
  /** The lowest level kept (default `notice`: everything). */
  minimumLevel?: AnnotationLevel;
}

/** AnnotationSet is the ranked, capped annotations and how many were left out by the cap. */
export interface AnnotationSet {
  annotations: CheckAnnotation[];
  /** Annotations beyond the cap (ranked lowest), for the summary. */
  omitted: number;
}

const LEVEL_RANK: Record<AnnotationLevel, number> = { failure: 0, warning: 1, notice: 2 };
const RISK_RANK: Record<RiskSeverity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
const CODE_RANK = { high: 1, medium: 2, low: 3 } as const;

interface Ranked {
  annotation: CheckAnnotation;
  /** 0 = most severe, within a level. */
  severity: number;
}

/** isAtOrAbove tells whether a severity reaches the failOn threshold. */
export function isAtOrAbove(severity: Severity, failOn: Severity): boolean {
  return SEVERITY_ORDER.indexOf(severity) <= SEVERITY_ORDER.indexOf(failOn);
}

/** annotationsFromReport builds the ranked annotations of a report (see the file comment). */
export function annotationsFromReport(report: Report, options: AnnotationOptions): AnnotationSet {
  const find = dependencyFinder(report);
  const ranked: Ranked[] = [
    ...vulnerabilityAnnotations(report, find, options.failOn),
    ...potentialAnnotations(report, find),
    ...licenseAnnotations(report, find),
    ...riskAnnotations(report),
    ...problemAnnotations(report),
    ...codeAnnotations(report),
  ];
  const minimum = LEVEL_RANK[options.minimumLevel ?? 'notice'];
  const kept = ranked.filter((r) => LEVEL_RANK[r.annotation.annotation_level] <= minimum);
  kept.sort(
    (a, b) =>
      LEVEL_RANK[a.annotation.annotation_level] - LEVEL_RANK[b.annotation.annotation_level] ||
      a.severity - b.severity ||
      compareText(a.annotation.path, b.annotation.path) ||
      a.annotation.start_line - b.annotation.start_line,
  );
  const cap = Math.max(0, options.maxAnnotations ?? MAX_ANNOTATIONS);
  return { annotations: kept.slice(0, cap).map((r) => r.annotation), omitted: Math.max(0, kept.length - cap) };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** annotation builds one annotation, with GitHub's size limits applied and a sane line range. */
function annotation(location: { path: string; startLine?: number; endLine?: number }, level: AnnotationLevel, title: string, message: string, rawDetails?: string): CheckAnnotation {
  const start = Math.max(1, Math.floor(location.startLine ?? 1));
  const end = Math.max(start, Math.floor(location.endLine ?? start));
  const result: CheckAnnotation = {
    path: location.path,
    start_line: start,
    end_line: end,
    annotation_level: level,
    message: truncateText(message, ANNOTATION_TEXT_LIMIT),
    title: truncateText(title, ANNOTATION_TITLE_LIMIT),
  };
  if (rawDetails) result.raw_details = truncateText(rawDetails, ANNOTATION_TEXT_LIMIT);
  return result;
}

/** sameVersion compares versions as PEP 440 does (`1.0` equals `1.0.0`), falling back to the text. */
function sameVersion(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return a === b;
  return a === b || versionIdentity(a) === versionIdentity(b);
}

/** Finder finds the inventory entries of a package (and version, when one is given). */
type Finder = (name: string, version?: string | null) => Dependency[];

/** dependencyFinder indexes the inventory once, so a large one is not scanned once per finding. */
function dependencyFinder(report: Report): Finder {
  const index = new Map<string, Dependency[]>();
  for (const d of report.dependencies) {
    const list = index.get(d.name);
    if (list) list.push(d);
    else index.set(d.name, [d]);
  }
  return (name, version) =>
    (index.get(normalizePackageName(name)) ?? []).filter((d) => version === undefined || sameVersion(d.version, version));
}

function uniqueLocations(dependencies: Dependency[]): Location[] {
  const seen = new Map<string, Location>();
  for (const d of dependencies) for (const l of d.locations) seen.set(`${l.path}\0${l.startLine}\0${l.endLine}`, l);
  return [...seen.values()];
}

/** One annotation per vulnerable (package, version) and declaration, listing all its advisories. */
function vulnerabilityAnnotations(report: Report, find: Finder, failOn: Severity): Ranked[] {
  const groups = new Map<string, typeof report.vulnerabilities>();
  for (const finding of report.vulnerabilities) {
    if (finding.suppressed) continue;
    const key = `${finding.package}\0${finding.version}`;
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  const result: Ranked[] = [];
  for (const findings of groups.values()) {
    const first = findings[0];
    if (!first) continue;
    const worst = Math.min(...findings.map((f) => SEVERITY_ORDER.indexOf(f.severity)));
    const worstSeverity = SEVERITY_ORDER[worst] ?? 'unknown';
    const level: AnnotationLevel = isAtOrAbove(worstSeverity, failOn) ? 'failure' : 'warning';
    const count = findings.length === 1 ? 'a known vulnerability' : `${findings.length} known vulnerabilities`;
    const title = `${first.package} ${first.version} has ${count} (${worstSeverity})`;
    const lines = findings.map((f) => {
      const ids = [f.id, ...f.aliases].join(', ');
      const severity = f.score !== undefined ? `${f.severity} (CVSS ${f.score})` : f.severity;
      const fixed = f.fixedIn.length > 0 ? `Fixed in ${f.fixedIn.join(', ')}.` : 'No fixed version yet.';
      const lapsed = f.suppressionLapsed ? ` Suppression no longer applies: ${f.suppressionLapsed.why === 'expired' ? 'it expired' : 'a fix exists'}.` : '';
      return `- ${ids}: ${severity}. ${f.summary ? `${f.summary.trim()} ` : ''}${fixed}${lapsed}`;
    });
    const references = [...new Set(findings.flatMap((f) => f.references ?? []))];
    const message = `${first.package} ${first.version}:\n${lines.join('\n')}`;
    const details = references.length > 0 ? `References:\n${references.join('\n')}` : undefined;
    for (const location of uniqueLocations(find(first.package, first.version))) {
      result.push({ annotation: annotation(location, level, title, message, details), severity: worst });
    }
  }
  return result;
}

/** Notices where a range-only requirement allows versions that advisories affect. */
function potentialAnnotations(report: Report, find: Finder): Ranked[] {
  const result: Ranked[] = [];
  for (const finding of report.potentialVulnerabilities) {
    const dependencies = find(finding.package).filter((d) => d.version === null);
    const title = `${finding.package} ${finding.allowedBySpecifier || '(any version)'} allows a vulnerable version`;
    const fixed = finding.fixedIn.length > 0 ? ` Fixed in ${finding.fixedIn.join(', ')}; pin or raise the lower bound.` : '';
    const message = `${[finding.id, ...finding.aliases].join(', ')} (${finding.severity}) affects versions this requirement allows.${fixed} No lock file says which version is installed.`;
    for (const location of uniqueLocations(dependencies)) {
      result.push({ annotation: annotation(location, 'notice', title, message), severity: SEVERITY_ORDER.indexOf(finding.severity) });
    }
  }
  return result;
}

/** License policy: violations fail, warnings (unknown licenses under `warn`) warn. */
function licenseAnnotations(report: Report, find: Finder): Ranked[] {
  const result: Ranked[] = [];
  for (const entry of report.licenses) {
    if (!entry.violation && !entry.warning) continue;
    const level: AnnotationLevel = entry.violation ? 'failure' : 'warning';
    const license = entry.expression ?? 'an unknown license';
    const title = `${entry.package}${entry.version ? ` ${entry.version}` : ''}: ${license} ${entry.violation ? 'breaks the license policy' : 'needs a look'}`;
    const message = entry.violation ? `${entry.violation.message} (rule ${entry.violation.rule})` : (entry.warning ?? '');
    const via = entry.via && entry.via.length > 0 ? `\nBrought in by ${entry.via.join(', ')}.` : '';
    for (const location of uniqueLocations(find(entry.package, entry.version ?? undefined))) {
      result.push({ annotation: annotation(location, level, title, `${message}${via}`, entry.declared ? `Declared: ${entry.declared}` : undefined), severity: 1 });
    }
  }
  return result;
}

/** Supply-chain risks that say where they are declared: critical and high warn, the rest are notices. */
function riskAnnotations(report: Report): Ranked[] {
  const result: Ranked[] = [];
  for (const risk of report.risks) {
    const level: AnnotationLevel = RISK_RANK[risk.severity] <= RISK_RANK.high ? 'warning' : 'notice';
    const title = `Supply-chain risk (${risk.kind})${risk.package ? `: ${risk.package}` : ''}`;
    for (const location of risk.locations ?? []) {
      result.push({ annotation: annotation(location, level, title, risk.message), severity: RISK_RANK[risk.severity] });
    }
  }
  return result;
}

/** Dependency files (and report errors with a path) that could not be fully read. */
function problemAnnotations(report: Report): Ranked[] {
  const problems = [...report.manifests.flatMap((m) => m.errors), ...report.errors];
  const result: Ranked[] = [];
  const seen = new Set<string>();
  for (const problem of problems) {
    if (!problem.path) continue;
    const key = `${problem.path}\0${problem.line ?? 0}\0${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const location = problem.line === undefined ? { path: problem.path } : { path: problem.path, startLine: problem.line };
    // Ranked between high and medium: an unreadable file may hide anything.
    result.push({ annotation: annotation(location, 'warning', 'pipwarden could not read this', problem.message), severity: 1.5 });
  }
  return result;
}

/** Code findings: high severity warns, the rest are notices. */
function codeAnnotations(report: Report): Ranked[] {
  return report.codeFindings.map((finding) => {
    const level: AnnotationLevel = finding.severity === 'high' ? 'warning' : 'notice';
    const title = `${finding.ruleId}${finding.banditId ? ` (${finding.banditId})` : ''}`;
    const cwe = finding.cwe !== undefined ? ` CWE-${finding.cwe}.` : '';
    const message = `${finding.message} Severity ${finding.severity}, confidence ${finding.confidence}.${cwe}`;
    const location = { path: finding.path, startLine: finding.line, endLine: finding.endLine ?? finding.line };
    return { annotation: annotation(location, level, title, message), severity: CODE_RANK[finding.severity] };
  });
}
