import { describe, expect, it } from 'vitest';
import { affectsVersion, fixedVersions, isWithdrawn, pypiPackagesOf } from '../../src/advisories/match.js';
import type { OsvRecord } from '../../src/advisories/types.js';
import { advisory, affected, ecosystemRange, rangeAdvisory } from './osv-builders.js';

type Case = [version: string, expected: boolean];

/** check runs a table of versions against one advisory of `demo`. */
function check(record: OsvRecord, cases: Case[]): void {
  for (const [version, expected] of cases) {
    expect(affectsVersion(record, 'demo', version), `demo ${version}`).toBe(expected);
  }
}

describe('affectsVersion: ECOSYSTEM ranges (OSV evaluation)', () => {
  it('introduced "0" + fixed: everything below the fix, pre- and dev releases included', () => {
    check(rangeAdvisory({ introduced: '0' }, { fixed: '1.0.2' }), [
      ['0', true],
      ['0a1', true],
      ['0.0.0.dev0', true],
      ['0.1', true],
      ['1.0.1', true],
      ['1.0.2rc1', true],
      ['1.0.2.dev1', true],
      ['1.0.2', false],
      ['1.0.2.0', false],
      ['1.0.2.post1', false],
      ['1.0.3', false],
    ]);
  });

  it('several introduced/fixed pairs in one range', () => {
    check(rangeAdvisory({ introduced: '1.0.0' }, { fixed: '1.0.2' }, { introduced: '3.0.0' }, { fixed: '3.2.5' }), [
      ['0.9', false],
      ['1.0', true],
      ['1.0.0', true],
      ['1.0.1', true],
      ['1.0.2', false],
      ['2.0', false],
      ['3.0.0', true],
      ['3.2.4', true],
      ['3.2.5', false],
      ['4.0', false],
    ]);
  });

  it('last_affected is inclusive; versions above it are not affected', () => {
    check(rangeAdvisory({ introduced: '0' }, { last_affected: '2.1.214' }), [
      ['2.1.213', true],
      ['2.1.214', true],
      ['2.1.214.0', true],
      ['2.1.214.post1', false],
      ['2.1.215', false],
    ]);
  });

  it('introduced without an end: every later version', () => {
    check(rangeAdvisory({ introduced: '2.0' }), [
      ['1.9', false],
      ['2.0rc1', false],
      ['2.0', true],
      ['99.0', true],
    ]);
  });

  it('limit caps a range; several limits widen the cap; "*" is infinity', () => {
    check(rangeAdvisory({ introduced: '0' }, { limit: '2.0' }), [
      ['1.9', true],
      ['2.0', false],
      ['2.1', false],
    ]);
    check(rangeAdvisory({ introduced: '1.0' }, { fixed: '3.0' }, { limit: '2.0' }), [
      ['1.5', true],
      ['2.5', false],
    ]);
    check(rangeAdvisory({ introduced: '0' }, { limit: '1.5' }, { limit: '2.5' }), [
      ['2.0', true],
      ['3.0', false],
    ]);
    check(rangeAdvisory({ introduced: '1.0' }, { limit: '*' }), [
      ['0.5', false],
      ['500.0', true],
    ]);
    check(rangeAdvisory({ introduced: '1.0' }, { limit: '2.0' }, { limit: '*' }), [
      ['1.5', true],
      ['5.0', true],
    ]);
  });

  it('sorts events before evaluating them', () => {
    check(rangeAdvisory({ fixed: '2.0' }, { introduced: '1.0' }), [
      ['0.5', false],
      ['1.5', true],
      ['2.0', false],
    ]);
    check(rangeAdvisory({ introduced: '3.0' }, { fixed: '3.2' }, { introduced: '0' }, { fixed: '1.0' }), [
      ['0.5', true],
      ['2.0', false],
      ['3.1', true],
      ['3.2', false],
    ]);
  });

  it('keeps the advisory order of events at equal versions', () => {
    check(rangeAdvisory({ introduced: '0' }, { fixed: '1.0' }, { introduced: '1.0' }, { fixed: '2.0' }), [
      ['1.0', true],
      ['2.0', false],
    ]);
    check(rangeAdvisory({ introduced: '1.0' }, { fixed: '1.0' }), [['1.0', false]]);
  });

  it('several ranges: affected when inside any', () => {
    const record = advisory([
      affected({
        ranges: [ecosystemRange({ introduced: '0' }, { fixed: '1.0' }), ecosystemRange({ introduced: '5.0' }, { fixed: '5.1' })],
      }),
    ]);
    check(record, [
      ['0.9', true],
      ['3.0', false],
      ['5.0.1', true],
      ['5.1', false],
    ]);
  });

  it('reads a malformed event with two keys key by key', () => {
    check(rangeAdvisory({ introduced: '1.0', fixed: '2.0' }), [
      ['0.5', false],
      ['1.5', true],
      ['2.0', false],
    ]);
  });
});

describe('affectsVersion: PEP 440 details', () => {
  it('pre-releases: an introduced pre-release starts there', () => {
    check(rangeAdvisory({ introduced: '2.0b1' }, { fixed: '2.0.1' }), [
      ['2.0a9', false],
      ['2.0b1', true],
      ['2.0rc1', true],
      ['2.0', true],
      ['2.0.1', false],
    ]);
  });

  it('post-releases: a fix in a post-release leaves the release affected', () => {
    check(rangeAdvisory({ introduced: '0' }, { fixed: '1.0.post1' }), [
      ['1.0', true],
      ['1.0.post0', true],
      ['1.0-post1', false],
      ['1.0.post1', false],
    ]);
  });

  it('dev releases sort before pre-releases of the same release', () => {
    check(rangeAdvisory({ introduced: '2.0.dev0' }, { fixed: '2.0' }), [
      ['1.9', false],
      ['2.0.dev0', true],
      ['2.0a1', true],
      ['2.0rc1', true],
      ['2.0', false],
    ]);
  });

  it('epochs: epoch 1 sorts above every epoch-0 version', () => {
    check(rangeAdvisory({ introduced: '0' }, { fixed: '2.0' }), [
      ['1!0.5', false],
      ['0!1.5', true],
    ]);
    check(rangeAdvisory({ introduced: '1!0' }, { fixed: '1!1.0' }), [
      ['1!0.5', true],
      ['5.0', false],
      ['1!1.0', false],
    ]);
  });

  it('local versions are judged by their public version', () => {
    check(rangeAdvisory({ introduced: '1.0' }, { fixed: '1.1' }), [
      ['1.0+ubuntu1', true],
      ['0.9+local', false],
      ['1.1+build.7', false],
    ]);
    check(rangeAdvisory({ introduced: '0' }, { last_affected: '1.0' }), [['1.0+local', true]]);
  });

  it('SEMVER ranges are read with PEP 440 ordering', () => {
    const record = advisory([
      affected({ ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0-alpha.1' }, { fixed: '1.2.0' }] }] }),
    ]);
    check(record, [
      ['1.0.0a0', false],
      ['1.0.0a1', true],
      ['1.1.0', true],
      ['1.2.0', false],
    ]);
  });
});

describe('affectsVersion: versions lists, GIT ranges, bad data', () => {
  it('matches the versions list with PEP 440 equality', () => {
    check(advisory([affected({ versions: ['1.0', '2.0.0'] })]), [
      ['1.0.0', true],
      ['1.0', true],
      ['2.0', true],
      ['2.0+local', true],
      ['1.5', false],
      ['2.0.1', false],
    ]);
  });

  it('never decides by a GIT range', () => {
    const record = advisory([
      affected({
        ranges: [
          {
            type: 'GIT',
            repo: 'https://github.com/pallets/werkzeug',
            events: [{ introduced: '0' }, { fixed: 'f3c803b3ade485a45f12b6d6617595350c0f03e2' }],
          },
        ],
      }),
    ]);
    check(record, [
      ['0.1', false],
      ['2.3.7', false],
    ]);
  });

  it('ignores range types it does not know', () => {
    check(advisory([affected({ ranges: [{ type: 'CUSTOM', events: [{ introduced: '0' }] }] })]), [['1.0', false]]);
  });

  it('skips unreadable versions in events, limits and versions lists without throwing', () => {
    check(rangeAdvisory({ introduced: '0' }, { fixed: 'not-a-version' }), [['99.0', true]]);
    check(rangeAdvisory({ introduced: 'bogus' }, { fixed: '2.0' }), [['1.0', false]]);
    check(rangeAdvisory({ introduced: '0' }, { limit: 'x.y' }), [['5.0', true]]);
    check(advisory([affected({ versions: ['\u0000garbage', '1.0', ''] })]), [
      ['1.0', true],
      ['\u0000garbage', true],
      ['other-garbage', false],
      ['', false],
    ]);
  });

  it('a queried version that is not PEP 440 is judged by the versions list only', () => {
    check(rangeAdvisory({ introduced: '0' }), [
      ['latest', false],
      ['', false],
    ]);
  });
});

describe('affectsVersion: which entries count', () => {
  it('needs the PyPI ecosystem, spelled as OSV spells it', () => {
    const range = [ecosystemRange({ introduced: '0' })];
    expect(affectsVersion(advisory([affected({ ecosystem: 'npm', ranges: range })]), 'demo', '1.0')).toBe(false);
    expect(affectsVersion(advisory([affected({ ecosystem: 'pypi', ranges: range })]), 'demo', '1.0')).toBe(false);
    expect(affectsVersion(advisory([affected({ ecosystem: 'PyPI', ranges: range })]), 'demo', '1.0')).toBe(true);
  });

  it('compares names PEP 503-normalised', () => {
    const record = advisory([affected({ name: 'Flask_SQLAlchemy', ranges: [ecosystemRange({ introduced: '0' })] })]);
    expect(affectsVersion(record, 'flask-sqlalchemy', '3.0')).toBe(true);
    expect(affectsVersion(record, 'FLASK.sqlalchemy', '3.0')).toBe(true);
    expect(affectsVersion(record, 'flask', '3.0')).toBe(false);
  });

  it('unites the entries of one package and ignores other packages', () => {
    const record = advisory([
      affected({ ranges: [ecosystemRange({ introduced: '0' }, { fixed: '1.0' })] }),
      affected({ name: 'other', ranges: [ecosystemRange({ introduced: '0' })] }),
      affected({ ranges: [ecosystemRange({ introduced: '2.0' }, { fixed: '2.1' })] }),
    ]);
    check(record, [
      ['0.5', true],
      ['1.5', false],
      ['2.0.5', true],
    ]);
    expect(affectsVersion(record, 'other', '1.5')).toBe(true);
  });

  it('a withdrawn advisory affects nothing', () => {
    const live = rangeAdvisory({ introduced: '0' });
    const withdrawn: OsvRecord = { ...live, withdrawn: '2023-06-06T10:37:00Z' };
    expect(affectsVersion(live, 'demo', '1.0')).toBe(true);
    expect(affectsVersion(withdrawn, 'demo', '1.0')).toBe(false);
    expect(isWithdrawn(withdrawn)).toBe(true);
    expect(isWithdrawn({ ...live, withdrawn: '' })).toBe(false);
  });

  it('an advisory without affected entries affects nothing', () => {
    expect(affectsVersion(advisory([]), 'demo', '1.0')).toBe(false);
    expect(affectsVersion({ id: 'X-1', modified: '2024-01-01T00:00:00Z' }, 'demo', '1.0')).toBe(false);
  });
});

describe('fixedVersions', () => {
  it('lists ECOSYSTEM fixes ascending and leaves GIT commits out', () => {
    const record = advisory([
      affected({
        name: 'werkzeug',
        ranges: [
          {
            type: 'GIT',
            repo: 'https://github.com/pallets/werkzeug',
            events: [{ introduced: '0' }, { fixed: 'f3c803b3ade485a45f12b6d6617595350c0f03e2' }],
          },
          ecosystemRange({ introduced: '3.0.0' }, { fixed: '3.0.1' }, { introduced: '0' }, { fixed: '2.3.8' }),
        ],
      }),
    ]);
    expect(fixedVersions(record, 'Werkzeug')).toEqual(['2.3.8', '3.0.1']);
  });

  it('dedupes PEP 440-equal fixes (first spelling wins), drops unreadable ones and other packages', () => {
    const record = advisory([
      affected({ ranges: [ecosystemRange({ introduced: '0' }, { fixed: '1.10' }, { fixed: '1.2rc1' }, { fixed: 'n/a' })] }),
      affected({ ranges: [ecosystemRange({ introduced: '0' }, { fixed: '1.10.0' }, { last_affected: '0.5' })] }),
      affected({ name: 'other', ranges: [ecosystemRange({ introduced: '0' }, { fixed: '0.1' })] }),
    ]);
    expect(fixedVersions(record, 'demo')).toEqual(['1.2rc1', '1.10']);
  });

  it('is empty when nothing is fixed', () => {
    expect(fixedVersions(rangeAdvisory({ introduced: '0' }, { last_affected: '1.0' }), 'demo')).toEqual([]);
  });
});

describe('pypiPackagesOf', () => {
  it('lists normalised PyPI package names once', () => {
    const record = advisory([
      affected({ name: 'Django' }),
      affected({ name: 'django' }),
      affected({ name: 'left-pad', ecosystem: 'npm' }),
      affected({ name: 'zope.interface' }),
    ]);
    expect(pypiPackagesOf(record)).toEqual(['django', 'zope-interface']);
  });
});

describe('hostile advisory data', () => {
  const hostile = [
    '\u0000\u0001',
    'a'.repeat(100_000),
    `1.${'0.'.repeat(10_000)}1`,
    `1.0${'-'.repeat(50_000)}`,
    `${'1!'.repeat(1000)}1`,
    '9'.repeat(400),
    `1.${'9'.repeat(30)}`,
    `1.0a${'9'.repeat(40)}`,
  ];

  it.each(hostile.map((value) => [value.slice(0, 12), value]))('never throws on %j', (_, value) => {
    const record = rangeAdvisory({ introduced: value }, { fixed: value }, { last_affected: value }, { limit: value });
    const everything = rangeAdvisory({ introduced: '0' });
    expect(() => affectsVersion(record, 'demo', value)).not.toThrow();
    expect(affectsVersion(record, 'demo', '1.0')).toBe(false);
    expect(() => fixedVersions(record, 'demo')).not.toThrow();
    expect(() => affectsVersion(everything, 'demo', value)).not.toThrow();
  });

  it('treats numbers beyond 2^53 as unreadable rather than rounding them', () => {
    const record = rangeAdvisory({ introduced: '0' }, { fixed: `1.${'9'.repeat(30)}` });
    // Read as a float, the fix would equal 1.1e30 and every 1.x would be affected; unreadable, it is
    // skipped and the range stays open (the safe reading).
    expect(fixedVersions(record, 'demo')).toEqual([]);
    expect(affectsVersion(record, 'demo', '2.0')).toBe(true);
    expect(affectsVersion(rangeAdvisory({ introduced: '0' }), 'demo', '9'.repeat(400))).toBe(false);
  });
});
