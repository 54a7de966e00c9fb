/**
 * auditRepository is the pipeline as one function: read the tree, parse every dependency file, build the
 * inventory and the project summary, and return the report. Later stages (advisories, licenses, risks,
 * code, remediation) plug in here as their issues land.
 */
import { scanVulnerabilities } from './advisories/scan.js';
import { scanCode } from './code/scan.js';
import { parseDuration } from './config/duration.js';
import { checkLicenses, projectLicense } from './licenses/index.js';
import type { PackageRegistry } from './registry/types.js';
import { planRemediation } from './remediation/plan/index.js';
import { runRiskChecks } from './risks/index.js';
import type { AdvisorySource } from './advisories/types.js';
import type { PipwardenConfig } from './config/schema.js';
import { toolIgnores } from './config/tool-ignores.js';
import { collectManifests, type CollectedManifests } from './manifests/collect.js';
import { buildInventory, type Dependency } from './manifests/inventory.js';
import { summarizeProjects, type ProjectSummary } from './manifests/project-summary.js';
import { layoutProjects } from './manifests/projects.js';
import { SEVERITY_ORDER, type Report, type ReportManifest, type Severity } from './report/types.js';
import type { Problem } from './manifests/types.js';
import type { RepoFiles } from './sources/types.js';
import { TOOL_VERSION } from './version.js';

/** AuditOptions are the inputs of an audit that are not files. */
export interface AuditOptions {
  /** The clock, passed in so the pipeline stays deterministic under test. */
  now: Date;
  /** How the audited root is named in the report (a folder, or `owner/repo@sha`). */
  rootLabel: string;
  /** The advisory databases to ask (none: vulnerabilities are reported as not checked). */
  sources: readonly AdvisorySource[];
  config: PipwardenConfig;
  /** Problems found while reading the configuration: reported, never fatal. */
  configErrors?: Problem[];
  /**
   * The package index (PyPI) for licenses and supply-chain risks. Null or absent: offline, so licenses are
   * "not checked" and the registry-based risk checks are skipped, never guessed.
   */
  registry?: PackageRegistry | null;
}

/** Inventory is the first half of the pipeline: the parsed files, the dependencies and the projects. */
export interface Inventory {
  collected: CollectedManifests;
  dependencies: Dependency[];
  projects: ProjectSummary[];
}

/** readInventory reads and parses the dependency files of a tree and builds the inventory. */
export async function readInventory(files: RepoFiles): Promise<Inventory> {
  const collected = await collectManifests(files);
  const layout = layoutProjects(collected.manifests, collected.includedBy);
  return { collected, dependencies: buildInventory(layout), projects: summarizeProjects(layout, collected.contents, collected.virtualEnvs) };
}

/** auditRepository audits one tree and returns its report. */
export async function auditRepository(files: RepoFiles, options: AuditOptions): Promise<Report> {
  const { collected, dependencies, projects } = await readInventory(files);
  const manifests: ReportManifest[] = collected.manifests.map((m) => {
    const entry: ReportManifest = { path: m.path, kind: m.kind, errors: m.errors, requirementCount: m.requirements.length };
    if (m.dialects && m.dialects.length > 1) entry.dialects = m.dialects;
    if (m.requiresPython) entry.requiresPython = m.requiresPython;
    if (m.skipped && m.skipped.length > 0) entry.skipped = m.skipped;
    if (m.indexes && m.indexes.length > 0) entry.indexes = m.indexes;
    if (m.includes && m.includes.length > 0) entry.includes = m.includes;
    return entry;
  });
  const requiresPythonByManifest = new Map(projects.flatMap((p) => p.manifests.map((m) => [m, p.requiresPython] as const)));
  const ignores = [
    ...options.config.ignore,
    ...[...collected.contents.entries()]
      .filter(([path]) => path === 'pyproject.toml' || path.endsWith('/pyproject.toml'))
      .flatMap(([path, text]) => toolIgnores(text, path)),
  ];
  const scan = await scanVulnerabilities(options.sources, {
    dependencies,
    requiresPythonOf: (path) => requiresPythonByManifest.get(path) ?? null,
    ignores,
    now: options.now,
  });
  const vulnerabilities = Object.fromEntries(SEVERITY_ORDER.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of scan.findings) if (!finding.suppressed) vulnerabilities[finding.severity]++;
  const rootPyproject = collected.contents.get('pyproject.toml') ?? null;
  const registry = options.registry ?? null;
  const minimumReleaseAgeMs = options.config.minimumReleaseAge ? parseDuration(options.config.minimumReleaseAge) : null;
  // The three enrichments are independent: run them together (the registry memoises shared lookups).
  const [code, licenses, risks] = await Promise.all([
    scanCode(files, collected.listing, { code: options.config.code, secrets: options.config.secrets, rootPyproject }),
    checkLicenses({
      dependencies,
      registry,
      config: options.config.licenses,
      projectLicense: rootPyproject === null ? null : projectLicense(rootPyproject),
    }),
    runRiskChecks(
      { manifests: collected.manifests, dependencies, projects, contents: collected.contents },
      { registry, now: options.now, config: options.config.risks, minimumReleaseAgeMs },
    ),
  ]);
  const remediation = await planRemediation({
    report: { vulnerabilities: scan.findings, dependencies, projects, manifests },
    registry,
    config: options.config.remediation,
    minimumReleaseAgeMs,
    now: options.now,
    advisories: scan.advisories,
    parsedManifests: collected.manifests,
  });
  const errors = [...(options.configErrors ?? []), ...collected.errors, ...scan.errors, ...code.errors, ...licenses.errors, ...risks.errors];
  const direct = dependencies.filter((d) => d.direct).length;
  return {
    schemaVersion: 1,
    tool: { name: 'pipwarden', version: TOOL_VERSION },
    generatedAt: options.now.toISOString(),
    root: options.rootLabel,
    projects,
    manifests,
    dependencies,
    vulnerabilities: scan.findings,
    potentialVulnerabilities: scan.potential,
    excludedByMarkers: scan.excludedByMarkers,
    advisorySources: scan.sources,
    licenses: licenses.licenses,
    risks: risks.risks,
    codeFindings: code.findings,
    remediation,
    summary: {
      projects: projects.length,
      manifests: manifests.length,
      dependencies: dependencies.length,
      direct,
      transitive: dependencies.length - direct,
      unpinned: dependencies.filter((d) => d.version === null).length,
      vulnerabilities,
      suppressed: scan.findings.filter((f) => f.suppressed).length,
      vulnerabilitiesChecked: scan.errors.length === 0,
      potential: scan.potential.length,
      problems: errors.length + manifests.reduce((n, m) => n + m.errors.length, 0),
      licenseViolations: licenses.licenses.filter((l) => l.violation).length,
      risks: countBy(['critical', 'high', 'medium', 'low', 'info'] as const, risks.risks.map((r) => r.severity)),
      codeFindings: countBy(['high', 'medium', 'low'] as const, code.findings.map((f) => f.severity)),
    },
    errors,
  };
}

/** countBy counts values by key, every key present. */
function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const value of values) counts[value]++;
  return counts;
}
