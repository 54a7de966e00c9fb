import { describe, expect, it } from 'vitest';
import {
  compareValidVersions,
  explainVersion,
  isPrerelease,
  publicVersion,
} from '../../src/pep440/index.js';

describe('explainVersion', () => {
  it('splits every PEP 440 segment', () => {
    expect(explainVersion('1!2.0rc1.post2.dev3+ubuntu.1')).toEqual({
      epoch: 1,
      release: [2, 0],
      pre: { label: 'rc', number: 1 },
      post: 2,
      dev: 3,
      local: 'ubuntu.1',
      public: '1!2.0rc1.post2.dev3',
      base: '1!2.0',
    });
  });

  it('gives nulls for the segments a final release lacks', () => {
    expect(explainVersion('3.2.4')).toEqual({
      epoch: 0,
      release: [3, 2, 4],
      pre: null,
      post: null,
      dev: null,
      local: null,
      public: '3.2.4',
      base: '3.2.4',
    });
  });

  it.each([['1.0-post1', 1], ['1.0.post0', 0], ['1.0-7', 7]])('reads the post segment of %s', (version, post) => {
    expect(explainVersion(version)?.post).toBe(post);
  });

  it.each(['', 'not a version', '1.0.0-beta.1.2.3+', '\u0000\u0001'])('returns null for %j', (version) => {
    expect(explainVersion(version)).toBeNull();
  });
});

describe('publicVersion', () => {
  it.each([
    ['1.0+ubuntu1', '1.0'],
    ['1!2.0.post1+local.7', '1!2.0.post1'],
    ['2.0rc1', '2.0rc1'],
    ['3.2', '3.2'],
  ])('%s → %s', (version, expected) => {
    expect(publicVersion(version)).toBe(expected);
  });

  it('is null for an invalid version', () => {
    expect(publicVersion('latest')).toBeNull();
  });
});

describe('isPrerelease', () => {
  it.each([
    ['2.0rc1', true],
    ['2.0a1', true],
    ['2.0.dev3', true],
    ['2.0rc1.post1', true],
    ['2.0', false],
    ['2.0.post1', false],
    ['1!2.0', false],
    ['2.0+local', false],
    ['garbage', false],
  ])('%s → %s', (version, expected) => {
    expect(isPrerelease(version)).toBe(expected);
  });
});

describe('compareValidVersions', () => {
  it('sorts by PEP 440, invalid versions last and by text', () => {
    const sorted = ['zzz', '1.10', '1!0.1', 'abc', '1.2', '1.2rc1', '1.2.post1', '1.9'].sort(compareValidVersions);
    expect(sorted).toEqual(['1.2rc1', '1.2', '1.2.post1', '1.9', '1.10', '1!0.1', 'abc', 'zzz']);
  });

  it('says 0 for PEP 440-equal versions', () => {
    expect(compareValidVersions('1.0', '1.0.0')).toBe(0);
  });
});

describe('numbers beyond 2^53', () => {
  it('explainVersion and publicVersion refuse them', () => {
    expect(explainVersion('1.99999999999999999999')).toBeNull();
    expect(explainVersion('9'.repeat(400))).toBeNull();
    expect(explainVersion('1.0.post99999999999999999999')).toBeNull();
    expect(publicVersion(`${'9'.repeat(400)}+local`)).toBeNull();
    expect(explainVersion('1.9007199254740991')?.release).toEqual([1, 9007199254740991]);
  });
});
