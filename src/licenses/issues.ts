/**
 * GitHub issues for license violations, planned as data (the GitHub calls are made elsewhere): which
 * issues should exist (`desiredLicenseIssues`) and what to do to the existing ones to get there
 * (`reconcileLicenseIssues`). Issues are found by their hidden marker, never by title, so a renamed
 * issue is still pipwarden's and a human's issue that mentions a package is never touched.
 *
 * The plan is idempotent: applying it and planning again gives no action. A human's decision stands: an
 * issue a person closed stays closed while the package's license stays the same; when the license
 * changes, the old decision was about another license, so the issue is reopened (one thread per package
 * keeps the history of the earlier decision next to the new question).
 */
import type { Dependency } from '../manifests/inventory.js';
import type { LicenseEntry } from '../report/types.js';
import { licenseIssueBody, licenseLabel, readLicenseMarkers } from './issue-body.js';

export { licenseExpressionMarker, licenseIssueMarker, readLicenseMarkers } from './issue-body.js';

/** DesiredLicenseIssue is the issue one violating package should have. */
export interface DesiredLicenseIssue {
  /** PEP 503 name. */
  package: string;
  /** The license the issue is about (the expression marker's value). */
  license: string;
  title: string;
  body: string;
  labels: string[];
}

/** ExistingLicenseIssue is an issue as GitHub lists it, with who closed it. */
export interface ExistingLicenseIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  /** GitHub's `state_reason`: `completed`, `not_planned`, `reopened`, or null. */
  stateReason: string | null;
  /** True when pipwarden closed it (the violation went away), false when a person did. */
  closedByBot: boolean;
  labels: string[];
}

/** LicenseIssueAction is one write to make. Issues that are already right get no action. */
export type LicenseIssueAction =
  | { kind: 'create'; package: string; title: string; body: string; labels: string[] }
  | { kind: 'update'; number: number; package: string; title: string; body: string; labels: string[] }
  | { kind: 'reopen'; number: number; package: string; title: string; body: string; labels: string[]; comment: string }
  | { kind: 'close'; number: number; package: string; comment: string; stateReason: 'completed' | 'not_planned' };

/** DesiredIssuesOptions are the issue labels and the inventory the bodies cite. */
export interface DesiredIssuesOptions {
  labels: readonly string[];
  /** The audit's dependencies: where each package is declared and through which direct dependency. */
  dependencies?: readonly Dependency[];
}

/** desiredLicenseIssues plans one issue per violating package (all its violating versions together), sorted by package. */
export function desiredLicenseIssues(entries: readonly LicenseEntry[], options: DesiredIssuesOptions): DesiredLicenseIssue[] {
  const byPackage = new Map<string, LicenseEntry[]>();
  for (const entry of entries) {
    if (!entry.violation) continue;
    byPackage.set(entry.package, [...(byPackage.get(entry.package) ?? []), entry]);
  }
  return [...byPackage.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([pkg, group]) => {
      const sorted = [...group].sort((a, b) => (a.version ?? '').localeCompare(b.version ?? ''));
      const versions = sorted.map((e) => e.version).filter((v): v is string => v !== null);
      const license = [...new Set(sorted.map((e) => e.expression ?? 'unknown'))].join(' / ');
      const label = [...new Set(sorted.map(licenseLabel))].join(' / ');
      const title = `License policy: ${pkg}${versions.length > 0 ? ` ${versions.join(', ')}` : ''} is ${label}`;
      const body = licenseIssueBody({ package: pkg, entries: sorted, license, dependencies: options.dependencies ?? [] });
      return { package: pkg, license, title, body, labels: [...options.labels] };
    });
}

/** reconcileLicenseIssues plans the writes that bring the existing issues in line with the desired ones. */
export function reconcileLicenseIssues(desired: readonly DesiredLicenseIssue[], existing: readonly ExistingLicenseIssue[]): LicenseIssueAction[] {
  const actions: LicenseIssueAction[] = [];
  const ours = new Map<string, ExistingLicenseIssue[]>();
  for (const issue of existing) {
    const markers = readLicenseMarkers(issue.body);
    if (!markers) continue;
    ours.set(markers.package, [...(ours.get(markers.package) ?? []), issue]);
  }
  const wanted = new Set(desired.map((d) => d.package));

  for (const want of desired) {
    const issues = [...(ours.get(want.package) ?? [])].sort((a, b) => a.number - b.number);
    const open = issues.filter((i) => i.state === 'open');
    const [keeper, ...duplicates] = open;
    if (keeper) {
      const labels = mergedLabels(keeper.labels, want.labels);
      if (keeper.title !== want.title || keeper.body !== want.body || labels.length !== keeper.labels.length) {
        actions.push({ kind: 'update', number: keeper.number, package: want.package, title: want.title, body: want.body, labels });
      }
      for (const duplicate of duplicates) {
        actions.push({ kind: 'close', number: duplicate.number, package: want.package, comment: `Duplicate of #${keeper.number}.`, stateReason: 'not_planned' });
      }
      continue;
    }
    const latest = issues[issues.length - 1];
    if (!latest) {
      actions.push({ kind: 'create', package: want.package, title: want.title, body: want.body, labels: [...want.labels] });
      continue;
    }
    const labels = mergedLabels(latest.labels, want.labels);
    const reopen = { kind: 'reopen' as const, number: latest.number, package: want.package, title: want.title, body: want.body, labels };
    if (latest.closedByBot) {
      actions.push({ ...reopen, comment: `The license policy violation is back: ${want.title.replace(/^License policy: /, '')}.` });
      continue;
    }
    const before = readLicenseMarkers(latest.body)?.license ?? null;
    if (before !== want.license) {
      actions.push({
        ...reopen,
        comment: `This issue was closed for ${before ?? 'an earlier license'}. ${want.package} is now licensed ${want.license}, which the license policy does not accept either, so it is open again.`,
      });
    }
    // Closed by a person for this very license: their decision stands.
  }

  for (const [pkg, issues] of ours) {
    if (wanted.has(pkg)) continue;
    for (const issue of issues) {
      if (issue.state !== 'open') continue;
      actions.push({
        kind: 'close',
        number: issue.number,
        package: pkg,
        comment: `pipwarden no longer finds this license policy violation: ${pkg} was removed or changed, its license changed, or the policy now accepts it.`,
        stateReason: 'completed',
      });
    }
  }
  return actions;
}

/** mergedLabels keeps the issue's labels (a human may have added some) and adds the missing desired ones. */
function mergedLabels(current: readonly string[], desired: readonly string[]): string[] {
  return [...current, ...desired.filter((l) => !current.includes(l))];
}
