/**
 * Reading versions out of what upstream writes: release tags (`v1.2.3`, `1.2.3`, `pkg-1.2.3`,
 * `pkg==1.2.3`, `release/1.2.3`), release names ("Django 4.2.1") and changelog headings
 * ("Version 2.0.1 (2024-01-01)", "[1.2.3] - 2024-05-01"), and deciding which releases lie between the
 * version in use and the target. Versions are compared as PEP 440 says (src/pep440).
 */
import { normalizePackageName } from '../../manifests/pep508.js';
import { compareVersions, explainVersion, isPrerelease, isValidVersion } from '../../pep440/index.js';

/** GENERIC_PREFIXES are tag prefixes that name no package: `v1.0`, `release-1.0`, `version/1.0`. */
const GENERIC_PREFIXES: ReadonlySet<string> = new Set(['', 'v', 'release', 'releases', 'version', 'rel', 'tag', 'tags', 'r']);

/** A version-looking token: at least two numeric segments, then PEP 440 suffixes. */
const VERSION_TOKEN = /\d+(?:\.\d+)+(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?(?:[-_.]?(?:post|rev|r)[-_.]?\d*)?(?:[-_.]?dev[-_.]?\d*)?/gi;

/**
 * versionOfTag reads the version a release tag stands for, or null when the tag is not a version of
 * this package. A prefix is accepted when it names no package (`v`, `release`) or names this one (its
 * PEP 503 form equals one of `names`, typically the package and the repository): in a monorepo,
 * `otherpkg-1.2.3` is another package's release.
 */
export function versionOfTag(tag: string, names: readonly string[]): string | null {
  const text = tag.trim();
  if (text === '' || text.length > 200) return null;
  const accepted = new Set(names.map(normalizePackageName));
  for (let at = 0; at < text.length; at++) {
    if (!/\d/.test(text.charAt(at))) continue;
    const before = text.charAt(at - 1);
    if (at > 0 && /[A-Za-z0-9]/.test(before) && !/^v$/i.test(before)) continue;
    const version = canonicalVersion(text.slice(at));
    if (version === null) continue;
    const prefix = normalizePackageName(text.slice(0, at).replace(/[-_/@=\s.]*v?$/i, '').replace(/[-_/@=\s.]+$/, ''));
    // A prefix without letters or digits (an emoji, punctuation) names no package either.
    if (GENERIC_PREFIXES.has(prefix) || accepted.has(prefix) || !/[a-z0-9]/.test(prefix)) return version;
    return null;
  }
  return null;
}

/**
 * versionInTitle finds the first version-looking token of a free-text title (a release name, a
 * changelog heading) and returns it normalised, or null. Only tokens with two numeric segments or more
 * count, so dates written `2024-01-01` and issue numbers are not taken for versions.
 */
export function versionInTitle(title: string): string | null {
  return versionTokenOf(title)?.version ?? null;
}

/**
 * versionOfReleaseName reads the version of a GitHub release from its name ("Django 4.2.1",
 * "Release 2.0 — the big one") when its tag says nothing. The words before the version must name no
 * package or this one, as for tags.
 */
export function versionOfReleaseName(name: string, names: readonly string[]): string | null {
  const token = versionTokenOf(name);
  if (!token) return null;
  return versionOfTag(name.slice(0, token.end), names);
}

/** versionTokenOf is the first version token of a title: its normalised version and where it ends. */
function versionTokenOf(title: string): { version: string; end: number } | null {
  const text = title.slice(0, 300);
  for (const match of text.matchAll(VERSION_TOKEN)) {
    const at = match.index;
    const before = text.charAt(at - 1);
    // `py3.8`, `abc1.2`: part of a word; `#1.2`: not a heading's version.
    if (at > 0 && /[A-Za-z0-9#]/.test(before) && !/^v$/i.test(before)) continue;
    if (at > 1 && /^v$/i.test(before) && /[A-Za-z0-9]/.test(text.charAt(at - 2))) continue;
    const end = at + match[0].length;
    if (/[A-Za-z0-9]/.test(text.charAt(end))) continue;
    const version = canonicalVersion(match[0]);
    if (version !== null) return { version, end };
  }
  return null;
}

/**
 * canonicalVersion is the normalised spelling of a version (`v2.0.0-rc.1` → `2.0.0rc1`, PEP 440
 * §Normalization), or null when it is not one. (The PEP 440 module's `normalizeVersion` returns a valid
 * version as written, so the spelling is rebuilt from its parts.)
 */
export function canonicalVersion(version: string): string | null {
  const parts = explainVersion(version);
  if (!parts) return null;
  return parts.local ? `${parts.public}+${parts.local}` : parts.public;
}

/** VersionRange is the releases a pull request brings: after `from` (exclusive) up to `to` (inclusive). */
export interface VersionRange {
  /** The version in use; null when only a range is known (then only `to` is in range). */
  from: string | null;
  to: string;
}

/**
 * inVersionRange tells whether a release's notes belong to an update. Pre-releases count only when the
 * target itself is one: the final release's notes repeat what its candidates said.
 */
export function inVersionRange(version: string, range: VersionRange): boolean {
  if (!isValidVersion(version) || !isValidVersion(range.to)) return false;
  const toTarget = compareVersions(version, range.to);
  if (toTarget > 0) return false;
  if (range.from === null || !isValidVersion(range.from)) return toTarget === 0;
  if (compareVersions(version, range.from) <= 0) return false;
  return toTarget === 0 || !isPrerelease(version) || isPrerelease(range.to);
}
