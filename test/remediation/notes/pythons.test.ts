import { describe, expect, it } from 'vitest';
import { describeMinors, minorsAllowedBy, minorsDropped, usableSpecifier } from '../../../src/remediation/notes/pythons.js';

describe('minorsDropped', () => {
  it('lists the minors the project supports that the new Requires-Python leaves out', () => {
    expect(minorsDropped('>=3.7', '>=3.10', '>=3.8')).toEqual(['3.8', '3.9']);
    expect(minorsDropped('>=3.7', '>=3.10', '>=3.10')).toEqual([]);
  });

  it('judges micro releases exactly: a floor at 3.8.1 still serves a project on 3.8', () => {
    expect(minorsDropped('>=3.8', '>=3.8.1', '>=3.8')).toEqual([]);
    expect(minorsDropped(null, '!=3.9.*,>=3.8', '>=3.8,<3.11')).toEqual(['3.9']);
  });

  it('without a project range, compares the two releases', () => {
    expect(minorsDropped('>=2.7,!=3.0.*,!=3.1.*', '>=3.6', null)).toEqual(['2.7', '3.2', '3.3', '3.4', '3.5']);
  });

  it('reports upper caps on new Pythons too', () => {
    expect(describeMinors(minorsDropped('>=3.9', '>=3.9,<3.13', '>=3.9'))).toBe('3.13 and later');
  });

  it('treats a specifier it cannot read as no constraint', () => {
    expect(minorsDropped('>=3.8', 'not a specifier', '>=3.8')).toEqual([]);
    expect(minorsDropped('junk', '>=3.12', 'also junk')).toContain('3.11');
    expect(usableSpecifier('  ')).toBeNull();
    expect(usableSpecifier(undefined)).toBeNull();
    expect(usableSpecifier('>=3.8')).toBe('>=3.8');
  });
});

describe('minorsAllowedBy and describeMinors', () => {
  it('intersects specifiers', () => {
    expect(minorsAllowedBy('>=3.8', '<3.11')).toEqual(['3.8', '3.9', '3.10']);
    expect(minorsAllowedBy('>=3.8', '<3.7')).toEqual([]);
  });

  it('writes runs compactly and keeps majors apart', () => {
    expect(describeMinors(['3.8', '3.9', '3.10', '3.12'])).toBe('3.8–3.10, 3.12');
    expect(describeMinors(['2.7', '3.0'])).toBe('2.7, 3.0');
    expect(describeMinors(['3.29'])).toBe('3.29');
    expect(describeMinors([])).toBe('');
  });
});
