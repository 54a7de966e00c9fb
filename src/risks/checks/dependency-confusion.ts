/**
 * dependency-confusion: a package meant to come from a private index whose name is, or can be, taken on
 * public PyPI. Installers that see both indexes may take PyPI's package (pip and PDM pick the highest
 * version across every index; Poetry falls back to PyPI first for supplemental sources), and anyone who
 * installs without the private index configured gets PyPI's. Two cases, both found with a PyPI lookup:
 *
 * 1. A requirement pinned to a private index (uv `[tool.uv.sources]` `index`, Pipfile `index =`, Poetry
 *    `source =`, or any requirement of a requirements file whose `--index-url` is private) whose name
 *    exists on PyPI:
 *    - high: PyPI's project is somebody else's, or an attacker's (the version in use is not on PyPI, or
 *      its files' sha256 differ from the hashes the project pins);
 *    - low: PyPI has the same version and nothing says the files differ: the private index probably
 *      mirrors PyPI, but that is worth confirming;
 *    - nothing when a pinned hash matches PyPI's file (the same artifact), or when the name is one of
 *      PyPI's most downloaded projects (the index mirrors the genuine project).
 * 2. A requirement of a pip requirements file (or a conda environment's pip section) with a private
 *    `--extra-index-url`, whose name PyPI does not have (404): today it comes from the private index,
 *    but anyone can register the name on PyPI with a higher version and pip will prefer it (high).
 *
 * Which indexes are private: `risks.privateIndexes`, or every index that is not a known public one.
 */
import type { Dependency, Location } from '../../manifests/inventory.js';
import { LOCK_KINDS, type Manifest, type Requirement } from '../../manifests/types.js';
import type { ProjectInfo } from '../../registry/types.js';
import type { RiskFinding } from '../../report/types.js';
import type { RiskConfig } from '../config.js';
import { isPrivateIndex, showUrl } from '../indexes.js';
import { isShippedPopular } from '../popular.js';
import { findRelease, finding, requirementLocation } from '../scope.js';
import type { RiskCheck, RiskContext, RiskInput } from '../types.js';

interface Candidate {
  name: string;
  kind: 'pinned' | 'extra-index';
  /** The private index. */
  index: string;
  versions: Set<string>;
  hashes: Set<string>;
  locations: Location[];
}

const PIP_KINDS = new Set(['requirements', 'conda-environment']);

/** candidatesOf finds the requirements each case concerns, grouped by name and case. */
function candidatesOf(input: RiskInput, config: RiskConfig): Candidate[] {
  const byKey = new Map<string, Candidate>();
  const add = (manifest: Manifest, requirement: Requirement, kind: Candidate['kind'], index: string): void => {
    const key = `${kind}\u0000${requirement.normalizedName}`;
    const candidate = byKey.get(key) ?? { name: requirement.normalizedName, kind, index, versions: new Set(), hashes: new Set(), locations: [] };
    if (requirement.version) candidate.versions.add(requirement.version);
    for (const hash of requirement.hashes) candidate.hashes.add(hash.toLowerCase());
    candidate.locations.push(requirementLocation(manifest, requirement));
    byKey.set(key, candidate);
  };
  for (const manifest of input.manifests) {
    if (LOCK_KINDS.has(manifest.kind)) continue;
    const privateExtra = PIP_KINDS.has(manifest.kind)
      ? manifest.indexes?.find((o) => o.option === 'extra-index-url' && isPrivateIndex(o.value, config))
      : undefined;
    const noIndex = manifest.indexes?.some((o) => o.option === 'no-index') ?? false;
    for (const requirement of manifest.requirements) {
      if (requirement.source.type !== 'registry') continue;
      const url = requirement.source.url;
      if (url !== undefined && isPrivateIndex(url, config)) add(manifest, requirement, 'pinned', url);
      else if (url === undefined && privateExtra && !noIndex) add(manifest, requirement, 'extra-index', privateExtra.value);
    }
  }
  return [...byKey.values()];
}

/** withInventory adds what the inventory knows (locked versions and their hashes) to a candidate. */
function withInventory(candidate: Candidate, dependencies: readonly Dependency[]): Candidate {
  for (const dependency of dependencies) {
    if (dependency.name !== candidate.name) continue;
    const declaredHere = dependency.locations.some((l) => candidate.locations.some((c) => c.path === l.path && c.startLine === l.startLine));
    if (!declaredHere) continue;
    if (dependency.version) candidate.versions.add(dependency.version);
    for (const hash of dependency.hashes ?? []) candidate.hashes.add(hash.toLowerCase());
  }
  return candidate;
}

function judgePinned(candidate: Candidate, project: ProjectInfo, baseUrl: string): RiskFinding | null {
  if (isShippedPopular(candidate.name)) return null;
  const versions = [...candidate.versions];
  const releases = versions.map((v) => findRelease(project.releases, v)).filter((r) => r !== undefined);
  const publicHashes = new Set(releases.flatMap((r) => r.files.map((f) => f.digests.sha256)).filter((h) => h !== undefined).map((h) => `sha256:${h.toLowerCase()}`));
  const pinnedSha256 = [...candidate.hashes].filter((h) => h.startsWith('sha256:'));
  if (pinnedSha256.some((h) => publicHashes.has(h))) return null;
  const index = showUrl(candidate.index);
  const latest = project.latest.version;
  const base = { kind: 'dependency-confusion', package: candidate.name, version: versions[0] ?? null, locations: candidate.locations };
  const sameVersion = versions.length > 0 && releases.length === versions.length;
  if (sameVersion && pinnedSha256.length === 0) {
    return finding({
      ...base,
      severity: 'low',
      message:
        `${candidate.name} comes from the private index ${index}, and PyPI (${showUrl(baseUrl)}) also has a project of that name with ` +
        `the same version (${versions.join(', ')}). The private index probably mirrors PyPI; ` +
        'if the package is your own, PyPI\'s project is someone else\'s and any install that reaches PyPI can get it. ' +
        'Pin hashes (--require-hashes) to be sure which files are installed.',
    });
  }
  const why = pinnedSha256.length > 0 && sameVersion
    ? `its files for ${versions.join(', ')} differ from the hashes you pin`
    : versions.length > 0
      ? `PyPI has no ${versions.join(', ')} but has other versions (latest ${latest})`
      : `PyPI has versions up to ${latest}`;
  return finding({
    ...base,
    severity: 'high',
    message:
      `${candidate.name} is configured to come from the private index ${index}, but a different project of the same name exists ` +
      `on PyPI (${why}). Any install that reaches PyPI, a machine without the private index configured, or an installer that ` +
      'merges indexes, can install that package instead (dependency confusion). Make sure the name on PyPI is yours ' +
      '(register a placeholder), keep the package pinned to its index, and pin hashes.',
  });
}

function judgeExtraIndex(candidate: Candidate): RiskFinding {
  return finding({
    kind: 'dependency-confusion',
    severity: 'high',
    package: candidate.name,
    version: [...candidate.versions][0] ?? null,
    locations: candidate.locations,
    message:
      `${candidate.name} is not on PyPI, so it comes from the private extra index ${showUrl(candidate.index)}. pip looks at every ` +
      'index and installs the highest version it finds: anyone can register this name on PyPI with a higher version and ' +
      'it will be installed instead (dependency confusion). Register the name on PyPI yourself, or install from a single ' +
      'index that serves both your packages and PyPI (--index-url), and pin hashes.',
  });
}

/** dependencyConfusionCheck reports private packages whose names are, or can be, taken on PyPI. */
export const dependencyConfusionCheck: RiskCheck = {
  id: 'dependency-confusion',
  title: 'Private package name taken or free on PyPI',
  registry: {
    project: true,
    names: ({ input, config }) => [...new Set(candidatesOf(input, config).map((c) => c.name))],
  },
  run({ input, config, registry }: RiskContext) {
    if (!registry) return [];
    const findings: RiskFinding[] = [];
    for (const candidate of candidatesOf(input, config)) {
      const project = registry.project(candidate.name);
      if (project === undefined) continue;
      if (candidate.kind === 'extra-index') {
        if (project === null) findings.push(judgeExtraIndex(withInventory(candidate, input.dependencies)));
        continue;
      }
      if (project === null) continue;
      const judged = judgePinned(withInventory(candidate, input.dependencies), project, registry.baseUrl);
      if (judged) findings.push(judged);
    }
    return findings;
  },
};
