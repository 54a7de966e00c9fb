/**
 * Line-level access to a file's text, for surgical edits: every line knows its offsets and its own line
 * ending, so a replacement touches exactly the characters it means to and CRLF, CR, a missing final
 * newline and a byte-order mark all survive untouched.
 */

/**
 * LineBreaks says what ends a line, as the format's own parser counts lines: `lf` (LF, or CRLF with the
 * CR kept in the ending; TOML, INI and Python's tree-sitter count this way) or `any` (LF, CRLF and a lone
 * CR, as pip's requirements reader and its line numbers do).
 */
export type LineBreaks = 'lf' | 'any';

/** TextLines indexes the lines of one text. */
export class TextLines {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(
    readonly text: string,
    breaks: LineBreaks,
  ) {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10 /* \n */) {
        const crlf = i > start && text.charCodeAt(i - 1) === 13;
        this.push(start, crlf ? i - 1 : i);
        start = i + 1;
      } else if (code === 13 /* \r */ && breaks === 'any' && text.charCodeAt(i + 1) !== 10) {
        this.push(start, i);
        start = i + 1;
      }
    }
    this.push(start, text.length);
  }

  /** count is the number of lines (a text ending with a line break has an empty last line). */
  get count(): number {
    return this.starts.length;
  }

  /** line is the text of a 1-based line, without its ending ('' beyond the text). */
  line(number: number): string {
    if (number < 1 || number > this.count) return '';
    return this.text.slice(this.startOf(number), this.endOf(number));
  }

  /** startOf is the offset where a 1-based line starts. */
  startOf(number: number): number {
    return this.starts[number - 1] ?? this.text.length;
  }

  /** endOf is the offset where a 1-based line's text ends (its line ending not included). */
  endOf(number: number): number {
    return this.ends[number - 1] ?? this.text.length;
  }

  /** ending is the line break after a 1-based line: `\n`, `\r\n`, `\r`, or '' for the last line. */
  ending(number: number): string {
    const next = this.starts[number] ?? this.text.length;
    return this.text.slice(this.endOf(number), next);
  }

  /** lineAt is the 1-based line holding an offset. */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** dominantEnding is the most common line break of the text (`\n` when it has none). */
  dominantEnding(): string {
    const counts = new Map<string, number>();
    for (let n = 1; n < this.count; n++) {
      const ending = this.ending(n);
      counts.set(ending, (counts.get(ending) ?? 0) + 1);
    }
    let best = '\n';
    let most = 0;
    for (const [ending, count] of counts) {
      if (count > most) {
        best = ending;
        most = count;
      }
    }
    return best;
  }

  private push(start: number, end: number): void {
    this.starts.push(start);
    this.ends.push(end);
  }
}

/** Replacement swaps the characters [from, to) of a text for `text`. */
export interface Replacement {
  from: number;
  to: number;
  text: string;
}

/**
 * applyReplacements returns the text with every replacement made, or null when two of them overlap
 * (the caller then refuses the edit rather than guess which one wins). Linear in the text's size.
 */
export function applyReplacements(text: string, replacements: readonly Replacement[]): string | null {
  const sorted = [...replacements].sort((a, b) => a.from - b.from || a.to - b.to);
  const parts: string[] = [];
  let position = 0;
  for (const replacement of sorted) {
    if (replacement.from < position || replacement.to < replacement.from || replacement.to > text.length) return null;
    parts.push(text.slice(position, replacement.from), replacement.text);
    position = replacement.to;
  }
  parts.push(text.slice(position));
  return parts.join('');
}

/** isBlank tells whether a character is a space, a tab or a byte-order mark (what may indent a line). */
export function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\ufeff';
}
