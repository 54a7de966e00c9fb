/**
 * Line-level editing for lock files. Every edit replaces whole lines the locators (TomlLocator,
 * JsonLocator) found, so everything else — comments, ordering, blank lines, line endings, a missing
 * final newline — stays byte for byte as it was. New lines take the file's line ending.
 */

/** LineEdits collects non-overlapping line replacements and applies them at once. */
export class LineEdits {
  private readonly lines: string[];
  private readonly edits: Array<{ start: number; end: number; replacement: string[] }> = [];
  /** The file's line ending: CRLF when its first line ends with one, else LF. */
  readonly eol: string;

  constructor(text: string) {
    // Each element keeps its own terminator, so untouched lines come back exactly as they were.
    this.lines = text.split(/(?<=\n)/);
    this.eol = /\r\n/.test(this.lines[0] ?? '') ? '\r\n' : '\n';
  }

  /** lineCount is the number of lines (a final newline does not start another line). */
  get lineCount(): number {
    return this.lines.length;
  }

  /** line is the text of 1-based line `n` without its terminator. */
  line(n: number): string {
    return (this.lines[n - 1] ?? '').replace(/\r?\n$/, '');
  }

  /**
   * replace puts `replacement` (lines without terminators) in place of lines `start`–`end` (1-based,
   * inclusive); an empty replacement deletes them. Overlapping edits are a programming error.
   */
  replace(start: number, end: number, replacement: string[]): void {
    if (start < 1 || end < start || end > this.lines.length) throw new RangeError(`lines ${start}-${end} are outside the file`);
    for (const edit of this.edits) {
      if (start <= edit.end && edit.start <= end) throw new RangeError(`lines ${start}-${end} overlap an earlier edit`);
    }
    this.edits.push({ start, end, replacement });
  }

  /** insertAfter adds lines after 1-based line `n` (0: at the top). */
  insertAfter(n: number, inserted: string[]): void {
    if (n < 0 || n > this.lines.length) throw new RangeError(`line ${n} is outside the file`);
    this.edits.push({ start: n + 1, end: n, replacement: inserted });
  }

  /** toString applies the edits. */
  toString(): string {
    const out = [...this.lines];
    const ordered = [...this.edits].sort((a, b) => b.start - a.start || b.end - a.end);
    for (const { start, end, replacement } of ordered) {
      const last = end >= start ? (out[end - 1] ?? '') : '';
      // The block keeps the terminator of the last line it replaces (none at the very end of a file).
      const finalTerminator = end >= start ? (/\r?\n$/.exec(last)?.[0] ?? '') : this.eol;
      const block = replacement.map((text, i) => text + (i === replacement.length - 1 ? finalTerminator : this.eol));
      if (end >= start && replacement.length === 0 && finalTerminator === '' && start > 1) {
        // Deleting the last lines of a file without a final newline: the line before loses its newline.
        out[start - 2] = (out[start - 2] ?? '').replace(/\r?\n$/, '');
      }
      out.splice(start - 1, Math.max(0, end - start + 1), ...block);
    }
    return out.join('');
  }
}

/** leadingWhitespace is a line's indentation. */
export function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/**
 * tomlString writes a TOML basic string. JSON's escapes (`\"`, `\\`, `\n`, `\uXXXX`) are all TOML
 * escapes; DEL, which JSON leaves raw and TOML forbids, is escaped too.
 */
export function tomlString(value: string): string {
  return JSON.stringify(value).replace(/\u007f/g, '\\u007f');
}

/**
 * uvTimestamp writes an upload time the way uv.lock does: UTC, RFC 3339, at most millisecond precision
 * with trailing zeros dropped (`2024-09-23T18:56:46.89Z`, `2024-01-01T00:00:00Z`). Null when the text
 * is not a timestamp.
 */
export function uvTimestamp(iso: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(iso.trim());
  if (!match) return null;
  const [, date = '', time = '', fraction = '', zone = 'Z'] = match;
  let base = `${date}T${time}`;
  if (zone.toUpperCase() !== 'Z') {
    // Move to UTC; the fraction is kept from the text (Date would round it).
    const utc = new Date(`${date}T${time}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
    if (Number.isNaN(utc.getTime())) return null;
    base = utc.toISOString().slice(0, 19);
  }
  const millis = fraction.slice(0, 3).replace(/0+$/, '');
  return `${base}${millis ? `.${millis}` : ''}Z`;
}

/** normalizeIndexUrl compares index addresses: scheme and host lower-cased, no trailing slash. */
export function normalizeIndexUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/]*)(.*)$/i.exec(trimmed);
  return match ? `${(match[1] ?? '').toLowerCase()}${(match[2] ?? '').toLowerCase()}${match[3] ?? ''}` : trimmed;
}

/** PYPI_SIMPLE is the index the registry's files come from unless the caller says otherwise. */
export const PYPI_SIMPLE = 'https://pypi.org/simple';
