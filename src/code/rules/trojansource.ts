/**
 * B613 trojansource: Unicode bidirectional control characters in a source file make editors and review
 * tools show code in another order than Python reads it ("Trojan Source", CVE-2021-42574): a comment can
 * appear to close before code that is really inside it, a string can hide a condition.
 * https://bandit.readthedocs.io/en/latest/plugins/b613_trojansource.html, https://trojansource.codes/
 *
 * Semantics follow bandit 1.9 (bandit/plugins/trojansource.py): the file text is read line by line
 * (`\n`, `\r\n` and `\r` end lines, as Python's universal newlines); the first line holding any of
 * U+202A–U+202E, U+2066–U+2069 or U+200F gives the one finding of the file, naming the first of those
 * characters, in that order, that the line holds. High severity, medium confidence, CWE-838.
 *
 * Deliberate difference: the runner places findings on syntax nodes, so the finding is at the smallest
 * node holding the character (a comment, a string's content), whose line is the character's unless the
 * node starts on an earlier line (a character inside a multi-line string is reported at the line where
 * that part of the string starts); bandit gives the character's own line and column.
 */
import type { CodeRule } from '../types.js';

/** BIDI_CHARACTERS are bandit's, in its order (the message names the first one a line holds). */
const BIDI_CHARACTERS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200F'];

const ANY_BIDI = /[\u202A-\u202E\u2066-\u2069\u200F]/;

const LINE_END = /\r\n|\r|\n/g;

/** pythonRepr is how Python's `%r` shows one of these characters: `'\u202e'`. */
function pythonRepr(char: string): string {
  return `'\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}'`;
}

/** trojansource flags bidirectional control characters in the source text (bandit B613). */
export const trojansource: CodeRule = {
  doc: {
    id: 'python.trojansource',
    banditId: 'B613',
    name: 'Bidirectional control characters in source',
    help: 'Unicode bidirectional control characters (U+202A–U+202E, U+2066–U+2069, U+200F) reorder how text is displayed, so code can look different in an editor or a diff from what Python runs ("Trojan Source", CVE-2021-42574). Source code has no legitimate need for them: remove them, or write them as `\\u` escapes inside strings.',
    cwe: 838,
  },
  severity: 'high',
  confidence: 'medium',
  nodeTypes: ['module'],
  check(node, context) {
    const source = context.source;
    const first = ANY_BIDI.exec(source);
    if (!first) return;
    // The line holding the first bidi character of the file is the first line holding any.
    let lineStart = 0;
    LINE_END.lastIndex = 0;
    for (let end = LINE_END.exec(source); end && end.index < first.index; end = LINE_END.exec(source)) {
      lineStart = end.index + end[0].length;
    }
    LINE_END.lastIndex = first.index;
    const lineEnd = LINE_END.exec(source)?.index ?? source.length;
    const line = source.slice(lineStart, lineEnd);
    for (const char of BIDI_CHARACTERS) {
      const at = line.indexOf(char);
      if (at < 0) continue;
      const holder = context.tree.rootNode.descendantForIndex(lineStart + at) ?? node;
      context.report(holder, { message: `A Python source file contains bidirectional control characters (${pythonRepr(char)}).` });
      return;
    }
  },
};
