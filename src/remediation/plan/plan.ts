/**
 * planRemediation turns a report's vulnerabilities into the report's `remediation` section: for each
 * project and each vulnerable dependency, the target version (target.ts), the bumps of packages whose
 * caps block it (cap.ts), the files each update changes (manifests.ts); then groups (group.ts), titles
 * (title.ts), ranks and the open pull request limit (rank.ts). What cannot be fixed is listed with the
 * reason.
 *
 * Decisions:
 * - Only confirmed, unsuppressed findings are planned for (the report's `vulnerabilities` without
 *   `suppressed`). Potential findings of range-only dependencies have no version to move from.
 * - Suppressed advisories of a package never block a candidate version: the team accepted them.
 * - Exact matching needs the OSV records (`advisories`, by PEP 503 name, as the advisory sources returned
 *   them); without them, pip-audit's rule on the findings' `fixedIn` (affected.ts). Sources queried by
 *   version may not return advisories that only hit newer versions: the verify stage re-audits the
 *   edited files before anything is published.
 * - The registry is asked once per package (`project`) and, for caps, per dependent release. A registry
 *   that fails or does not know the package is treated as offline for that package (targets from the
 *   advisories' fixed versions), never as "no fix".
 * - A dependency installed from a direct URL (`name @ https://…`) cannot be moved by version: unfixable.
 * - A transitive dependency is fixed through its lock file (`transitive: true`), or a constraint where no
 *   lock holds it (manifests.ts says which file).
 * - Updates that touch the same package at the same version in one project (a cap lift of a package that
 *   is itself vulnerable) are merged into one update at the higher version, and their units into one
 *   group: one pull request cannot move a package to two versions.
 * - `remediation.enabled: false` gives an empty plan.
 * Pure apart from the injected registry: the clock is `now`.
 */
import { SEVERITY_ORDER, type VulnerabilityFinding } from '../../advisories/finding.js';
import { fixedVersions } from '../../advisories/match.js';
import { compareFindings } from '../../advisories/severity.js';
import type { SuppressedFinding } from '../../advisories/suppress.js';
import type { OsvRecord } from '../../advisories/types.js';
import type { Dependency } from '../../manifests/inventory.js';
import type { ProjectSummary } from '../../manifests/project-summary.js';
import type { Manifest } from '../../manifests/types.js';
import { compareValidVersions, versionIdentity } from '../../pep440/index.js';
import type { PackageRegistry, ReleaseInfo } from '../../registry/types.js';
import type { Report } from '../../report/types.js';
import type { PlannedUpdate, RemediationPlan, Unfixable } from '../types.js';
import { affectedByFindings, affectedByRecords, combineChecks, identifiersOf, type AffectedCheck } from './affected.js';
import { breakingReasons } from './breaking.js';
import { allowedByAll, CAP_SEARCH_LIMIT, liftCap, requirementsOn, type CapRequirement } from './cap.js';
import type { RemediationConfig } from './config.js';
import { buildGroup, compareUnits, groupUnits, uniqueIds, worstSeverity, type FixUnit } from './group.js';
import { filesToEdit, manifestIndex, type ManifestIndex } from './manifests.js';
import { lowestPython } from './python.js';
import { applyPullRequestLimit, rankGroups } from './rank.js';
import { chooseTarget, preferredCandidate, type TargetCandidate } from './target.js';

/** PlanInput is what the planner needs. */
export interface PlanInput {
  /** The audit's report: vulnerabilities, dependencies, projects and manifests (kinds). */
  report: Pick<Report, 'vulnerabilities' | 'dependencies' | 'projects' | 'manifests'>;
  /** The package index; null offline (targets then come from the advisories' fixed versions). */
  registry: PackageRegistry | null;
  /** The `remediation` section. */
  config: RemediationConfig;
  /** The top-level `minimumReleaseAge` in ms (parseDuration); null: no minimum. */
  minimumReleaseAgeMs: number | null;
  now: Date;
  /** OSV records by PEP 503 package name, for exact matching of candidate versions (optional). */
  advisories?: ReadonlyMap<string, readonly OsvRecord[]>;
  /** The parsed manifests, so each declaration is judged by its own requirement (optional, manifests.ts). */
  parsedManifests?: readonly Manifest[];
  /** How many newer releases of a capping package to read at most (default 20). */
  capSearchLimit?: number;
}

/** planRemediation builds the remediation plan of a report (see the module comment). */
export async function planRemediation(input: PlanInput): Promise<RemediationPlan> {
  if (!input.config.enabled) return { groups: [], unfixable: [] };
  const active = input.report.vulnerabilities.filter((f) => !f.suppressed);
  if (active.length === 0) return { groups: [], unfixable: [] };

  const context = new PlanContext(input);
  const tasks = vulnerableEntries(active).flatMap((entry) => context.tasksOf(entry));
  const outcomes = await Promise.all(tasks.map((task) => context.plan(task)));

  const units: FixUnit[] = [];
  const unfixable: Unfixable[] = [...context.orphans];
  for (const outcome of outcomes) {
    if ('reason' in outcome) unfixable.push(outcome);
    else units.push(outcome);
  }
  const drafts = groupUnits(mergeUnits(units), input.config);
  const groups = applyPullRequestLimit(rankGroups(uniqueIds(drafts.map(buildGroup))), input.config.openPullRequestsLimit);
  return { groups, unfixable: dedupeUnfixable(unfixable) };
}

/** VulnerableEntry is the active findings of one (package, version). */
interface VulnerableEntry {
  package: string;
  version: string;
  findings: SuppressedFinding[];
}

/** Task is one vulnerable dependency within one project. */
interface Task {
  project: ProjectSummary;
  /** The dependency, its manifests and locations limited to the project. */
  dependency: Dependency;
  findings: VulnerabilityFinding[];
}

function vulnerableEntries(findings: readonly SuppressedFinding[]): VulnerableEntry[] {
  const entries = new Map<string, VulnerableEntry>();
  for (const finding of findings) {
    const key = `${finding.package}\u0000${versionIdentity(finding.version)}`;
    const entry = entries.get(key) ?? { package: finding.package, version: finding.version, findings: [] };
    entry.findings.push(finding);
    entries.set(key, entry);
  }
  return [...entries.values()].map((e) => ({ ...e, findings: [...e.findings].sort(compareFindings) }));
}

/** PlanContext holds what every task shares: indexes over the report, the registry's answers. */
class PlanContext {
  /** Findings that matched no dependency of the inventory. */
  readonly orphans: Unfixable[] = [];
  private readonly index: ManifestIndex;
  private readonly projects: ProjectSummary[];
  private readonly releases = new Map<string, Promise<ReleaseInfo[] | null>>();
  private readonly suppressed = new Map<string, Set<string>>();
  /** The inventory by PEP 503 name. */
  private readonly byName = new Map<string, Dependency[]>();

  constructor(private readonly input: PlanInput) {
    this.index = manifestIndex(input.report.manifests, input.parsedManifests);
    for (const d of input.report.dependencies) {
      const list = this.byName.get(d.name);
      if (list) list.push(d);
      else this.byName.set(d.name, [d]);
    }
    this.projects =
      input.report.projects.length > 0
        ? input.report.projects
        : [{ root: '.', packageManagers: [], manifests: input.report.manifests.map((m) => m.path), lockFiles: [], requiresPython: null, application: true, virtualEnvs: [], notes: [] }];
    const activeIds = new Map<string, Set<string>>();
    for (const finding of input.report.vulnerabilities) {
      const target = finding.suppressed ? this.suppressed : activeIds;
      const set = target.get(finding.package) ?? new Set<string>();
      for (const id of identifiersOf(finding)) set.add(id);
      target.set(finding.package, set);
    }
    // An advisory active at one version of a package is never ignored for that package.
    for (const [name, ids] of this.suppressed) for (const id of activeIds.get(name) ?? []) ids.delete(id);
  }

  /** tasksOf splits a vulnerable (package, version) into one task per project that has it. */
  tasksOf(entry: VulnerableEntry): Task[] {
    const key = versionIdentity(entry.version);
    const dependencies = (this.byName.get(entry.package) ?? []).filter((d) => d.version !== null && versionIdentity(d.version) === key);
    const tasks: Task[] = [];
    for (const dependency of dependencies) {
      for (const project of this.projects) {
        const within = limitToProject(dependency, project);
        if (within !== null) tasks.push({ project, dependency: within, findings: entry.findings });
      }
    }
    if (tasks.length === 0) {
      this.orphans.push({
        package: entry.package,
        version: entry.version,
        ids: entry.findings.map((f) => f.id),
        reason: 'not found among the dependencies of any project, so no file can be changed',
      });
    }
    return tasks;
  }

  /** plan plans one task: a unit of updates, or why it is unfixable. */
  async plan(task: Task): Promise<FixUnit | Unfixable> {
    const { dependency, project, findings } = task;
    const name = dependency.name;
    const current = dependency.version ?? '';
    const unfixable = (reason: string): Unfixable => ({ package: name, version: current, ids: findings.map((f) => f.id), reason, project: project.root });
    if (dependency.source?.type === 'url') {
      return unfixable(`installed from a direct URL (${dependency.source.url}), not from the index: point it at a fixed release`);
    }
    const records = this.input.advisories?.get(name) ?? [];
    const releases = await this.releasesOf(name);
    const result = chooseTarget({
      package: name,
      current,
      specifier: dependency.specifier,
      findings,
      isAffected: this.affectedCheck(name, current, findings, records),
      releases,
      advisedFixes: records.flatMap((record) => fixedVersions(record, name)),
      requiresPython: project.requiresPython,
      minimumReleaseAgeMs: this.input.minimumReleaseAgeMs,
      allowBreaking: this.input.config.allowBreaking,
      now: this.input.now,
    });
    if (!result.ok) return unfixable(result.reason);

    let target = result.target;
    const lifts: PlannedUpdate[] = [];
    const registry = this.input.registry;
    if (registry !== null && (dependency.dependents?.length ?? 0) > 0) {
      const dependents = this.dependentsOf(dependency, project);
      const requirements = await requirementsOn(registry, name, dependents, project.requiresPython);
      if (!allowedByAll(requirements, target.version)) {
        const within = preferredCandidate(result.candidates, (version) => allowedByAll(requirements, version));
        if (within !== null) {
          target = within;
        } else {
          const lifted = await this.liftCaps(registry, requirements, name, target, project, dependents);
          if (typeof lifted === 'string') return unfixable(lifted);
          lifts.push(...lifted);
        }
      }
    }

    const reasons = target.breakingReasons;
    const update: PlannedUpdate = {
      package: name,
      from: dependency.version,
      to: target.version,
      fixes: findings.map((f) => f.id),
      breaking: reasons.length > 0,
      manifests: filesToEdit(dependency, target.version, this.index, project.manifests),
    };
    if (!dependency.direct) update.transitive = true;
    if (reasons.length > 0) update.breakingReasons = reasons;
    return { project: project.root, packages: [name], updates: [update, ...lifts], findings: [...findings] };
  }

  /** liftCaps bumps every dependent whose requirement blocks the target; a string is why it cannot. */
  private async liftCaps(
    registry: PackageRegistry,
    requirements: readonly CapRequirement[],
    name: string,
    target: TargetCandidate,
    project: ProjectSummary,
    dependents: ReadonlyArray<{ name: string; version: string; extras?: readonly string[] }>,
  ): Promise<PlannedUpdate[] | string> {
    const blocking = new Map<string, CapRequirement>();
    for (const requirement of requirements) {
      if (allowedByAll([requirement], target.version)) continue;
      const key = `${requirement.dependent}\u0000${requirement.dependentVersion}`;
      if (!blocking.has(key)) blocking.set(key, requirement);
    }
    const rules = { lowestPython: lowestPython(project.requiresPython), minimumReleaseAgeMs: this.input.minimumReleaseAgeMs, now: this.input.now };
    const updates: PlannedUpdate[] = [];
    for (const cap of blocking.values()) {
      const extras = dependents.find((d) => d.name === cap.dependent && d.version === cap.dependentVersion)?.extras;
      const lift = await liftCap(registry, cap, name, target.version, {
        rules,
        requiresPython: project.requiresPython,
        extras: extras ?? [],
        limit: this.input.capSearchLimit ?? CAP_SEARCH_LIMIT,
      });
      if (!lift.ok) return lift.reason;
      const dependency = this.findDependency(cap.dependent, cap.dependentVersion, project);
      const reasons = breakingReasons(lift.from, lift.to);
      const update: PlannedUpdate = {
        package: cap.dependent,
        from: lift.from,
        to: lift.to,
        fixes: [],
        breaking: reasons.length > 0,
        manifests: dependency === null ? [] : filesToEdit(dependency, lift.to, this.index, project.manifests),
        liftsCapOf: name,
      };
      if (dependency !== null && !dependency.direct) update.transitive = true;
      if (reasons.length > 0) update.breakingReasons = reasons;
      updates.push(update);
    }
    return updates;
  }

  /** dependentsOf lists the locked packages of the project that require the dependency, with their versions. */
  private dependentsOf(dependency: Dependency, project: ProjectSummary): Array<{ name: string; version: string; extras?: string[] }> {
    return [...new Set(dependency.dependents ?? [])]
      .flatMap((name) => this.byName.get(name) ?? [])
      .filter((d) => d.version !== null && limitToProject(d, project) !== null)
      .map((d) => (d.extras ? { name: d.name, version: d.version ?? '', extras: d.extras } : { name: d.name, version: d.version ?? '' }));
  }

  private findDependency(name: string, version: string, project: ProjectSummary): Dependency | null {
    for (const d of this.byName.get(name) ?? []) {
      if (d.version === null || versionIdentity(d.version) !== versionIdentity(version)) continue;
      const within = limitToProject(d, project);
      if (within !== null) return within;
    }
    return null;
  }

  /**
   * affectedCheck is exact with the package's OSV records; findings that no record describes (by id or
   * alias) are checked with pip-audit's rule so none is forgotten.
   */
  private affectedCheck(name: string, current: string, findings: readonly VulnerabilityFinding[], records: readonly OsvRecord[]): AffectedCheck {
    const ignored = this.suppressed.get(name) ?? new Set<string>();
    if (records.length === 0) return affectedByFindings(findings, current);
    const described = new Set(records.flatMap((r) => [r.id, ...(r.aliases ?? [])].map((id) => id.toUpperCase())));
    const uncovered = findings.filter((f) => ![...identifiersOf(f)].some((id) => described.has(id)));
    const exact = affectedByRecords(name, records, ignored);
    return uncovered.length === 0 ? exact : combineChecks(exact, affectedByFindings(uncovered, current));
  }

  /** releasesOf is the package's releases, once per package; null offline, unknown or unreachable. */
  private releasesOf(name: string): Promise<ReleaseInfo[] | null> {
    const registry = this.input.registry;
    if (registry === null) return Promise.resolve(null);
    let known = this.releases.get(name);
    if (known === undefined) {
      known = registry.project(name).then(
        (project) => project?.releases ?? null,
        () => null,
      );
      this.releases.set(name, known);
    }
    return known;
  }
}

/** The manifests of each project as a set, built once per summary object. */
const projectFiles = new WeakMap<ProjectSummary, Set<string>>();

/** limitToProject keeps the manifests and locations of a dependency that belong to a project; null when none. */
function limitToProject(dependency: Dependency, project: ProjectSummary): Dependency | null {
  let files = projectFiles.get(project);
  if (files === undefined) {
    files = new Set(project.manifests);
    projectFiles.set(project, files);
  }
  const manifests = dependency.manifests.filter((m) => files.has(m));
  if (manifests.length === 0) return null;
  return { ...dependency, manifests, locations: dependency.locations.filter((l) => files.has(l.path)) };
}

/**
 * mergeUnits joins the units of a project that update the same package from the same version (a cap
 * lift of a vulnerable package): one update at the higher target, one unit.
 */
function mergeUnits(units: readonly FixUnit[]): FixUnit[] {
  const merged = new Set<FixUnit>();
  /** The merged unit that holds each (project, package, from). */
  const owner = new Map<string, FixUnit>();
  const keys = (unit: FixUnit): string[] => unit.updates.map((u) => `${unit.project}\u0000${u.package}\u0000${u.from ?? ''}`);
  for (const unit of units) {
    const overlapping = [...new Set(keys(unit).map((k) => owner.get(k)).filter((u): u is FixUnit => u !== undefined))];
    const combined = overlapping.reduce(joinUnits, unit);
    for (const other of overlapping) merged.delete(other);
    merged.add(combined);
    for (const key of keys(combined)) owner.set(key, combined);
  }
  return [...merged].sort(compareUnits);
}

function joinUnits(a: FixUnit, b: FixUnit): FixUnit {
  const updates = new Map<string, PlannedUpdate>();
  for (const update of [...a.updates, ...b.updates]) {
    const key = `${update.package}\u0000${update.from ?? ''}`;
    const existing = updates.get(key);
    updates.set(key, existing === undefined ? update : joinUpdates(existing, update));
  }
  const findings = [...a.findings, ...b.findings].filter(
    (f, i, all) => all.findIndex((g) => g.id === f.id && g.package === f.package && g.version === f.version) === i,
  );
  const severityOf = (name: string): number => SEVERITY_ORDER.indexOf(worstSeverity(findings.filter((f) => f.package === name)));
  const packages = [...new Set([...a.packages, ...b.packages])].sort((x, y) => severityOf(x) - severityOf(y) || (x < y ? -1 : x > y ? 1 : 0));
  // Vulnerable packages' updates first, in the order of `packages`, then the lifts.
  const ordered = [...updates.values()].sort((x, y) => rankOf(x, packages) - rankOf(y, packages));
  return { project: a.project, packages, updates: ordered, findings };
}

function rankOf(update: PlannedUpdate, packages: readonly string[]): number {
  const index = update.fixes.length > 0 ? packages.indexOf(update.package) : -1;
  return index < 0 ? packages.length : index;
}

function joinUpdates(a: PlannedUpdate, b: PlannedUpdate): PlannedUpdate {
  const to = compareValidVersions(a.to, b.to) >= 0 ? a.to : b.to;
  const reasons = breakingReasons(a.from, to);
  const joined: PlannedUpdate = {
    package: a.package,
    from: a.from,
    to,
    fixes: [...new Set([...a.fixes, ...b.fixes])],
    breaking: reasons.length > 0,
    manifests: [...new Set([...a.manifests, ...b.manifests])],
  };
  const lifts = a.liftsCapOf ?? b.liftsCapOf;
  if (lifts !== undefined) joined.liftsCapOf = lifts;
  if (a.transitive === true && b.transitive === true) joined.transitive = true;
  if (reasons.length > 0) joined.breakingReasons = reasons;
  return joined;
}

/** dedupeUnfixable keeps one entry per (package, version, project, reason), sorted by package and version. */
function dedupeUnfixable(list: readonly Unfixable[]): Unfixable[] {
  const seen = new Map<string, Unfixable>();
  for (const entry of list) {
    const key = `${entry.package}\u0000${entry.version ?? ''}\u0000${entry.project ?? ''}\u0000${entry.reason}`;
    if (!seen.has(key)) seen.set(key, entry);
  }
  return [...seen.values()].sort(
    (a, b) =>
      compareText(a.package, b.package) || compareText(a.version ?? '', b.version ?? '') || compareText(a.project ?? '', b.project ?? ''),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
