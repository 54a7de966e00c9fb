/**
 * Reading what pip calls a direct reference in a requirements file: a URL (`https://…/pkg-1.0.tar.gz`,
 * `git+https://…@ref#egg=name`, `file:///…`) or a local path (`./libs/foo`, `../bar-1.0.tar.gz`,
 * `foo-1.0-py3-none-any.whl`), and what can be known of the package without fetching anything.
 *
 * pip's own logic is `parse_req_from_line` and `parse_editable` in pip/_internal/req/constructors.py;
 * it also asks the file system (is this a directory?) which a pure parser cannot, so a path-looking
 * requirement is taken as a path.
 */
import { sourceOfUrl } from '../pep508.js';
import type { DependencySource } from '../types.js';

// pip/_internal/vcs: the VCS schemes pip knows, plus the plain URL schemes of `is_url`.
const URL_SCHEME = /^(?:https?|file|ftp|git|svn|(?:git|hg|svn|bzr)\+[a-z-]+):/i;
const VCS_URL = /^(?:(?:git|hg|svn|bzr)\+[a-z-]+|git|svn):/i;

// pip/_internal/utils/filetypes.py ARCHIVE_EXTENSIONS (wheel included).
const ARCHIVE = /\.(?:whl|zip|tar\.gz|tgz|tar|tar\.bz2|tbz|tar\.xz|txz|tlz|tar\.lz|tar\.lzma)$/i;
const SDIST = /^(.+?)-(\d[^-]*)\.(?:zip|tar\.gz|tgz|tar|tar\.bz2|tbz|tar\.xz|txz|tlz|tar\.lz|tar\.lzma)$/i;

/** isUrl is pip's `is_url`: the text starts with a scheme pip installs from. */
export function isUrl(text: string): boolean {
  return URL_SCHEME.test(text);
}

/** isVcsUrl tells whether a URL is a VCS checkout (`git+https:`, `hg+ssh:`, `git:`…). */
export function isVcsUrl(text: string): boolean {
  return VCS_URL.test(text);
}

/**
 * looksLikePath is pip's `_looks_like_path` plus its archive check: a `/`, a leading dot, or an archive
 * name. A backslash counts only in a Windows-shaped path (`C:\\…`, `\\\\server\\…`): pip on Linux does not
 * take `\\` as a separator, and a stray continuation backslash (`pkg==1.0 \\ ` with a trailing space)
 * must stay an invalid requirement rather than become a path.
 */
export function looksLikePath(text: string): boolean {
  return (
    text.includes('/') || text.startsWith('.') || /^(?:[A-Za-z]:\\|\\\\)/.test(text) || ARCHIVE.test(text)
  );
}

/** fileNameOf is the last path segment of a URL or path, without query or fragment, percent-decoded. */
export function fileNameOf(reference: string): string {
  const withoutFragment = reference.split('#')[0] ?? '';
  const withoutQuery = isUrl(reference) ? (withoutFragment.split('?')[0] ?? '') : withoutFragment;
  const segments = withoutQuery.split(/[/\\]/);
  const last = segments[segments.length - 1] ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** NameAndVersion is what a distribution file name says. */
export interface NameAndVersion {
  name: string;
  version: string;
}

/**
 * wheelFileName reads `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl` (PEP 427, and the
 * binary distribution format spec), or null when the name does not have that shape. As pip does, `_`
 * in the version stands for `-`; the name is kept as written (normalisation happens later).
 */
export function wheelFileName(fileName: string): NameAndVersion | null {
  if (!/\.whl$/i.test(fileName)) return null;
  const parts = fileName.slice(0, -4).split('-');
  if (parts.length !== 5 && parts.length !== 6) return null;
  if (parts.some((part) => part === '' || /\s/.test(part))) return null;
  if (parts.length === 6 && !/^\d/.test(parts[2] ?? '')) return null;
  const [name = '', version = ''] = parts;
  return { name, version: version.replace(/_/g, '-') };
}

/**
 * sdistFileName reads `{name}-{version}.tar.gz` (and the other archive suffixes pip accepts), taking
 * the version as the last `-`-separated part that starts with a digit, or null. PEP 625 names are
 * unambiguous; legacy names with a `-` in the version are not guessed at.
 */
export function sdistFileName(fileName: string): NameAndVersion | null {
  const match = SDIST.exec(fileName);
  if (!match?.[1] || !match[2]) return null;
  return { name: match[1], version: match[2] };
}

/** isWheelFileName tells whether a file name is a wheel's (by its suffix). */
export function isWheelFileName(fileName: string): boolean {
  return /\.whl$/i.test(fileName);
}

/** eggFragment is the `#egg=` (or `&egg=`) value of a URL, as pip's `Link.egg_fragment` reads it. */
export function eggFragment(url: string): string | null {
  const hash = url.indexOf('#');
  if (hash < 0) return null;
  const match = /(?:^|&)egg=([^&]*)/.exec(url.slice(hash + 1));
  return match ? (match[1] ?? '') : null;
}

/**
 * fragmentHashes are the `#sha256=…` style digests of a URL's fragment, as `algorithm:hex`. pip checks
 * a downloaded file against them (pip/_internal/models/link.py `_SUPPORTED_HASHES`), so they count as
 * the requirement's hashes.
 */
export function fragmentHashes(url: string): string[] {
  const hash = url.indexOf('#');
  if (hash < 0) return [];
  const hashes: string[] = [];
  for (const part of url.slice(hash + 1).split('&')) {
    const match = /^(sha1|sha224|sha384|sha256|sha512|md5)=([0-9a-fA-F]+)$/.exec(part);
    if (match) hashes.push(`${match[1]}:${match[2]}`);
  }
  return hashes;
}

/**
 * sourceOfReference classifies a URL or path for `Requirement.source`. It is `sourceOfUrl`, plus the
 * bare `git://` and `svn://` schemes, which pip treats as VCS checkouts but `sourceOfUrl` (which looks
 * for `vcs+`) would call plain URLs.
 */
export function sourceOfReference(reference: string, editable: boolean): DependencySource {
  if (/^(git|svn):/i.test(reference)) {
    const source = sourceOfUrl(`${reference.slice(0, 3)}+${reference}`, editable);
    return { ...source, url: reference };
  }
  return sourceOfUrl(reference, editable);
}

/** splitTrailingExtras is pip's `_strip_extras`: `./pkg[a,b]` is `./pkg` with extras `a`, `b`. */
export function splitTrailingExtras(reference: string): { reference: string; extras: string[] } {
  if (!reference.endsWith(']')) return { reference, extras: [] };
  const open = reference.lastIndexOf('[');
  if (open <= 0) return { reference, extras: [] };
  const inner = reference.slice(open + 1, -1);
  if (inner.trim() === '' || inner.includes(']')) return { reference, extras: [] };
  const extras = inner.split(',').map((extra) => extra.trim()).filter((extra) => extra !== '');
  return { reference: reference.slice(0, open), extras };
}
