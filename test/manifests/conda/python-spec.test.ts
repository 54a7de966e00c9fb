import { describe, expect, it } from 'vitest';
import { parseCondaSpec, requiresPythonOfConda } from '../../../src/manifests/conda/python-spec.js';

describe('requiresPythonOfConda', () => {
  it.each([
    ['python=3.11', '==3.11.*'],
    ['python=3', '==3.*'],
    ['python=3.11.*', '==3.11.*'],
    ['python==3.11.4', '==3.11.4'],
    ['python 3.11.4', '==3.11.4'],
    ['python 3.11.*', '==3.11.*'],
    ['python>=3.10', '>=3.10'],
    ['python >=3.9,<3.12', '>=3.9,<3.12'],
    ['python=3.11=h955ad1f_0', '==3.11.*'],
    ['python 3.11.4 h955ad1f_0', '==3.11.4'],
    ['conda-forge::python=3.12', '==3.12.*'],
    ["python[version='>=3.8,<4']", '>=3.8,<4'],
  ])('translates %s to %s', (spec, expected) => {
    expect(requiresPythonOfConda(spec)).toBe(expected);
  });

  it.each(['python', 'python=3.10|3.11', 'python-dateutil=2.8', 'numpy=1.26', 'python=not.a.version!', '::'])(
    'gives nothing for %s',
    (spec) => {
      expect(requiresPythonOfConda(spec)).toBeUndefined();
    },
  );
});

describe('parseCondaSpec', () => {
  it('splits channel, name, version and build', () => {
    expect(parseCondaSpec('pkgs/main::numpy=1.26=py311_0')).toEqual({ name: 'numpy', version: '=1.26' });
    expect(parseCondaSpec('numpy')).toEqual({ name: 'numpy' });
    expect(parseCondaSpec('  ')).toBeUndefined();
  });
});
