/**
 * License drift between two audits (the base and the head of a pull request): packages whose license
 * changed, and packages that newly break the policy. PR bodies and the PR dependency review list them,
 * so a reviewer sees "this upgrade moves X from MIT to GPL-3.0-only" before merging.
 */
import type { LicenseCategory, LicenseEntry, LicenseViolation } from '../report/types.js';

/** LicenseChange is one package whose license or verdict changed. */
export interface LicenseChange {
  package: string;
  /** Versions before and after (null: not present, or known only by a range). */
  beforeVersion: string | null;
  afterVersion: string | null;
  /** Expressions before and after (null: unknown; for a new package, `before` is null). */
  before: string | null;
  after: string | null;
  beforeCategory: LicenseCategory | null;
  afterCategory: LicenseCategory;
  /** True when the package existed before with another license expression. */
  licenseChanged: boolean;
  /** The violation the package has now and did not have before (same rule), null otherwise. */
  newViolation: LicenseViolation | null;
}

/**
 * licenseChanges compares two license lists by package: a package is reported when it was present
 * before with another expression (a package whose license was unknown on both sides has not changed),
 * or when it violates the policy now and did not before with the same rule (a new package that
 * violates counts). Sorted by package.
 */
export function licenseChanges(before: readonly LicenseEntry[], after: readonly LicenseEntry[]): LicenseChange[] {
  const previous = groupByPackage(before);
  const changes: LicenseChange[] = [];
  for (const [pkg, entries] of groupByPackage(after)) {
    const old = previous.get(pkg) ?? [];
    const oldExpressions = new Set(old.map(expressionKey));
    const oldRules = new Set(old.flatMap((e) => (e.violation ? [e.violation.rule] : [])));
    for (const entry of entries) {
      const licenseChanged = old.length > 0 && !oldExpressions.has(expressionKey(entry));
      const newViolation = entry.violation && !oldRules.has(entry.violation.rule) ? entry.violation : null;
      if (!licenseChanged && !newViolation) continue;
      const counterpart = old.find((e) => e.version === entry.version) ?? old[0];
      changes.push({
        package: pkg,
        beforeVersion: counterpart?.version ?? null,
        afterVersion: entry.version,
        before: counterpart?.expression ?? null,
        after: entry.expression,
        beforeCategory: counterpart?.category ?? null,
        afterCategory: entry.category,
        licenseChanged,
        newViolation,
      });
    }
  }
  return changes.sort((a, b) => (a.package < b.package ? -1 : a.package > b.package ? 1 : 0));
}

function groupByPackage(entries: readonly LicenseEntry[]): Map<string, LicenseEntry[]> {
  const groups = new Map<string, LicenseEntry[]>();
  for (const entry of entries) groups.set(entry.package, [...(groups.get(entry.package) ?? []), entry]);
  return groups;
}

/** Unknown on both sides is no change ("see LICENSE" → "UNKNOWN"); unknown → MIT is. */
function expressionKey(entry: LicenseEntry): string {
  return entry.expression ?? '\u0000unknown';
}
