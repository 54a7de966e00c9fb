/**
 * Titles that say what a pull request fixes, ranking by worst severity then score then id, and the open
 * pull request limit.
 */
import { describe, expect, it } from 'vitest';
import type { Severity } from '../../../src/advisories/finding.js';
import { applyPullRequestLimit, compareGroups, rankGroups } from '../../../src/remediation/plan/rank.js';
import { groupTitle, namePackages } from '../../../src/remediation/plan/title.js';
import type { PlannedUpdate, RemediationGroup } from '../../../src/remediation/types.js';

function advisories(...counts: Array<[Severity, number]>): Array<{ id: string; severity: Severity }> {
  return counts.flatMap(([severity, n]) => Array.from({ length: n }, (_, i) => ({ id: `${severity}-${i}`, severity })));
}

function update(pkg: string, to: string, breaking = false): PlannedUpdate {
  return { package: pkg, from: '1.0', to, fixes: ['X'], breaking, manifests: ['requirements.txt'] };
}

describe('groupTitle', () => {
  it('counts by severity and names the packages: the example of issue 5', () => {
    expect(groupTitle({ advisories: advisories(['critical', 2], ['high', 1]), packages: ['django', 'requests'], updates: [], project: '.' })).toBe(
      'Fix 2 critical and 1 high vulnerability in django, requests',
    );
  });

  it('pluralises by the count just before the noun', () => {
    const title = (...counts: Array<[Severity, number]>): string => groupTitle({ advisories: advisories(...counts), packages: ['x'], updates: [], project: '.' });
    expect(title(['high', 1])).toBe('Fix 1 high vulnerability in x');
    expect(title(['high', 2])).toBe('Fix 2 high vulnerabilities in x');
    expect(title(['critical', 1], ['medium', 3])).toBe('Fix 1 critical and 3 medium vulnerabilities in x');
    expect(title(['critical', 1], ['high', 2], ['low', 1])).toBe('Fix 1 critical, 2 high and 1 low vulnerability in x');
    expect(title(['unknown', 2])).toBe('Fix 2 unknown-severity vulnerabilities in x');
  });

  it('counts an advisory once even when it is listed for two packages', () => {
    const twice = [...advisories(['high', 1]), ...advisories(['high', 1])];
    expect(groupTitle({ advisories: twice, packages: ['a', 'b'], updates: [], project: '.' })).toBe('Fix 1 high vulnerability in a, b');
  });

  it('names at most three packages, then "and N more"', () => {
    expect(namePackages(['a', 'b', 'c'])).toBe('a, b, c');
    expect(namePackages(['a', 'b', 'c', 'd'])).toBe('a, b, c and 1 more');
    expect(namePackages(['a', 'b', 'c', 'd', 'e', 'f'])).toBe('a, b, c and 3 more');
    expect(groupTitle({ advisories: advisories(['medium', 5]), packages: ['a', 'b', 'c', 'd', 'e'], updates: [], project: '.' })).toBe(
      'Fix 5 medium vulnerabilities in a, b, c and 2 more',
    );
  });

  it('says when the pull request holds a breaking upgrade, and which project it edits', () => {
    expect(groupTitle({ advisories: advisories(['high', 1]), packages: ['django'], updates: [update('django', '5.0.1', true)], project: '.' })).toBe(
      'Fix 1 high vulnerability in django (breaking upgrade to 5.0.1)',
    );
    expect(
      groupTitle({
        advisories: advisories(['high', 2]),
        packages: ['django', 'requests'],
        updates: [update('django', '5.0.1', true), update('requests', '2.32.3')],
        project: 'services/api',
      }),
    ).toBe('Fix 2 high vulnerabilities in django, requests (breaking upgrade of django to 5.0.1; services/api)');
    expect(
      groupTitle({
        advisories: advisories(['low', 1]),
        packages: ['urllib3'],
        updates: [update('urllib3', '2.0.7', true), update('requests', '2.30.0', true)],
        project: '.',
      }),
    ).toBe('Fix 1 low vulnerability in urllib3 (breaking upgrades of urllib3, requests)');
  });
});

function group(id: string, severity: Severity, score: number | null): RemediationGroup {
  return { id, title: id, rank: 0, severity, updates: [], score };
}

describe('rankGroups', () => {
  it('ranks by worst severity, then highest score (none last), then id; ranks are 1..n', () => {
    const ranked = rankGroups([
      group('security-root', 'high', 7.5),
      group('b-major', 'critical', null),
      group('a-major', 'critical', null),
      group('c-major', 'critical', 9.8),
      group('low-one', 'low', 3.1),
      group('unknown-one', 'unknown', null),
      group('high-higher', 'high', 8.8),
    ]);
    expect(ranked.map((g) => [g.rank, g.id])).toEqual([
      [1, 'c-major'],
      [2, 'a-major'],
      [3, 'b-major'],
      [4, 'high-higher'],
      [5, 'security-root'],
      [6, 'low-one'],
      [7, 'unknown-one'],
    ]);
  });

  it('is a total order: equal severity and score fall back to the id, whatever the input order', () => {
    const a = group('a', 'medium', 5);
    const b = group('b', 'medium', 5);
    expect(compareGroups(a, b)).toBeLessThan(0);
    expect(rankGroups([b, a]).map((g) => g.id)).toEqual(['a', 'b']);
    expect(rankGroups([a, b]).map((g) => g.id)).toEqual(['a', 'b']);
  });
});

describe('applyPullRequestLimit', () => {
  const ranked = rankGroups([group('a', 'critical', 9), group('b', 'high', 8), group('c', 'medium', 5)]);

  it('marks the groups beyond the limit deferred and keeps them in the plan', () => {
    const limited = applyPullRequestLimit(ranked, 2);
    expect(limited.map((g) => [g.id, g.rank, g.deferred])).toEqual([
      ['a', 1, undefined],
      ['b', 2, undefined],
      ['c', 3, true],
    ]);
    expect('deferred' in (limited[0] as object)).toBe(false);
  });

  it('0 defers everything; a limit above the count defers nothing', () => {
    expect(applyPullRequestLimit(ranked, 0).every((g) => g.deferred === true)).toBe(true);
    expect(applyPullRequestLimit(ranked, 10).some((g) => g.deferred)).toBe(false);
  });
});
