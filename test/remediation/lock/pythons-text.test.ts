import { describe, expect, it } from 'vitest';
import { pythonsAllowedBy, requiresPythonCovers, sameRequiresPython, wheelFitsPythons } from '../../../src/remediation/lock/pythons.js';
import { LineEdits, normalizeIndexUrl, tomlString, uvTimestamp } from '../../../src/remediation/lock/text.js';

describe('Pythons', () => {
  it('knows which interpreters a range allows', () => {
    const allowed = pythonsAllowedBy('>=3.12,<3.14');
    expect(new Set(allowed.map((p) => `${p.major}.${p.minor}`))).toEqual(new Set(['3.12', '3.13']));
    expect(pythonsAllowedBy(null).length).toBeGreaterThan(1000);
  });

  it('tells whether a release still serves every Python of the lock', () => {
    expect(requiresPythonCovers('>=3.12', '>=3.9')).toBe(true);
    expect(requiresPythonCovers('>=3.12', null)).toBe(true);
    expect(requiresPythonCovers('>=3.9', '>=3.10')).toBe(false);
    expect(requiresPythonCovers('>=3.9,<4', '!=3.9.1,>=3.9')).toBe(false);
    expect(requiresPythonCovers(null, '>=3.8')).toBe(false);
    expect(requiresPythonCovers('>=3.9', 'not a specifier')).toBe(false);
    expect(requiresPythonCovers('~~garbage', '>=2.7')).toBe(true);
  });

  it('compares Requires-Python values by their clauses', () => {
    expect(sameRequiresPython('>=2.7, !=3.0.*', '!=3.0.*,>=2.7')).toBe(true);
    expect(sameRequiresPython(null, '')).toBe(true);
    expect(sameRequiresPython('>=3.8', '>=3.9')).toBe(false);
  });

  it('keeps the wheels some allowed Python can install', () => {
    const pythons = pythonsAllowedBy('>=3.12');
    const fits = (name: string) => wheelFitsPythons(name, pythons);
    expect(fits('pkg-1.0-cp312-cp312-manylinux_2_17_x86_64.whl')).toBe(true);
    expect(fits('pkg-1.0-cp311-cp311-manylinux_2_17_x86_64.whl')).toBe(false);
    expect(fits('pkg-1.0-cp38-abi3-win_amd64.whl')).toBe(true);
    expect(fits('pkg-1.0-py2.py3-none-any.whl')).toBe(true);
    expect(fits('pkg-1.0-py2-none-any.whl')).toBe(false);
    expect(fits('pkg-1.0-py38-none-any.whl')).toBe(true);
    expect(fits('pkg-1.0-pp310-pypy310_pp73-manylinux_2_17_x86_64.whl')).toBe(false);
    expect(fits('pkg-1.0-1build-cp313-cp313-win32.whl')).toBe(true);
    expect(fits('pkg-1.0.tar.gz')).toBe(true);
    expect(fits('weird.whl')).toBe(true);
    expect(fits('pkg-1.0-graalpy311_weird-x-y.whl')).toBe(true);
  });
});

describe('text helpers', () => {
  it('replaces, inserts and deletes whole lines, keeping every other byte', () => {
    const edits = new LineEdits('a\r\nb\r\nc\r\nd');
    edits.replace(2, 2, ['B1', 'B2']);
    edits.insertAfter(0, ['top']);
    edits.replace(4, 4, []);
    expect(edits.toString()).toBe('top\r\na\r\nB1\r\nB2\r\nc');
    expect(() => edits.replace(2, 3, ['x'])).toThrow(RangeError);
    expect(() => edits.replace(9, 9, ['x'])).toThrow(RangeError);
  });

  it('writes TOML strings and uv timestamps', () => {
    expect(tomlString('a "b" \\ c\u007f\n')).toBe('"a \\"b\\" \\\\ c\\u007f\\n"');
    expect(uvTimestamp('2024-09-23T18:56:46.890123Z')).toBe('2024-09-23T18:56:46.89Z');
    expect(uvTimestamp('2024-09-23T18:56:46.000Z')).toBe('2024-09-23T18:56:46Z');
    expect(uvTimestamp('2024-09-23T18:56:46')).toBe('2024-09-23T18:56:46Z');
    expect(uvTimestamp('2024-09-23T20:56:46.5+02:00')).toBe('2024-09-23T18:56:46.5Z');
    expect(uvTimestamp('yesterday')).toBeNull();
  });

  it('compares index addresses without case or trailing slashes', () => {
    expect(normalizeIndexUrl('HTTPS://PyPI.org/simple/')).toBe(normalizeIndexUrl('https://pypi.org/simple'));
    expect(normalizeIndexUrl('https://pypi.org/Simple')).not.toBe(normalizeIndexUrl('https://pypi.org/simple'));
  });
});
