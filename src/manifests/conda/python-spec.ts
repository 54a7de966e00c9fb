/**
 * A conda environment's `python` package spec, translated into the PEP 440 `requiresPython` pipwarden
 * uses everywhere else. Conda's MatchSpec is not PEP 440: `python=3.11` is fuzzy (any 3.11.x), while
 * `python 3.11.4` (a bare version in the space-separated form) and `python==3.11.4` are exact.
 * See https://docs.conda.io/projects/conda/en/latest/user-guide/concepts/pkg-search.html
 */
import { isValidSpecifier } from '../../pep440/index.js';

/** CondaSpec is a conda package spec split into its parts. */
export interface CondaSpec {
  name: string;
  /** The version constraint as written, without the build string. */
  version?: string;
}

// [channel[/subdir]::]name, then the rest: "=ver[=build]", "==ver", ">=a,<b", " ver [build]", "[version='…']".
const SPEC = /^(?:[^\s:]+::)?([A-Za-z0-9_][A-Za-z0-9_.+-]*)\s*(.*)$/s;

/** parseCondaSpec splits a MatchSpec string; undefined when it does not start with a package name. */
export function parseCondaSpec(text: string): CondaSpec | undefined {
  const match = SPEC.exec(text.trim());
  if (!match?.[1]) return undefined;
  const name = match[1];
  const rest = (match[2] ?? '').trim();
  if (rest === '') return { name };
  if (rest.startsWith('[')) {
    const version = /version\s*=\s*['"]?([^'"\],]+(?:,[^'"\]]+)*)['"]?/.exec(rest)?.[1];
    return version ? { name, version: version.trim() } : { name };
  }
  if (rest.startsWith('=') && !rest.startsWith('==')) {
    // name=version=build: the build string follows a second "=".
    return { name, version: `=${rest.slice(1).split('=')[0]?.trim() ?? ''}` };
  }
  // name ver build / name>=1,<2 build: the build string is a second whitespace-separated token.
  return { name, version: rest.split(/\s+/)[0] ?? '' };
}

/**
 * requiresPythonOfConda is the PEP 440 specifier a conda `python` spec amounts to, or undefined when the
 * spec is not python, has no version, or uses what PEP 440 cannot say (`3.10|3.11`).
 */
export function requiresPythonOfConda(text: string): string | undefined {
  const spec = parseCondaSpec(text);
  if (spec?.name.toLowerCase() !== 'python' || !spec.version || spec.version.includes('|')) return undefined;
  const clauses = spec.version.split(',').map((clause) => translateClause(clause.trim()));
  if (clauses.some((c) => c === undefined)) return undefined;
  const specifier = clauses.join(',');
  return isValidSpecifier(specifier) ? specifier : undefined;
}

function translateClause(clause: string): string | undefined {
  const operator = /^(===|==|!=|~=|<=|>=|<|>)\s*(.+)$/.exec(clause);
  if (operator) return `${operator[1]}${operator[2]}`;
  if (clause.startsWith('=')) {
    // `=3.11` is fuzzy: any version starting with 3.11.
    const version = clause.slice(1).replace(/\.?\*$/, '');
    return version === '' ? undefined : `==${version}.*`;
  }
  if (clause === '' || clause === '*') return undefined;
  // A bare version is exact, unless it ends in a wildcard (`3.11.*`, conda's `3.11*`).
  return clause.endsWith('*') ? `==${clause.replace(/\.?\*$/, '')}.*` : `==${clause}`;
}
