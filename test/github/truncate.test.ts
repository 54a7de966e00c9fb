import { describe, expect, it } from 'vitest';
import { byteLength, CHECK_RUN_TEXT_LIMIT, truncateMarkdown, truncateText } from '../../src/github/truncate.js';

describe('truncateMarkdown', () => {
  it('leaves text within the limit alone', () => {
    expect(truncateMarkdown('a\nb\n', 10)).toBe('a\nb\n');
  });

  it('keeps whole lines and says how many were left out', () => {
    const text = ['one', 'two', 'three', 'four', 'five', 'six-six-six-six-six-six-six-six'].join('\n');
    expect(byteLength(text)).toBeGreaterThan(50);
    const cut = truncateMarkdown(text, 50);
    expect(cut).toBe('one\ntwo\n\n… 4 more lines, see the full report');
    expect(byteLength(cut)).toBeLessThanOrEqual(50);
  });

  it('cuts a single giant line inside it, on a character boundary', () => {
    const cut = truncateMarkdown('€'.repeat(100), 60);
    expect(cut).toBe(`${'€'.repeat(7)}\n\n… 1 more line, see the full report`);
    expect(byteLength(cut)).toBeLessThanOrEqual(60);
  });

  it('counts UTF-8 bytes, so multibyte text also fits GitHub\'s 65,535 limit', () => {
    const text = Array.from({ length: 40_000 }, () => 'ü'.repeat(10)).join('\n');
    const cut = truncateMarkdown(text);
    expect(byteLength(cut)).toBeLessThanOrEqual(CHECK_RUN_TEXT_LIMIT);
    expect(cut.length).toBeLessThan(CHECK_RUN_TEXT_LIMIT);
    expect(cut).toMatch(/^(ü{10}\n)+\n… 3\d{4} more lines, see the full report$/);
  });

  it('handles 100,000 lines and NUL bytes without trouble', () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `\0line ${i}`).join('\n');
    const cut = truncateMarkdown(text);
    expect(byteLength(cut)).toBeLessThanOrEqual(CHECK_RUN_TEXT_LIMIT);
    expect(cut.split('\n')[0]).toBe('\0line 0');
  });
});

describe('truncateText', () => {
  it('cuts to the byte limit with an ellipsis, never splitting a character', () => {
    expect(truncateText('short', 10)).toBe('short');
    expect(truncateText('abcdefghijkl', 10)).toBe('abcdefg…');
    const emoji = truncateText('😀'.repeat(10), 10);
    expect(emoji).toBe('😀…');
    expect(byteLength(emoji)).toBeLessThanOrEqual(10);
  });
});
