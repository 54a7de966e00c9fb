/**
 * How setuptools turns a requirements value into requirement strings, shared by setup.py and setup.cfg.
 * setuptools reads `install_requires` and friends with `_reqs.parse`, which is
 * `join_continuation(map(drop_comment, yield_lines(value)))` (setuptools/_reqs.py, jaraco.text):
 * every line of every string is stripped; blank lines and lines starting with `#` are dropped; a ` #`
 * starts a trailing comment; a line ending with `\` continues on the next one.
 */
import type { LineRange } from '../types.js';

/** TextLine is one line of a requirements value, and where each of its characters was written. */
export interface TextLine {
  text: string;
  /** The 1-based source line of the character at `index` of `text`. */
  lineAt(index: number): number;
}

/** RequirementLine is one requirement string as setuptools would parse it, with its source lines. */
export interface RequirementLine {
  text: string;
  lines: LineRange;
}

/** requirementLines applies setuptools' line rules to the lines of a requirements value. */
export function requirementLines(source: Iterable<TextLine>): RequirementLine[] {
  const result: RequirementLine[] = [];
  let pending: RequirementLine | undefined;
  for (const line of source) {
    const first = line.text.search(/\S/);
    if (first < 0 || line.text.charAt(first) === '#') continue;
    let end = line.text.length;
    const comment = line.text.indexOf(' #', first);
    if (comment >= 0) end = comment;
    while (end > first && /\s/.test(line.text.charAt(end - 1))) end--;
    let text = line.text.slice(first, end);
    const lines = { start: line.lineAt(first), end: line.lineAt(Math.max(first, end - 1)) };
    if (pending) {
      pending = { text: pending.text + text, lines: { start: pending.lines.start, end: lines.end } };
    } else {
      pending = { text, lines };
    }
    text = pending.text;
    if (text.endsWith('\\')) {
      pending.text = text.slice(0, -1).trimEnd();
      continue;
    }
    result.push(pending);
    pending = undefined;
  }
  // A continuation with nothing after it: setuptools drops it; the requirement is kept here so that an
  // invalid one is still reported rather than silently lost.
  if (pending && pending.text !== '') result.push(pending);
  return result;
}
