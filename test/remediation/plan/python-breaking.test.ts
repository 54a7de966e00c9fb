/**
 * The two judgements target selection leans on: the project's lowest Python (and whether a release fits
 * it), and whether a version jump is breaking.
 */
import { describe, expect, it } from 'vitest';
import { breakingReasons } from '../../../src/remediation/plan/breaking.js';
import { lowestPython, releaseFitsPython, requirementFitsPython } from '../../../src/remediation/plan/python.js';
import { releaseOf } from './helpers.js';

describe('lowestPython', () => {
  it.each([
    ['>=3.9', '3.9.0', '3.9'],
    ['>=3.8.1,<4', '3.8.1', '3.8.1'],
    ['~=3.10', '3.10.0', '3.10'],
    ['>=2.7,!=3.0.*,!=3.1.*', '2.7.0', '2.7'],
    ['==3.11.*', '3.11.0', '3.11'],
    ['>3.9', '3.9.1', '3.9.1'],
    ['  >=3.12  ', '3.12.0', '3.12'],
  ])('%s → %s', (spec, version, display) => {
    expect(lowestPython(spec)).toEqual({ version, display });
  });

  it.each([[null], [''], ['python3'], ['>=banana'], ['<2'], ['>=99']])('%s: nothing can be told', (spec) => {
    expect(lowestPython(spec)).toBeNull();
  });
});

describe('releaseFitsPython', () => {
  const py39 = lowestPython('>=3.9');

  it('fits when a live file allows the lowest Python, a file says nothing, or says something unreadable', () => {
    expect(releaseFitsPython(releaseOf('x', { version: '1', requiresPython: '>=3.8' }), py39)).toBe(true);
    expect(releaseFitsPython(releaseOf('x', { version: '1', requiresPython: null }), py39)).toBe(true);
    expect(releaseFitsPython(releaseOf('x', { version: '1', requiresPython: '>=3.6.*' }), py39)).toBe(true);
    expect(releaseFitsPython(releaseOf('x', { version: '1', requiresPython: '>=3.10' }), py39)).toBe(false);
    expect(releaseFitsPython(releaseOf('x', { version: '1', requiresPython: '>=3.10' }), null)).toBe(true);
  });

  it('reads the live files only when some file is not yanked', () => {
    const release = releaseOf('x', { version: '1', requiresPython: '>=3.10' });
    const [wheel, sdist] = release.files;
    if (!wheel || !sdist) throw new Error('fixture');
    const mixed = { ...release, files: [{ ...wheel, yanked: true, requiresPython: '>=3.6' }, sdist] };
    expect(releaseFitsPython(mixed, py39)).toBe(false);
  });

  it('requirementFitsPython judges one specifier the same way', () => {
    expect(requirementFitsPython('>=3.10', py39)).toBe(false);
    expect(requirementFitsPython('>=3.8,<3.11', py39)).toBe(true);
    expect(requirementFitsPython(null, py39)).toBe(true);
  });
});

describe('breakingReasons', () => {
  it.each([
    ['1.4.2', '2.0.1', ['major version 1 → 2']],
    ['3.2.25', '4.2.16', ['major version 3 → 4']],
    ['1.26.18', '1.26.19', []],
    ['2.31.0', '2.32.3', []],
    ['0.10.1', '0.11.0', ['pre-1.0 minor version 0.10 → 0.11 (0.x releases may break on a minor bump)']],
    ['0.10.1', '0.10.5', []],
    ['0.9', '1.0', ['major version 0 → 1']],
    ['2023.7.22', '2024.2.2', []],
    ['2.0', '2024.1', ['major version 2 → 2024']],
    ['2.0', '1!1.0', ['version epoch 0 → 1']],
    ['1.0', 'not-a-version', []],
  ])('%s → %s', (from, to, reasons) => {
    expect(breakingReasons(from, to)).toEqual(reasons);
  });

  it('cannot judge without a version in use', () => {
    expect(breakingReasons(null, '2.0')).toEqual([]);
  });
});
