/**
 * Pull request titles that say what they fix: "Fix 2 critical and 1 high vulnerability in django,
 * requests". Counts are distinct advisories by severity, most severe first; the noun agrees with the
 * count just before it ("1 high vulnerability", "2 critical and 3 high vulnerabilities"); at most three
 * packages are named, then "and N more". A parenthesis adds what a reviewer must know before merging: a
 * breaking upgrade, and the project when it is not the repository root. A title longer than GitHub's
 * limit for pull request titles (256 characters) is cut with an ellipsis.
 */
import { SEVERITY_ORDER, type Severity } from '../../advisories/finding.js';
import type { PlannedUpdate } from '../types.js';

/** MAX_TITLE_LENGTH is GitHub's limit on a pull request title. */
export const MAX_TITLE_LENGTH = 256;

/** MAX_NAMED_PACKAGES is how many packages a title names before "and N more". */
export const MAX_NAMED_PACKAGES = 3;

/** TitleInput is what a title is made of. */
export interface TitleInput {
  /** The fixed advisories (distinct ids) with their severities. */
  advisories: ReadonlyArray<{ id: string; severity: Severity }>;
  /** The vulnerable packages fixed, in the order to name them (most severe first). */
  packages: readonly string[];
  /** Every update of the group (breaking ones are mentioned). */
  updates: readonly PlannedUpdate[];
  /** The project root (`.` is the repository root and is not mentioned). */
  project: string;
}

/** groupTitle writes the title of a group's pull request. */
export function groupTitle(input: TitleInput): string {
  const counts = new Map<Severity, number>();
  const seen = new Set<string>();
  for (const advisory of input.advisories) {
    if (seen.has(advisory.id)) continue;
    seen.add(advisory.id);
    counts.set(advisory.severity, (counts.get(advisory.severity) ?? 0) + 1);
  }
  const parts = SEVERITY_ORDER.filter((s) => (counts.get(s) ?? 0) > 0).map((s) => `${counts.get(s) ?? 0} ${s === 'unknown' ? 'unknown-severity' : s}`);
  const last = SEVERITY_ORDER.filter((s) => (counts.get(s) ?? 0) > 0).at(-1);
  const noun = last !== undefined && counts.get(last) === 1 ? 'vulnerability' : 'vulnerabilities';
  const what = parts.length === 0 ? 'vulnerabilities' : `${joinWords(parts)} ${noun}`;
  const notes = [breakingNote(input), input.project === '.' || input.project === '' ? null : input.project].filter((n): n is string => n !== null);
  const where = input.packages.length === 0 ? '' : ` in ${namePackages(input.packages)}`;
  const title = `Fix ${what}${where}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
  return title.length <= MAX_TITLE_LENGTH ? title : `${title.slice(0, MAX_TITLE_LENGTH - 1)}…`;
}

/** namePackages lists at most MAX_NAMED_PACKAGES names, then "and N more". */
export function namePackages(packages: readonly string[]): string {
  if (packages.length <= MAX_NAMED_PACKAGES) return packages.join(', ');
  return `${packages.slice(0, MAX_NAMED_PACKAGES).join(', ')} and ${packages.length - MAX_NAMED_PACKAGES} more`;
}

/** joinWords joins "a", "a and b", "a, b and c". */
function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}

function breakingNote(input: TitleInput): string | null {
  const breaking = input.updates.filter((u) => u.breaking);
  const [first] = breaking;
  if (first === undefined) return null;
  if (breaking.length === 1) {
    const alone = input.packages.length === 1 && input.packages[0] === first.package;
    return alone ? `breaking upgrade to ${first.to}` : `breaking upgrade of ${first.package} to ${first.to}`;
  }
  return `breaking upgrades of ${namePackages([...new Set(breaking.map((u) => u.package))])}`;
}
