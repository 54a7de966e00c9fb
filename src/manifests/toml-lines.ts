/**
 * TomlLocator finds where things are in a TOML document. smol-toml gives values but no positions, and
 * every requirement must carry its line range (remediation edits those lines, check runs annotate
 * them), so TOML-based parsers parse values with smol-toml and ask this locator for lines.
 *
 * It is a position scanner, not a validator: run it on text smol-toml accepted. On anything else it
 * returns what it could find and never throws.
 */
import type { LineRange } from './types.js';

/** TomlValueSpan is where one value sits: the whole value, and its parts for arrays and inline tables. */
export interface TomlValueSpan {
  lines: LineRange;
  /** Array values: each element, in order. */
  items?: TomlValueSpan[];
  /** Inline-table values: each key (dotted keys joined with '.'), with its value. */
  keys?: Map<string, TomlKeySpan>;
  /** String values: the decoded-enough text (escapes are not decoded). Used to match items. */
  text?: string;
}

/** TomlKeySpan is a key with its value: `lines` runs from the key to the end of the value. */
export interface TomlKeySpan {
  lines: LineRange;
  value: TomlValueSpan;
}

/** TomlTableSpan is one `[table]` or `[[array.of.tables]]` section. */
export interface TomlTableSpan {
  path: string[];
  /** For `[[x]]`: the 0-based index of this element among all `[[x]]` headers with the same path. */
  arrayIndex?: number;
  /** The header line (0 for the implicit root table). */
  header: number;
  /** The last line of the section (the line before the next header, trailing blank lines included). */
  end: number;
  keys: Map<string, TomlKeySpan>;
}

const MAX_DEPTH = 256;

/** TomlLocator answers "which lines hold X" for one TOML document. */
export class TomlLocator {
  readonly tables: TomlTableSpan[] = [];
  private readonly text: string;
  private pos = 0;
  private readonly lineStarts: number[] = [0];

  constructor(content: string) {
    this.text = content;
    for (let i = 0; i < content.length; i++) if (content.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    this.scanDocument();
  }

  /** table is the last section with exactly this path (for `[[x]]`, pass `index` to pick one). */
  table(path: string[], index?: number): TomlTableSpan | undefined {
    const matching = this.tables.filter(
      (t) => samePath(t.path, path) && (index === undefined || t.arrayIndex === index),
    );
    return matching[matching.length - 1];
  }

  /**
   * key finds `key` under `tablePath`, whether written in the `[tablePath]` section, as a dotted key in
   * a parent section (`[tool] poetry.dependencies.x = …`), or inside a parent's inline table.
   */
  key(tablePath: string[], key: string[]): TomlKeySpan | undefined {
    const full = [...tablePath, ...key];
    for (let split = full.length - 1; split >= 0; split--) {
      const section = this.table(full.slice(0, split));
      if (!section) continue;
      const found = findInKeys(section.keys, full.slice(split));
      if (found) return found;
    }
    return undefined;
  }

  /** arrayItems is the span of each element of the array at `tablePath` + `key`, in order. */
  arrayItems(tablePath: string[], key: string[]): TomlValueSpan[] {
    return this.key(tablePath, key)?.value.items ?? [];
  }

  /**
   * arrayTableRanges is the range of each `[[path]]` element, from its header to the end of its last
   * sub-table (`[path.sub]` sections that follow it belong to it).
   */
  arrayTableRanges(path: string[]): LineRange[] {
    const ranges: LineRange[] = [];
    let current: LineRange | undefined;
    for (const table of this.tables) {
      if (samePath(table.path, path) && table.arrayIndex !== undefined) {
        if (current) ranges.push(current);
        current = { start: table.header, end: table.end };
      } else if (current && isPrefix(path, table.path) && table.path.length > path.length) {
        current.end = table.end;
      } else if (current) {
        ranges.push(current);
        current = undefined;
      }
    }
    if (current) ranges.push(current);
    return ranges.map((r) => ({ start: r.start, end: this.trimTrailingBlank(r) }));
  }

  /** lineOf is the 1-based line of a character offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  private trimTrailingBlank(range: LineRange): number {
    let end = range.end;
    while (end > range.start) {
      const start = this.lineStarts[end - 1] ?? 0;
      const next = this.lineStarts[end] ?? this.text.length;
      const line = this.text.slice(start, next).trim();
      if (line !== '' && !line.startsWith('#')) break;
      end--;
    }
    return end;
  }

  // ---- scanning -------------------------------------------------------------------------------

  private scanDocument(): void {
    let current: TomlTableSpan = { path: [], header: 0, end: 0, keys: new Map() };
    this.tables.push(current);
    const arrayCounts = new Map<string, number>();
    while (this.pos < this.text.length) {
      this.skipWhitespaceAndComments(true);
      if (this.pos >= this.text.length) break;
      const ch = this.text[this.pos];
      if (ch === '[') {
        const headerLine = this.lineOf(this.pos);
        current.end = headerLine - 1;
        const isArray = this.text[this.pos + 1] === '[';
        this.pos += isArray ? 2 : 1;
        const path = this.scanKey();
        this.skipInlineWhitespace();
        this.pos += isArray ? 2 : 1;
        current = { path, header: headerLine, end: headerLine, keys: new Map() };
        if (isArray) {
          const id = path.join('\u0000');
          const index = arrayCounts.get(id) ?? 0;
          arrayCounts.set(id, index + 1);
          current.arrayIndex = index;
        }
        this.tables.push(current);
        this.skipToLineEnd();
        continue;
      }
      const start = this.pos;
      const key = this.scanKey();
      if (key.length === 0) {
        this.skipToLineEnd();
        continue;
      }
      this.skipInlineWhitespace();
      if (this.text[this.pos] !== '=') {
        this.skipToLineEnd();
        continue;
      }
      this.pos++;
      this.skipInlineWhitespace();
      const value = this.scanValue(0);
      setKey(current.keys, key, { lines: { start: this.lineOf(start), end: value.lines.end }, value });
      this.skipToLineEnd();
    }
    current.end = this.lineOf(Math.max(0, this.text.length - 1));
  }

  private scanKey(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipInlineWhitespace();
      const ch = this.text[this.pos];
      if (ch === '"' || ch === "'") {
        parts.push(this.scanString().text ?? '');
      } else {
        const match = /^[A-Za-z0-9_-]+/.exec(this.text.slice(this.pos, this.pos + 512));
        if (!match) return parts;
        parts.push(match[0]);
        this.pos += match[0].length;
      }
      this.skipInlineWhitespace();
      if (this.text[this.pos] !== '.') return parts;
      this.pos++;
    }
  }

  private scanValue(depth: number): TomlValueSpan {
    const start = this.pos;
    const ch = this.text[this.pos];
    if (depth > MAX_DEPTH) {
      this.skipToLineEnd();
      return { lines: { start: this.lineOf(start), end: this.lineOf(this.pos) } };
    }
    if (ch === '"' || ch === "'") return this.scanString();
    if (ch === '[') return this.scanArray(depth);
    if (ch === '{') return this.scanInlineTable(depth);
    const match = /^[^\s,\]}#]+/.exec(this.text.slice(this.pos, this.pos + 256));
    this.pos += match ? match[0].length : 1;
    // Datetimes may hold one space ("1979-05-27 07:32:00"): the scalar ends at ',', ']', '}', '#' or EOL.
    if (/^\d{4}-\d{2}-\d{2}$/.test(match?.[0] ?? '') && /^ \d/.test(this.text.slice(this.pos, this.pos + 2))) {
      const rest = /^ [^\s,\]}#]+/.exec(this.text.slice(this.pos, this.pos + 256));
      if (rest) this.pos += rest[0].length;
    }
    return { lines: { start: this.lineOf(start), end: this.lineOf(this.pos - 1) } };
  }

  private scanString(): TomlValueSpan {
    const start = this.pos;
    const quote = this.text[this.pos] ?? '"';
    const triple = this.text.startsWith(quote.repeat(3), this.pos);
    const delimiter = triple ? quote.repeat(3) : quote;
    this.pos += delimiter.length;
    const contentStart = this.pos;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (quote === '"' && c === '\\') {
        this.pos += 2;
        continue;
      }
      if (!triple && c === '\n') break;
      if (this.text.startsWith(delimiter, this.pos)) {
        // A multi-line string may end with up to two extra quotes before its delimiter.
        let end = this.pos;
        if (triple) while (this.text[end + 3] === quote && end - this.pos < 2) end++;
        const text = this.text.slice(contentStart, end);
        this.pos = end + delimiter.length;
        return { lines: { start: this.lineOf(start), end: this.lineOf(this.pos - 1) }, text };
      }
      this.pos++;
    }
    return { lines: { start: this.lineOf(start), end: this.lineOf(this.pos - 1) }, text: this.text.slice(contentStart, this.pos) };
  }

  private scanArray(depth: number): TomlValueSpan {
    const start = this.pos;
    this.pos++;
    const items: TomlValueSpan[] = [];
    while (this.pos < this.text.length) {
      this.skipWhitespaceAndComments(true);
      const ch = this.text[this.pos];
      if (ch === ']') {
        this.pos++;
        break;
      }
      if (ch === ',') {
        this.pos++;
        continue;
      }
      if (ch === undefined) break;
      const before = this.pos;
      items.push(this.scanValue(depth + 1));
      if (this.pos === before) this.pos++;
    }
    return { lines: { start: this.lineOf(start), end: this.lineOf(this.pos - 1) }, items };
  }

  private scanInlineTable(depth: number): TomlValueSpan {
    const start = this.pos;
    this.pos++;
    const keys = new Map<string, TomlKeySpan>();
    while (this.pos < this.text.length) {
      this.skipWhitespaceAndComments(true);
      const ch = this.text[this.pos];
      if (ch === '}') {
        this.pos++;
        break;
      }
      if (ch === ',') {
        this.pos++;
        continue;
      }
      const keyStart = this.pos;
      const key = this.scanKey();
      this.skipInlineWhitespace();
      if (key.length === 0 || this.text[this.pos] !== '=') {
        this.pos = Math.max(this.pos, keyStart + 1);
        continue;
      }
      this.pos++;
      this.skipInlineWhitespace();
      const value = this.scanValue(depth + 1);
      setKey(keys, key, { lines: { start: this.lineOf(keyStart), end: value.lines.end }, value });
    }
    return { lines: { start: this.lineOf(start), end: this.lineOf(this.pos - 1) }, keys };
  }

  private skipInlineWhitespace(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  private skipWhitespaceAndComments(newlines: boolean): void {
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\ufeff' || (newlines && ch === '\n')) this.pos++;
      else if (ch === '#') this.skipComment();
      else return;
    }
  }

  private skipComment(): void {
    const newline = this.text.indexOf('\n', this.pos);
    this.pos = newline < 0 ? this.text.length : newline;
  }

  private skipToLineEnd(): void {
    const newline = this.text.indexOf('\n', this.pos);
    this.pos = newline < 0 ? this.text.length : newline + 1;
  }
}

function setKey(keys: Map<string, TomlKeySpan>, key: string[], span: TomlKeySpan): void {
  // A dotted key `a.b = 1` is stored as `a` holding an inline-table-like span with key `b`.
  const [head, ...rest] = key;
  if (head === undefined) return;
  if (rest.length === 0) {
    keys.set(head, span);
    return;
  }
  let parent = keys.get(head);
  if (!parent?.value.keys) {
    parent = { lines: { ...span.lines }, value: { lines: { ...span.lines }, keys: new Map() } };
    keys.set(head, parent);
  }
  parent.lines.end = Math.max(parent.lines.end, span.lines.end);
  setKey(parent.value.keys ?? new Map(), rest, span);
}

function findInKeys(keys: Map<string, TomlKeySpan>, path: string[]): TomlKeySpan | undefined {
  const [head, ...rest] = path;
  if (head === undefined) return undefined;
  const span = keys.get(head);
  if (!span || rest.length === 0) return span;
  return span.value.keys ? findInKeys(span.value.keys, rest) : undefined;
}

function samePath(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

function isPrefix(prefix: string[], path: string[]): boolean {
  return prefix.every((part, i) => part === path[i]);
}
