/**
 * Finding a PEP 508 requirement (`name[extras] specifier ; markers`) inside a line or a string literal,
 * by offsets, so only its version specifier is rewritten: the name's spelling, the extras, the markers,
 * quotes and comments around it stay byte for byte. Grammar: https://peps.python.org/pep-0508/
 */
import { normalizePackageName } from '../../manifests/pep508.js';
import { isBlank } from './text.js';

/** StopRule says which characters end a requirement's specifier, besides `;` (markers) and the limit. */
export interface StopRule {
  /** A blank followed by `-` starts pip options (`--hash`), as in requirements files. */
  options?: boolean;
  /** `"` and `'` end it: the requirement sits in a string literal whose bounds are not known. */
  quotes?: boolean;
}

/** Pep508Span is where a requirement's parts are, as offsets into the scanned text. */
export interface Pep508Span {
  nameStart: number;
  /** Offset just after the name and its extras: where a missing specifier would be inserted. */
  regionStart: number;
  /** Offset just after the specifier's last non-blank character (`regionStart` when there is none). */
  regionEnd: number;
  /**
   * What ended the specifier (`end`: the limit or a line break): a backslash there means a line
   * continuation or an escape sequence.
   */
  stoppedBy: 'end' | 'marker' | 'comment' | 'option' | 'quote' | 'backslash';
}

/** Pep508Match is a requirement found at an offset, one with a URL instead of a specifier, or nothing. */
export type Pep508Match = { kind: 'found'; span: Pep508Span } | { kind: 'url' } | { kind: 'none' };

const NAME = /[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/y;
const OPERATOR_START = /^[=!<>~(]/;

/**
 * scanRequirementAt reads a requirement that starts at `at` (blanks skipped) and ends by `limit`, and
 * returns its span when its name is `name` (PEP 503 normalised) and what follows the name is a version
 * specifier (or nothing). Anything else is 'none': the caller tries its next candidate.
 */
export function scanRequirementAt(text: string, at: number, limit: number, name: string, stop: StopRule = {}): Pep508Match {
  let position = at;
  // Line breaks too: a multi-line string literal may start with one before the requirement.
  while (position < limit && (isBlank(text[position]) || text[position] === '\n' || text[position] === '\r')) position++;
  NAME.lastIndex = position;
  const match = NAME.exec(text);
  if (!match || match.index !== position || position + match[0].length > limit) return { kind: 'none' };
  if (normalizePackageName(match[0]) !== name) return { kind: 'none' };
  const nameStart = position;
  position += match[0].length;
  let regionStart = position;
  let cursor = position;
  while (cursor < limit && isBlank(text[cursor])) cursor++;
  if (text[cursor] === '[') {
    const close = text.indexOf(']', cursor);
    if (close < 0 || close >= limit) return { kind: 'none' };
    regionStart = close + 1;
    cursor = regionStart;
  }
  // The specifier runs to the first character that ends it.
  let end = cursor;
  let stoppedBy: Pep508Span['stoppedBy'] = 'end';
  for (; end < limit; end++) {
    const ch = text[end];
    if (ch === '\n' || ch === '\r') stoppedBy = 'end';
    else if (ch === ';') stoppedBy = 'marker';
    else if (ch === '\\') stoppedBy = 'backslash';
    else if (ch === '#' && (end === 0 || isBlank(text[end - 1]))) stoppedBy = 'comment';
    else if (stop.options && ch === '-' && end > 0 && isBlank(text[end - 1])) stoppedBy = 'option';
    else if (stop.quotes && (ch === '"' || ch === "'")) stoppedBy = 'quote';
    else continue;
    break;
  }
  let regionEnd = end;
  while (regionEnd > regionStart && isBlank(text[regionEnd - 1])) regionEnd--;
  const written = text.slice(regionStart, regionEnd).trimStart();
  if (written.startsWith('@')) return { kind: 'url' };
  if (written !== '' && !OPERATOR_START.test(written)) return { kind: 'none' };
  // A bare name is read up to the blanks before whatever ended it: insert right after the name.
  if (written === '') regionEnd = regionStart;
  return { kind: 'found', span: { nameStart, regionStart, regionEnd, stoppedBy } };
}
