/**
 * Test helpers for the manifest editors: fixtures, and a byte-exact line diff so that every test can
 * assert that nothing but the intended lines changed.
 */
import { readFileSync } from 'node:fs';

/** fixture reads a file of ./fixtures as UTF-8 text, byte for byte (BOM and CRLF included). */
export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/** LineDiff is the one changed stretch between two texts: lines are compared WITH their endings. */
export interface LineDiff {
  /** 1-based line where the change starts (the same in both texts). */
  from: number;
  removed: string[];
  added: string[];
}

/** splitKeepingEndings cuts a text into lines that keep their line ending (LF, CRLF or CR). */
export function splitKeepingEndings(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/**
 * changedLines lists, for two texts of the same line count, the 1-based lines whose bytes differ (line
 * endings included), with both versions.
 */
export function changedLines(before: string, after: string): Array<{ line: number; before: string; after: string }> {
  const a = splitKeepingEndings(before);
  const b = splitKeepingEndings(after);
  if (a.length !== b.length) throw new Error(`line count changed: ${a.length} → ${b.length}`);
  const changed: Array<{ line: number; before: string; after: string }> = [];
  a.forEach((line, i) => {
    if (line !== b[i]) changed.push({ line: i + 1, before: line, after: b[i] ?? '' });
  });
  return changed;
}

/** lineDiff is the single stretch that differs between two texts (common prefix and suffix removed). */
export function lineDiff(before: string, after: string): LineDiff {
  const a = splitKeepingEndings(before);
  const b = splitKeepingEndings(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { from: start + 1, removed: a.slice(start, endA), added: b.slice(start, endB) };
}
