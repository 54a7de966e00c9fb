/**
 * JsonLocator finds where things are in a JSON document. JSON.parse gives values but no positions, and
 * every requirement must carry its line range, so the Pipfile.lock parser parses values with JSON.parse
 * and asks this locator for lines. It also validates (RFC 8259) and reports the line of the first syntax
 * error, which V8's messages do not always give.
 *
 * It scans with an explicit stack: deeply nested input cannot overflow the call stack.
 */
import type { LineRange } from '../types.js';

/** JsonSpan is where one value sits, with its members (objects) or items (arrays). */
export interface JsonSpan {
  lines: LineRange;
  /** Object values: each member by decoded key (the last one wins for duplicates, as in JSON.parse). */
  members?: Map<string, JsonMemberSpan>;
  /** Array values: each element, in order. */
  items?: JsonSpan[];
}

/** JsonMemberSpan is one `"key": value` member: `lines` runs from the key to the end of the value. */
export interface JsonMemberSpan {
  lines: LineRange;
  value: JsonSpan;
}

/** JsonSyntaxError is the first place the text stops being JSON. */
export interface JsonSyntaxError {
  message: string;
  line: number;
}

type Frame =
  | { kind: 'object'; span: JsonSpan; key?: string; keyLine: number; state: 'key-or-end' | 'key' | 'colon' | 'value' | 'comma-or-end' }
  | { kind: 'array'; span: JsonSpan; state: 'value-or-end' | 'value' | 'comma-or-end' };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** JsonLocatorOptions trims what is recorded, for large files. */
export interface JsonLocatorOptions {
  /**
   * Arrays nested deeper than this (the root value is depth 0) do not record their items: a lock file's
   * hash lists are never asked about, and recording each hash costs memory on 100,000-entry files.
   */
  itemsDepth?: number;
}

/** JsonLocator scans one JSON text; `root` is its value, `error` the first syntax error, if any. */
export class JsonLocator {
  root?: JsonSpan;
  error?: JsonSyntaxError;
  private readonly text: string;
  private readonly itemsDepth: number;
  private pos = 0;
  private line = 1;

  constructor(text: string, options: JsonLocatorOptions = {}) {
    this.text = text;
    this.itemsDepth = options.itemsDepth ?? Infinity;
    this.scan();
  }

  /** member follows a path of object keys from the root. */
  member(path: readonly string[]): JsonMemberSpan | undefined {
    let span = this.root;
    let found: JsonMemberSpan | undefined;
    for (const key of path) {
      found = span?.members?.get(key);
      if (!found) return undefined;
      span = found.value;
    }
    return found;
  }

  private scan(): void {
    const stack: Frame[] = [];
    // Skip a UTF-8 byte order mark: editors write one, and it is not content.
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    for (;;) {
      this.skipWhitespace();
      const frame = stack[stack.length - 1];
      const ch = this.text[this.pos];
      if (!frame) {
        if (this.root) {
          if (ch !== undefined) this.fail(`unexpected ${show(ch)} after the end of the document`);
          return;
        }
        if (!this.startValue(stack)) return;
        continue;
      }
      if (ch === undefined) {
        this.fail(`unexpected end of input inside ${frame.kind === 'object' ? 'an object' : 'an array'}`);
        return;
      }
      if (frame.kind === 'object') {
        if (frame.state === 'key-or-end' || frame.state === 'key') {
          if (ch === '}' && frame.state === 'key-or-end') {
            this.pos++;
            this.close(stack);
            continue;
          }
          if (ch !== '"') return void this.fail(`expected a double-quoted property name, found ${show(ch)}`);
          frame.keyLine = this.line;
          const key = this.scanString(true);
          if (key === undefined) return;
          frame.key = key;
          frame.state = 'colon';
        } else if (frame.state === 'colon') {
          if (ch !== ':') return void this.fail(`expected ":" after a property name, found ${show(ch)}`);
          this.pos++;
          frame.state = 'value';
        } else if (frame.state === 'value') {
          if (!this.startValue(stack)) return;
        } else {
          if (ch === ',') frame.state = 'key';
          else if (ch === '}') {
            this.pos++;
            this.close(stack);
            continue;
          } else return void this.fail(`expected "," or "}" after a property value, found ${show(ch)}`);
          this.pos++;
        }
      } else if (frame.state === 'value-or-end' && ch === ']') {
        this.pos++;
        this.close(stack);
      } else if (frame.state === 'comma-or-end') {
        if (ch === ',') frame.state = 'value';
        else if (ch === ']') {
          this.pos++;
          this.close(stack);
          continue;
        } else return void this.fail(`expected "," or "]" after an array element, found ${show(ch)}`);
        this.pos++;
      } else if (!this.startValue(stack)) return;
    }
  }

  /** startValue reads a scalar (and attaches it) or opens a container; false after a syntax error. */
  private startValue(stack: Frame[]): boolean {
    const ch = this.text[this.pos];
    const start = this.line;
    if (ch === '{' || ch === '[') {
      this.pos++;
      const span: JsonSpan = { lines: { start, end: start } };
      if (ch === '{') {
        span.members = new Map();
        stack.push({ kind: 'object', span, keyLine: start, state: 'key-or-end' });
      } else {
        if (stack.length <= this.itemsDepth) span.items = [];
        stack.push({ kind: 'array', span, state: 'value-or-end' });
      }
      return true;
    }
    if (ch === '"') {
      if (this.scanString(false) === undefined) return false;
    } else if (ch === 't' || ch === 'f' || ch === 'n') {
      const word = ch === 't' ? 'true' : ch === 'f' ? 'false' : 'null';
      if (!this.text.startsWith(word, this.pos)) return this.fail(`unexpected ${show(ch)}`);
      this.pos += word.length;
    } else {
      NUMBER.lastIndex = this.pos;
      const match = NUMBER.exec(this.text);
      if (!match) return this.fail(ch === undefined ? 'unexpected end of input, expected a value' : `unexpected ${show(ch)}, expected a value`);
      this.pos += match[0].length;
    }
    this.attach(stack, { lines: { start, end: this.line } });
    return true;
  }

  private close(stack: Frame[]): void {
    const frame = stack.pop();
    if (!frame) return;
    frame.span.lines.end = this.line;
    this.attach(stack, frame.span);
  }

  private attach(stack: Frame[], span: JsonSpan): void {
    const parent = stack[stack.length - 1];
    if (!parent) {
      this.root = span;
      return;
    }
    if (parent.kind === 'object') {
      parent.span.members?.set(parent.key ?? '', { lines: { start: parent.keyLine, end: span.lines.end }, value: span });
    } else {
      parent.span.items?.push(span);
    }
    parent.state = 'comma-or-end';
  }

  /** scanString reads a string at `pos`: decoded (keys) or '' (values); undefined after a syntax error. */
  private scanString(decode: boolean): string | undefined {
    const start = this.pos;
    this.pos++;
    let escaped = false;
    for (;;) {
      const code = this.text.charCodeAt(this.pos);
      if (Number.isNaN(code)) {
        this.fail('unterminated string');
        return undefined;
      }
      if (code === 0x22) break;
      if (code < 0x20) {
        this.fail('control character in a string');
        return undefined;
      }
      if (code === 0x5c) {
        escaped = true;
        const next = this.text[this.pos + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
            this.fail('bad \\u escape in a string');
            return undefined;
          }
          this.pos += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) {
          this.fail(`bad escape ${show(`\\${next ?? ''}`)} in a string`);
          return undefined;
        }
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
    this.pos++;
    if (!decode) return '';
    const raw = this.text.slice(start, this.pos);
    return escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  }

  private skipWhitespace(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.pos);
      if (code === 0x0a) this.line++;
      else if (code !== 0x20 && code !== 0x09 && code !== 0x0d) return;
      this.pos++;
    }
  }

  private fail(message: string): false {
    this.error = { message, line: this.line };
    return false;
  }
}

function show(text: string): string {
  const code = text.charCodeAt(0);
  if (text.length === 1 && (code < 0x20 || code === 0x7f)) return `character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${text.length > 20 ? `${text.slice(0, 17)}...` : text}'`;
}
