/**
 * Package-name patterns of named groups, as Dependabot's `groups.patterns` reads them: `*` matches any
 * run of characters (also none), `?` exactly one; everything else is literal. Names and patterns are
 * compared in their PEP 503 form (lowercase, runs of `-`, `_`, `.` as one `-`), so `Django_*` matches
 * `django-filter`.
 */
import { normalizePackageName } from '../../manifests/pep508.js';

/** NamePattern tests PEP 503 names against one pattern. */
export type NamePattern = (name: string) => boolean;

/** compilePattern turns a pattern into a test of PEP 503 names. */
export function compilePattern(pattern: string): NamePattern {
  // Normalise around the wildcards so `django_*` and `django-*` are one pattern.
  const normalized = pattern
    .split(/([*?])/)
    .map((part) => (part === '*' || part === '?' ? part : part === '' ? '' : normalizeFragment(part)))
    .join('');
  const source = normalized
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\-]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`);
  return (name) => regex.test(normalizePackageName(name));
}

/** matchesAny tells whether a name matches one of the patterns. */
export function matchesAny(name: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => compilePattern(pattern)(name));
}

/** normalizeFragment is PEP 503 normalisation of a piece of a name, keeping separators at its edges. */
function normalizeFragment(fragment: string): string {
  return fragment.toLowerCase().replace(/[-_.]+/g, '-');
}
