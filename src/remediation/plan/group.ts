/**
 * Grouping: which fixes of a project go into one pull request (issue 5, "Grouping and ranking").
 *
 * The planner hands over FixUnits: a vulnerable package's update with the updates it cannot go without
 * (bumps of packages that cap it, see cap.ts). A unit is never split. Groups never mix projects.
 *
 * 1. Named groups (`remediation.groups`) take their units first: a unit joins the first group one of
 *    whose `patterns` matches one of its vulnerable packages (and no `excludePatterns` does), when its
 *    worst advisory is at least the group's `severity`. Breaking upgrades included: naming a group is
 *    asking for those packages together.
 * 2. The rest follow `remediation.strategy`:
 *    - `default`: every non-breaking unit in `security-<project>`; each breaking unit alone in
 *      `<package>-major`;
 *    - `single`: every unit in `security-<project>`;
 *    - `per-package`: one group per vulnerable package, `<package>`;
 *    - `by-severity`: non-breaking units by their worst severity in `severity-<level>`; each breaking
 *      unit alone in `<package>-major`.
 *
 * Ids are stable (the branch is `pipwarden/<id>`): the project slug is the project folder with every run
 * of other characters than `a-z0-9` turned into `-` (`root` for the repository root), and groups of a
 * project other than the root end with `-<slug>` (`django-major-services-api`); `security-<slug>` carries
 * it always. Named groups are `group-<name>` (the name lowercased). Ids are cut at 100 characters (branch
 * names); ids that still collide get `-2`, `-3`… (uniqueIds).
 */
import { SEVERITY_ORDER, type Severity, type VulnerabilityFinding } from '../../advisories/finding.js';
import type { PlannedUpdate, RemediationGroup } from '../types.js';
import type { RemediationConfig, RemediationGroupConfig } from './config.js';
import { compilePattern } from './patterns.js';
import { groupTitle } from './title.js';

/** FixUnit is a vulnerable package's update together with the updates it needs; never split. */
export interface FixUnit {
  /** The project root (`.` for the repository root). */
  project: string;
  /** The vulnerable packages it fixes (PEP 503), the most severe first. */
  packages: string[];
  /** The updates: the vulnerable packages' first, then the cap lifts. */
  updates: PlannedUpdate[];
  /** The active findings it fixes. */
  findings: VulnerabilityFinding[];
}

/** DraftGroup is a group before titles and ranks. */
export interface DraftGroup {
  id: string;
  project: string;
  units: FixUnit[];
}

/** worstSeverity is the most severe severity among findings (`unknown` when there are none). */
export function worstSeverity(findings: readonly Pick<VulnerabilityFinding, 'severity'>[]): Severity {
  let worst = SEVERITY_ORDER.length - 1;
  for (const finding of findings) worst = Math.min(worst, SEVERITY_ORDER.indexOf(finding.severity));
  return SEVERITY_ORDER[worst] ?? 'unknown';
}

/** highestScore is the highest CVSS score among findings, null when none is scored. */
export function highestScore(findings: readonly Pick<VulnerabilityFinding, 'score'>[]): number | null {
  const scores = findings.map((f) => f.score).filter((s): s is number => typeof s === 'number');
  return scores.length === 0 ? null : Math.max(...scores);
}

/** compareUnits orders units most urgent first: worst severity, highest score, then the lead package name. */
export function compareUnits(a: FixUnit, b: FixUnit): number {
  const bySeverity = SEVERITY_ORDER.indexOf(worstSeverity(a.findings)) - SEVERITY_ORDER.indexOf(worstSeverity(b.findings));
  if (bySeverity !== 0) return bySeverity;
  const byScore = (highestScore(b.findings) ?? -1) - (highestScore(a.findings) ?? -1);
  if (byScore !== 0) return byScore;
  const [nameA = '', nameB = ''] = [a.packages[0], b.packages[0]];
  return nameA < nameB ? -1 : nameA > nameB ? 1 : 0;
}

/** projectSlug is the part of group ids that names a project (see the module comment). */
export function projectSlug(root: string): string {
  const slug = root
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug === '' ? 'root' : slug;
}

/** groupUnits assigns every unit to a draft group (see the module comment). Drafts come in first-use order. */
export function groupUnits(units: readonly FixUnit[], config: Pick<RemediationConfig, 'strategy' | 'groups'>): DraftGroup[] {
  const named = config.groups.map((group) => ({ group, matches: namedGroupTest(group) }));
  const drafts = new Map<string, DraftGroup>();
  for (const unit of units) {
    const id = groupIdOf(unit, config.strategy, named.find((n) => n.matches(unit))?.group);
    const key = `${unit.project}\u0000${id}`;
    const draft = drafts.get(key) ?? { id, project: unit.project, units: [] };
    draft.units.push(unit);
    drafts.set(key, draft);
  }
  return [...drafts.values()];
}

/** buildGroup turns a draft into a RemediationGroup (rank 0: rankGroups numbers them). */
export function buildGroup(draft: DraftGroup): RemediationGroup {
  const units = [...draft.units].sort(compareUnits);
  const updates = units.flatMap((u) => u.updates);
  const findings = uniqueFindings(units.flatMap((u) => u.findings));
  const packages = [...new Set(units.flatMap((u) => u.packages))];
  return {
    id: draft.id,
    title: groupTitle({ advisories: findings, packages, updates, project: draft.project }),
    rank: 0,
    severity: worstSeverity(findings),
    updates,
    score: highestScore(findings),
    project: draft.project,
  };
}

/** uniqueIds makes group ids unique across projects whose slugs collide (`a/b` and `a-b`): `-2`, `-3`… */
export function uniqueIds(groups: readonly RemediationGroup[]): RemediationGroup[] {
  const used = new Set<string>();
  return groups.map((group) => {
    let id = group.id;
    for (let n = 2; used.has(id); n++) id = `${group.id}-${n}`;
    used.add(id);
    return id === group.id ? group : { ...group, id };
  });
}

/** MAX_ID_LENGTH bounds ids: they become branch names, and git refuses very long ref components. */
const MAX_ID_LENGTH = 100;

function groupIdOf(unit: FixUnit, strategy: RemediationConfig['strategy'], named: RemediationGroupConfig | undefined): string {
  const id = rawGroupId(unit, strategy, named);
  return id.length <= MAX_ID_LENGTH ? id : id.slice(0, MAX_ID_LENGTH).replace(/-+$/, '');
}

function rawGroupId(unit: FixUnit, strategy: RemediationConfig['strategy'], named: RemediationGroupConfig | undefined): string {
  const suffix = unit.project === '.' || unit.project === '' ? '' : `-${projectSlug(unit.project)}`;
  const lead = unit.packages[0] ?? unit.updates[0]?.package ?? 'package';
  const breaking = unit.updates.some((u) => u.breaking);
  if (named !== undefined) return `group-${named.name.toLowerCase()}${suffix}`;
  switch (strategy) {
    case 'single':
      return `security-${projectSlug(unit.project)}`;
    case 'per-package':
      return `${lead}${suffix}`;
    case 'by-severity':
      return breaking ? `${lead}-major${suffix}` : `severity-${worstSeverity(unit.findings)}${suffix}`;
    case 'default':
      return breaking ? `${lead}-major${suffix}` : `security-${projectSlug(unit.project)}`;
  }
}

function namedGroupTest(group: RemediationGroupConfig): (unit: FixUnit) => boolean {
  const include = group.patterns.map(compilePattern);
  const exclude = group.excludePatterns.map(compilePattern);
  const least = group.severity === undefined ? SEVERITY_ORDER.length - 1 : SEVERITY_ORDER.indexOf(group.severity);
  return (unit) =>
    SEVERITY_ORDER.indexOf(worstSeverity(unit.findings)) <= least &&
    unit.packages.some((name) => include.some((test) => test(name)) && !exclude.some((test) => test(name)));
}

function uniqueFindings(findings: readonly VulnerabilityFinding[]): VulnerabilityFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    if (seen.has(f.id)) return false;
    seen.add(f.id);
    return true;
  });
}
