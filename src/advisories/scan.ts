/**
 * scanVulnerabilities is the vulnerability stage of the audit: ask every advisory source about the
 * inventory, match versions centrally with exact OSV semantics, merge aliases, rank by severity, and
 * apply suppressions. A source that fails is an error in the result, never a silent "clean".
 */
import type { IgnoreEntry } from '../config/schema.js';
import type { Dependency } from '../manifests/inventory.js';
import { markersExcludeProject } from '../manifests/markers.js';
import type { Problem } from '../manifests/types.js';
import { mergeAliases } from './aliases.js';
import type { VulnerabilityFinding } from './finding.js';
import { affectedBySpecifier, affectsVersion, fixedVersions } from './match.js';
import { compareFindings, severityOf } from './severity.js';
import { applySuppressions, type SuppressedFinding } from './suppress.js';
import type { AdvisorySource, OsvRecord, PackageQuery, SourceResult } from './types.js';

/** PotentialFinding is an advisory a range-only dependency could pull in: not confirmed, not counted. */
export interface PotentialFinding extends Omit<VulnerabilityFinding, 'version'> {
  version: null;
  /** The specifier that allows affected versions. */
  allowedBySpecifier: string;
}

/** ExcludedByMarkers is a dependency whose advisories do not concern the project, and why. */
export interface ExcludedByMarkers {
  package: string;
  version: string | null;
  markers: string;
  requiresPython: string;
  ids: string[];
  reason: string;
}

/** VulnerabilityScan is the stage's output. */
export interface VulnerabilityScan {
  /** Confirmed findings (pinned or locked versions), ranked. */
  findings: SuppressedFinding[];
  /** Advisories a range-only dependency's specifier allows, ranked; not in the confirmed totals. */
  potential: PotentialFinding[];
  excludedByMarkers: ExcludedByMarkers[];
  errors: Problem[];
  /** Which sources answered. */
  sources: string[];
  /**
   * The OSV records the sources returned, by PEP 503 name (every source merged): remediation matches
   * candidate versions against them exactly.
   */
  advisories: Map<string, OsvRecord[]>;
}

/** ScanInput is what the stage needs besides the sources. */
export interface ScanInput {
  dependencies: readonly Dependency[];
  /** requires-python of the project each manifest belongs to. */
  requiresPythonOf: (manifestPath: string) => string | null;
  ignores: readonly IgnoreEntry[];
  now: Date;
}

/** scanVulnerabilities runs every source and matches their advisories against the inventory. */
export async function scanVulnerabilities(sources: readonly AdvisorySource[], input: ScanInput): Promise<VulnerabilityScan> {
  const queries = uniqueQueries(input.dependencies);
  const errors: Problem[] = [];
  const results: SourceResult[] = [];
  await Promise.all(
    sources.map(async (source) => {
      try {
        results.push(await source.fetch(queries));
      } catch (error) {
        errors.push({ message: `advisory source ${source.id} failed: ${(error as Error).message}` });
      }
    }),
  );
  if (sources.length === 0) errors.push({ message: 'no advisory source is configured: vulnerabilities were not checked' });

  const confirmed: VulnerabilityFinding[] = [];
  const potential: PotentialFinding[] = [];
  const excluded: ExcludedByMarkers[] = [];
  for (const dependency of input.dependencies) {
    if (!isAuditable(dependency)) continue;
    const matches = results.flatMap((result) =>
      (result.advisories.get(dependency.name) ?? [])
        .filter((advisory) => concerns(advisory, dependency))
        .map((advisory) => ({ advisory, source: result.source })),
    );
    if (matches.length === 0) continue;
    const exclusion = markerExclusion(dependency, input.requiresPythonOf);
    if (exclusion) {
      excluded.push({ ...exclusion, package: dependency.name, version: dependency.version, ids: [...new Set(matches.map((m) => m.advisory.id))].sort() });
      continue;
    }
    for (const { advisory, source } of matches) {
      const finding = toFinding(advisory, dependency.name, dependency.version ?? '', source);
      if (dependency.version !== null) confirmed.push(finding);
      else potential.push({ ...finding, version: null, allowedBySpecifier: dependency.specifier ?? '' });
    }
  }
  const findings = applySuppressions(mergeAliases(confirmed), input.ignores, input.now).sort(compareFindings);
  return {
    findings,
    potential: mergePotential(potential),
    excludedByMarkers: excluded,
    errors,
    sources: results.map((r) => r.source).sort(),
    advisories: mergeRecords(results),
  };
}

function uniqueQueries(dependencies: readonly Dependency[]): PackageQuery[] {
  const seen = new Map<string, PackageQuery>();
  for (const d of dependencies) {
    if (!isAuditable(d)) continue;
    seen.set(`${d.name}\u0000${d.version ?? ''}`, { name: d.name, version: d.version });
  }
  return [...seen.values()];
}

/** A VCS checkout or local path is not a PyPI release: PyPI advisories do not describe it. */
function isAuditable(dependency: Dependency): boolean {
  return dependency.source === undefined || dependency.source.type === 'registry' || dependency.source.type === 'url';
}

function concerns(advisory: OsvRecord, dependency: Dependency): boolean {
  if (dependency.version !== null) return affectsVersion(advisory, dependency.name, dependency.version);
  return affectedBySpecifier(advisory, dependency.name, dependency.specifier);
}

function toFinding(advisory: OsvRecord, name: string, version: string, source: string): VulnerabilityFinding {
  const finding: VulnerabilityFinding = {
    id: advisory.id,
    aliases: [...new Set(advisory.aliases ?? [])].filter((a) => a !== advisory.id).sort(),
    package: name,
    version,
    ...severityOf(advisory),
    fixedIn: fixedVersions(advisory, name),
    sources: [source],
  };
  if (advisory.summary) finding.summary = advisory.summary;
  else if (advisory.details) finding.summary = firstSentence(advisory.details);
  const references = (advisory.references ?? []).map((r) => r.url);
  if (references.length > 0) finding.references = references;
  return finding;
}

function firstSentence(text: string): string {
  const line = text.trim().split(/\n/)[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/**
 * markerExclusion: the dependency is excluded only when its markers fail for every project declaring
 * it (a package shared by two projects may be installed by one of them).
 */
function markerExclusion(dependency: Dependency, requiresPythonOf: (path: string) => string | null): Omit<ExcludedByMarkers, 'package' | 'version' | 'ids'> | null {
  if (!dependency.markers) return null;
  const pythons = [...new Set(dependency.manifests.map(requiresPythonOf))];
  if (pythons.some((p) => p === null)) return null;
  const ranges = pythons.filter((p): p is string => p !== null);
  if (ranges.length === 0 || !ranges.every((range) => markersExcludeProject(dependency.markers ?? '', range))) return null;
  const requiresPython = ranges.join(' | ');
  return {
    markers: dependency.markers,
    requiresPython,
    reason: `never installed: its markers (${dependency.markers}) cannot hold for requires-python ${requiresPython}`,
  };
}

/** mergeRecords gathers every source's records by package, each record once per package (by id). */
function mergeRecords(results: readonly SourceResult[]): Map<string, OsvRecord[]> {
  const merged = new Map<string, Map<string, OsvRecord>>();
  for (const result of results) {
    for (const [name, records] of result.advisories) {
      const byId = merged.get(name) ?? new Map<string, OsvRecord>();
      for (const record of records) if (!byId.has(record.id)) byId.set(record.id, record);
      merged.set(name, byId);
    }
  }
  return new Map([...merged].map(([name, byId]) => [name, [...byId.values()]]));
}

/** mergePotential collapses aliases among potential findings, as for confirmed ones. */
function mergePotential(list: PotentialFinding[]): PotentialFinding[] {
  const bySpecifier = new Map<string, PotentialFinding[]>();
  for (const p of list) {
    const key = `${p.package}\u0000${p.allowedBySpecifier}`;
    bySpecifier.set(key, [...(bySpecifier.get(key) ?? []), p]);
  }
  const merged: PotentialFinding[] = [];
  for (const group of bySpecifier.values()) {
    const specifier = group[0]?.allowedBySpecifier ?? '';
    // mergeAliases keys by version: give the group one placeholder version, then drop it again.
    for (const finding of mergeAliases(group.map((p) => ({ ...p, version: '0' })))) {
      merged.push({ ...finding, version: null, allowedBySpecifier: specifier });
    }
  }
  return merged.sort((a, b) => compareFindings({ ...a, version: '' }, { ...b, version: '' }));
}
