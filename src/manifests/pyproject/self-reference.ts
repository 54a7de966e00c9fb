/**
 * A project often names itself to reuse its own extras: `all = ["myproject[test,docs]"]` in
 * `[project.optional-dependencies]`, or `dev = ["myproject[test]"]` in a dependency group. That entry
 * is not a package to audit (it is the project itself): it becomes a skip, and the requirements of the
 * extras it names (recursively) also join the groups of the entry that named them.
 * See https://packaging.python.org/en/latest/specifications/dependency-specifiers/#extras
 */
import { normalizePackageName } from '../pep508.js';
import type { Requirement } from '../types.js';
import type { PyprojectContext } from './context.js';
import { addGroups } from './groups.js';

/** resolveSelfReferences removes requirements naming the project and spreads their groups to extras. */
export function resolveSelfReferences(
  ctx: PyprojectContext,
  projectName: string | undefined,
  extras: ReadonlyMap<string, Requirement[]>,
): void {
  if (projectName === undefined) return;
  const self = normalizePackageName(projectName);
  const references = ctx.requirements.filter((r) => r.normalizedName === self);
  if (references.length === 0) return;

  const kept = ctx.requirements.filter((r) => r.normalizedName !== self);
  ctx.requirements.length = 0;
  for (const requirement of kept) ctx.requirements.push(requirement);

  for (const reference of references) {
    const named = reference.extras.length > 0 ? ` with extras ${reference.extras.join(', ')}` : '';
    const spread = reference.extras.length > 0 ? `; their requirements also count in ${reference.groups.join(', ')}` : '';
    ctx.skip(reference.lines, `the project itself${named}, not a package to audit${spread}`);

    // Breadth-first over extras, so `all → test → base` chains and cycles both end.
    const visited = new Set<string>();
    const queue = reference.extras.map(normalizePackageName);
    while (queue.length > 0) {
      const extra = queue.shift() as string;
      if (visited.has(extra)) continue;
      visited.add(extra);
      for (const member of extras.get(extra) ?? []) {
        if (member.normalizedName === self) queue.push(...member.extras.map(normalizePackageName));
        else addGroups(member, reference.groups);
      }
    }
  }
}
