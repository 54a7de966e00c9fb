/**
 * SARIF rule descriptors (SARIF 2.1.0 §3.49 `reportingDescriptor`) for the three kinds of results pipwarden
 * publishes: code findings, vulnerable dependencies and supply-chain risks. GitHub code scanning shows
 * `shortDescription` as the alert title, `help` as its body, and ranks security alerts by
 * `properties["security-severity"]` (a score from 0.0 to 10.0 as a string; ≥ 9.0 critical, 7.0–8.9 high,
 * 4.0–6.9 medium, 0.1–3.9 low) on rules tagged `security`:
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import type { ReportingDescriptor } from 'sarif';
import type { SuppressedFinding } from '../advisories/suppress.js';
import type { Level, RuleDoc } from '../code/types.js';
import type { RiskFinding, RiskSeverity, Severity } from './types.js';

/** SarifLevel is the `level` of a SARIF result or rule configuration that pipwarden uses. */
export type SarifLevel = 'error' | 'warning' | 'note';

/** SarifRuleDoc is a rule's documentation; `helpUri`, when a rule has one, becomes the SARIF `helpUri`. */
export interface SarifRuleDoc extends RuleDoc {
  helpUri?: string;
}

/**
 * RuleEntry is what one result says about its rule: the descriptor, and the level and score this result
 * asks for. Several results share a rule; the rule keeps the highest level and score among them.
 */
export interface RuleEntry {
  descriptor: ReportingDescriptor;
  level: SarifLevel;
  /** The `security-severity` score, 0–10, when one applies. */
  score?: number;
}

/** CODE_SECURITY_SEVERITY scores code findings by severity, as GitHub ranks them (high 8.0, medium 5.5, low 3.0). */
export const CODE_SECURITY_SEVERITY: Readonly<Record<Level, number>> = { high: 8.0, medium: 5.5, low: 3.0 };

/**
 * LABEL_SECURITY_SEVERITY scores a severity label when no CVSS score is known: the middle of the matching
 * band of GitHub's scale (critical 9.5, high 8.0, medium 5.5, low 3.0). `unknown` and `info` get no score.
 */
export const LABEL_SECURITY_SEVERITY: Readonly<Record<Severity | RiskSeverity, number | undefined>> = {
  critical: 9.5,
  high: 8.0,
  medium: 5.5,
  low: 3.0,
  unknown: undefined,
  info: undefined,
};

const CODE_LEVEL: Readonly<Record<Level, SarifLevel>> = { high: 'error', medium: 'warning', low: 'note' };
const LABEL_LEVEL: Readonly<Record<Severity | RiskSeverity, SarifLevel>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  unknown: 'warning',
  info: 'note',
};
const PRECISION: Readonly<Record<Level, string>> = { high: 'high', medium: 'medium', low: 'low' };

/** LEVEL_RANK orders levels, most severe last (for "keep the highest"). */
export const LEVEL_RANK: Readonly<Record<SarifLevel, number>> = { note: 0, warning: 1, error: 2 };

/** codeLevel maps a code finding's severity: high → error, medium → warning, low → note. */
export function codeLevel(severity: Level): SarifLevel {
  return CODE_LEVEL[severity];
}

/** labelLevel maps a vulnerability or risk severity: critical/high → error, medium/unknown → warning, low/info → note. */
export function labelLevel(severity: Severity | RiskSeverity): SarifLevel {
  return LABEL_LEVEL[severity];
}

/** OSV_VULNERABILITY_URL is where every advisory id of the OSV ecosystem (PYSEC, GHSA, CVE…) has a page. */
export const OSV_VULNERABILITY_URL = 'https://osv.dev/vulnerability/';

/** codeRule describes a code rule from its documentation, or a minimal generated one when none was given. */
export function codeRule(ruleId: string, doc: SarifRuleDoc | undefined, example: { banditId?: string; cwe?: number; confidence: Level }): ReportingDescriptor {
  const banditId = doc?.banditId ?? example.banditId;
  const cwe = doc?.cwe ?? example.cwe;
  const title = doc?.name ?? `pipwarden code rule ${ruleId}`;
  const help = doc?.help ?? `pipwarden's code rule \`${ruleId}\` flagged this code. The result message says what it found.`;
  const refs = [
    ...(banditId ? [`- Equivalent bandit test: ${banditId}`] : []),
    ...(cwe !== undefined ? [`- Weakness: [CWE-${cwe}](https://cwe.mitre.org/data/definitions/${cwe}.html)`] : []),
  ];
  const markdown = [help, ...(refs.length > 0 ? ['', ...refs] : [])].join('\n');
  const descriptor: ReportingDescriptor = {
    id: ruleId,
    name: identifier(title, ruleId),
    shortDescription: { text: title },
    fullDescription: { text: plainText(firstParagraph(help)) },
    help: { text: plainText(markdown), markdown },
    properties: {
      tags: ['security', 'python', ...(cwe !== undefined ? [`external/cwe/cwe-${String(cwe).padStart(3, '0')}`] : [])],
      precision: PRECISION[example.confidence],
    },
  };
  if (doc?.helpUri && isAbsoluteUri(doc.helpUri)) descriptor.helpUri = doc.helpUri;
  return descriptor;
}

/**
 * vulnerabilityRule describes an advisory: its summary, aliases, fixed versions and a link to its OSV page
 * (https://osv.dev/vulnerability/<id> resolves every id of the OSV ecosystem).
 */
export function vulnerabilityRule(finding: SuppressedFinding): ReportingDescriptor {
  const link = `${OSV_VULNERABILITY_URL}${encodeURIComponent(finding.id)}`;
  const summary = finding.summary?.trim() || `${finding.id} affects ${finding.package}`;
  const fixed = finding.fixedIn.length > 0 ? `Fixed in: ${finding.fixedIn.join(', ')}.` : 'No fixed version is known yet.';
  const aliases = finding.aliases.length > 0 ? `Aliases: ${finding.aliases.join(', ')}.` : '';
  const references = (finding.references ?? []).filter(isWebUrl).slice(0, 5);
  const text = [summary, '', `Package: ${finding.package} (PyPI).`, ...(aliases ? [aliases] : []), fixed, `Details: ${link}`].join('\n');
  const markdown = [
    escapeMarkdown(summary),
    '',
    `- Package: \`${finding.package}\` (PyPI)`,
    ...(aliases ? [`- ${escapeMarkdown(aliases)}`] : []),
    `- ${escapeMarkdown(fixed)}`,
    `- Details: [${escapeMarkdown(finding.id)}](${link})`,
    ...references.map((url) => `- Reference: <${url}>`),
  ].join('\n');
  return {
    id: finding.id,
    name: 'VulnerableDependency',
    shortDescription: { text: truncate(firstLine(summary), 200) },
    fullDescription: { text: [summary, aliases].filter(Boolean).join('\n') },
    help: { text, markdown },
    helpUri: link,
    properties: { tags: ['security', 'vulnerability', 'dependency'], precision: 'very-high' },
  };
}

/** riskRule describes a supply-chain risk kind from its documentation (id `risk.<kind>`), or a minimal generated one. */
export function riskRule(risk: RiskFinding, doc: SarifRuleDoc | undefined): ReportingDescriptor {
  const id = `risk.${risk.kind}`;
  const title = doc?.name ?? `Supply-chain risk: ${risk.kind}`;
  const help = doc?.help ?? `pipwarden's supply-chain check \`${risk.kind}\` flagged this dependency. The result message says why.`;
  const descriptor: ReportingDescriptor = {
    id,
    name: identifier(title, id),
    shortDescription: { text: title },
    fullDescription: { text: plainText(firstParagraph(help)) },
    help: { text: plainText(help), markdown: help },
    properties: { tags: [...new Set(['security', 'supply-chain', risk.kind])] },
  };
  if (doc?.helpUri && isAbsoluteUri(doc.helpUri)) descriptor.helpUri = doc.helpUri;
  return descriptor;
}

/**
 * finishRule adds what depends on every result of the rule: `defaultConfiguration.level` (the highest
 * level among them) and `security-severity` (the highest score, one decimal, as GitHub expects a string).
 */
export function finishRule(entry: RuleEntry): ReportingDescriptor {
  const properties = { ...(entry.descriptor.properties ?? {}) };
  if (entry.score !== undefined) properties['security-severity'] = entry.score.toFixed(1);
  return { ...entry.descriptor, defaultConfiguration: { level: entry.level }, properties };
}

/** identifier turns a title into a readable identifier (SARIF `name`): "Use of exec" → "UseOfExec". */
function identifier(title: string, fallback: string): string {
  const words = title.match(/[A-Za-z0-9]+/g) ?? [];
  const name = words.map((w) => `${w.charAt(0).toUpperCase()}${w.slice(1)}`).join('');
  return name || fallback;
}

function firstParagraph(text: string): string {
  return text.trim().split(/\n\s*\n/)[0] ?? text;
}

function firstLine(text: string): string {
  return text.trim().split(/\r?\n/)[0] ?? text;
}

/** plainText strips the Markdown a rule's help uses (code spans, emphasis, links) for SARIF `text`. */
function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, '$1 ($2)')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/`([^`]*)`/g, '$1');
}

/**
 * escapeMarkdown keeps advisory text (written by third parties) from injecting HTML, links or images into
 * help; code spans and emphasis, which advisories use, stay.
 */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\<>[\]]/g, (c) => `\\${c}`);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s<>]+$/i.test(url);
}

/** isAbsoluteUri: SARIF `helpUri` must be an absolute URI (RFC 3986), or the log is invalid. */
function isAbsoluteUri(uri: string): boolean {
  if (/[\s<>"{}|\\^`]/.test(uri)) return false;
  try {
    new URL(uri);
    return true;
  } catch {
    return false;
  }
}
