/**
 * A small TOML tokenizer for the lines of one declaration (https://toml.io/en/v1.0.0): strings with the
 * offsets of their raw content (basic, literal and multi-line), bare words, and single punctuation
 * characters; blanks, line breaks and comments are skipped. Editors only ever replace characters inside
 * a string's content, so the quotes the user chose stay as they are.
 */

/** TomlToken is one token, with absolute offsets into the text. */
export interface TomlToken {
  type: 'string' | 'bare' | 'punct';
  start: number;
  end: number;
  /** Strings: the raw content (escapes not decoded); bare words and punctuation: the token itself. */
  text: string;
  /** Strings: where the raw content starts and ends. */
  contentStart: number;
  contentEnd: number;
  /** The first token of its line. */
  lineFirst: boolean;
}

const BARE = /[A-Za-z0-9_-]+/y;

/** tomlTokens tokenizes text[from, to). An unterminated string ends at its line's end (or at `to`). */
export function tomlTokens(text: string, from: number, to: number): TomlToken[] {
  const tokens: TomlToken[] = [];
  let position = from;
  let lineFirst = true;
  while (position < to) {
    const ch = text[position];
    if (ch === '\n') {
      lineFirst = true;
      position++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\ufeff') {
      position++;
      continue;
    }
    if (ch === '#') {
      const newline = text.indexOf('\n', position);
      position = newline < 0 || newline > to ? to : newline;
      continue;
    }
    let token: TomlToken;
    if (ch === '"' || ch === "'") {
      token = readString(text, position, to, ch, lineFirst);
    } else {
      BARE.lastIndex = position;
      const bare = BARE.exec(text);
      const end = bare ? Math.min(to, position + bare[0].length) : position + 1;
      const word = text.slice(position, end);
      token = { type: bare ? 'bare' : 'punct', start: position, end, text: word, contentStart: position, contentEnd: end, lineFirst };
    }
    tokens.push(token);
    lineFirst = false;
    position = token.end;
  }
  return tokens;
}

function readString(text: string, start: number, limit: number, quote: string, lineFirst: boolean): TomlToken {
  const triple = text.startsWith(quote.repeat(3), start);
  const delimiter = triple ? quote.repeat(3) : quote;
  const contentStart = start + delimiter.length;
  let position = contentStart;
  while (position < limit) {
    const ch = text[position];
    if (quote === '"' && ch === '\\') {
      position += 2;
      continue;
    }
    if (!triple && ch === '\n') break;
    if (text.startsWith(delimiter, position)) {
      let end = position;
      // A multi-line string may end with one or two quotes just before its delimiter.
      if (triple) while (text[end + 3] === quote && end - position < 2) end++;
      const token = { contentStart, contentEnd: end, start, end: end + delimiter.length, lineFirst };
      return { type: 'string', text: text.slice(contentStart, end), ...token };
    }
    position++;
  }
  const end = Math.min(position, limit);
  return { type: 'string', start, end, text: text.slice(contentStart, end), contentStart, contentEnd: end, lineFirst };
}

/** isKeyAt tells whether the token at `index` is a key (bare or quoted) followed by `=`. */
export function isKeyAt(tokens: readonly TomlToken[], index: number): boolean {
  const token = tokens[index];
  const next = tokens[index + 1];
  if (!token || token.type === 'punct' || next?.text !== '=' || next.type !== 'punct') return false;
  const previous = tokens[index - 1];
  return token.lineFirst || !previous || (previous.type === 'punct' && ['{', ',', '.'].includes(previous.text));
}
