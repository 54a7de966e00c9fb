import { describe, expect, it } from 'vitest';
import { JsonLocator } from '../../../src/manifests/pipfile-lock/json-lines.js';

describe('JsonLocator', () => {
  const text = ['{', '  "a": {', '    "b": [1,', '      2]', '  },', '  "c\\"}": "x{y}\\"",', '  "d": {}', '}'].join('\n');
  const locator = new JsonLocator(text);

  it('gives each member its key-to-value range', () => {
    expect(locator.error).toBeUndefined();
    expect(locator.root?.lines).toEqual({ start: 1, end: 8 });
    expect(locator.member(['a'])?.lines).toEqual({ start: 2, end: 5 });
    expect(locator.member(['a', 'b'])?.lines).toEqual({ start: 3, end: 4 });
    expect(locator.member(['a', 'b'])?.value.items?.map((i) => i.lines.start)).toEqual([3, 4]);
    expect(locator.member(['d'])?.lines).toEqual({ start: 7, end: 7 });
  });

  it('decodes keys and is not fooled by quotes and braces in strings', () => {
    expect(locator.member(['c"}'])?.lines).toEqual({ start: 6, end: 6 });
    expect(locator.member(['missing'])).toBeUndefined();
  });

  it('does not record items of arrays deeper than asked', () => {
    const shallow = new JsonLocator('{"a": [[1, 2]]}', { itemsDepth: 1 });
    expect(shallow.member(['a'])?.value.items).toHaveLength(1);
    expect(shallow.member(['a'])?.value.items?.[0]?.items).toBeUndefined();
  });

  it.each([
    ['{"a": 1,\n}', 2, `expected a double-quoted property name, found '}'`],
    ['{"a" 1}', 1, `expected ":" after a property name, found '1'`],
    ['[1,\n2\n3]', 3, `expected "," or "]" after an array element, found '3'`],
    ['{"a": "\\x"}', 1, `bad escape '\\x' in a string`],
    ['{"a": "b\nc"}', 1, 'control character in a string'],
    ['{"a": tru}', 1, `unexpected 't'`],
    ['{} {}', 1, `unexpected '{' after the end of the document`],
    ['', 1, 'unexpected end of input, expected a value'],
  ])('reports %j at line %i', (input, line, message) => {
    expect(new JsonLocator(input).error).toEqual({ line, message });
  });
});
