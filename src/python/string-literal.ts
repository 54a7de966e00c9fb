/**
 * Decoding Python string literals from a syntax tree, keeping the source line of every decoded
 * character: a requirement inside a triple-quoted string, or split over implicitly concatenated
 * literals, must still carry the exact lines it was written on.
 *
 * Escapes follow https://docs.python.org/3/reference/lexical_analysis.html#escape-sequences.
 */
import type { Node } from 'web-tree-sitter';

/** LineBreak says that decoded characters from `offset` on were written on `line` (1-based). */
export interface LineBreak {
  offset: number;
  line: number;
}

/** LocatedText is decoded text with where it was written: `breaks` is ascending and starts at offset 0. */
export interface LocatedText {
  text: string;
  breaks: LineBreak[];
}

/** StringLiteralResult is a decoded literal, or why the string is not a constant (an f-string). */
export type StringLiteralResult = { ok: true; value: LocatedText } | { ok: false; reason: string };

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/**
 * decodeStringLiteral decodes one `string` node (not a `concatenated_string`). f-strings and t-strings
 * (PEP 498, PEP 750) are computed at run time, so they are refused even without placeholders.
 */
export function decodeStringLiteral(node: Node): StringLiteralResult {
  const children = node.children;
  const start = children[0];
  if (!start || start.type !== 'string_start') return { ok: false, reason: 'not a string literal' };
  if (children.some((child) => child.type === 'interpolation')) return { ok: false, reason: 'f-string' };
  const prefix = /^[A-Za-z]*/.exec(start.text)?.[0] ?? '';
  if (/[ft]/i.test(prefix)) return { ok: false, reason: 'f-string' };
  const last = children[children.length - 1];
  const endLength = last && last !== start && last.type === 'string_end' ? last.text.length : 0;
  const full = node.text;
  const content = full.slice(start.text.length, full.length - endLength);
  return {
    ok: true,
    value: decodeContent(content, start.startPosition.row + 1, /r/i.test(prefix), /b/i.test(prefix)),
  };
}

function decodeContent(content: string, firstLine: number, raw: boolean, bytes: boolean): LocatedText {
  let text = '';
  const breaks: LineBreak[] = [{ offset: 0, line: firstLine }];
  let line = firstLine;
  const emit = (chars: string, at: number): void => {
    if (at !== breaks[breaks.length - 1]?.line) breaks.push({ offset: text.length, line: at });
    text += chars;
  };
  let i = 0;
  while (i < content.length) {
    const char = content.charAt(i);
    if (char === '\n' || char === '\r') {
      // Python reads sources with universal newlines: \r\n and \r are \n. Lines are counted by \n.
      emit('\n', line);
      if (char === '\r' && content.charAt(i + 1) === '\n') i++;
      if (content.charAt(i) === '\n') line++;
      i++;
      continue;
    }
    if (char !== '\\' || raw) {
      emit(char, line);
      i++;
      continue;
    }
    const escape = decodeEscape(content, i, bytes);
    if (escape.lineContinuation) line++;
    if (escape.value !== '') emit(escape.value, line);
    i += escape.length;
  }
  return { text, breaks };
}

interface DecodedEscape {
  value: string;
  /** How many source characters the escape spans, backslash included. */
  length: number;
  /** A backslash before a newline: both vanish, and the next character is on the next line. */
  lineContinuation?: boolean;
}

function decodeEscape(content: string, at: number, bytes: boolean): DecodedEscape {
  const next = content.charAt(at + 1);
  if (next === '\n') return { value: '', length: 2, lineContinuation: true };
  if (next === '\r') {
    const crlf = content.charAt(at + 2) === '\n';
    return { value: '', length: crlf ? 3 : 2, lineContinuation: crlf };
  }
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) return { value: simple, length: 2 };
  const octal = /^[0-7]{1,3}/.exec(content.slice(at + 1, at + 4));
  if (octal) return { value: String.fromCharCode(parseInt(octal[0], 8)), length: 1 + octal[0].length };
  const hexDigits = next === 'x' ? 2 : !bytes && next === 'u' ? 4 : !bytes && next === 'U' ? 8 : 0;
  if (hexDigits > 0) {
    const digits = content.slice(at + 2, at + 2 + hexDigits);
    const code = /^[0-9A-Fa-f]+$/.test(digits) && digits.length === hexDigits ? parseInt(digits, 16) : NaN;
    if (code <= 0x10ffff) return { value: String.fromCodePoint(code), length: 2 + hexDigits };
  }
  // Unknown escapes (and \N{…}, whose names need Unicode's name table) stay as written.
  return { value: '\\', length: 1 };
}

/** lineAtOffset is the line a decoded character was written on. */
export function lineAtOffset(text: LocatedText, offset: number): number {
  const { breaks } = text;
  let low = 0;
  let high = breaks.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((breaks[middle]?.offset ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return breaks[low]?.line ?? 1;
}

/** concatLocated joins texts, as Python joins adjacent literals (`"a" "b"`) or adds strings. */
export function concatLocated(parts: readonly LocatedText[]): LocatedText {
  let text = '';
  const breaks: LineBreak[] = [];
  for (const part of parts) {
    for (const lineBreak of part.breaks) {
      const offset = text.length + lineBreak.offset;
      const previous = breaks[breaks.length - 1];
      if (previous && previous.offset === offset) breaks[breaks.length - 1] = { offset, line: lineBreak.line };
      else if (previous?.line !== lineBreak.line) breaks.push({ offset, line: lineBreak.line });
    }
    text += part.text;
  }
  if (breaks.length === 0) breaks.push({ offset: 0, line: 1 });
  return { text, breaks };
}
