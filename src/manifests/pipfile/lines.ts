/**
 * Where the parts of a Pipfile sit. TomlLocator scans the text once; this indexes its sections by path
 * so that a Pipfile with 100,000 `[packages.x]` tables is still read in linear time.
 */
import { TomlLocator, type TomlTableSpan } from '../toml-lines.js';
import type { LineRange } from '../types.js';

/** PipfileLines answers "which lines hold this package / this source key" for one Pipfile. */
export class PipfileLines {
  private readonly tables = new Map<string, TomlTableSpan>();
  private readonly sources: TomlTableSpan[] = [];
  private readonly root: TomlTableSpan | undefined;
  private readonly lines: string[];

  constructor(content: string) {
    const locator = new TomlLocator(content);
    this.lines = content.split('\n');
    for (const table of locator.tables) {
      // The last section with a path wins, as TomlLocator.table does.
      this.tables.set(table.path.join('\u0000'), table);
      if (table.arrayIndex !== undefined && table.path.length === 1 && table.path[0] === 'source') {
        this.sources[table.arrayIndex] = table;
      }
    }
    this.root = this.tables.get('');
  }

  /** sectionLine is the header line of a top-level table (its key line when written inline, else 0). */
  sectionLine(section: string): number {
    return this.tables.get(section)?.header ?? this.root?.keys.get(section)?.lines.start ?? 0;
  }

  /**
   * entry is the range of one package: its `name = …` line(s) inside `[section]`, a dotted or inline
   * form in the root table, or a whole `[section.name]` sub-table.
   */
  entry(section: string, name: string): LineRange {
    const inSection = this.tables.get(section)?.keys.get(name);
    if (inSection) return inSection.lines;
    const inRoot = this.root?.keys.get(section)?.value.keys?.get(name);
    if (inRoot) return inRoot.lines;
    const subTable = this.tables.get(`${section}\u0000${name}`);
    if (subTable) return { start: subTable.header, end: this.trimEnd(subTable.header, subTable.end) };
    const fallback = Math.max(1, this.sectionLine(section));
    return { start: fallback, end: fallback };
  }

  /** sourceLine is the line of a key of the i-th `[[source]]` (its header when the key is absent). */
  sourceLine(index: number, key: string): number {
    const table = this.sources[index];
    if (table) return table.keys.get(key)?.lines.start ?? table.header;
    const inline = this.root?.keys.get('source');
    const item = inline?.value.items?.[index];
    return item?.keys?.get(key)?.lines.start ?? item?.lines.start ?? inline?.lines.start ?? 1;
  }

  private trimEnd(start: number, end: number): number {
    let last = end;
    while (last > start) {
      const text = (this.lines[last - 1] ?? '').trim();
      if (text !== '' && !text.startsWith('#')) break;
      last--;
    }
    return last;
  }
}
