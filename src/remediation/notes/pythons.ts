/**
 * Which Python versions a `Requires-Python` specifier (core metadata; PEP 345, PEP 440 specifiers)
 * leaves out compared with another: the question behind "Requires-Python raised" and "wheels dropped
 * for a Python the project supports". Specifiers are tried against every CPython release X.Y.Z from 2.0
 * to 3.29 (micro 0–30, sampled where the specifiers change their answer), so `>=3.8.1` and `!=3.9.*`
 * are judged exactly, and answers are minors ("3.8").
 */
import { isValidSpecifier, satisfiesSpecifier } from '../../pep440/index.js';

/** MAX_PY3_MINOR is the last 3.x minor considered (a bound far in the future, as in markers.ts). */
export const MAX_PY3_MINOR = 29;
const MAX_MICRO = 30;

/** PYTHON_MINORS are the minors considered, oldest first: 2.0–2.7, 3.0–3.29. */
export const PYTHON_MINORS: readonly string[] = [
  ...Array.from({ length: 8 }, (_, minor) => `2.${minor}`),
  ...Array.from({ length: MAX_PY3_MINOR + 1 }, (_, minor) => `3.${minor}`),
];

/** usableSpecifier is the specifier when it can be evaluated, else null (no constraint known). */
export function usableSpecifier(specifier: string | null | undefined): string | null {
  const text = specifier?.trim();
  if (!text) return null;
  return isValidSpecifier(text) ? text : null;
}

const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 20_000;

/** allows tells whether a specifier admits a version (memoised: the PEP 440 check is slow). */
function allows(specifier: string | null, version: string): boolean {
  if (specifier === null) return true;
  const key = `${specifier}\u0000${version}`;
  const known = verdicts.get(key);
  if (known !== undefined) return known;
  let verdict: boolean;
  try {
    verdict = satisfiesSpecifier(version, specifier);
  } catch {
    verdict = true;
  }
  if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
  verdicts.set(key, verdict);
  return verdict;
}

/**
 * microsToTry are the micro releases of a minor worth asking about: 0 and the last, and around every
 * micro a specifier names for that minor (`>=3.8.1` → 3.8.0, 3.8.1, 3.8.2). Between those points every
 * specifier answers the same, so the answer for the whole minor is exact at a fraction of the cost.
 */
function microsToTry(minor: string, specifiers: readonly (string | null)[]): number[] {
  const micros = new Set([0, MAX_MICRO]);
  const prefix = new RegExp(`(?:^|[^0-9.])${minor.replace('.', '\\.')}\\.(\\d+)`, 'g');
  for (const specifier of specifiers) {
    if (specifier === null) continue;
    for (const match of specifier.matchAll(prefix)) {
      const micro = Number(match[1]);
      if (!Number.isSafeInteger(micro)) continue;
      for (const m of [micro - 1, micro, micro + 1]) if (m >= 0 && m <= MAX_MICRO) micros.add(m);
    }
  }
  return [...micros].sort((a, b) => a - b);
}

/** microsOf lists the full versions of a minor that every given specifier allows. */
function microsOf(minor: string, specifiers: readonly (string | null)[], around: readonly (string | null)[] = specifiers): string[] {
  const out: string[] = [];
  for (const micro of microsToTry(minor, around)) {
    const version = `${minor}.${micro}`;
    if (specifiers.every((s) => allows(s, version))) out.push(version);
  }
  return out;
}

/** minorsAllowedBy lists the minors where some micro release satisfies every given specifier. */
export function minorsAllowedBy(...specifiers: (string | null)[]): string[] {
  return PYTHON_MINORS.filter((minor) => microsOf(minor, specifiers).length > 0);
}

/**
 * minorsDropped lists the minors that `before` (and the project, when it says) allowed and `after` no
 * longer allows for any of those micro releases. Specifiers that cannot be evaluated are no constraint.
 */
export function minorsDropped(before: string | null, after: string | null, project: string | null): string[] {
  const next = usableSpecifier(after);
  if (next === null) return [];
  const baseline = [usableSpecifier(before), usableSpecifier(project)];
  return PYTHON_MINORS.filter((minor) => {
    const micros = microsOf(minor, baseline, [...baseline, next]);
    return micros.length > 0 && !micros.some((version) => allows(next, version));
  });
}

/**
 * describeMinors writes minors compactly: consecutive runs as "3.8–3.9", a run reaching the last minor
 * considered as "3.13 and later".
 */
export function describeMinors(minors: readonly string[]): string {
  const indexes = minors.map((m) => PYTHON_MINORS.indexOf(m)).filter((i) => i >= 0).sort((a, b) => a - b);
  const runs: string[] = [];
  let start = 0;
  for (let i = 1; i <= indexes.length; i++) {
    const current = indexes[i];
    const previous = indexes[i - 1] ?? 0;
    const sameMajor = current !== undefined && PYTHON_MINORS[current]?.charAt(0) === PYTHON_MINORS[previous]?.charAt(0);
    if (current !== undefined && current === previous + 1 && sameMajor) continue;
    const first = PYTHON_MINORS[indexes[start] ?? 0] ?? '';
    const last = PYTHON_MINORS[previous] ?? '';
    if (last === `3.${MAX_PY3_MINOR}` && first !== last) runs.push(`${first} and later`);
    else runs.push(first === last ? first : `${first}–${last}`);
    start = i;
  }
  return runs.join(', ');
}
