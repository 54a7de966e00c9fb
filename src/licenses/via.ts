/**
 * Which direct dependencies bring a transitive package in: the answer a maintainer needs to act on a
 * license violation deep in a lock file ("drop or replace X, which pulls this in").
 */
import type { Dependency } from '../manifests/inventory.js';

/** ViaIndex answers "which direct dependencies bring this package in" for one inventory. */
export interface ViaIndex {
  /** The direct dependencies (PEP 503 names, sorted) that reach `name`; empty for a direct dependency. */
  via(name: string): string[];
}

/**
 * viaIndex builds the index of an inventory. It walks `Dependency.dependents` upwards and stops at the
 * first direct dependency on each path; lock graphs have cycles, so every name is visited once.
 */
export function viaIndex(dependencies: readonly Dependency[]): ViaIndex {
  const byName = new Map<string, Dependency[]>();
  for (const dependency of dependencies) byName.set(dependency.name, [...(byName.get(dependency.name) ?? []), dependency]);
  const isDirect = (name: string): boolean => (byName.get(name) ?? []).some((d) => d.direct);
  const dependentsOf = (name: string): string[] => [...new Set((byName.get(name) ?? []).flatMap((d) => d.dependents ?? []))];
  const memo = new Map<string, string[]>();

  return {
    via(name: string): string[] {
      if (isDirect(name)) return [];
      const cached = memo.get(name);
      if (cached) return cached;
      const found = new Set<string>();
      const seen = new Set<string>([name]);
      const pending = dependentsOf(name);
      while (pending.length > 0) {
        const current = pending.pop() as string;
        if (seen.has(current)) continue;
        seen.add(current);
        if (isDirect(current)) found.add(current);
        else pending.push(...dependentsOf(current));
      }
      const result = [...found].sort();
      memo.set(name, result);
      return result;
    },
  };
}
