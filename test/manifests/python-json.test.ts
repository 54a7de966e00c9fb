import { describe, expect, it } from 'vitest';
import { COMPACT_SEPARATORS, compareCodePoints, pythonFloatRepr, pythonJsonDumps, pythonJsonString } from '../../src/manifests/python-json.js';

// Expected strings are what CPython 3.11 prints (repr(float), json.dumps), checked offline.
describe('pythonFloatRepr', () => {
  it.each([
    [3.1, '3.1'],
    [3.0, '3.0'],
    [0.1, '0.1'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [1.5e300, '1.5e+300'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [5e-324, '5e-324'],
    [123456789.125, '123456789.125'],
    [-2.5, '-2.5'],
    [-0, '-0.0'],
    [0, '0.0'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
  ])('prints %s as %s', (value, expected) => {
    expect(pythonFloatRepr(value)).toBe(expected);
  });
});

describe('pythonJsonString', () => {
  it('escapes like ensure_ascii: short escapes, lowercase \\u, surrogate pairs, DEL', () => {
    expect(pythonJsonString('a"b\\c/\n\t\r\b\f')).toBe('"a\\"b\\\\c/\\n\\t\\r\\b\\f"');
    expect(pythonJsonString('Café')).toBe('"Caf\\u00e9"');
    expect(pythonJsonString('😀')).toBe('"\\ud83d\\ude00"');
    expect(pythonJsonString('\u0000\u001f\u007f')).toBe('"\\u0000\\u001f\\u007f"');
  });
});

describe('compareCodePoints', () => {
  it('sorts like Python: private use (U+E000) before astral characters', () => {
    expect(['😀', '\ue000', 'b', 'a', 'é', '', 'aa'].sort(compareCodePoints)).toEqual(['', 'a', 'aa', 'b', 'é', '\ue000', '😀']);
  });
});

describe('pythonJsonDumps', () => {
  it('sorts keys, uses compact separators, and tells ints from floats', () => {
    expect(pythonJsonDumps({ b: [1n, 1.0, true, null], a: { d: 'x', c: -0.5 } }, COMPACT_SEPARATORS)).toBe('{"a":{"c":-0.5,"d":"x"},"b":[1,1.0,true,null]}');
    expect(pythonJsonDumps({ b: [1n, 2.5], a: 'x' })).toBe('{"a": "x", "b": [1, 2.5]}');
  });

  it('refuses what Python cannot serialise', () => {
    expect(pythonJsonDumps({ when: new Date(0) })).toBeNull();
    expect(pythonJsonDumps({ f: () => 1 })).toBeNull();
    let deep: unknown = 'leaf';
    for (let i = 0; i < 2000; i++) deep = [deep];
    expect(pythonJsonDumps(deep)).toBeNull();
  });
});
