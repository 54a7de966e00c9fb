/**
 * SARIF results (SARIF 2.1.0 §3.27) for what a report found: every code finding, every vulnerability of a
 * pinned or locked dependency (suppressed ones carry `suppressions`), and every supply-chain risk that says
 * where it is declared. Each result comes with what it says about its rule and a line-independent identity
 * that the reporter turns into `partialFingerprints`, so an alert survives edits elsewhere in the file.
 */
import type { Location, Result } from 'sarif';
import type { SuppressedFinding } from '../advisories/suppress.js';
import type { CodeFinding } from '../code/types.js';
import type { Dependency, Location as DeclarationLocation } from '../manifests/inventory.js';
import { normalizePackageName } from '../manifests/pep508.js';
import { versionIdentity } from '../pep440/index.js';
import {
  CODE_SECURITY_SEVERITY,
  LABEL_SECURITY_SEVERITY,
  LEVEL_RANK,
  codeLevel,
  codeRule,
  labelLevel,
  riskRule,
  vulnerabilityRule,
  type RuleEntry,
  type SarifRuleDoc,
} from './sarif-rules.js';
import type { Report, RiskFinding } from './types.js';

/** SarifItem is one result with its rule, its identity (before occurrence numbering) and its priority. */
export interface SarifItem {
  result: Result;
  rule: RuleEntry;
  /** What makes this result the same alert across runs: never a line number. */
  identity: string;
  /** Higher first: the security-severity score, or a score for the level when there is none. */
  priority: number;
}

/** SRCROOT is the `uriBaseId` of every location: paths are relative to the audited repository's root. */
export const SRCROOT = '%SRCROOT%';

/** MAX_MESSAGE_LENGTH bounds a result message, so one hostile text cannot fill the upload. */
export const MAX_MESSAGE_LENGTH = 2000;

/** MAX_RELATED_LOCATIONS bounds the extra declarations listed on a result (GitHub shows at most 100 locations). */
export const MAX_RELATED_LOCATIONS = 100;

const LEVEL_PRIORITY = { error: 7, warning: 4, note: 1 } as const;

/** LONE_SURROGATE matches a UTF-16 surrogate without its pair: not encodable in a URI, replaced by U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** codeItems turns code findings into results, with the rule documentation from `docs` when it has it. */
export function codeItems(findings: readonly CodeFinding[], docs: ReadonlyMap<string, SarifRuleDoc>): SarifItem[] {
  return findings.map((finding) => {
    const level = codeLevel(finding.severity);
    const score = CODE_SECURITY_SEVERITY[finding.severity];
    const startLine = Math.max(1, finding.line);
    const region: { startLine: number; startColumn?: number; endLine: number } = { startLine, endLine: Math.max(finding.endLine ?? startLine, startLine) };
    if (finding.column !== undefined && finding.column >= 1) region.startColumn = finding.column;
    const properties: Record<string, unknown> = { severity: finding.severity, confidence: finding.confidence };
    if (finding.banditId) properties['banditId'] = finding.banditId;
    if (finding.cwe !== undefined) properties['cwe'] = `CWE-${finding.cwe}`;
    const result: Result = {
      ruleId: finding.ruleId,
      level,
      message: { text: bounded(finding.message) },
      locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(finding.path), uriBaseId: SRCROOT }, region } }],
      properties,
    };
    const example: { banditId?: string; cwe?: number; confidence: CodeFinding['confidence'] } = { confidence: finding.confidence };
    if (finding.banditId) example.banditId = finding.banditId;
    if (finding.cwe !== undefined) example.cwe = finding.cwe;
    return {
      result,
      rule: { descriptor: codeRule(finding.ruleId, docs.get(finding.ruleId), example), level, score },
      identity: ['code', finding.ruleId, finding.path, finding.message].join('\u0000'),
      priority: score,
    };
  });
}

/**
 * vulnerabilityItems puts each vulnerability on the line that declares its dependency (the first location:
 * the manifest a human edits), with the other declarations as related locations. The rule is the advisory
 * (its primary id). Suppressed findings stay, marked with an external suppression (SARIF §3.35) so code
 * scanning closes their alerts; a lapsed suppression is said in the message.
 */
export function vulnerabilityItems(report: Report): SarifItem[] {
  const dependencies = indexDependencies(report.dependencies);
  return report.vulnerabilities.map((finding) => {
    const level = labelLevel(finding.severity);
    const score = finding.score ?? LABEL_SECURITY_SEVERITY[finding.severity];
    const dependency = dependencies.get(dependencyKey(finding.package, finding.version));
    const [primary, ...others] = dependency?.locations ?? [];
    const result: Result = { ruleId: finding.id, level, message: { text: bounded(vulnerabilityMessage(finding)) } };
    placeResult(result, primary, others);
    const properties: Record<string, unknown> = { package: finding.package, version: finding.version, severity: finding.severity, fixedIn: finding.fixedIn };
    if (finding.aliases.length > 0) properties['aliases'] = finding.aliases;
    if (finding.score !== undefined) properties['cvssScore'] = finding.score;
    if (finding.vector) properties['cvssVector'] = finding.vector;
    result.properties = properties;
    if (finding.suppressed) {
      const until = finding.suppressed.until ? ` (until ${finding.suppressed.until})` : '';
      result.suppressions = [{ kind: 'external', justification: `${finding.suppressed.reason}${until}` }];
    }
    const rule: RuleEntry = { descriptor: vulnerabilityRule(finding), level };
    if (score !== undefined) rule.score = score;
    return {
      result,
      rule,
      identity: ['vulnerability', finding.id, normalizePackageName(finding.package), primary?.path ?? ''].join('\u0000'),
      priority: score ?? LEVEL_PRIORITY[level],
    };
  });
}

/** riskItems turns the risks that say where they are declared into results (rule `risk.<kind>`). */
export function riskItems(risks: readonly RiskFinding[], docs: ReadonlyMap<string, SarifRuleDoc>): SarifItem[] {
  return risks
    .filter((risk) => (risk.locations ?? []).length > 0)
    .map((risk) => {
      const level = labelLevel(risk.severity);
      const score = LABEL_SECURITY_SEVERITY[risk.severity];
      const [primary, ...others] = risk.locations ?? [];
      const result: Result = { ruleId: `risk.${risk.kind}`, level, message: { text: bounded(risk.message) } };
      placeResult(result, primary, others);
      const properties: Record<string, unknown> = { kind: risk.kind, severity: risk.severity };
      if (risk.package) properties['package'] = risk.package;
      if (risk.version) properties['version'] = risk.version;
      result.properties = properties;
      const rule: RuleEntry = { descriptor: riskRule(risk, docs.get(`risk.${risk.kind}`)), level };
      if (score !== undefined) rule.score = score;
      return {
        result,
        rule,
        identity: ['risk', risk.kind, risk.package ?? '', primary?.path ?? '', risk.package ? '' : risk.message].join('\u0000'),
        priority: score ?? LEVEL_PRIORITY[level],
      };
    });
}

/** compareItems orders results most important first, then by rule, file and line, so output is stable. */
export function compareItems(a: SarifItem, b: SarifItem): number {
  return (
    b.priority - a.priority ||
    LEVEL_RANK[b.rule.level] - LEVEL_RANK[a.rule.level] ||
    compareText(a.result.ruleId ?? '', b.result.ruleId ?? '') ||
    compareText(primaryUri(a.result), primaryUri(b.result)) ||
    primaryLine(a.result) - primaryLine(b.result) ||
    compareText(a.identity, b.identity)
  );
}

/**
 * artifactUri writes a repository path as a relative URI reference (RFC 3986): spaces, `%`, `?`, `#`,
 * `:` and non-ASCII characters are percent-encoded, `/` stays the separator.
 */
export function artifactUri(path: string): string {
  return path
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/** declarationLocation is a SARIF location for a declaration's file and line range (lines at least 1). */
function declarationLocation(location: DeclarationLocation): Location {
  return {
    physicalLocation: {
      artifactLocation: { uri: artifactUri(location.path), uriBaseId: SRCROOT },
      region: { startLine: Math.max(1, location.startLine), endLine: Math.max(1, location.startLine, location.endLine) },
    },
  };
}

function placeResult(result: Result, primary: DeclarationLocation | undefined, others: readonly DeclarationLocation[]): void {
  if (!primary) return;
  result.locations = [declarationLocation(primary)];
  const related = others.slice(0, MAX_RELATED_LOCATIONS);
  if (related.length > 0) {
    result.relatedLocations = related.map((location, index) => ({ id: index + 1, ...declarationLocation(location), message: { text: 'Also declared here.' } }));
  }
}

function vulnerabilityMessage(finding: SuppressedFinding): string {
  const aliases = finding.aliases.length > 0 ? ` (${finding.aliases.join(', ')})` : '';
  const summary = finding.summary ? `: ${finding.summary.trim().replace(/\.$/, '')}` : '';
  const fixed = finding.fixedIn.length > 0 ? `Fixed in ${finding.fixedIn.join(', ')}.` : 'No fixed version is known yet.';
  let text = `${finding.package} ${finding.version} is affected by ${finding.id}${aliases}${summary}. ${fixed}`;
  const lapsed = finding.suppressionLapsed;
  if (lapsed) {
    const why = lapsed.why === 'expired' ? `it expired${lapsed.until ? ` on ${lapsed.until}` : ''}` : 'a fixed version now exists';
    text += ` Its suppression no longer applies: ${why} (${lapsed.reason}).`;
  }
  return text;
}

function indexDependencies(dependencies: readonly Dependency[]): Map<string, Dependency> {
  const byKey = new Map<string, Dependency>();
  for (const dependency of dependencies) {
    if (dependency.version === null) continue;
    const key = dependencyKey(dependency.name, dependency.version);
    if (!byKey.has(key)) byKey.set(key, dependency);
  }
  return byKey;
}

function dependencyKey(name: string, version: string): string {
  return `${normalizePackageName(name)}\u0000${versionIdentity(version)}`;
}

function bounded(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : text;
}

function primaryUri(result: Result): string {
  return result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
}

function primaryLine(result: Result): number {
  return result.locations?.[0]?.physicalLocation?.region?.startLine ?? 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
