import { describe, expect, it } from 'vitest';
import { commentStart, logicalLines, splitPhysicalLines } from '../../../src/manifests/requirements/logical-lines.js';

describe('splitPhysicalLines', () => {
  it('splits on LF, CRLF and CR only, and drops a BOM', () => {
    expect(splitPhysicalLines('\ufeffa\r\nb\rc\nd')).toEqual(['a', 'b', 'c', 'd']);
    // Form feed and U+2028 are not line breaks for editors or GitHub, so not for us.
    expect(splitPhysicalLines('a\fb\u2028c')).toEqual(['a\fb\u2028c']);
  });
});

describe('commentStart', () => {
  it('finds # at the start or after whitespace only', () => {
    expect(commentStart('# c')).toBe(0);
    expect(commentStart('x  # c')).toBe(3);
    expect(commentStart('x\t#c')).toBe(2);
    expect(commentStart('https://h/p#egg=x')).toBe(-1);
    expect(commentStart('a#b #c')).toBe(4);
  });
});

describe('logicalLines', () => {
  it('drops comments and blank lines and trims', () => {
    expect(logicalLines('  a  \n\n# c\n   # indented\nb # tail\n')).toEqual([
      { text: 'a', start: 1, end: 1 },
      { text: 'b', start: 5, end: 5 },
    ]);
  });

  it('joins continuations without inserting a space', () => {
    expect(logicalLines('a\\\n==1\nb \\\n  --x \\\n  --y\n')).toEqual([
      { text: 'a==1', start: 1, end: 2 },
      { text: 'b   --x   --y', start: 3, end: 5 },
    ]);
  });

  it('lets a comment line end a continuation and never continue itself', () => {
    expect(logicalLines('a \\\n# c \\\nb\n')).toEqual([
      { text: 'a', start: 1, end: 1 },
      { text: 'b', start: 3, end: 3 },
    ]);
  });

  it('ends the range at the last physical line with kept text', () => {
    expect(logicalLines('a \\\n  --h=1 # c \\\n  --h=2\n')).toEqual([{ text: 'a   --h=1', start: 1, end: 2 }]);
    expect(logicalLines('a \\\n\\\n\\\n')).toEqual([{ text: 'a', start: 1, end: 1 }]);
  });

  it('keeps a backslash at the end of the file', () => {
    expect(logicalLines('a \\')).toEqual([{ text: 'a', start: 1, end: 1 }]);
    expect(logicalLines('\\')).toEqual([]);
    expect(logicalLines('a \\\r\nb')).toEqual([{ text: 'a b', start: 1, end: 2 }]);
  });

  it('does not treat a backslash followed by spaces as a continuation, as pip does not', () => {
    expect(logicalLines('a \\ \nb')).toEqual([
      { text: 'a \\', start: 1, end: 1 },
      { text: 'b', start: 2, end: 2 },
    ]);
  });
});
