/**
 * The `[requires]` table of a Pipfile (and `_meta.requires` of a Pipfile.lock): the Python the project
 * runs on, as `python_version = "3.11"` or `python_full_version = "3.11.4"`.
 * See https://pipenv.pypa.io/en/latest/specifiers.html#specifying-versions-of-python
 */
import { isValidVersion } from '../../pep440/index.js';
import { isRecord } from './sources.js';

/** RequiresPythonResult is the PEP 440 specifier the table amounts to, or why it could not be read. */
export type RequiresPythonResult = { ok: true; specifier?: string } | { ok: false; error: string; key?: string };

/**
 * requiresPythonOf translates `[requires]` into a PEP 440 specifier: `python_full_version` is an exact
 * pin (`==3.11.4`), `python_version` a release series (`==3.11.*`). The full version wins when both are
 * given, as it is the narrower statement.
 */
export function requiresPythonOf(requires: unknown): RequiresPythonResult {
  if (requires === undefined) return { ok: true };
  if (!isRecord(requires)) return { ok: false, error: '[requires] must be a table' };
  const full = requires['python_full_version'];
  const series = requires['python_version'];
  if (full !== undefined) {
    if (typeof full !== 'string' || !isValidVersion(full.trim())) {
      return { ok: false, error: `python_full_version must be a version string, not ${describe(full)}`, key: 'python_full_version' };
    }
    return { ok: true, specifier: `==${full.trim()}` };
  }
  if (series !== undefined) {
    // A TOML float (python_version = 3.10) would silently read as 3.1: only strings are accepted.
    if (typeof series !== 'string' || !/^\d+(\.\d+)*(\.\*)?$/.test(series.trim())) {
      return { ok: false, error: `python_version must be a version string like "3.11", not ${describe(series)}`, key: 'python_version' };
    }
    const version = series.trim().replace(/\.\*$/, '');
    return { ok: true, specifier: `==${version}.*` };
  }
  return { ok: true };
}

/** describe names a value for error messages without dumping it whole. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 37)}...` : value}"`;
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (isRecord(value)) return 'a table';
  if (typeof value === 'number' || typeof value === 'bigint') return `the number ${String(value)}`;
  return String(value);
}
