/**
 * Offsets to 1-based lines and columns. Detectors match on the whole text (one pass per detector, however
 * many lines), and the scanner maps each match back to its line here.
 */

/** LineIndex knows where each line of a text starts; `\n`, `\r\n` and a lone `\r` all end a line. */
export class LineIndex {
  /** Offsets of the first character of each line (index 0 is line 1). */
  readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) starts.push(i + 1);
      else if (code === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.starts = starts;
  }

  /** count is the number of lines. */
  get count(): number {
    return this.starts.length;
  }

  /** lineOf is the 1-based line holding `offset`. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  /** columnOf is the 1-based column of `offset` on its line (in UTF-16 code units, as editors count). */
  columnOf(offset: number): number {
    return offset - (this.starts[this.lineOf(offset) - 1] ?? 0) + 1;
  }

  /** startOf is the offset where 1-based `line` starts. */
  startOf(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }

  /** lineText is the text of 1-based `line`, without its line ending. */
  lineText(line: number): string {
    const start = this.startOf(line);
    let end = line < this.starts.length ? (this.starts[line] ?? this.text.length) : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }
}
