/**
 * Does a release fit the project's Pythons? The rule, decided here once:
 *
 * A release fits when its `Requires-Python` (PEP 345 / core metadata, PyPI's `requires_python` per
 * file) allows the LOWEST Python the project's `requires-python` allows. That is how uv judges
 * dependencies: "When evaluating requires-python ranges for dependencies, uv only considers lower bounds
 * and ignores upper bounds entirely" (https://docs.astral.sh/uv/concepts/resolution/#requires-python).
 * A project that supports 3.9 and later cannot take a fix that needs 3.12, whatever its upper bound;
 * a package's `<4` cap never rules a fix out.
 *
 * - The lowest Python is the lowest interpreter version (2.0–2.7 and 3.0–3.40, micro 0–30) that the
 *   project's specifier allows: `>=3.9` gives 3.9.0, `>=3.8.1,<4` gives 3.8.1, `~=3.10` gives 3.10.0.
 * - No project `requires-python`, an unreadable one, or one no interpreter satisfies: every release fits
 *   (nothing can be judged, and refusing every fix would be worse than a fix that a re-lock refuses).
 * - A release fits when one of its (non-yanked) files declares no `requires_python`, an unreadable one
 *   (pip's `_check_link_requires_python` in `pip/_internal/index/package_finder.py` logs "Ignoring
 *   invalid Requires-Python" and keeps the file), or one the lowest Python satisfies.
 */
import { explainVersion, isValidSpecifier, satisfiesSpecifier } from '../../pep440/index.js';
import type { ReleaseInfo } from '../../registry/types.js';

/** LowestPython is the lowest interpreter a project supports: the version to check, and how to show it. */
export interface LowestPython {
  /** Full version checked against a package's Requires-Python, e.g. `3.9.0`. */
  version: string;
  /** The version as people write it: `3.9` for `3.9.0`, `3.8.1` otherwise. */
  display: string;
}

/** MINORS are the interpreter minor versions considered, lowest first: 2.0–2.7 and 3.0–3.40. */
const MINORS: ReadonlyArray<readonly [number, number]> = [
  ...Array.from({ length: 8 }, (_, minor) => [2, minor] as const),
  ...Array.from({ length: 41 }, (_, minor) => [3, minor] as const),
];

/** MAX_MICRO bounds the micro versions considered (3.8.30 and below). */
const MAX_MICRO = 30;

const CLAUSE = /^(?:===|~=|==|!=|<=|>=|<|>)\s*(\S+?)(?:\.\*)?$/;

/**
 * candidatesOf lists, lowest first, the interpreter versions that can be the lowest one a specifier
 * allows: the lowest allowed version is either the first micro of a minor (`3.9.0`), or a version a
 * clause names (`>=3.8.1`), or the micro just above one (`>3.9`, `!=3.9.0`). Checking these points
 * instead of every micro keeps the scan to a few dozen specifier checks.
 */
function candidatesOf(spec: string): string[] {
  const points = new Set<string>(MINORS.map(([major, minor]) => `${major}.${minor}.0`));
  for (const part of spec.split(',')) {
    const written = CLAUSE.exec(part.trim())?.[1];
    const parts = written === undefined ? null : explainVersion(written);
    if (parts === null) continue;
    const [major = 0, minor = 0, micro = 0] = parts.release;
    if (!MINORS.some(([a, b]) => a === major && b === minor)) continue;
    for (const m of [micro, micro + 1]) if (m <= MAX_MICRO) points.add(`${major}.${minor}.${m}`);
  }
  return [...points].sort((a, b) => {
    const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
    return (x[0] ?? 0) - (y[0] ?? 0) || (x[1] ?? 0) - (y[1] ?? 0) || (x[2] ?? 0) - (y[2] ?? 0);
  });
}

/** Answers of lowestPython by specifier: a repository has a handful of them, each scanned once. */
const lowestMemo = new Map<string, LowestPython | null>();
const MAX_MEMO = 1000;

/**
 * lowestPython is the lowest Python a `requires-python` specifier allows, or null when none can be told.
 * Memoised: each specifier is scanned once.
 */
export function lowestPython(requiresPython: string | null): LowestPython | null {
  const spec = requiresPython?.trim() ?? '';
  if (spec === '' || !isValidSpecifier(spec)) return null;
  const known = lowestMemo.get(spec);
  if (known !== undefined) return known;
  const version = candidatesOf(spec).find((candidate) => allows(spec, candidate));
  const answer = version === undefined ? null : { version, display: version.endsWith('.0') ? version.slice(0, -2) : version };
  if (lowestMemo.size >= MAX_MEMO) lowestMemo.clear();
  lowestMemo.set(spec, answer);
  return answer;
}

/** releaseRequiresPython is the first `requires_python` a release's files declare, or null. */
export function releaseRequiresPython(release: ReleaseInfo): string | null {
  return usableFiles(release).find((file) => file.requiresPython !== null && file.requiresPython.trim() !== '')?.requiresPython ?? null;
}

/** releaseFitsPython tells whether a release can be installed on the project's lowest Python (see above). */
export function releaseFitsPython(release: ReleaseInfo, lowest: LowestPython | null): boolean {
  if (lowest === null) return true;
  const files = usableFiles(release);
  if (files.length === 0) return true;
  return files.some((file) => {
    const spec = file.requiresPython?.trim() ?? '';
    if (spec === '' || !isValidSpecifier(spec)) return true;
    return allows(spec, lowest.version);
  });
}

/** requirementFitsPython is releaseFitsPython for one specifier (a release's metadata `requires_python`). */
export function requirementFitsPython(requiresPython: string | null, lowest: LowestPython | null): boolean {
  const spec = requiresPython?.trim() ?? '';
  if (lowest === null || spec === '' || !isValidSpecifier(spec)) return true;
  return allows(spec, lowest.version);
}

/** The files that matter: the non-yanked ones, or all of them when every file is yanked. */
function usableFiles(release: ReleaseInfo): ReleaseInfo['files'] {
  const live = release.files.filter((file) => !file.yanked);
  return live.length > 0 ? live : release.files;
}

function allows(specifier: string, version: string): boolean {
  if (explainVersion(version) === null) return false;
  try {
    return satisfiesSpecifier(version, specifier);
  } catch {
    return true;
  }
}
