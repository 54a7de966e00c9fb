/**
 * Test helpers for the remediation planner: a fake PackageRegistry (shapes of src/registry/types.ts, with
 * call counts), builders for findings and dependencies, and the audit's real front half (collection,
 * inventory, projects, OSV matching against advisory fixtures) so plans are made from reports as the
 * audit builds them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VulnerabilityFinding } from '../../../src/advisories/finding.js';
import { OfflineDatabase } from '../../../src/advisories/offline-db.js';
import { scanVulnerabilities } from '../../../src/advisories/scan.js';
import type { SuppressedFinding } from '../../../src/advisories/suppress.js';
import type { OsvRecord } from '../../../src/advisories/types.js';
import type { IgnoreEntry } from '../../../src/config/schema.js';
import { RegistryError } from '../../../src/errors.js';
import { collectManifests } from '../../../src/manifests/collect.js';
import { buildInventory, type Dependency } from '../../../src/manifests/inventory.js';
import { summarizeProjects, type ProjectSummary } from '../../../src/manifests/project-summary.js';
import { layoutProjects } from '../../../src/manifests/projects.js';
import { MemoryRepoFiles } from '../../../src/sources/memory.js';
import type { Manifest } from '../../../src/manifests/types.js';
import { normalizePackageName } from '../../../src/manifests/pep508.js';
import type { DistributionFile, PackageMetadata, PackageRegistry, ProjectInfo, ReleaseInfo } from '../../../src/registry/types.js';
import { remediationConfigSchema, type RemediationConfig } from '../../../src/remediation/plan/config.js';
import type { PlanInput } from '../../../src/remediation/plan/plan.js';

/** NOW is the clock of every test: 2026-11-29 12:00 UTC. */
export const NOW = new Date('2026-11-29T12:00:00Z');

/** DAY is a day in ms. */
export const DAY = 86_400_000;

/** daysAgo is the ISO time `days` before NOW. */
export function daysAgo(days: number): string {
  return new Date(NOW.getTime() - days * DAY).toISOString();
}

/** ReleaseSpec describes one fake release. */
export interface ReleaseSpec {
  version: string;
  /** Upload time of its files (default: a year before NOW); null: the index does not say. */
  uploaded?: string | null;
  yanked?: boolean;
  yankedReason?: string | null;
  /** `requires_python` of every file (default none). */
  requiresPython?: string | null;
  /** `Requires-Dist` of the release's metadata (default none). */
  requiresDist?: string[];
  /** No files at all (a release whose files were deleted). */
  noFiles?: boolean;
}

/** FakeRegistry serves releases from specs and counts calls. */
export class FakeRegistry implements PackageRegistry {
  readonly baseUrl = 'https://pypi.test';
  readonly projectCalls: string[] = [];
  readonly releaseCalls: string[] = [];
  private readonly packages: Map<string, ReleaseSpec[]>;
  private readonly failing: Set<string>;

  constructor(packages: Record<string, ReleaseSpec[]>, options: { failing?: string[] } = {}) {
    this.packages = new Map(Object.entries(packages).map(([name, specs]) => [normalizePackageName(name), specs]));
    this.failing = new Set((options.failing ?? []).map(normalizePackageName));
  }

  async project(name: string): Promise<ProjectInfo | null> {
    const key = normalizePackageName(name);
    this.projectCalls.push(key);
    if (this.failing.has(key)) throw new RegistryError(this.baseUrl, `GET /pypi/${key}/json answered 503 Service Unavailable`);
    const specs = this.packages.get(key);
    if (!specs) return null;
    const releases = specs.map((spec) => releaseOf(key, spec));
    const latest = specs.at(-1) ?? { version: '0' };
    return { name: key, latest: metadataOf(key, latest), releases, status: null };
  }

  async release(name: string, version: string): Promise<{ metadata: PackageMetadata; files: DistributionFile[] } | null> {
    const key = normalizePackageName(name);
    this.releaseCalls.push(`${key}==${version}`);
    if (this.failing.has(key)) throw new RegistryError(this.baseUrl, `GET /pypi/${key}/${version}/json answered 503 Service Unavailable`);
    const spec = this.packages.get(key)?.find((s) => s.version === version);
    if (!spec) return null;
    return { metadata: metadataOf(key, spec), files: releaseOf(key, spec).files };
  }
}

function metadataOf(name: string, spec: ReleaseSpec): PackageMetadata {
  return {
    name,
    version: spec.version,
    summary: null,
    licenseExpression: 'MIT',
    license: null,
    classifiers: [],
    requiresPython: spec.requiresPython ?? null,
    requiresDist: spec.requiresDist ?? [],
    projectUrls: {},
  };
}

/** releaseOf builds a release with one wheel and one sdist, as the PyPI JSON API lists them. */
export function releaseOf(name: string, spec: ReleaseSpec): ReleaseInfo {
  const uploaded = spec.uploaded === undefined ? daysAgo(365) : spec.uploaded;
  const file = (filename: string, packageType: string): DistributionFile => ({
    filename,
    packageType,
    url: `https://files.pythonhosted.test/packages/${filename}`,
    digests: { sha256: 'a'.repeat(64) },
    uploadTime: uploaded,
    requiresPython: spec.requiresPython ?? null,
    yanked: spec.yanked ?? false,
    yankedReason: spec.yanked ? (spec.yankedReason ?? null) : null,
    hasProvenance: null,
  });
  const stem = name.replace(/-/g, '_');
  const files = spec.noFiles ? [] : [file(`${stem}-${spec.version}-py3-none-any.whl`, 'bdist_wheel'), file(`${stem}-${spec.version}.tar.gz`, 'sdist')];
  return {
    version: spec.version,
    files,
    uploadTime: files.length > 0 ? uploaded : null,
    yanked: files.length > 0 && (spec.yanked ?? false),
    yankedReason: spec.yanked ? (spec.yankedReason ?? null) : null,
  };
}

/** releases is shorthand for plain releases (a year old, not yanked). */
export function releases(...versions: string[]): ReleaseInfo[] {
  return versions.map((version) => releaseOf('pkg', { version }));
}

/** finding builds an active finding as the scan reports it. */
export function finding(fields: Partial<SuppressedFinding> & Pick<VulnerabilityFinding, 'id' | 'package' | 'version'>): SuppressedFinding {
  return { aliases: [], severity: 'high', fixedIn: [], sources: ['osv'], ...fields };
}

/** dependency builds an inventory entry pinned in `requirements.txt` at line 1. */
export function dependency(fields: Partial<Dependency> & Pick<Dependency, 'name' | 'version'>): Dependency {
  const manifests = fields.manifests ?? ['requirements.txt'];
  return {
    specifier: fields.version === null ? null : `==${fields.version}`,
    direct: true,
    groups: ['main'],
    manifests,
    locations: manifests.map((file, index) => ({ path: file, startLine: index + 1, endLine: index + 1 })),
    ...fields,
  };
}

/** projectSummary builds a project summary. */
export function projectSummary(fields: Partial<ProjectSummary> = {}): ProjectSummary {
  return {
    root: '.',
    packageManagers: ['pip'],
    manifests: ['requirements.txt'],
    lockFiles: [],
    requiresPython: null,
    application: true,
    virtualEnvs: [],
    notes: [],
    ...fields,
  };
}

/** config is the remediation section with some keys set. */
export function config(section: Record<string, unknown> = {}): RemediationConfig {
  return remediationConfigSchema.parse(section);
}

/** planInput builds a planner input from parts, with requirements.txt as the only manifest by default. */
export function planInput(parts: {
  vulnerabilities: SuppressedFinding[];
  dependencies: Dependency[];
  projects?: ProjectSummary[];
  manifests?: PlanInput['report']['manifests'];
  registry?: PackageRegistry | null;
  config?: RemediationConfig;
  minimumReleaseAgeMs?: number | null;
  advisories?: ReadonlyMap<string, readonly OsvRecord[]>;
  parsedManifests?: readonly Manifest[];
  capSearchLimit?: number;
}): PlanInput {
  const input: PlanInput = {
    report: {
      vulnerabilities: parts.vulnerabilities,
      dependencies: parts.dependencies,
      projects: parts.projects ?? [projectSummary()],
      manifests: parts.manifests ?? [{ path: 'requirements.txt', kind: 'requirements', errors: [], requirementCount: parts.dependencies.length }],
    },
    registry: parts.registry === undefined ? null : parts.registry,
    config: parts.config ?? config(),
    minimumReleaseAgeMs: parts.minimumReleaseAgeMs ?? null,
    now: NOW,
  };
  if (parts.advisories) input.advisories = parts.advisories;
  if (parts.parsedManifests) input.parsedManifests = parts.parsedManifests;
  if (parts.capSearchLimit !== undefined) input.capSearchLimit = parts.capSearchLimit;
  return input;
}

/** osv builds an OSV record (https://ossf.github.io/osv-schema/) for one PyPI package with one ECOSYSTEM range. */
export function osv(
  id: string,
  name: string,
  events: Array<Record<'introduced' | 'fixed' | 'last_affected', string> | { introduced: string } | { fixed: string } | { last_affected: string }>,
  extra: Partial<OsvRecord> = {},
): OsvRecord {
  return {
    id,
    modified: '2026-01-01T00:00:00Z',
    affected: [{ package: { ecosystem: 'PyPI', name }, ranges: [{ type: 'ECOSYSTEM', events }] }],
    ...extra,
  };
}

/** fixtureTree reads `fixtures/<scenario>/` into a path → content map (paths relative to the scenario). */
export function fixtureTree(scenario: string): Record<string, string> {
  const root = fileURLToPath(new URL(`./fixtures/${scenario}/`, import.meta.url));
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.relative(root, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return files;
}

/** AuditedFixture is the front half of an audit over a fixture tree, ready for the planner. */
export interface AuditedFixture {
  report: PlanInput['report'];
  manifests: Manifest[];
  advisories: Map<string, OsvRecord[]>;
}

/**
 * auditFixture runs collection, layout, inventory, project summary and the vulnerability scan (with the
 * fixture's `advisories/*.json` OSV records as an offline database, or the given database) over
 * `fixtures/<scenario>/`.
 */
export async function auditFixture(
  scenario: string,
  options: { ignores?: IgnoreEntry[]; database?: OfflineDatabase } = {},
): Promise<AuditedFixture> {
  const tree = fixtureTree(scenario);
  const advisoryFiles = Object.entries(tree)
    .filter(([file]) => file.startsWith('advisories/'))
    .map(([file, text]) => ({ path: file, text }));
  const files = Object.fromEntries(Object.entries(tree).filter(([file]) => !file.startsWith('advisories/')));
  const collected = await collectManifests(new MemoryRepoFiles(files));
  const layout = layoutProjects(collected.manifests, collected.includedBy);
  const dependencies = buildInventory(layout);
  const projects = summarizeProjects(layout, collected.contents, collected.virtualEnvs);
  const db = options.database ?? OfflineDatabase.fromFiles(advisoryFiles);
  const requiresPython = new Map(projects.flatMap((p) => p.manifests.map((m) => [m, p.requiresPython] as const)));
  const scan = await scanVulnerabilities([db], { dependencies, requiresPythonOf: (m) => requiresPython.get(m) ?? null, ignores: options.ignores ?? [], now: NOW });
  if (scan.errors.length > 0) throw new Error(`scan failed: ${JSON.stringify(scan.errors)}`);
  const advisories = new Map<string, OsvRecord[]>();
  for (const d of dependencies) advisories.set(d.name, db.advisoriesFor(d.name));
  return {
    report: {
      vulnerabilities: scan.findings,
      dependencies,
      projects,
      manifests: collected.manifests.map((m) => ({ path: m.path, kind: m.kind, errors: m.errors, requirementCount: m.requirements.length })),
    },
    manifests: collected.manifests,
    advisories,
  };
}
