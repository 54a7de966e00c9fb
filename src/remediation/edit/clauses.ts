/**
 * Reading the clauses of a version constraint AS WRITTEN, with the offset of each operator and version,
 * so a rewrite can replace one version and leave every space, comma and parenthesis where it was.
 *
 * Two dialects: PEP 440 specifier sets (`>=1.0, <2`, `(==1.2.3)`, `~=1.4`; requirements files, PEP 508
 * strings, Pipfile) per https://packaging.python.org/en/latest/specifications/version-specifiers/, and
 * Poetry constraints (`^1.2`, `~1.2.3`, `1.2.*`, `>=1.2 <2`, bare `1.2.3`) per
 * https://python-poetry.org/docs/dependency-specification/#version-constraints.
 */

/** ConstraintDialect is the syntax a constraint is written in. */
export type ConstraintDialect = 'pep440' | 'poetry';

/** Clause is one `operator version` of a constraint, with offsets into the constraint's text. */
export interface Clause {
  /** The operator as written: `==`, `>=`, `~=`… (Poetry also `^`, `~`, `=` and `''` for a bare version). */
  op: string;
  opStart: number;
  opEnd: number;
  version: string;
  verStart: number;
  verEnd: number;
}

/** ClauseReading is a constraint's clauses, or why it cannot be read clause by clause. */
export type ClauseReading = { ok: true; clauses: Clause[] } | { ok: false; error: string };

const PEP440_CLAUSE = /(===|==|!=|~=|<=|>=|<|>)([ \t]*)([^\s,;()]+)/g;
const POETRY_CLAUSE = /(\^|~=|~|===|==|!=|<=|>=|<|>|=)?([ \t]*)([0-9A-Za-z*][^\s,|()]*)/g;

/** MAX_CONSTRAINT_LENGTH bounds what is read: real constraints are short, hostile ones are refused. */
export const MAX_CONSTRAINT_LENGTH = 1_000;

/**
 * readClauses finds every clause of a constraint. Between clauses only separators may appear (commas and
 * blanks; parentheses around a PEP 508 specifier): anything else means the text is not a plain
 * constraint, and it is refused rather than half-understood.
 */
export function readClauses(text: string, dialect: ConstraintDialect): ClauseReading {
  if (text.length > MAX_CONSTRAINT_LENGTH) return { ok: false, error: `constraint longer than ${MAX_CONSTRAINT_LENGTH} characters` };
  if (dialect === 'poetry' && text.includes('|')) {
    return { ok: false, error: `"${text.trim()}" is an OR of ranges; edit it by hand` };
  }
  const pattern = new RegExp(dialect === 'pep440' ? PEP440_CLAUSE : POETRY_CLAUSE);
  const clauses: Clause[] = [];
  let rest = '';
  let position = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const op = match[1] ?? '';
    const space = match[2] ?? '';
    const version = match[3] ?? '';
    rest += text.slice(position, match.index);
    const opStart = match.index;
    const opEnd = opStart + op.length;
    const verStart = opEnd + space.length;
    clauses.push({ op, opStart, opEnd, version, verStart, verEnd: verStart + version.length });
    position = match.index + match[0].length;
  }
  rest += text.slice(position);
  const separators = dialect === 'pep440' ? /^[\s,()]*$/ : /^[\s,]*$/;
  if (!separators.test(rest)) return { ok: false, error: `"${text.trim()}" is not a version constraint this editor can read` };
  return { ok: true, clauses };
}
