/**
 * What a distribution's filename says. The Simple API (PEP 503/691) lists files, not releases, so the
 * version and the kind of each file come from its name:
 * - wheels: `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`
 *   (https://packaging.python.org/en/latest/specifications/binary-distribution-format/);
 * - eggs: `{name}-{version}(-py{X.Y})?(-{platform})?.egg`;
 * - sdists: `{name}-{version}.tar.gz` (or the legacy `.zip`, `.tar.bz2`…), where older sdists keep the
 *   unnormalised name, dashes included (`python-dateutil-2.8.2.tar.gz`)
 *   (https://packaging.python.org/en/latest/specifications/source-distribution-format/).
 */
import { normalizePackageName } from '../manifests/pep508.js';

const SDIST_EXTENSIONS = ['.tar.gz', '.tar.bz2', '.tar.xz', '.tar.Z', '.tar', '.tgz', '.tbz', '.zip'];

/** PACKAGE_TYPE_BY_EXTENSION maps a built distribution's extension to PyPI's `packagetype`. */
const PACKAGE_TYPE_BY_EXTENSION: ReadonlyArray<[string, string]> = [
  ['.whl', 'bdist_wheel'],
  ['.egg', 'bdist_egg'],
  ['.exe', 'bdist_wininst'],
  ['.msi', 'bdist_msi'],
  ['.rpm', 'bdist_rpm'],
  ['.dmg', 'bdist_dmg'],
];

/** packageTypeOfFilename is PyPI's `packagetype` for a file: `bdist_wheel`, `sdist`, … (sdist by default). */
export function packageTypeOfFilename(filename: string): string {
  const lower = filename.toLowerCase();
  for (const [extension, type] of PACKAGE_TYPE_BY_EXTENSION) if (lower.endsWith(extension)) return type;
  return 'sdist';
}

/** versionOfFilename is the version a distribution's filename carries, or null when it cannot be told. */
export function versionOfFilename(filename: string, projectName: string): string | null {
  const type = packageTypeOfFilename(filename);
  if (type === 'bdist_wheel' || type === 'bdist_egg') {
    // The name part of wheels and eggs has its dashes escaped as `_`, so the version is the 2nd field.
    const version = filename.slice(0, filename.lastIndexOf('.')).split('-')[1];
    return version ? version : null;
  }
  if (type !== 'sdist') return null;
  const extension = SDIST_EXTENSIONS.find((ext) => filename.toLowerCase().endsWith(ext.toLowerCase()));
  if (!extension) return null;
  const stem = filename.slice(0, filename.length - extension.length);
  const wanted = normalizePackageName(projectName);
  // The version follows the dash after which the prefix, normalised, is the project's name. The prefix
  // is normalised as it is read, and reading stops as soon as it can no longer match, so a hostile
  // name full of dashes costs no more than the project's name.
  let prefix = '';
  for (let at = 0; at < stem.length; at++) {
    const char = stem.charAt(at);
    if (char === '-' && at > 0 && prefix === wanted) return stem.slice(at + 1) || null;
    const next = /[-_.]/.test(char) ? '-' : char.toLowerCase();
    if (next === '-' && prefix.endsWith('-')) continue;
    prefix += next;
    if (!wanted.startsWith(prefix)) break;
  }
  // A renamed project's old files: take what follows the last dash when it looks like a version.
  const last = stem.slice(stem.lastIndexOf('-') + 1);
  return stem.includes('-') && /^\d/.test(last) ? last : null;
}
