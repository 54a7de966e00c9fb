import { describe, expect, it } from 'vitest';
import { poetryPythonMarker, poetryToPep440 } from '../../../src/manifests/pyproject/poetry-constraint.js';
import { only, parseText } from './parse-fixture.js';

// Every translation rule of https://python-poetry.org/docs/dependency-specification/#version-constraints
const TRANSLATIONS: Array<[written: string, specifier: string | null, pinned: string | null]> = [
  ['^1.2.3', '>=1.2.3,<2.0.0', null],
  ['^1.2', '>=1.2,<2.0', null],
  ['^1', '>=1,<2', null],
  ['^0.2.3', '>=0.2.3,<0.3.0', null],
  ['^0.0.3', '>=0.0.3,<0.0.4', null],
  ['^0.0', '>=0.0,<0.1', null],
  ['^0', '>=0,<1', null],
  ['^1.2.3b1', '>=1.2.3b1,<2.0.0', null],
  ['~1.2.3', '>=1.2.3,<1.3.0', null],
  ['~1.2', '>=1.2,<1.3', null],
  ['~1', '>=1,<2', null],
  ['~=1.2.3', '~=1.2.3', null],
  ['*', null, null],
  ['', null, null],
  ['1.2.*', '==1.2.*', null],
  ['1.*', '==1.*', null],
  ['1.2.x', '==1.2.*', null],
  ['1.2.3', '==1.2.3', '1.2.3'],
  ['==1.2.3', '==1.2.3', '1.2.3'],
  ['=1.2.3', '==1.2.3', '1.2.3'],
  ['>=1.2,<2', '>=1.2,<2', null],
  ['>= 1.2, < 2', '>=1.2,<2', null],
  ['>=1.2 <2', '>=1.2,<2', null],
  ['  >=1.2  ,  !=1.5  ', '>=1.2,!=1.5', null],
  ['^1.2,!=1.4.1', '>=1.2,<2.0,!=1.4.1', null],
  ['!=1.2.*', '!=1.2.*', null],
];

describe('Poetry constraints → PEP 440', () => {
  it.each(TRANSLATIONS)('%j → %j', (written, specifier) => {
    expect(poetryToPep440(written)).toEqual({ ok: true, specifier, union: false });
  });

  it.each(TRANSLATIONS)('%j as a dependency keeps the written form and pins %#', (written, specifier, pinned) => {
    const manifest = parseText(`[tool.poetry.dependencies]\npkg = ${JSON.stringify(written)}\n`);
    expect(manifest.errors).toEqual([]);
    const pkg = only(manifest, 'pkg');
    expect(pkg.specifier).toBe(specifier);
    expect(pkg.version).toBe(pinned);
    expect(pkg.writtenSpecifier).toBe(written === specifier ? undefined : written);
  });

  it.each(['^1.0 || ^2.0', '^1.0 | ^2.0', '>=1,<1.5 || >=2'])('%j is an OR: no PEP 440 specifier', (written) => {
    expect(poetryToPep440(written)).toEqual({ ok: true, specifier: null, union: true });
  });

  it('treats an OR with a wildcard as any version', () => {
    expect(poetryToPep440('* || ^1')).toEqual({ ok: true, specifier: null, union: false });
  });

  it.each(['^1.x', 'latest', '>=', '^', '~', '^1.0 ||', '>>1', '1.2.3.*.4', '^1.*'])('rejects %j', (written) => {
    const result = poetryToPep440(written);
    expect(result.ok).toBe(false);
  });

  it('names the constraint in the error', () => {
    expect(poetryToPep440('^1.x')).toEqual({ ok: false, error: 'invalid version constraint "^1.x"' });
    expect(poetryToPep440('^1.0 ||')).toEqual({ ok: false, error: 'empty alternative in "^1.0 ||"' });
  });

  it('handles version segments beyond the safe integer range', () => {
    expect(poetryToPep440('^99999999999999999999')).toEqual({
      ok: true,
      specifier: '>=99999999999999999999,<100000000000000000000',
      union: false,
    });
  });
});

describe('Poetry python restrictions → markers', () => {
  it.each([
    ['^3.8', 'python_version >= "3.8" and python_version < "4.0"'],
    ['>=3.8.1', 'python_full_version >= "3.8.1"'],
    ['3.11.*', 'python_version == "3.11.*"'],
    ['<3.11', 'python_version < "3.11"'],
    ['^3.8 || ^3.10', '(python_version >= "3.8" and python_version < "4.0") or (python_version >= "3.10" and python_version < "4.0")'],
    ['<3.8 || >=3.10', 'python_version < "3.8" or python_version >= "3.10"'],
    ['*', null],
  ])('%j → %j', (written, marker) => {
    expect(poetryPythonMarker(written)).toEqual({ ok: true, marker });
  });
});

describe('hostile constraints', () => {
  it('stays linear on a megabyte of whitespace or bars', () => {
    const started = Date.now();
    expect(poetryToPep440(`>=1${' '.repeat(1_000_000)}<2`)).toEqual({ ok: true, specifier: '>=1,<2', union: false });
    expect(poetryToPep440(`^1${' '.repeat(1_000_000)}y`).ok).toBe(false);
    expect(poetryToPep440('|'.repeat(1_000_000)).ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
