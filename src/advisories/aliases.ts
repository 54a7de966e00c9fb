/**
 * One flaw, one finding. The same vulnerability reaches us under several identifiers (the PyPA database's
 * PYSEC id, GitHub's GHSA id, the CVE) and from several sources; findings for the same package and
 * version whose identifiers meet are merged, transitively, so the report lists each flaw once (the
 * contract: no two entries for one package and version share an id or alias).
 */
import { normalizePackageName } from '../manifests/pep508.js';
import { compareValidVersions, versionIdentity } from '../pep440/index.js';
import { SEVERITY_ORDER, type SeverityInfo, type VulnerabilityFinding } from './finding.js';

const ID_PREFIXES = ['PYSEC-', 'GHSA-', 'CVE-'];

/**
 * primaryIdRank ranks an identifier for the role of primary id: PYSEC (the PyPA database, the
 * ecosystem's own and the one pip-audit reports) 0, GHSA 1, CVE 2, anything else 3.
 */
export function primaryIdRank(id: string): number {
  const upper = id.toUpperCase();
  const index = ID_PREFIXES.findIndex((prefix) => upper.startsWith(prefix));
  return index === -1 ? ID_PREFIXES.length : index;
}

/** compareIds orders identifiers for the primary-id choice: by primaryIdRank, then lexically. */
export function compareIds(a: string, b: string): number {
  return primaryIdRank(a) - primaryIdRank(b) || compareText(a, b);
}

/**
 * mergeAliases collapses findings for the same package (PEP 503-normalised) and version (PEP 440-equal)
 * whose ids or aliases intersect, transitively (PYSEC-1 ↔ CVE-1 ↔ GHSA-1 is one flaw even when no single
 * finding names all three). The merged finding has:
 * - `id`: the first identifier by compareIds (PYSEC, then GHSA, then CVE, then others; lexical order
 *   breaks ties), so the choice does not depend on which source answered first;
 * - `aliases`: every other identifier, sorted; identifiers are matched case-insensitively and keep
 *   their first spelling;
 * - `sources` and `references`: unions (sources sorted, references in first-seen order);
 * - `fixedIn`: the union, PEP 440-equal versions once, ascending;
 * - severity, score and vector: taken together from one finding, the best informed: a CVSS score beats
 *   a label, a higher score beats a lower one, a more severe label beats a milder one;
 * - `summary`: the primary id's own finding's summary, else the first one given;
 * - `suppressed`: kept only when every merged finding is suppressed (one live report keeps it live).
 * A lone finding goes through the same rules (its id may give way to a PYSEC alias).
 * Groups come out in the order of their first finding; sort them with compareFindings.
 */
export function mergeAliases(findings: readonly VulnerabilityFinding[]): VulnerabilityFinding[] {
  const parent = findings.map((_, index) => index);
  const root = (index: number): number => {
    let current = index;
    while (parent[current] !== current) {
      const up = parent[current] as number;
      parent[current] = parent[up] as number;
      current = up;
    }
    return current;
  };
  const owner = new Map<string, number>();
  findings.forEach((finding, index) => {
    const group = `${normalizePackageName(finding.package)}\u0000${versionIdentity(finding.version)}`;
    for (const identifier of identifiersOf(finding)) {
      const key = `${group}\u0000${identifier.toUpperCase()}`;
      const other = owner.get(key);
      if (other === undefined) owner.set(key, index);
      else parent[root(index)] = root(other);
    }
  });
  const groups = new Map<number, VulnerabilityFinding[]>();
  findings.forEach((finding, index) => {
    const key = root(index);
    const members = groups.get(key) ?? [];
    members.push(finding);
    groups.set(key, members);
  });
  return [...groups.keys()]
    .sort((a, b) => a - b)
    .map((key) => mergeGroup(groups.get(key) as VulnerabilityFinding[]));
}

function identifiersOf(finding: VulnerabilityFinding): string[] {
  return [finding.id, ...finding.aliases].filter((identifier) => identifier.trim() !== '');
}

function mergeGroup(members: VulnerabilityFinding[]): VulnerabilityFinding {
  const first = members[0] as VulnerabilityFinding;
  const identifiers = uniqueIdentifiers(members.flatMap(identifiersOf)).sort(compareIds);
  const id = identifiers[0] ?? first.id;
  const aliases = identifiers.slice(1).sort(compareText);

  let severity: SeverityInfo = first;
  for (const member of members) if (betterInformed(member, severity)) severity = member;

  const summary =
    members.find((member) => member.id.toUpperCase() === id.toUpperCase() && member.summary)?.summary ??
    members.find((member) => member.summary)?.summary;
  const references = [...new Set(members.flatMap((member) => member.references ?? []))];
  const suppressed = members.every((member) => member.suppressed) ? first.suppressed : undefined;

  const merged: VulnerabilityFinding = {
    id,
    aliases,
    package: first.package,
    version: first.version,
    severity: severity.severity,
    fixedIn: mergeVersions(members.flatMap((member) => member.fixedIn)),
    sources: [...new Set(members.flatMap((member) => member.sources))].sort(compareText),
  };
  if (severity.score !== undefined) merged.score = severity.score;
  if (severity.vector !== undefined) merged.vector = severity.vector;
  if (summary !== undefined) merged.summary = summary;
  if (references.length > 0) merged.references = references;
  if (suppressed !== undefined) merged.suppressed = suppressed;
  return merged;
}

/** uniqueIdentifiers keeps the first spelling of each identifier (compared case-insensitively). */
function uniqueIdentifiers(identifiers: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const identifier of identifiers) {
    const key = identifier.toUpperCase();
    if (identifier.trim() === '' || seen.has(key)) continue;
    seen.add(key);
    kept.push(identifier);
  }
  return kept;
}

/** betterInformed tells whether `a` rates severity better than `b` (see mergeAliases). */
function betterInformed(a: SeverityInfo, b: SeverityInfo): boolean {
  if (a.score !== undefined && b.score === undefined) return true;
  if (a.score === undefined && b.score !== undefined) return false;
  if (a.score !== undefined && b.score !== undefined && a.score !== b.score) return a.score > b.score;
  return SEVERITY_ORDER.indexOf(a.severity) < SEVERITY_ORDER.indexOf(b.severity);
}

/** mergeVersions is the union of version lists, PEP 440-equal versions once, ascending. */
function mergeVersions(versions: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const version of versions) {
    const key = versionIdentity(version);
    if (!byKey.has(key)) byKey.set(key, version);
  }
  return [...byKey.values()].sort(compareValidVersions);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
