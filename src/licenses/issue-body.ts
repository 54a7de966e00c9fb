/**
 * The text of a license-policy issue: what is wrong, where the package comes from, and the ways out,
 * with the exception to paste. Deterministic (no dates, stable order), so an unchanged violation gives
 * an unchanged body and the reconciler leaves the issue alone.
 */
import type { Dependency, Location } from '../manifests/inventory.js';
import { versionsEqual } from '../pep440/index.js';
import type { LicenseEntry } from '../report/types.js';

/** The most locations listed per package: a body must stay readable (and under GitHub's 65,536 characters). */
const MAX_LOCATIONS = 10;

/** licenseIssueMarker is the hidden marker that ties an issue to a package (PEP 503 name). */
export function licenseIssueMarker(pkg: string): string {
  return `<!-- pipwarden:license:${markerText(pkg)} -->`;
}

/** licenseExpressionMarker records the license the issue is about, so a change of license is noticed. */
export function licenseExpressionMarker(license: string): string {
  return `<!-- pipwarden:license-expression:${markerText(license)} -->`;
}

/** readLicenseMarkers finds both markers in an issue body; null when it is not a license issue. */
export function readLicenseMarkers(body: string): { package: string; license: string | null } | null {
  const pkg = /<!-- pipwarden:license:(\S+?) -->/.exec(body)?.[1];
  if (!pkg) return null;
  const license = /<!-- pipwarden:license-expression:(.*?) -->/.exec(body)?.[1] ?? null;
  return { package: pkg, license };
}

/** markerText keeps a value from closing the HTML comment or spanning lines. */
function markerText(value: string): string {
  return value.replace(/[\r\n<>]/g, ' ').replace(/-{2,}/g, '-').trim();
}

/** licenseLabel is how a title names the license: the SPDX expression, else the declared text, quoted. */
export function licenseLabel(entry: LicenseEntry): string {
  if (entry.expression) return entry.expression;
  if (!entry.declared) return 'unknown';
  const flat = entry.declared.replace(/\s+/g, ' ').trim();
  return `"${flat.length > 40 ? `${flat.slice(0, 39)}…` : flat}"`;
}

/** IssueBodyInput is one violating package: its entries (one per version) and where it is declared. */
export interface IssueBodyInput {
  package: string;
  entries: readonly LicenseEntry[];
  /** The license marker value (see `licenseExpressionMarker`). */
  license: string;
  dependencies: readonly Dependency[];
}

/** licenseIssueBody renders the body of the issue about one package. */
export function licenseIssueBody(input: IssueBodyInput): string {
  const { entries } = input;
  const versions = entries.map((e) => e.version).filter((v): v is string => v !== null);
  const subject = versions.length > 0 ? `${input.package} ${versions.join(', ')}` : input.package;
  const labels = [...new Set(entries.map(licenseLabel))].join(' / ');
  const lines: string[] = [
    licenseIssueMarker(input.package),
    licenseExpressionMarker(input.license),
    `**${subject}** is licensed **${labels}**, which this repository's license policy does not accept.`,
    '',
    '### Why',
    '',
    ...entries.map((e) => `- \`${e.violation?.rule ?? ''}\`: ${oneLine(e.violation?.message ?? '')}`),
    '',
    '### Where it comes from',
    '',
    ...whereFrom(input),
  ];
  const declared = [...new Set(entries.map((e) => e.declared).filter((d): d is string => Boolean(d)))];
  if (declared.length > 0) lines.push('', '### What the package declares', '', ...declared.map((d) => `> ${oneLine(d)}`));
  lines.push('', ...waysOut(input, versions), '', '---', '<sub>pipwarden keeps this issue up to date and closes it when the violation is gone. If you close it yourself, it stays closed unless the package\'s license changes.</sub>', '');
  return lines.join('\n');
}

function whereFrom(input: IssueBodyInput): string[] {
  const lines: string[] = [];
  const own = input.dependencies.filter((d) => d.name === input.package && input.entries.some((e) => sameVersion(e.version, d.version)));
  const locations = own.flatMap((d) => d.locations);
  for (const location of locations.slice(0, MAX_LOCATIONS)) lines.push(`- ${where(location)}`);
  if (locations.length > MAX_LOCATIONS) lines.push(`- … and ${locations.length - MAX_LOCATIONS} more`);
  const via = [...new Set(input.entries.flatMap((e) => e.via ?? []))].sort();
  if (via.length > 0) {
    lines.push(`- It is not a direct dependency. It comes in through:`);
    for (const name of via) {
      const declared = input.dependencies.filter((d) => d.name === name && d.direct).flatMap((d) => d.locations).slice(0, 3);
      lines.push(`  - **${name}**${declared.length > 0 ? ` (${declared.map(where).join(', ')})` : ''}`);
    }
  }
  if (lines.length === 0) lines.push('- (no declaration found in the audited files)');
  return lines;
}

function waysOut(input: IssueBodyInput, versions: readonly string[]): string[] {
  const via = [...new Set(input.entries.flatMap((e) => e.via ?? []))].sort();
  const removeTarget = via.length > 0 ? `the dependency that brings it in (${via.join(', ')})` : 'it';
  const exceptionItems = (versions.length > 0 ? versions : [null]).flatMap((version) => [
    `    - package: ${input.package}`,
    ...(version !== null ? [`      version: ${JSON.stringify(version)}`] : []),
    '      reason: "<why this license is acceptable here>"',
  ]);
  const expressions = [...new Set(input.entries.map((e) => e.expression).filter((x): x is string => x !== null))];
  const allow =
    expressions.length === 1 && !/ (AND|OR) /.test(expressions[0] ?? '')
      ? [`   To accept ${expressions[0]} for every package instead, add it to \`licenses.allow\`.`]
      : [];
  return [
    '### Ways out',
    '',
    `1. **Replace it** with a package (or a version of it) under a license the policy accepts.`,
    `2. **Remove** ${removeTarget} if the project can do without it.`,
    `3. **Accept it** after a legal review: add an exception to \`.github/pipwarden.yml\`:`,
    '',
    '   ```yaml',
    '   licenses:',
    '     exceptions:',
    ...exceptionItems.map((line) => `   ${line}`),
    '   ```',
    ...allow,
  ];
}

function where(location: Location): string {
  const lines = location.startLine === location.endLine ? `line ${location.startLine}` : `lines ${location.startLine}–${location.endLine}`;
  return `\`${location.path}\` ${lines}`;
}

function sameVersion(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return versionsEqual(a, b);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
