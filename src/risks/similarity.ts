/**
 * How alike two package names are, for the typosquat check. Names are compared in their PEP 503 form,
 * so `-`, `_` and `.` (and case) are already one. Two measures:
 * - the optimal string alignment distance (Damerau-Levenshtein restricted to adjacent swaps): one
 *   insertion, deletion, substitution or swap of neighbours costs 1, which is how typing errors look;
 * - a "skeleton" that erases what a reader does not see: separators, characters that look alike (0/o,
 *   1/l/i, rn/m, vv/w), and the python-/py- prefixes and -python/-py suffixes that name a Python binding.
 */

/**
 * editDistance is the optimal string alignment distance between two strings, or `limit + 1` as soon as
 * it is known to exceed `limit` (so comparing one name with a thousand costs little).
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(previous[b.length] ?? limit + 1, limit + 1);
}

/** onlyDigitsDiffer tells whether two equal-length strings differ only where both have a digit (`cu11`/`cu12`). */
export function onlyDigitsDiffer(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && !(/\d/.test(a[i] ?? '') && /\d/.test(b[i] ?? ''))) return false;
  }
  return true;
}

const PREFIX = /^(python3?-?|py-?)/;
const SUFFIX = /(-python3?|python3?|-py3?)$/;

/** skeleton is what a name looks like to a hurried reader (see the module comment). */
export function skeleton(name: string): string {
  let core = name.replace(PREFIX, '');
  core = core.replace(SUFFIX, '');
  if (core === '') core = name;
  return core
    .replace(/-/g, '')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/0/g, 'o')
    .replace(/[1i]/g, 'l');
}

/** LookAlike says which popular name a name imitates, and how. */
export interface LookAlike {
  target: string;
  how: string;
}

/** MIN_LENGTH is the shortest name compared by edit distance: short names sit one letter apart by nature. */
const MIN_LENGTH = 5;
/** MIN_SKELETON is the shortest skeleton matched: `tz` or `jwt` say too little. */
const MIN_SKELETON = 4;

/**
 * typoDistance is the distance that counts between a name and a popular name, or null when they are not
 * look-alikes by editing:
 * - names with the same number of `-`-separated parts that differ in exactly one part are compared on
 *   that part, so sibling packages of a family (`mypy-boto3-ec2` / `mypy-boto3-ecs`,
 *   `nvidia-cuda-nvcc-cu12` / `nvidia-cuda-nvrtc-cu12`) are not look-alikes of each other;
 * - otherwise the whole names are compared;
 * - the compared text must have at least 5 characters; 1 edit is allowed from 5 characters, 2 from 10;
 * - differences only between digits (`cu11` / `cu12`, `pyqt5` / `pyqt6`) are versions, not typos.
 */
export function typoDistance(name: string, popular: string): number | null {
  if (name === popular) return null;
  let [a, b] = [name, popular];
  const partsA = name.split('-');
  const partsB = popular.split('-');
  if (partsA.length === partsB.length) {
    const differing = partsA.map((part, i) => i).filter((i) => partsA[i] !== partsB[i]);
    if (differing.length !== 1) return null;
    const index = differing[0] ?? 0;
    [a, b] = [partsA[index] ?? '', partsB[index] ?? ''];
  }
  const length = Math.min(a.length, b.length);
  if (length < MIN_LENGTH || onlyDigitsDiffer(a, b)) return null;
  const limit = length >= 10 ? 2 : 1;
  const distance = editDistance(a, b, limit);
  return distance <= limit ? distance : null;
}

/**
 * MAX_EDITS is the most edits typoDistance ever accepts; the neighbourhood index is built for it.
 */
const MAX_EDITS = 2;

/**
 * NeighbourIndex finds, among many names, those that may be within two edits of a given name, without
 * comparing it with every one: each name is filed under every string it becomes with up to two
 * characters deleted, and two strings within two edits (insertions, deletions, substitutions, swaps of
 * neighbours) always share such a string (the "symmetric delete" idea of SymSpell). The candidates are
 * then judged with typoDistance, which stays the rule.
 */
export class NeighbourIndex {
  private readonly byDeletion = new Map<string, string[]>();
  private readonly longest: number;

  constructor(names: Iterable<string>) {
    let longest = 0;
    for (const name of names) {
      longest = Math.max(longest, name.length);
      for (const variant of deletions(name, MAX_EDITS)) {
        const list = this.byDeletion.get(variant);
        if (list) {
          if (list.at(-1) !== name) list.push(name);
        } else this.byDeletion.set(variant, [name]);
      }
    }
    this.longest = longest;
  }

  /** candidates are the indexed names that may be within two edits of `name`, in index order. */
  candidates(name: string): string[] {
    // Beyond two characters longer than every indexed name, nothing can be within two edits.
    if (name.length > this.longest + MAX_EDITS) return [];
    const found = new Set<string>();
    for (const variant of deletions(name, MAX_EDITS)) for (const match of this.byDeletion.get(variant) ?? []) found.add(match);
    return [...found];
  }
}

/** deletions is the string itself and every string made by deleting up to `max` of its characters. */
function deletions(text: string, max: number): Set<string> {
  const result = new Set<string>([text]);
  let frontier = [text];
  for (let round = 0; round < max; round++) {
    const next: string[] = [];
    for (const word of frontier) {
      for (let i = 0; i < word.length; i++) {
        const shorter = word.slice(0, i) + word.slice(i + 1);
        if (!result.has(shorter)) {
          result.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return result;
}

/** SkeletonIndex finds popular names by skeleton; the first (most downloaded) name wins a shared skeleton. */
export class SkeletonIndex {
  private readonly bySkeleton = new Map<string, string>();

  constructor(names: Iterable<string>) {
    for (const name of names) {
      const key = skeleton(name);
      if (key.length >= MIN_SKELETON && !this.bySkeleton.has(key)) this.bySkeleton.set(key, name);
    }
  }

  /** lookAlike is the popular name with the same skeleton as `name` (itself excluded). */
  lookAlike(name: string): LookAlike | null {
    const key = skeleton(name);
    if (key.length < MIN_SKELETON) return null;
    const target = this.bySkeleton.get(key);
    if (!target || target === name) return null;
    return { target, how: describeSkeletonMatch(name, target) };
  }
}

function describeSkeletonMatch(name: string, target: string): string {
  const plain = (text: string): string => text.replace(PREFIX, '').replace(SUFFIX, '');
  if (name.replace(/-/g, '') === target.replace(/-/g, '')) return 'the same letters with different separators';
  if (plain(name) !== name || plain(target) !== target) {
    if (plain(name).replace(/-/g, '') === plain(target).replace(/-/g, '')) return 'the same name with a python/py prefix or suffix added or dropped';
  }
  return 'the same name written with look-alike characters (0/o, 1/l/i, rn/m, vv/w)';
}
