/**
 * Poetry version constraints (`^1.2`, `~1.2.3`, `1.2.*`, `>=1,<2`, `^2 || ^3`) translated to PEP 440.
 * Rules from https://python-poetry.org/docs/dependency-specification/#version-constraints and
 * poetry-core's parser (`poetry/core/constraints/version/parser.py`):
 *
 *   ^1.2.3 → >=1.2.3,<2.0.0   ^0.2.3 → >=0.2.3,<0.3.0   ^0.0.3 → >=0.0.3,<0.0.4   ^0 → >=0,<1
 *   ~1.2.3 → >=1.2.3,<1.3.0   ~1.2 → >=1.2,<1.3         ~1 → >=1,<2
 *   * / "" → no constraint     1.2.* → ==1.2.*            1.2.3 → ==1.2.3          =1.2 → ==1.2
 *   >=1.2,<2 / >= 1.2, < 2 / >=1.2 <2 → >=1.2,<2 (comma or whitespace means AND)
 *   a || b → OR: alternatives, which one PEP 440 specifier cannot express
 *
 * The upper bound keeps as many release segments as the constraint wrote (`^1.2` → `<2.0`), which
 * PEP 440 compares equal to Poetry's `<2.0.0`.
 */
import { isValidSpecifier, isValidVersion } from '../../pep440/index.js';

/** ParsedConstraint is a Poetry constraint as PEP 440: OR of alternatives, each an AND of clauses. */
export type ParsedConstraint =
  /** `alternatives`: each a list of PEP 440 clauses; an empty list allows any version. */
  | { ok: true; alternatives: string[][] }
  | { ok: false; error: string };

/** Pep440Translation is a constraint as one PEP 440 specifier, when it can be one. */
export type Pep440Translation =
  /** `union`: the constraint ORs ranges, so `specifier` is null although the constraint restricts. */
  | { ok: true; specifier: string | null; union: boolean }
  | { ok: false; error: string };

const OPERATOR = /^(===|==|!=|~=|<=|>=|<|>|=)/;
const RELEASE = /^v?(\d+(?:\.\d+)*)(.*)$/i;

/** parsePoetryConstraint parses one constraint string into PEP 440 clauses. */
export function parsePoetryConstraint(text: string): ParsedConstraint {
  // `||` (or poetry-core's lenient `|`) separates alternatives. Split on the bars alone and trim after:
  // a pattern with `\s*` around the bar backtracks quadratically on long runs of spaces.
  const written = text.split(/\|\|?/).map((part) => part.trim());
  const alternatives: string[][] = [];
  for (const alternative of written) {
    if (alternative === '' && written.length > 1) return { ok: false, error: `empty alternative in "${truncate(text)}"` };
    const clauses: string[] = [];
    // Glue an operator to its version (`>= 1.2` → `>=1.2`), then comma or whitespace separate clauses.
    const glued = alternative.replace(/(===|==|!=|~=|<=|>=|<|>|=|\^|~)\s+/g, '$1');
    for (const token of glued.split(/[\s,]+/)) {
      if (token === '') continue;
      const clause = translateClause(token);
      if (clause === null) return { ok: false, error: `invalid version constraint "${truncate(text)}"` };
      clauses.push(...clause);
    }
    // `*` anywhere in an OR allows every version.
    if (clauses.length === 0) return { ok: true, alternatives: [[]] };
    alternatives.push(clauses);
  }
  return { ok: true, alternatives };
}

/** poetryToPep440 is the PEP 440 specifier of a constraint (null: any version, or an OR). */
export function poetryToPep440(text: string): Pep440Translation {
  const parsed = parsePoetryConstraint(text);
  if (!parsed.ok) return parsed;
  const [first] = parsed.alternatives;
  if (parsed.alternatives.length > 1) return { ok: true, specifier: null, union: true };
  return { ok: true, specifier: first && first.length > 0 ? first.join(',') : null, union: false };
}

/**
 * poetryPythonMarker turns a dependency's `python = "…"` restriction into a PEP 508 marker, as Poetry
 * does when it exports: `^3.8` → `python_version >= "3.8" and python_version < "4.0"`. Versions with
 * more than two release segments compare `python_full_version`.
 */
export function poetryPythonMarker(text: string): { ok: true; marker: string | null } | { ok: false; error: string } {
  const parsed = parsePoetryConstraint(text);
  if (!parsed.ok) return parsed;
  if (parsed.alternatives.some((clauses) => clauses.length === 0)) return { ok: true, marker: null };
  const alternatives = parsed.alternatives.map((clauses) => clauses.map(pythonComparison).join(' and '));
  if (alternatives.length === 1) return { ok: true, marker: alternatives[0] ?? null };
  return { ok: true, marker: alternatives.map((a) => (a.includes(' and ') ? `(${a})` : a)).join(' or ') };
}

function pythonComparison(clause: string): string {
  const operator = OPERATOR.exec(clause)?.[1] ?? '==';
  const version = clause.slice(operator.length);
  // `python_version` is "X.Y"; anything finer (3.8.1, 3.13.0rc1) needs `python_full_version`.
  const variable = /^\d+(\.\d+)?(\.\*)?$/.test(version) ? 'python_version' : 'python_full_version';
  return `${variable} ${operator} "${version}"`;
}

/** translateClause is the PEP 440 clauses of one Poetry clause ([] = any), or null when invalid. */
function translateClause(token: string): string[] | null {
  if (/^(\*|x|X)$/.test(token) || /^(\*\.)*\*$/.test(token)) return [];
  if (token.startsWith('^')) return caret(token.slice(1));
  if (token.startsWith('~') && !token.startsWith('~=')) return tilde(token.slice(1));
  const operator = OPERATOR.exec(token)?.[1];
  if (operator) {
    let version = token.slice(operator.length);
    if (/\.[xX]$/.test(version)) version = `${version.slice(0, -2)}.*`;
    const clause = `${operator === '=' ? '==' : operator}${version}`;
    return version !== '' && isValidSpecifier(clause) ? [clause] : null;
  }
  // A bare version pins it exactly; a trailing wildcard (`1.2.*`, `1.2.x`) matches a prefix.
  const wildcard = /^(.+)\.[*xX]$/.exec(token);
  const clause = wildcard ? `==${wildcard[1]}.*` : `==${token}`;
  return isValidSpecifier(clause) ? [clause] : null;
}

/** caret: `^X.Y.Z` allows updates that keep the left-most non-zero segment (all zero: the last). */
function caret(version: string): string[] | null {
  const release = releaseOf(version);
  if (!release) return null;
  const nonZero = release.findIndex((segment) => segment !== 0n);
  const bump = nonZero >= 0 ? nonZero : release.length - 1;
  return [`>=${version}`, `<${bumped(release, bump)}`];
}

/** tilde: `~X.Y.Z` and `~X.Y` allow patch updates, `~X` minor ones. */
function tilde(version: string): string[] | null {
  const release = releaseOf(version);
  if (!release) return null;
  return [`>=${version}`, `<${bumped(release, release.length === 1 ? 0 : 1)}`];
}

function releaseOf(version: string): bigint[] | null {
  const match = RELEASE.exec(version);
  if (!match?.[1] || !isValidVersion(version)) return null;
  return match[1].split('.').map((segment) => BigInt(segment));
}

/** bumped increments segment `index`, zeroes the later ones and keeps the written segment count. */
function bumped(release: bigint[], index: number): string {
  return release.map((segment, i) => (i < index ? segment : i === index ? segment + 1n : 0n)).join('.');
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
