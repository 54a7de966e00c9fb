import { describe, expect, it } from 'vitest';
import { affectedBySpecifier } from '../../src/advisories/match.js';
import type { OsvRecord } from '../../src/advisories/types.js';
import { advisory, affected, ecosystemRange, rangeAdvisory } from './osv-builders.js';

type Case = [specifier: string | null, expected: boolean];

function check(record: OsvRecord, cases: Case[], knownVersions?: string[]): void {
  for (const [specifier, expected] of cases) {
    expect(affectedBySpecifier(record, 'demo', specifier, knownVersions), `demo ${String(specifier)}`).toBe(expected);
  }
}

/** Django's CVE-2021-33203 (PYSEC-2021-98): before 2.2.24, 3.0 before 3.1.12, 3.2 before 3.2.4. */
const threeRanges = rangeAdvisory(
  { introduced: '0' },
  { fixed: '2.2.24' },
  { introduced: '3.0' },
  { fixed: '3.1.12' },
  { introduced: '3.2' },
  { fixed: '3.2.4' },
);

describe('affectedBySpecifier without known releases', () => {
  it('decides by intersecting the allowed and affected intervals', () => {
    check(threeRanges, [
      [null, true],
      ['', true],
      ['   ', true],
      ['>=1.0', true],
      ['<2.2.24', true],
      ['>=2.2.24,<3.0', false],
      ['>=2.2.24, <3', false],
      ['>=3.2,<3.3', true],
      ['>=3.2.4,<3.3', false],
      ['~=3.1.0', true],
      ['~=3.1.12', false],
      ['==3.2.*', true],
      ['==3.3.*', false],
      ['==3.2.3', true],
      ['==3.2.4', false],
      ['===3.2.3', true],
      ['>3.1.11,<3.1.12', true],
      ['>=3.2.4', false],
      ['>=99', false],
    ]);
  });

  it('finds versions just above an exclusive or excluded bound', () => {
    check(rangeAdvisory({ introduced: '1.5' }, { fixed: '2.0' }), [
      ['>1.7,<1.8', true],
      ['>1.9', true],
      ['>2.0', false],
      ['<1.5', false],
      ['<=1.5', true],
      ['>=1.5,!=1.5', true],
      // 1.10 sorts between the excluded 1.9.* and 2.0.
      ['!=1.5.*,!=1.6.*,!=1.7.*,!=1.8.*,!=1.9.*,>=1.5,<2.0', true],
      ['!=1.5.*,!=1.6.*,!=1.7.*,!=1.8.*,!=1.9.*,>=1.5,<1.10', false],
      ['!=1.5.*,>=1.5,<1.7', true],
    ]);
  });

  it('an unreadable specifier constrains nothing', () => {
    check(threeRanges, [['not a specifier', true], ['>=', true]]);
    check(rangeAdvisory({ introduced: '0' }, { fixed: '0.1' }), [['>>1.0', true]]);
  });

  it('last_affected and limit bounds', () => {
    check(rangeAdvisory({ introduced: '0' }, { last_affected: '1.11.0' }), [
      ['>1.11.0', false],
      ['>=1.11.0', true],
      ['==1.11', true],
    ]);
    check(rangeAdvisory({ introduced: '0' }, { limit: '2.0' }), [
      ['>=2.0', false],
      ['>=1.9', true],
    ]);
  });

  it('versions lists count as affected points', () => {
    const record = advisory([
      affected({
        versions: ['4.5.4', '4.5.5'],
        ranges: [{ type: 'GIT', repo: 'https://github.com/redis/redis-py', events: [{ introduced: '0' }] }],
      }),
    ]);
    check(record, [
      ['>=4.5,<4.6', true],
      ['==4.5.*', true],
      ['>=4.6', false],
      ['<4.5.4', false],
    ]);
  });

  it('pre-releases count only when the specifier names one (PEP 440 §Handling of pre-releases)', () => {
    const preOnly = rangeAdvisory({ introduced: '2.0a1' }, { fixed: '2.0a3' });
    check(preOnly, [
      [null, false],
      ['>=1.0', false],
      ['>=2.0a1', true],
      ['==2.0a2', true],
      ['!=2.0a2', false],
    ]);
    const fromBeta = rangeAdvisory({ introduced: '2.0b1' }, { fixed: '2.0.1' });
    check(fromBeta, [
      ['>=1.0', true],
      ['<2.0', false],
      ['<=2.0', true],
    ]);
    // Only the final release 2.0 is both allowed and affected: [2.0b1, 2.0.post1) holds nothing else final.
    check(rangeAdvisory({ introduced: '2.0b1' }, { fixed: '2.0.post1' }), [
      ['>=1.0', true],
      ['>2.0', false],
    ]);
  });

  it('epochs order before everything else', () => {
    check(rangeAdvisory({ introduced: '1!0' }, { fixed: '1!2.0' }), [
      ['<5.0', false],
      ['>=5.0', true],
      ['>=1!1.0', true],
    ]);
  });

  it('withdrawn advisories and other packages affect nothing', () => {
    check({ ...threeRanges, withdrawn: '2024-01-01T00:00:00Z' }, [[null, false], ['>=3.2,<3.3', false]]);
    const other = advisory([affected({ name: 'other', ranges: [ecosystemRange({ introduced: '0' })] })]);
    check(other, [[null, false]]);
    expect(affectedBySpecifier(other, 'OTHER', null)).toBe(true);
  });
});

describe('affectedBySpecifier with known releases', () => {
  const django32 = ['3.1.11', '3.1.12', '3.2', '3.2.1', '3.2.2', '3.2.3', '3.2.4', '3.2.5'];

  it('answers from the releases the specifier allows', () => {
    const everyAffectedExcluded = '!=3.2,!=3.2.1,!=3.2.2,!=3.2.3,>=3.2';
    check(threeRanges, [[everyAffectedExcluded, true]]);
    check(threeRanges, [[everyAffectedExcluded, false], ['>3.1.11,<3.1.12', false], ['>=3.2', true]], django32);
  });

  it('leaves pre-releases out while a final release is allowed', () => {
    const fromBeta = rangeAdvisory({ introduced: '2.0b1' }, { fixed: '2.0.1' });
    check(fromBeta, [['>=1.0', false], ['>=2.0b1', true]], ['1.0', '2.0b1', '2.0.1']);
    check(fromBeta, [['>=1.0', true]], ['2.0b1', '2.0b2']);
  });

  it('ignores unreadable releases; an empty list means unknown', () => {
    check(threeRanges, [['>=3.2,<3.3', false]], ['3.2.x', 'latest', '3.2.4']);
    check(threeRanges, [['>=3.2,<3.3', true]], []);
  });
});
