/**
 * What an edit of pyproject.toml did to one package's declared requirements: each specifier before and
 * after (`>=4.2,<5` → `>=4.2.10,<5`). uv records the project's declared requirements in uv.lock
 * (`[package.metadata] requires-dist`, `requires-dev`, `[manifest] constraints`) and treats the lock as
 * stale when they differ from pyproject.toml, so an in-place edit carries the same change over.
 */
import { normalizePackageName } from '../../manifests/pep508.js';
import { parsePyproject } from '../../manifests/pyproject/index.js';

/** SpecifierChanges maps a specifier's clause key (see `clauseKey`) before the edit to its text after. */
export type SpecifierChanges = { ok: true; changes: Map<string, string> } | { ok: false; reason: string };

/** clauseKey compares specifiers by their clauses, in any order and spacing. */
export function clauseKey(specifier: string | null | undefined): string {
  return (specifier ?? '')
    .split(',')
    .map((clause) => clause.replace(/\s+/g, ''))
    .filter((clause) => clause !== '')
    .sort()
    .join(',');
}

/**
 * pyprojectSpecifierChanges pairs the package's requirements before and after the edit, in document
 * order (an edit changes specifiers, it neither adds nor removes declarations), and returns those whose
 * specifier changed.
 */
export function pyprojectSpecifierChanges(before: string, after: string, packageName: string): SpecifierChanges {
  const name = normalizePackageName(packageName);
  const read = (content: string) => parsePyproject({ path: 'pyproject.toml', content });
  const old = read(before);
  const edited = read(after);
  if (edited.errors.length > old.errors.length) {
    return { ok: false, reason: `the edited pyproject.toml cannot be read (${edited.errors[0]?.message ?? 'invalid'})` };
  }
  const oldSpecs = old.requirements.filter((r) => r.normalizedName === name).map((r) => r.specifier);
  const newSpecs = edited.requirements.filter((r) => r.normalizedName === name).map((r) => r.specifier);
  if (oldSpecs.length !== newSpecs.length) {
    return { ok: false, reason: `pyproject.toml's declarations of ${packageName} were added or removed, not edited` };
  }
  const changes = new Map<string, string>();
  for (const [index, oldSpec] of oldSpecs.entries()) {
    const newSpec = newSpecs[index] ?? null;
    if (clauseKey(oldSpec) === clauseKey(newSpec)) continue;
    const key = clauseKey(oldSpec);
    const written = (newSpec ?? '').replace(/\s+/g, '');
    const known = changes.get(key);
    if (known !== undefined && known !== written) {
      return { ok: false, reason: `pyproject.toml changes the same requirement on ${packageName} in two ways` };
    }
    changes.set(key, written);
  }
  return { ok: true, changes };
}
