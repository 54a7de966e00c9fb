/**
 * PyprojectContext is the state shared by the dialect readers of one pyproject.toml: where things are
 * (an indexed view of TomlLocator), and what has been read so far (requirements, problems, skips,
 * index options). Each dialect module reads its tables and records into it.
 */
import type { TomlKeySpan, TomlLocator, TomlTableSpan } from '../toml-lines.js';
import type { IndexOption, LineRange, Problem, Requirement, SkippedEntry } from '../types.js';

/** ElementSpan is one element of an array value: an inline item or a `[[array.of.tables]]` section. */
export interface ElementSpan {
  lines: LineRange;
  /** The element's keys, when it is a table. */
  keys?: Map<string, TomlKeySpan>;
}

/** PyprojectContext collects what the readers find in one pyproject.toml. */
export class PyprojectContext {
  readonly errors: Problem[] = [];
  readonly requirements: Requirement[] = [];
  readonly skipped: SkippedEntry[] = [];
  readonly indexes: IndexOption[] = [];
  /** Sections by path, so lookups stay fast in a file with thousands of sections. */
  private readonly sections = new Map<string, TomlTableSpan[]>();
  private lineStarts: number[] | undefined;

  constructor(
    readonly path: string,
    readonly content: string,
    locator: TomlLocator,
  ) {
    for (const table of locator.tables) {
      const id = pathId(table.path);
      const list = this.sections.get(id) ?? [];
      list.push(table);
      this.sections.set(id, list);
    }
  }

  /** error records a problem at a 1-based line. */
  error(message: string, line: number): void {
    this.errors.push({ message, path: this.path, line });
  }

  /** skip records an entry that is read but deliberately not a requirement. */
  skip(lines: LineRange, reason: string): void {
    this.skipped.push({ line: lines.start, text: this.textOf(lines), reason });
  }

  /** section is the last `[path]` section, or the `index`-th `[[path]]` element. */
  section(path: string[], index?: number): TomlTableSpan | undefined {
    const list = this.sections.get(pathId(path)) ?? [];
    if (index === undefined) return list[list.length - 1];
    return list.find((t) => t.arrayIndex === index);
  }

  /**
   * keySpan finds `key` under `tablePath`, written in its own section, as a dotted key of a parent
   * section or inside a parent's inline table (the same search as TomlLocator.key, indexed).
   */
  keySpan(tablePath: string[], key: string[]): TomlKeySpan | undefined {
    const full = [...tablePath, ...key];
    for (let split = full.length - 1; split >= 0; split--) {
      const section = this.section(full.slice(0, split));
      if (!section) continue;
      const found = findInKeys(section.keys, full.slice(split));
      if (found) return found;
    }
    return undefined;
  }

  /**
   * linesOf is where the value at `tablePath` + `key` is written: `key = value` (key to end of value),
   * or its own `[tablePath.key]` section (header to last key). When neither is found (it cannot be, for
   * text smol-toml accepted, short of a locator gap) the nearest enclosing place is used.
   */
  linesOf(tablePath: string[], key: string[]): LineRange {
    const span = this.keySpan(tablePath, key);
    if (span) return span.lines;
    const full = [...tablePath, ...key];
    const section = this.section(full);
    if (section) return sectionRange(section);
    if (full.length <= 1) return { start: 1, end: 1 };
    const parent = this.linesOf(full.slice(0, -2), full.slice(-2, -1));
    return { start: parent.start, end: parent.start };
  }

  /** lineOf is the first line of the value at `tablePath` + `key`. */
  lineOf(tablePath: string[], key: string[]): number {
    return this.linesOf(tablePath, key).start;
  }

  /** elementOf is the `index`-th element of the array at `tablePath` + `key`, inline or `[[…]]`. */
  elementOf(tablePath: string[], key: string[], index: number): ElementSpan {
    const items = this.keySpan(tablePath, key)?.value.items;
    const item = items?.[index];
    if (item) return item.keys ? { lines: item.lines, keys: item.keys } : { lines: item.lines };
    const section = this.section([...tablePath, ...key], index);
    if (section) return { lines: sectionRange(section), keys: section.keys };
    const whole = this.linesOf(tablePath, key);
    return { lines: { start: whole.start, end: whole.start } };
  }

  /** textOf is the text of a line range, trimmed (skipped entries quote it). */
  textOf(lines: LineRange): string {
    const starts = this.lineStartsOf();
    const from = starts[lines.start - 1] ?? this.content.length;
    const to = starts[lines.end] ?? this.content.length;
    return this.content.slice(from, to).trim();
  }

  private lineStartsOf(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = 0; i < this.content.length; i++) if (this.content.charCodeAt(i) === 10) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}

/** fieldLine is the line of `field` inside an element's keys, or the element's first line. */
export function fieldLine(element: ElementSpan, field: string): number {
  return element.keys?.get(field)?.lines.start ?? element.lines.start;
}

function sectionRange(section: TomlTableSpan): LineRange {
  let end = section.header;
  for (const span of section.keys.values()) end = Math.max(end, span.lines.end);
  return { start: section.header, end };
}

function findInKeys(keys: Map<string, TomlKeySpan>, path: string[]): TomlKeySpan | undefined {
  const [head, ...rest] = path;
  if (head === undefined) return undefined;
  const span = keys.get(head);
  if (!span || rest.length === 0) return span;
  return span.value.keys ? findInKeys(span.value.keys, rest) : undefined;
}

function pathId(path: string[]): string {
  return path.join('\u0000');
}
