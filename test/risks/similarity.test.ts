import { describe, expect, it } from 'vitest';
import { POPULAR_PACKAGES } from '../../src/risks/popular.js';
import { editDistance, NeighbourIndex, onlyDigitsDiffer, skeleton, SkeletonIndex, typoDistance } from '../../src/risks/similarity.js';

describe('editDistance', () => {
  it.each([
    ['requests', 'requests', 0],
    ['reqests', 'requests', 1],
    ['reqeusts', 'requests', 1],
    ['requestss', 'requests', 1],
    ['rewuests', 'requests', 1],
    ['rqeuests', 'requests', 1],
    ['reqeustz', 'requests', 2],
  ])('%s vs %s is %i', (a, b, distance) => {
    expect(editDistance(a, b, 2)).toBe(distance);
  });

  it('stops at the limit', () => {
    expect(editDistance('kubernetes', 'numpy', 2)).toBe(3);
    expect(editDistance('a'.repeat(10_000), 'b'.repeat(10_000), 2)).toBe(3);
  });
});

describe('typoDistance', () => {
  it.each([
    ['reqeusts', 'requests', 1],
    ['python-dateutils', 'python-dateutil', 1],
    ['urlib3', 'urllib3', 1],
    ['beautifulsop4', 'beautifulsoup4', 1],
    ['sqlalchemmy', 'sqlalchemy', 1],
    ['tensroflow', 'tensorflow', 1],
    // Two edits are allowed from ten characters on.
    ['beatifulsop4', 'beautifulsoup4', 2],
  ])('%s is a look-alike of %s (%i)', (name, popular, distance) => {
    expect(typoDistance(name, popular)).toBe(distance);
  });

  it.each([
    ['requests', 'requests'],
    // Sibling packages of a family differ in one short part.
    ['mypy-boto3-ecs', 'mypy-boto3-ec2'],
    ['nvidia-cuda-nvcc-cu12', 'nvidia-cuda-nvrtc-cu12'],
    ['pytest-dev', 'pytest-env'],
    // Digits are versions.
    ['nvidia-cublas-cu11', 'nvidia-cublas-cu12'],
    ['pyqt6', 'pyqt5'],
    // Short names sit one letter apart by nature.
    ['boto', 'boto3'],
    ['attr', 'attrs'],
    // Two edits for a nine-letter name is too far.
    ['reqeustss', 'requests'],
    // Two parts differ.
    ['flask-corz-ext', 'flask-cors-extra'],
  ])('%s is not a look-alike of %s by editing', (name, popular) => {
    expect(typoDistance(name, popular)).toBeNull();
  });
});

describe('skeleton', () => {
  it.each([
    ['co1orama', 'colorama'],
    ['c0lorama', 'colorama'],
    ['requirnents', 'requlments'],
    ['python-jose', 'jose'],
    ['opensearch-py', 'opensearch'],
    ['scikit-learn', 'sclkltleam'],
  ])('%s reads as %s', (name, expected) => {
    expect(skeleton(name)).toBe(expected);
  });

  it('finds popular names by skeleton, the first one winning', () => {
    const index = new SkeletonIndex(['python-jose', 'colorama', 'scikit-learn', 'jose']);
    expect(index.lookAlike('jose')?.target).toBe('python-jose');
    expect(index.lookAlike('co1orama')).toEqual({ target: 'colorama', how: 'the same name written with look-alike characters (0/o, 1/l/i, rn/m, vv/w)' });
    expect(index.lookAlike('scikitlearn')).toEqual({ target: 'scikit-learn', how: 'the same letters with different separators' });
    expect(index.lookAlike('py-colorama')?.how).toBe('the same name with a python/py prefix or suffix added or dropped');
    expect(index.lookAlike('colorama')).toBeNull();
    // Too short to say anything.
    expect(new SkeletonIndex(['pyjwt']).lookAlike('jwt')).toBeNull();
  });
});

describe('onlyDigitsDiffer', () => {
  it('is true only for digit-for-digit differences', () => {
    expect(onlyDigitsDiffer('cu11', 'cu12')).toBe(true);
    expect(onlyDigitsDiffer('ec2', 'ecs')).toBe(false);
    expect(onlyDigitsDiffer('abc', 'abc')).toBe(false);
    expect(onlyDigitsDiffer('ab1', 'ab12')).toBe(false);
  });
});

describe('NeighbourIndex', () => {
  it('never misses a name typoDistance accepts (checked against every popular name)', () => {
    const index = new NeighbourIndex(POPULAR_PACKAGES);
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const letters = 'abcdefghijklmnopqrstuvwxyz0123456789-';
    const mutate = (name: string): string => {
      const at = random(name.length);
      switch (random(4)) {
        case 0:
          return name.slice(0, at) + name.slice(at + 1);
        case 1:
          return name.slice(0, at) + letters.charAt(random(letters.length)) + name.slice(at);
        case 2:
          return name.slice(0, at) + letters.charAt(random(letters.length)) + name.slice(at + 1);
        default:
          return at + 1 < name.length ? name.slice(0, at) + name.charAt(at + 1) + name.charAt(at) + name.slice(at + 2) : name;
      }
    };
    let accepted = 0;
    for (let i = 0; i < 400; i++) {
      const source = POPULAR_PACKAGES[random(POPULAR_PACKAGES.length)] ?? 'requests';
      const name = i % 2 === 0 ? mutate(source) : mutate(mutate(source));
      const candidates = new Set(index.candidates(name));
      for (const popular of POPULAR_PACKAGES) {
        if (typoDistance(name, popular) === null) continue;
        accepted++;
        expect(candidates.has(popular), `${name} ~ ${popular}`).toBe(true);
      }
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it('answers nothing for names far longer than any indexed one', () => {
    expect(new NeighbourIndex(['requests']).candidates('r'.repeat(100_000))).toEqual([]);
  });
});
