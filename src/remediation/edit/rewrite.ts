/**
 * rewriteConstraint changes a version constraint, as written, so that it requires the target version:
 * the smallest change to the text that (1) allows the target and (2) excludes every older version,
 * which is what makes a security fix stick when the file is installed without a lock.
 *
 * Clause by clause (PEP 440 operators, https://packaging.python.org/en/latest/specifications/version-specifiers/):
 * - a pin `==V` / `===V` (Poetry: `V`, `=V`) becomes the target;
 * - a lower bound `>=V` / `>V` below the target is raised to `>=target`; one above it is a problem (the
 *   edit would be a downgrade);
 * - a cap that excludes the target is widened at its own precision (`<2` → `<3`, `<1.5` → `<1.7`,
 *   `<=1.5` → `<=target`), never dropped, and the change is marked breaking: the project had declared the
 *   new version incompatible; a cap that allows the target is left alone;
 * - `~=V` keeps its precision (`~=1.4` → `~=1.6`; `~=1.4.2` → `~=1.4.5`); when the target is finer than
 *   that precision the clause stays and a floor is added (`~=1.4` and 1.4.5 → `>=1.4.5,~=1.4`);
 * - `==P.*` that does not match moves to the target's prefix (`==4.1.*` → `==4.2.*`);
 * - `!=V` that excludes the target is a problem (someone excluded that very version on purpose);
 * - Poetry's `^V` / `~V` become `^target` / `~target` (precision kept: `^4.2` and 4.3.0 → `^4.3`);
 *   leaving the caret or tilde range is marked breaking (https://python-poetry.org/docs/dependency-specification/#caret-requirements).
 * Finally, when no clause keeps older versions out (`<2`, `!=1.3`, a matching wildcard, no constraint at
 * all), a floor `>=target` is put in front. The result is checked: it must allow the target.
 */
import { isValidSpecifier, isValidVersion, satisfiesSpecifier, versionsEqual } from '../../pep440/index.js';
import { poetryToPep440 } from '../../manifests/pyproject/poetry-constraint.js';
import { readClauses, type Clause, type ConstraintDialect } from './clauses.js';
import { capAbove, caretUpper, compare, prefixOf, releaseOf, tildeUpper, withPrecision } from './versions.js';

/** ConstraintRewrite is the new constraint text, or the news that none is needed, or why none can be made. */
export type ConstraintRewrite =
  | { kind: 'changed'; text: string; breaking: boolean; notes: string[] }
  | { kind: 'unchanged'; reason: string }
  | { kind: 'problem'; message: string };

type Decision =
  | { kind: 'keep' }
  | { kind: 'change'; op: string; version: string; note?: string; breaking?: boolean }
  | { kind: 'problem'; message: string };

const KEEP: Decision = { kind: 'keep' };

/** rewriteConstraint rewrites `text` (a constraint as written, maybe empty) to require `target`. */
export function rewriteConstraint(text: string, target: string, dialect: ConstraintDialect): ConstraintRewrite {
  if (!isValidVersion(target)) return { kind: 'problem', message: `"${target}" is not a PEP 440 version` };
  const reading = readClauses(text, dialect);
  if (!reading.ok) return { kind: 'problem', message: reading.error };
  const { clauses } = reading;

  const changes = new Map<Clause, { op: string; version: string }>();
  const notes: string[] = [];
  let breaking = false;
  for (const clause of clauses) {
    const decision = decide(clause, target, dialect);
    if (decision.kind === 'problem') return decision;
    if (decision.kind === 'keep') continue;
    changes.set(clause, { op: decision.op, version: decision.version });
    if (decision.note) notes.push(decision.note);
    if (decision.breaking) breaking = true;
  }

  const after = clauses.map((clause) => changes.get(clause) ?? { op: clause.op, version: clause.version });
  const needsFloor = !after.some(({ op, version }) => keepsOlderOut(op, version, target));
  if (changes.size === 0 && !needsFloor) {
    return { kind: 'unchanged', reason: `"${text.trim()}" already requires ${target} or later` };
  }

  let result = render(text, clauses, changes);
  if (needsFloor) {
    result = insertFloor(result, text, clauses, target);
    notes.push(clauses.length === 0 ? `no version constraint before: now >=${target}` : `floor >=${target} added`);
  }
  const check = allows(result, target, dialect);
  if (check !== null) return { kind: 'problem', message: check };
  return { kind: 'changed', text: result, breaking, notes };
}

function decide(clause: Clause, target: string, dialect: ConstraintDialect): Decision {
  const { op, version } = clause;
  const wildcard = /\.[*xX]$/.test(version) && (op === '==' || op === '!=' || (dialect === 'poetry' && (op === '' || op === '=')));
  if (version === '*' || /^[xX]$/.test(version)) return KEEP;
  if (op === '===') return version === target ? KEEP : { kind: 'change', op, version: target };
  if (wildcard && op !== '!=') return decideWildcard(clause, target);
  if (op !== '===' && !wildcard && !isValidVersion(version)) {
    return { kind: 'problem', message: `"${op}${version}" is not a version this editor can compare` };
  }
  switch (op) {
    case '==':
    case '=':
    case '':
      return versionsEqual(version, target) ? KEEP : { kind: 'change', op, version: target };
    case '!=': {
      const spec = `!=${wildcard ? `${version.slice(0, -2)}.*` : version}`;
      return satisfiesSpecifier(target, spec)
        ? KEEP
        : { kind: 'problem', message: `the target ${target} is excluded by "${op}${version}"; edit it by hand` };
    }
    case '>=':
    case '>': {
      const order = compare(version, target);
      if (order < 0) return { kind: 'change', op: '>=', version: target };
      if (order === 0 && op === '>=') return KEEP;
      return { kind: 'problem', message: `the lower bound "${op}${version}" is above the target ${target} (a downgrade)` };
    }
    case '<':
    case '<=':
      return decideCap(op, version, target);
    case '~=':
      return decideCompatible(version, target);
    case '^':
    case '~':
      return decidePoetryRange(op, version, target);
    default:
      return { kind: 'problem', message: `unknown operator "${op}"` };
  }
}

function decideCap(op: string, cap: string, target: string): Decision {
  const order = compare(target, cap);
  if (order < 0 || (order === 0 && op === '<=')) return KEEP;
  const widened = op === '<=' ? target : capAbove(cap, target);
  if (widened === null) return { kind: 'problem', message: `the cap "${op}${cap}" excludes ${target} and cannot be widened safely` };
  return {
    kind: 'change',
    op,
    version: widened,
    note: `cap "${op}${cap}" excluded ${target}: widened to "${op}${widened}"`,
    breaking: true,
  };
}

function decideCompatible(version: string, target: string): Decision {
  const segments = releaseOf(version)?.length ?? 0;
  if (segments < 2) return { kind: 'problem', message: `"~=${version}" is not a valid compatible-release clause` };
  if (compare(version, target) > 0) {
    return { kind: 'problem', message: `the lower bound of "~=${version}" is above the target ${target} (a downgrade)` };
  }
  const inside = satisfiesSpecifier(target, `~=${version}`);
  let base = prefixOf(target, segments) ?? target;
  // A pre-release target (2.0.0rc1) sorts below its own prefix (2.0): the clause names the target itself.
  if (compare(base, target) > 0) base = target;
  if (versionsEqual(base, version)) return KEEP;
  if (inside && compare(base, target) < 0 && compare(base, version) <= 0) return KEEP;
  return {
    kind: 'change',
    op: '~=',
    version: base,
    ...(inside ? {} : { note: `compatible release "~=${version}" excluded ${target}: now "~=${base}"`, breaking: true }),
  };
}

function decideWildcard(clause: Clause, target: string): Decision {
  const { op, version } = clause;
  const prefix = version.slice(0, -2);
  const star = version.slice(-2);
  if (satisfiesSpecifier(target, `==${prefix}.*`)) return KEEP;
  const moved = prefixOf(target, releaseOf(prefix)?.length ?? 1);
  if (moved === null) return { kind: 'problem', message: `"${op}${version}" cannot be moved to ${target}` };
  return {
    kind: 'change',
    op,
    version: `${moved}${star}`,
    note: `wildcard "${op}${version}" excluded ${target}: now "${op}${moved}${star}"`,
    breaking: true,
  };
}

function decidePoetryRange(op: string, version: string, target: string): Decision {
  const release = releaseOf(version);
  const upper = op === '^' ? caretUpper(version) : tildeUpper(version);
  if (!release || upper === null) return { kind: 'problem', message: `"${op}${version}" is not a valid Poetry constraint` };
  if (compare(version, target) > 0) {
    return { kind: 'problem', message: `the lower bound of "${op}${version}" is above the target ${target} (a downgrade)` };
  }
  const moved = withPrecision(target, release.length);
  if (moved === version) return KEEP;
  const inside = compare(target, upper) < 0;
  const range = op === '^' ? 'caret' : 'tilde';
  return {
    kind: 'change',
    op,
    version: moved,
    ...(inside ? {} : { note: `${target} is outside the ${range} range of "${op}${version}" (<${upper}): a breaking update`, breaking: true }),
  };
}

/** keepsOlderOut tells whether a clause (after the rewrite) excludes every version older than the target. */
function keepsOlderOut(op: string, version: string, target: string): boolean {
  if (op === '===') return version === target;
  let floor: string;
  if (/\.[*xX]$/.test(version)) {
    if (op === '!=') return false;
    floor = version.slice(0, -2);
  } else if (['==', '=', '', '>=', '>', '~=', '^', '~'].includes(op)) {
    floor = version;
  } else {
    return false;
  }
  return isValidVersion(floor) && compare(floor, target) >= 0;
}

/** render applies the clause changes to the written text, keeping every separator as written. */
function render(text: string, clauses: Clause[], changes: Map<Clause, { op: string; version: string }>): string {
  let result = '';
  let position = 0;
  for (const clause of clauses) {
    const change = changes.get(clause);
    if (!change) continue;
    if (change.op === clause.op) {
      result += text.slice(position, clause.verStart) + change.version;
    } else {
      result += text.slice(position, clause.opStart) + change.op + text.slice(clause.opEnd, clause.verStart) + change.version;
    }
    position = clause.verEnd;
  }
  return result + text.slice(position);
}

/**
 * insertFloor puts `>=target` before the first clause, spaced like the clauses around it (`>= 1.0, <2`
 * gets `>= 1.1, `), or writes it as the whole constraint when there was none.
 */
function insertFloor(rendered: string, original: string, clauses: Clause[], target: string): string {
  const [first, second] = clauses;
  if (!first) {
    const open = original.indexOf('(');
    const at = open >= 0 ? open + 1 : original.length - original.trimStart().length;
    return `${rendered.slice(0, at)}>=${target}${rendered.slice(at)}`;
  }
  const space = original.slice(first.opEnd, first.verStart);
  const separator = second ? original.slice(first.verEnd, second.opStart) : ',';
  // No change happens before the first clause, so its offset is the same in the rendered text.
  return `${rendered.slice(0, first.opStart)}>=${space}${target}${separator}${rendered.slice(first.opStart)}`;
}

/** allows checks the rewritten constraint: valid in its dialect, and allowing the target. Null when fine. */
function allows(text: string, target: string, dialect: ConstraintDialect): string | null {
  let specifier: string | null;
  if (dialect === 'poetry') {
    const translated = poetryToPep440(text);
    if (!translated.ok) return `the rewritten constraint "${text.trim()}" is invalid: ${translated.error}`;
    specifier = translated.specifier;
  } else {
    specifier = text.replace(/\s+/g, '').replace(/^\((.*)\)$/, '$1');
    if (!isValidSpecifier(specifier)) return `the rewritten constraint "${text.trim()}" is not a valid specifier`;
  }
  if (specifier && !satisfiesSpecifier(target, specifier)) {
    return `the rewritten constraint "${text.trim()}" still excludes ${target}; edit it by hand`;
  }
  return null;
}
