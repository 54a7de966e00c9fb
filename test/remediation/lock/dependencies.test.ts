import { describe, expect, it } from 'vitest';
import { compareRequiresDist, describeDependencyChanges, requirementKey } from '../../../src/remediation/lock/dependencies.js';

describe('requirementKey', () => {
  it('is equal for spellings of the same requirement', () => {
    const same = [
      'PySocks!=1.5.7,>=1.5.6; extra == "socks"',
      'pysocks >=1.5.6, !=1.5.7 ; extra=="socks"',
      "pysocks (>=1.5.6,!=1.5.7); extra == 'Socks'",
      'PySocks>=1.5.6,!=1.5.7;extra   ==   "SOCKS"',
    ];
    expect(new Set(same.map(requirementKey)).size).toBe(1);
    expect(requirementKey('Foo_Bar[B,a]>=1')).toBe(requirementKey('foo-bar[a,b] >= 1'));
    expect(requirementKey('"socks" == extra')).toBe(requirementKey('"socks" == extra'));
  });

  it('tells apart different bounds, markers, extras and URLs', () => {
    const distinct = [
      'urllib3<3,>=1.21.1',
      'urllib3<3,>=1.21.2',
      'urllib3<3,>=1.21.1; python_version < "3.12"',
      'urllib3[socks]<3,>=1.21.1',
      'urllib3 @ https://example.com/urllib3-2.0.tar.gz',
      'urllib3<3,>=1.21.1; extra == "socks"',
      'urllib3<3,>=1.21.1; extra == "brotli"',
    ];
    expect(new Set(distinct.map(requirementKey)).size).toBe(distinct.length);
  });

  it('compares text it cannot parse by its characters', () => {
    expect(requirementKey('??? not a requirement')).toBe('????notarequirement');
  });
});

describe('compareRequiresDist', () => {
  it('finds nothing when only the spelling changed', () => {
    const changes = compareRequiresDist(['idna<4,>=2.5', 'certifi>=2017.4.17'], ['certifi >= 2017.4.17', 'idna (>=2.5,<4)']);
    expect(changes).toEqual({ added: [], dropped: [] });
  });

  it('lists what was added and dropped, as written', () => {
    const changes = compareRequiresDist(['six', 'idna<4,>=2.5', 'six'], ['idna<4,>=2.5', 'typing-extensions>=4.6 ; python_version < "3.11"', 'six']);
    expect(changes).toEqual({ added: ['typing-extensions>=4.6 ; python_version < "3.11"'], dropped: ['six'] });
    expect(describeDependencyChanges(changes)).toBe('dependencies changed: adds typing-extensions>=4.6 ; python_version < "3.11", drops six; a re-lock is needed');
  });

  it('shortens long lists', () => {
    const added = Array.from({ length: 8 }, (_, i) => `pkg${i}>=1`);
    expect(describeDependencyChanges(compareRequiresDist([], added))).toBe(
      'dependencies changed: adds pkg0>=1 and pkg1>=1 and pkg2>=1 and pkg3>=1 and pkg4>=1 and 3 more; a re-lock is needed',
    );
  });
});
