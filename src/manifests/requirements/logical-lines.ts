/**
 * Turning a requirements file's text into logical lines, the way pip's `preprocess` does
 * (pip/_internal/req/req_file.py: `join_lines`, then `ignore_comments`):
 *
 * - a physical line ending in `\` is joined with the next one, without inserting anything;
 * - a comment line (`#` first, after optional whitespace) never continues, even when it ends in `\`,
 *   and it ends a logical line that was being continued;
 * - `#` starts a comment at the start of a line or after whitespace, so the `#` of a URL fragment
 *   (`#egg=`, `#sha256=`) is not one. On a joined line a comment runs to the end of the logical line,
 *   as in pip.
 *
 * Differences from pip, on purpose: lines split on LF, CRLF and CR only (Python's `splitlines` also
 * splits on VT, FF, U+2028…, which would make our line numbers disagree with editors and GitHub), and
 * a leading UTF-8 BOM is dropped here because callers hand us decoded text.
 *
 * Everything is linear in the input size: no regular expression here can backtrack over a long line.
 */
import type { LineRange } from '../types.js';

/** LogicalLine is one pip line: the joined text with comments removed, and the physical lines it spans. */
export interface LogicalLine extends LineRange {
  /** The joined text, comment removed, trimmed; never empty. */
  text: string;
}

/** splitPhysicalLines splits text on LF, CRLF and CR, after dropping a UTF-8 byte-order mark. */
export function splitPhysicalLines(content: string): string[] {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  return text.split(/\r\n|\r|\n/);
}

/** isCommentLine is pip's `COMMENT_RE.match(line)`: `#` after nothing but whitespace. */
function isCommentLine(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (ch === 35 /* # */) return true;
    if (!isWhitespaceCode(ch)) return false;
  }
  return false;
}

function isWhitespaceCode(code: number): boolean {
  // Python's str.isspace for the characters that matter in text files (ASCII + NBSP-like spaces).
  return code === 32 || (code >= 9 && code <= 13) || code === 0x85 || code === 0xa0 || code === 0xfeff
    || (code >= 0x2000 && code <= 0x200a) || code === 0x1680 || code === 0x2028 || code === 0x2029
    || code === 0x202f || code === 0x205f || code === 0x3000 || (code >= 0x1c && code <= 0x1f);
}

/** commentStart is where pip's `(^|\s+)#.*$` would cut the line: a `#` first or after whitespace. */
export function commentStart(text: string): number {
  let index = text.indexOf('#');
  while (index >= 0) {
    if (index === 0 || isWhitespaceCode(text.charCodeAt(index - 1))) return index;
    index = text.indexOf('#', index + 1);
  }
  return -1;
}

/** stripBackslashes is Python's `line.strip("\\")`, which pip applies to a continued line. */
function stripBackslashes(line: string): string {
  let start = 0;
  let end = line.length;
  while (start < end && line.charCodeAt(start) === 92) start++;
  while (end > start && line.charCodeAt(end - 1) === 92) end--;
  return line.slice(start, end);
}

/** A piece of a logical line: the text one physical line contributed, and that line's number. */
interface Piece {
  text: string;
  line: number;
}

/**
 * logicalLines joins continuations, drops comments and blank lines, and returns each remaining
 * logical line with its 1-based inclusive range. The range starts at the first physical line of the
 * join (pip reports that one) and ends at the physical line holding the last character kept, so a
 * trailing comment or blank line that merely terminated a continuation is not part of it.
 */
export function logicalLines(content: string): LogicalLine[] {
  const physical = splitPhysicalLines(content);
  const result: LogicalLine[] = [];
  let pieces: Piece[] = [];

  const flush = (): void => {
    if (pieces.length === 0) return;
    const logical = finish(pieces);
    if (logical) result.push(logical);
    pieces = [];
  };

  for (let index = 0; index < physical.length; index++) {
    const line = physical[index] ?? '';
    const number = index + 1;
    const comment = isCommentLine(line);
    if (!line.endsWith('\\') || comment) {
      // pip prefixes a comment line with a space so the comment is still recognised once joined.
      pieces.push({ text: comment && pieces.length > 0 ? ` ${line}` : line, line: number });
      flush();
    } else {
      pieces.push({ text: stripBackslashes(line), line: number });
    }
  }
  // A backslash on the last line: pip yields what was gathered.
  flush();
  return result;
}

function finish(pieces: Piece[]): LogicalLine | null {
  const first = pieces[0];
  if (!first) return null;
  const joined = pieces.length === 1 ? first.text : pieces.map((p) => p.text).join('');
  const cut = commentStart(joined);
  const kept = cut < 0 ? joined : joined.slice(0, cut);
  // Trim by hand to know where the kept text ends, so the range can end on that physical line.
  let start = 0;
  let end = kept.length;
  while (start < end && isWhitespaceCode(kept.charCodeAt(start))) start++;
  while (end > start && isWhitespaceCode(kept.charCodeAt(end - 1))) end--;
  if (start === end) return null;
  return { text: kept.slice(start, end), start: first.line, end: lineOfOffset(pieces, end - 1) };
}

function lineOfOffset(pieces: Piece[], offset: number): number {
  let position = 0;
  for (const piece of pieces) {
    position += piece.text.length;
    if (offset < position) return piece.line;
  }
  return pieces[pieces.length - 1]?.line ?? 1;
}
