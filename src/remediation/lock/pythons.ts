/**
 * The Pythons a lock is for, and whether a release still serves them. A lock records the range of
 * Pythons it was resolved for (uv.lock `requires-python`, poetry.lock `[metadata] python-versions`);
 * a new version whose `Requires-Python` leaves out some of them would have made the resolver choose
 * differently (an older version, or a fork), so such a version is not written in place.
 *
 * uv also leaves out of `wheels` the files no allowed Python can install (a `cp38` wheel in a lock for
 * `>=3.12`); `wheelFitsPythons` makes the same call from the wheel's Python and ABI tags.
 * See https://packaging.python.org/en/latest/specifications/platform-compatibility-tags/
 */
import { satisfiesSpecifier } from '../../pep440/index.js';

/** PythonVersion is one interpreter release considered: `3.12.4`. */
export interface PythonVersion {
  major: number;
  minor: number;
  micro: number;
}

/**
 * CANDIDATES are the interpreters considered: 2.7 and 3.0–3.40, each at micro releases 0–30 (enough
 * for every bound written in practice, `>=3.8.1` or `!=3.9.7`).
 */
const CANDIDATES: readonly PythonVersion[] = (() => {
  const list: PythonVersion[] = [];
  const minors: Array<[number, number]> = [[2, 7]];
  for (let minor = 0; minor <= 40; minor++) minors.push([3, minor]);
  for (const [major, minor] of minors) for (let micro = 0; micro <= 30; micro++) list.push({ major, minor, micro });
  return list;
})();

const allowedCache = new Map<string, readonly PythonVersion[]>();
const MAX_CACHE = 1000;

/**
 * pythonsAllowedBy lists the candidate interpreters a PEP 440 specifier allows (all of them for null).
 * Memoised: a lock's range is asked about once per package edited.
 */
export function pythonsAllowedBy(specifier: string | null): PythonVersion[] {
  if (specifier === null || specifier.trim() === '') return [...CANDIDATES];
  const clean = specifier.replace(/\s+/g, '');
  let allowed = allowedCache.get(clean);
  if (!allowed) {
    allowed = CANDIDATES.filter((python) => safeSatisfies(`${python.major}.${python.minor}.${python.micro}`, clean));
    if (allowedCache.size >= MAX_CACHE) allowedCache.clear();
    allowedCache.set(clean, allowed);
  }
  return [...allowed];
}

/**
 * requiresPythonCovers tells whether a release's `Requires-Python` admits every interpreter the lock
 * allows. A lock without a known range is covered only by a release that admits every Python.
 */
export function requiresPythonCovers(lockPythons: string | null, releaseRequiresPython: string | null): boolean {
  if (releaseRequiresPython === null || releaseRequiresPython.trim() === '') return true;
  const allowed = pythonsAllowedBy(lockPythons);
  const served = new Set(pythonsAllowedBy(releaseRequiresPython));
  // A lock range no candidate satisfies is not understood: then the release must admit every Python.
  return (allowed.length > 0 ? allowed : CANDIDATES).every((python) => served.has(python));
}

/** sameRequiresPython compares two `Requires-Python` values by their clauses, in any order and spacing. */
export function sameRequiresPython(a: string | null | undefined, b: string | null | undefined): boolean {
  const key = (value: string | null | undefined): string =>
    (value ?? '')
      .split(',')
      .map((clause) => clause.replace(/\s+/g, ''))
      .filter((clause) => clause !== '')
      .sort()
      .join(',');
  return key(a) === key(b);
}

/**
 * wheelFitsPythons tells whether some allowed interpreter can install a wheel, from its Python tags
 * (`cp312`, `py3`, `py2.py3`, `pp310`) and ABI tags (`abi3` serves its version and later ones). A name
 * that is not a wheel's, or a tag not understood, counts as fitting: nothing is dropped by mistake.
 */
export function wheelFitsPythons(filename: string, pythons: readonly PythonVersion[]): boolean {
  if (!/\.whl$/i.test(filename)) return true;
  const parts = filename.slice(0, -4).split('-');
  if (parts.length < 5 || parts.length > 6) return true;
  const [pythonTags = '', abiTags = ''] = parts.slice(-3, -1).map((p) => p.toLowerCase());
  const stableAbi = abiTags.split('.').includes('abi3');
  for (const tag of pythonTags.split('.')) {
    const match = /^([a-z]+)(\d)(\d*)$/.exec(tag);
    if (!match) return true;
    const [, implementation = '', majorText = '', minorText = ''] = match;
    const major = Number(majorText);
    const minor = minorText === '' ? null : Number(minorText);
    const fits = pythons.some((python) => {
      if (python.major !== major) return false;
      if (minor === null) return true;
      // `py38` installs on 3.8 and later (pip's compatible tags); `cp312` on 3.12 alone, unless abi3.
      if (implementation === 'py' || stableAbi) return python.minor >= minor;
      return python.minor === minor;
    });
    if (fits) return true;
  }
  return false;
}

function safeSatisfies(version: string, specifier: string): boolean {
  try {
    return satisfiesSpecifier(version, specifier);
  } catch {
    return false;
  }
}
