/**
 * Version arithmetic the rewrites need: release segments, the upper bound of Poetry's caret and tilde
 * ranges, the next cap above a version at a cap's own precision. Comparisons go through src/pep440 (the
 * one PEP 440 module); only numeric release segments are computed here.
 */
import { compareValidVersions, explainVersion } from '../../pep440/index.js';

/** releaseOf is a version's release segments (`1.2.3rc1` → [1, 2, 3]), or null when invalid. */
export function releaseOf(version: string): number[] | null {
  return explainVersion(version)?.release ?? null;
}

/** isPlainRelease tells whether a version is only release segments (no epoch, pre, post, dev or local). */
export function isPlainRelease(version: string): boolean {
  const parts = explainVersion(version);
  return parts !== null && parts.epoch === 0 && !parts.pre && parts.post === null && parts.dev === null && !parts.local;
}

/** compare orders two versions (invalid ones after valid ones, never throwing). */
export function compare(a: string, b: string): number {
  return compareValidVersions(a, b);
}

/**
 * withPrecision writes a plain release with no more segments than `segments` when the extra ones are
 * zero (`4.3.0` at precision 2 is `4.3`), so `^4.2` moves to `^4.3`, not `^4.3.0`. Anything else is
 * returned as given.
 */
export function withPrecision(version: string, segments: number): string {
  const release = releaseOf(version);
  if (!release || !isPlainRelease(version) || release.length <= segments) return version;
  if (release.slice(segments).some((segment) => segment !== 0)) return version;
  return release.slice(0, segments).join('.');
}

/** prefixOf is the first `segments` release segments of a version, zero-padded, as text (`5.0` for 5). */
export function prefixOf(version: string, segments: number): string | null {
  const release = releaseOf(version);
  if (!release) return null;
  const padded = [...release];
  while (padded.length < segments) padded.push(0);
  return padded.slice(0, segments).join('.');
}

/** bumpAt increments release segment `index`, zeroes the later ones and keeps `length` segments. */
function bumpAt(release: number[], index: number, length: number): string {
  const padded = [...release];
  while (padded.length < Math.max(length, index + 1)) padded.push(0);
  return padded
    .slice(0, Math.max(length, index + 1))
    .map((segment, i) => (i < index ? segment : i === index ? segment + 1 : 0))
    .join('.');
}

/**
 * caretUpper is the exclusive upper bound of Poetry's `^V`: the left-most non-zero segment is bumped
 * (`^1.2.3` → 2.0.0, `^0.2.3` → 0.3.0, `^0.0.3` → 0.0.4), as poetry-core's parser does.
 */
export function caretUpper(version: string): string | null {
  const release = releaseOf(version);
  if (!release) return null;
  const nonZero = release.findIndex((segment) => segment !== 0);
  return bumpAt(release, nonZero >= 0 ? nonZero : release.length - 1, release.length);
}

/** tildeUpper is the exclusive upper bound of Poetry's `~V`: `~1.2.3` → 1.3.0, `~1` → 2. */
export function tildeUpper(version: string): string | null {
  const release = releaseOf(version);
  if (!release) return null;
  return bumpAt(release, release.length === 1 ? 0 : 1, release.length);
}

/**
 * capAbove is the smallest cap of the same shape as `cap` that lies above `target`: the cap's last
 * non-zero segment says its precision (`<2` caps majors, `<1.5` minors), and that segment of the target
 * is bumped, keeping the cap's written segment count (`<2` and 2.1.3 → `3`; `<2.0` → `3.0`; `<1.5` and
 * 1.6.2 → `1.7`). Null for versions with an epoch, which no cap arithmetic here understands.
 */
export function capAbove(cap: string, target: string): string | null {
  const capParts = explainVersion(cap);
  const targetParts = explainVersion(target);
  if (!capParts || !targetParts || capParts.epoch !== 0 || targetParts.epoch !== 0) return null;
  const release = capParts.release;
  let index = release.length - 1;
  while (index > 0 && release[index] === 0) index--;
  const bumped = bumpAt(targetParts.release, index, release.length);
  return compare(bumped, target) > 0 ? bumped : null;
}
