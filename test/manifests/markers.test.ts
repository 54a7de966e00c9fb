import { describe, expect, it } from 'vitest';
import { markersExcludeProject, parseMarkers } from '../../src/manifests/markers.js';

describe('markersExcludeProject', () => {
  it.each([
    ['python_version < "3.8"', '>=3.10', true],
    ['python_version < "3.8"', '>=3.7', false],
    ['python_version < "3.8"', null, false],
    ['python_full_version < "3.10.2"', '>=3.10.2', true],
    ['python_full_version < "3.10.2"', '>=3.10', false],
    ['python_version < "3.8" and sys_platform == "win32"', '>=3.10', true],
    ['python_version < "3.8" or sys_platform == "win32"', '>=3.10', false],
    ['sys_platform == "win32"', '>=3.10', false],
    ['(python_version < "3.8" or python_version >= "4") and extra == "test"', '>=3.9,<4', true],
    ['"3.6" > python_version', '>=3.9', true],
    ['python_version in "2.6 2.7"', '>=3.8', true],
    ['python_version not in "2.6 2.7"', '>=3.8', false],
    ['python_version == "2.7"', '~=3.11', true],
    ['python_version >= "3.12"', '>=3.8,<3.12', true],
    ['implementation_name == "pypy" and python_version < "3"', '>=3.8', true],
  ])('%s with requires-python %s → %s', (markers, requiresPython, expected) => {
    expect(markersExcludeProject(markers, requiresPython)).toBe(expected);
  });

  it('never hides a dependency behind markers it cannot read', () => {
    expect(markersExcludeProject('python_version <', '>=3.10')).toBe(false);
    expect(markersExcludeProject('nonsense_var == "x"', '>=3.10')).toBe(false);
    expect(markersExcludeProject('python_version < "3.8"', 'not a specifier')).toBe(false);
  });

  it('rejects hostile nesting without overflowing the stack', () => {
    const deep = `${'('.repeat(100_000)}python_version < "3"${')'.repeat(100_000)}`;
    expect(parseMarkers(deep)).toBeNull();
    expect(markersExcludeProject(deep, '>=3.10')).toBe(false);
  });
});
