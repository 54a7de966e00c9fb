/**
 * The one place that imports the PEP 440 library. Everything else compares versions and checks
 * specifiers through these functions, so PEP 440 semantics (epochs, pre/post/dev releases, local
 * versions, `2.0 == 2.0.0`) live in one dependency.
 */
import * as pep440 from '@renovatebot/pep440';

/** isValidVersion tells whether a string is a PEP 440 version. */
export function isValidVersion(version: string): boolean {
  return pep440.valid(version) !== null;
}

const specifierValidity = new Map<string, boolean>();
const MAX_MEMO = 50_000;

/**
 * isValidSpecifier tells whether a string is a PEP 440 specifier set (`>=1,<2`); empty is valid.
 * Memoised: the library's check costs ~30 µs, and a monorepo repeats the same specifiers many times.
 */
export function isValidSpecifier(specifier: string): boolean {
  if (specifier.trim() === '') return true;
  const known = specifierValidity.get(specifier);
  if (known !== undefined) return known;
  const valid = pep440.validRange(specifier);
  if (specifierValidity.size >= MAX_MEMO) specifierValidity.clear();
  specifierValidity.set(specifier, valid);
  return valid;
}

/** compareVersions orders two PEP 440 versions: negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  return pep440.compare(a, b);
}

/** versionsEqual is PEP 440 equality: `2.0` equals `2.0.0`. */
export function versionsEqual(a: string, b: string): boolean {
  if (a === b) return true;
  if (!isValidVersion(a) || !isValidVersion(b)) return false;
  return pep440.eq(a, b);
}

/** satisfiesSpecifier tells whether a version is allowed by a specifier set (pre-releases included). */
export function satisfiesSpecifier(version: string, specifier: string): boolean {
  if (specifier.trim() === '') return true;
  return pep440.satisfies(version, specifier, { prereleases: true });
}

/** majorOf is a version's first release segment, or null for an invalid version. */
export function majorOf(version: string): number | null {
  const parsed = pep440.explain(version);
  return parsed ? (parsed.release[0] ?? 0) : null;
}

/** normalizeVersion is the canonical PEP 440 spelling (`1.0-post1` → `1.0.post1`), or null if invalid. */
export function normalizeVersion(version: string): string | null {
  // `valid` only checks and returns the input as written; `clean` gives the normal form.
  return pep440.clean(version);
}

/**
 * versionIdentity is a key equal for PEP 440-equal versions (`2.0`, `2.0.0` and `v2.0` share one), so
 * versions can key a map. An invalid version is its own key.
 */
export function versionIdentity(version: string): string {
  const parsed = pep440.explain(version);
  if (!parsed) return version;
  const release = [...parsed.release];
  while (release.length > 1 && release[release.length - 1] === 0) release.pop();
  const pre = parsed.pre ? parsed.pre.join('') : '';
  const post = parsed.post !== null ? `.post${parsed.post}` : '';
  const dev = parsed.dev !== null ? `.dev${parsed.dev}` : '';
  const local = parsed.local ? `+${parsed.local}` : '';
  return `${parsed.epoch}!${release.join('.')}${pre}${post}${dev}${local}`;
}

/**
 * VersionParts are the segments of a PEP 440 version (PEP 440 §Public version identifiers, §Local version
 * identifiers): `1!2.0rc1.post2.dev3+abc` is epoch 1, release [2, 0], pre ['rc', 1], post 2, dev 3, local
 * `abc`. `public` is the version without its local label; `base` is epoch and release only.
 */
export interface VersionParts {
  epoch: number;
  release: number[];
  pre: { label: string; number: number } | null;
  post: number | null;
  dev: number | null;
  local: string | null;
  public: string;
  base: string;
}

/**
 * explainVersion splits a PEP 440 version into its segments, or returns null for an invalid version. A
 * number beyond 2^53 (`1.99999999999999999999`) also gives null: the library reads segments as floating
 * point, so such a version would silently equal its neighbours (or become `Infinity`).
 */
export function explainVersion(version: string): VersionParts | null {
  const parsed = pep440.explain(version);
  if (!parsed) return null;
  const [label, number] = parsed.pre ?? [];
  const parts: VersionParts = {
    epoch: parsed.epoch,
    release: [...parsed.release],
    pre: label !== undefined && number !== undefined ? { label: String(label), number: Number(number) } : null,
    post: segmentNumber(parsed.post),
    dev: segmentNumber(parsed.dev),
    local: parsed.local || null,
    public: parsed.public,
    base: parsed.base_version,
  };
  const numbers = [parts.epoch, ...parts.release, parts.pre?.number ?? 0, parts.post ?? 0, parts.dev ?? 0];
  return numbers.every((value) => Number.isSafeInteger(value)) ? parts : null;
}

/**
 * segmentNumber reads a post or dev segment: `explain` gives a number (or null) at run time, while the
 * library's types declare a `[label, number]` tuple, so both shapes are accepted.
 */
function segmentNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) {
    const number: unknown = value.find((item: unknown) => typeof item === 'number');
    return typeof number === 'number' ? number : null;
  }
  return null;
}

/**
 * publicVersion is a version without its local label (`1.0+ubuntu1` → `1.0`), or null if invalid (as
 * explainVersion judges it). PEP 440
 * reserves local labels for downstream builds of an upstream release, and PyPI refuses them, so an
 * advisory about the upstream release speaks about its local builds too.
 */
export function publicVersion(version: string): string | null {
  return explainVersion(version)?.public ?? null;
}

/**
 * isPrerelease tells whether a version is a pre-release or a development release: the versions that
 * PEP 440 §Handling of pre-releases excludes from a specifier unless asked for. Invalid versions: false.
 */
export function isPrerelease(version: string): boolean {
  const parsed = pep440.explain(version);
  return parsed ? parsed.is_prerelease : false;
}

/**
 * compareValidVersions orders two versions like compareVersions, but never throws: invalid versions sort
 * after every valid one and among themselves by their text, so any list can be sorted stably.
 */
export function compareValidVersions(a: string, b: string): number {
  const validA = isValidVersion(a);
  const validB = isValidVersion(b);
  if (validA && validB) return pep440.compare(a, b);
  if (validA !== validB) return validA ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
