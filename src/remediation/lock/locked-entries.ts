/**
 * findLockedEntries is the first step both TOML lock editors (uv.lock, poetry.lock) share: read the lock,
 * line its `[[package]]` tables up with their text, and find the entries of the package to move. It
 * refuses what neither editor can handle: an unreadable lock, an unusual layout, a package not locked, and
 * a target version another entry already holds (a forked lock: only the tool knows which to keep).
 */
import { arrayField, isTable, parseLockToml, stringField, type TomlTable } from '../../manifests/lock-toml.js';
import { normalizePackageName } from '../../manifests/pep508.js';
import type { TomlLocator } from '../../manifests/toml-lines.js';
import { satisfiesSpecifier, versionsEqual } from '../../pep440/index.js';
import { packageSections, type PackageSection } from './sections.js';
import type { LockUpdate } from './types.js';

/** LockedEntries is the parsed lock and the indexes of the package's entries. */
export interface LockedEntries {
  ok: true;
  data: TomlTable;
  locator: TomlLocator;
  packages: unknown[];
  sections: PackageSection[];
  /** The PEP 503 name of the package. */
  name: string;
  /** `package from` for messages. */
  label: string;
  /** Every entry of the package. */
  same: number[];
  /** The entries at the version to replace (every entry when `from` is null). */
  targets: number[];
}

/** findLockedEntries reads `text` (a lock named `fileName`) and finds the entries `update` moves. */
export function findLockedEntries(text: string, fileName: string, update: LockUpdate): LockedEntries | { ok: false; reason: string } {
  const parsed = parseLockToml({ path: fileName, content: text });
  if (!parsed.ok) return { ok: false, reason: `${fileName} cannot be read (line ${parsed.problem.line ?? 1}: ${parsed.problem.message})` };
  const { data, locator } = parsed;
  const packages = arrayField(data, 'package') ?? [];
  const sections = packageSections(locator);
  if (sections.length !== packages.length) return { ok: false, reason: `${fileName} writes its packages in a layout this edit does not handle` };
  const name = normalizePackageName(update.package);
  const label = `${update.package} ${update.from ?? ''}`.trim();
  const same = packages.flatMap((pkg, index) => (isTable(pkg) && normalizePackageName(stringField(pkg, 'name') ?? '') === name ? [index] : []));
  const targets = same.filter((index) => update.from === null || matchesVersion(lockedVersionOf(packages[index]), update.from));
  if (targets.length === 0) return { ok: false, reason: `${label} is not in ${fileName}` };
  if (same.some((index) => !targets.includes(index) && matchesVersion(lockedVersionOf(packages[index]), update.to))) {
    return { ok: false, reason: `${fileName} already holds ${update.package} ${update.to} for other environments; a re-lock is needed` };
  }
  return { ok: true, data, locator, packages, sections, name, label, same, targets };
}

/** lockedVersionOf is a `[[package]]` entry's `version`. */
export function lockedVersionOf(pkg: unknown): string | null {
  return isTable(pkg) ? (stringField(pkg, 'version') ?? null) : null;
}

/** matchesVersion says whether a locked version is `wanted`, as written or PEP 440-equal. */
export function matchesVersion(version: string | null, wanted: string): boolean {
  return version !== null && (version === wanted || versionsEqual(version, wanted));
}

/** safeSatisfies is satisfiesSpecifier that answers false for a specifier the PEP 440 library refuses. */
export function safeSatisfies(version: string, specifier: string): boolean {
  try {
    return satisfiesSpecifier(version, specifier);
  } catch {
    return false;
  }
}
