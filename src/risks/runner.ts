/**
 * runRiskChecks runs every enabled supply-chain check over the audit's data. It owns all registry IO:
 * it asks the registry, before any check runs, for exactly the data the enabled checks need (each
 * project once, at most `concurrency` requests at a time), then hands the checks a snapshot. Checks are
 * isolated: one that throws becomes an error in the result, and the others still run. Offline
 * (`registry: null`), checks that need the registry do not run, and one `info` finding says so:
 * their risks are unknown, not absent.
 */
import { mapWithConcurrency } from '../http/pool.js';
import type { Problem } from '../manifests/types.js';
import type { PackageRegistry, ProjectInfo, SimpleProject } from '../registry/types.js';
import type { RiskFinding, RiskSeverity } from '../report/types.js';
import { RISK_CHECKS } from './checks/index.js';
import { DEFAULT_RISK_CONFIG, type RiskConfig, type RiskKind } from './config.js';
import { showUrl } from './indexes.js';
import { pypiDependencies, uniqueNames } from './scope.js';
import type { RegistrySnapshot, RiskCheck, RiskContext, RiskInput } from './types.js';

/** DEFAULT_CONCURRENCY is how many registry requests are in flight at once by default. */
export const DEFAULT_CONCURRENCY = 8;

/** SKIPPED_KIND is the kind of the `info` finding that says which checks could not run. */
export const SKIPPED_KIND = 'registry-checks-skipped';

/** RiskOptions are the runner's settings. */
export interface RiskOptions {
  /** The package index to ask; null when offline (registry checks are then skipped, never guessed). */
  registry: PackageRegistry | null;
  now: Date;
  /** The `risks` section (default: every check on, default thresholds). */
  config?: RiskConfig;
  /** The top-level `minimumReleaseAge` in ms (parseDuration); null or absent: `too-new` reports nothing. */
  minimumReleaseAgeMs?: number | null;
  /** Registry requests in flight at once (default 8). */
  concurrency?: number;
  /** The checks to run (default: RISK_CHECKS); tests pass their own. */
  checks?: readonly RiskCheck[];
}

/** RiskResult is the findings, the problems met on the way, and the checks that could not run. */
export interface RiskResult {
  risks: RiskFinding[];
  errors: Problem[];
  /** Checks that did not run for lack of registry data (offline, or an index without the Simple API). */
  skipped: RiskKind[];
}

const SEVERITY_RANK: Record<RiskSeverity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
const MAX_NAMES_SHOWN = 10;

/** runRiskChecks runs the enabled checks and returns their findings, sorted by severity. */
export async function runRiskChecks(input: RiskInput, options: RiskOptions): Promise<RiskResult> {
  const config = options.config ?? DEFAULT_RISK_CONFIG;
  const checks = (options.checks ?? RISK_CHECKS).filter((check) => !config.disabled.includes(check.id));
  const base: Omit<RiskContext, 'registry'> = {
    input,
    config,
    now: options.now,
    minimumReleaseAgeMs: options.minimumReleaseAgeMs ?? null,
  };
  const errors: Problem[] = [];
  const risks: RiskFinding[] = [];
  const registry = options.registry;
  const canSimple = typeof registry?.simpleProject === 'function';
  const skipped = checks.filter((check) => {
    if (!needsRegistry(check)) return false;
    return registry === null || (check.registry?.simple === true && !canSimple && check.registry.project !== true);
  });
  if (skipped.length > 0) risks.push(skippedFinding(skipped, registry));

  let snapshot: RegistrySnapshot | null = null;
  if (registry) snapshot = await lookUp(registry, checks.filter((c) => !skipped.includes(c)), base, options.concurrency ?? DEFAULT_CONCURRENCY, errors);

  for (const check of checks) {
    if (skipped.includes(check)) continue;
    const context: RiskContext = { ...base, registry: needsRegistry(check) ? snapshot : null };
    try {
      risks.push(...(await check.run(context)));
    } catch (error) {
      errors.push({ message: `risk check "${check.id}" failed, its risks are unknown: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  const order = new Map<string, number>(checks.map((check, index) => [check.id, index]));
  risks.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (order.get(a.kind) ?? -1) - (order.get(b.kind) ?? -1) ||
      (a.package ?? '').localeCompare(b.package ?? '') ||
      (a.locations?.[0]?.path ?? '').localeCompare(b.locations?.[0]?.path ?? '') ||
      (a.locations?.[0]?.startLine ?? 0) - (b.locations?.[0]?.startLine ?? 0),
  );
  return { risks, errors, skipped: skipped.map((check) => check.id) };
}

function needsRegistry(check: RiskCheck): boolean {
  return check.registry?.project === true || check.registry?.simple === true;
}

function skippedFinding(skipped: readonly RiskCheck[], registry: PackageRegistry | null): RiskFinding {
  const ids = skipped.map((check) => check.id).join(', ');
  const why = registry === null
    ? 'the audit ran offline, so the package index was not asked'
    : `${showUrl(registry.baseUrl)} does not serve the Simple API's JSON form`;
  return {
    kind: SKIPPED_KIND,
    severity: 'info',
    message: `These supply-chain checks did not run because ${why}: ${ids}. Their risks are unknown, not absent.`,
  };
}

/** lookUp fetches what the checks need, each (kind, name) once, and records failures as problems. */
async function lookUp(
  registry: PackageRegistry,
  checks: readonly RiskCheck[],
  base: Omit<RiskContext, 'registry'>,
  concurrency: number,
  errors: Problem[],
): Promise<RegistrySnapshot> {
  const wanted = { project: new Set<string>(), simple: new Set<string>() };
  let defaults: string[] | undefined;
  for (const check of checks) {
    const needs = check.registry;
    if (!needs || !needsRegistry(check)) continue;
    let names: string[];
    try {
      names = needs.names ? needs.names(base) : (defaults ??= uniqueNames(pypiDependencies(base.input.dependencies, base.config, registry.baseUrl)));
    } catch (error) {
      errors.push({ message: `risk check "${check.id}" could not list its packages: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    if (needs.project) for (const name of names) wanted.project.add(name);
    if (needs.simple && registry.simpleProject) for (const name of names) wanted.simple.add(name);
  }
  const projects = new Map<string, ProjectInfo | null>();
  const pages = new Map<string, SimpleProject | null>();
  const failures = { project: [] as Array<{ name: string; error: unknown }>, simple: [] as Array<{ name: string; error: unknown }> };
  const tasks = [
    ...[...wanted.project].map((name) => ({ kind: 'project' as const, name })),
    ...[...wanted.simple].map((name) => ({ kind: 'simple' as const, name })),
  ];
  await mapWithConcurrency(tasks, Math.max(1, concurrency), async ({ kind, name }) => {
    try {
      if (kind === 'project') projects.set(name, await registry.project(name));
      else if (registry.simpleProject) pages.set(name, await registry.simpleProject(name));
    } catch (error) {
      failures[kind].push({ name, error });
    }
  });
  for (const kind of ['project', 'simple'] as const) {
    const failed = failures[kind];
    if (failed.length === 0) continue;
    failed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const names = failed.map((f) => f.name);
    const shown = names.slice(0, MAX_NAMES_SHOWN).join(', ') + (names.length > MAX_NAMES_SHOWN ? ` and ${names.length - MAX_NAMES_SHOWN} more` : '');
    const first = failed[0]?.error;
    const what = kind === 'project' ? 'project data (JSON API)' : 'Simple API pages';
    errors.push({
      message:
        `could not read ${what} of ${names.length} package${names.length === 1 ? '' : 's'} from ${showUrl(registry.baseUrl)}: ${shown}; ` +
        `their registry-based risks are unknown (${first instanceof Error ? first.message : String(first)})`,
    });
  }
  return {
    baseUrl: registry.baseUrl,
    project: (name) => projects.get(name),
    simple: (name) => pages.get(name),
  };
}
