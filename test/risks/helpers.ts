/**
 * Test helpers for the risk checks: the audit's real pipeline over in-memory files (so checks see the
 * manifests, inventory and project summary the audit really builds), and a fake PackageRegistry with
 * call counts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectManifests } from '../../src/manifests/collect.js';
import { buildInventory } from '../../src/manifests/inventory.js';
import { summarizeProjects } from '../../src/manifests/project-summary.js';
import { layoutProjects } from '../../src/manifests/projects.js';
import type {
  DistributionFile,
  PackageMetadata,
  PackageRegistry,
  ProjectInfo,
  ReleaseInfo,
  SimpleProject,
} from '../../src/registry/types.js';
import { DEFAULT_RISK_CONFIG, riskConfigSchema, type RiskConfig } from '../../src/risks/config.js';
import type { RegistrySnapshot, RiskContext, RiskInput } from '../../src/risks/types.js';
import { MemoryRepoFiles } from '../../src/sources/memory.js';

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

/** riskInputOf runs collection, layout, inventory and summary over files, as the audit does. */
export async function riskInputOf(files: Record<string, string>): Promise<RiskInput> {
  const collected = await collectManifests(new MemoryRepoFiles(files));
  const layout = layoutProjects(collected.manifests, collected.includedBy);
  return {
    manifests: collected.manifests,
    dependencies: buildInventory(layout),
    projects: summarizeProjects(layout, collected.contents, collected.virtualEnvs),
    contents: collected.contents,
  };
}

/** config is the risks section with some keys set. */
export function config(section: Partial<RiskConfig> = {}): RiskConfig {
  return riskConfigSchema.parse(section);
}

/** FileSpec describes one file of a fake release. */
export interface FileSpec {
  type?: 'wheel' | 'sdist';
  uploaded?: string;
  provenance?: boolean | null;
  yanked?: boolean;
  yankedReason?: string | null;
  sha256?: string;
}

/** ReleaseSpec describes a fake release; without `files`, one wheel and one sdist uploaded at `uploaded`. */
export interface ReleaseSpec {
  version: string;
  uploaded?: string;
  files?: FileSpec[];
  yanked?: boolean;
  yankedReason?: string | null;
  provenance?: boolean | null;
}

function file(name: string, version: string, spec: FileSpec): DistributionFile {
  const wheel = (spec.type ?? 'wheel') === 'wheel';
  const filename = wheel ? `${name.replace(/-/g, '_')}-${version}-py3-none-any.whl` : `${name}-${version}.tar.gz`;
  return {
    filename,
    packageType: wheel ? 'bdist_wheel' : 'sdist',
    url: `https://files.pythonhosted.org/packages/ab/cd/${filename}`,
    digests: { sha256: spec.sha256 ?? `${name}-${version}-${wheel ? 'whl' : 'sdist'}`.padEnd(64, '0').slice(0, 64) },
    uploadTime: spec.uploaded ?? null,
    requiresPython: null,
    yanked: spec.yanked ?? false,
    yankedReason: spec.yankedReason ?? null,
    hasProvenance: spec.provenance === undefined ? null : spec.provenance,
  };
}

/** release builds a ReleaseInfo from a spec. */
export function release(name: string, spec: ReleaseSpec): ReleaseInfo {
  const uploaded = spec.uploaded ?? '2024-01-01T00:00:00Z';
  const specs = spec.files ?? [
    { type: 'wheel' as const, uploaded, provenance: spec.provenance, yanked: spec.yanked, yankedReason: spec.yankedReason },
    { type: 'sdist' as const, uploaded, provenance: spec.provenance, yanked: spec.yanked, yankedReason: spec.yankedReason },
  ];
  const files = specs.map((s) => file(name, spec.version, s));
  const times = files.map((f) => f.uploadTime).filter((t): t is string => t !== null).sort();
  const yanked = files.length > 0 && files.every((f) => f.yanked);
  return {
    version: spec.version,
    files,
    uploadTime: times[0] ?? null,
    yanked,
    yankedReason: yanked ? (files.find((f) => f.yankedReason)?.yankedReason ?? null) : null,
  };
}

/** metadata is a project's latest metadata, with some fields set. */
export function metadata(name: string, version: string, fields: Partial<PackageMetadata> = {}): PackageMetadata {
  return {
    name,
    version,
    summary: null,
    licenseExpression: null,
    license: null,
    classifiers: [],
    requiresPython: null,
    requiresDist: [],
    projectUrls: {},
    ...fields,
  };
}

/** projectInfo builds a ProjectInfo; the latest metadata is the last release's unless given. */
export function projectInfo(name: string, releases: ReleaseSpec[], latest: Partial<PackageMetadata> = {}): ProjectInfo {
  const built = releases.map((r) => release(name, r));
  return { name, latest: metadata(name, built.at(-1)?.version ?? '0', latest), releases: built, status: null };
}

/** simplePage builds a SimpleProject. */
export function simplePage(name: string, releases: ReleaseSpec[], status: SimpleProject['status'] = { status: 'active', reason: null }): SimpleProject {
  const built = releases.map((r) => release(name, r));
  return { name, apiVersion: '1.4', versions: built.map((r) => r.version), releases: built, status };
}

/** FakeRegistry answers from maps and counts calls; a name in `failing` throws. */
export class FakeRegistry implements PackageRegistry {
  readonly baseUrl = 'https://pypi.org';
  readonly calls: string[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(
    private readonly projects: Record<string, ProjectInfo | null> = {},
    private readonly pages: Record<string, SimpleProject | null> = {},
    private readonly failing: ReadonlySet<string> = new Set(),
  ) {}

  async project(name: string): Promise<ProjectInfo | null> {
    return this.answer(`project:${name}`, name, () => this.projects[name] ?? null);
  }

  async release(): Promise<null> {
    throw new Error('the risk checks must not ask for single releases');
  }

  async simpleProject(name: string): Promise<SimpleProject | null> {
    return this.answer(`simple:${name}`, name, () => this.pages[name] ?? null);
  }

  private async answer<T>(call: string, name: string, value: () => T): Promise<T> {
    this.calls.push(call);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.inFlight--;
    if (this.failing.has(name)) throw new Error(`index unreachable for ${name}`);
    return value();
  }
}

/** snapshotOf is a RegistrySnapshot straight from maps, for calling one check directly. */
export function snapshotOf(projects: Record<string, ProjectInfo | null>, pages: Record<string, SimpleProject | null> = {}): RegistrySnapshot {
  return {
    baseUrl: 'https://pypi.org',
    project: (name) => (name in projects ? projects[name] : undefined),
    simple: (name) => (name in pages ? pages[name] : undefined),
  };
}

/** contextOf builds a RiskContext for one check. */
export function contextOf(input: RiskInput, fields: Partial<Omit<RiskContext, 'input'>> = {}): RiskContext {
  return {
    input,
    config: DEFAULT_RISK_CONFIG,
    now: new Date('2025-06-01T00:00:00Z'),
    minimumReleaseAgeMs: null,
    registry: null,
    ...fields,
  };
}
