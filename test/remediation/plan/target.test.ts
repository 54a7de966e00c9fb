/**
 * Target selection (issue 5, "Choosing the target version"): the matrix of rules a target must pass,
 * with the registry's releases and offline from the advisories' fixed versions.
 */
import { describe, expect, it } from 'vitest';
import { affectedByFindings, affectedByRecords } from '../../../src/remediation/plan/affected.js';
import { chooseTarget, preferredCandidate, type TargetRequest } from '../../../src/remediation/plan/target.js';
import type { ReleaseInfo } from '../../../src/registry/types.js';
import { DAY, NOW, daysAgo, finding, osv, releaseOf, releases, type ReleaseSpec } from './helpers.js';

const A = osv('PYSEC-2026-1', 'demo', [{ introduced: '0' }, { fixed: '1.2' }]);

function request(fields: Partial<TargetRequest> & { releases: ReleaseInfo[] | null }): TargetRequest {
  const findings = fields.findings ?? [finding({ id: 'PYSEC-2026-1', package: 'demo', version: '1.0', fixedIn: ['1.2'] })];
  return {
    package: 'demo',
    current: '1.0',
    specifier: '==1.0',
    findings,
    isAffected: affectedByRecords('demo', [A], new Set()),
    requiresPython: null,
    minimumReleaseAgeMs: null,
    allowBreaking: true,
    now: NOW,
    ...fields,
  };
}

function specs(...list: ReleaseSpec[]): ReleaseInfo[] {
  return list.map((spec) => releaseOf('demo', spec));
}

function targetOf(req: TargetRequest): string {
  const result = chooseTarget(req);
  if (!result.ok) throw new Error(`no target: ${result.reason}`);
  return result.target.version;
}

function reasonOf(req: TargetRequest): string {
  const result = chooseTarget(req);
  if (result.ok) throw new Error(`unexpected target ${result.target.version}`);
  return result.reason;
}

describe('chooseTarget with the registry', () => {
  it('picks the lowest release that fixes the advisory, from the registry, not downgrading', () => {
    const result = chooseTarget(request({ releases: releases('0.9', '1.0', '1.1', '1.2', '1.3') }));
    expect(result).toMatchObject({ ok: true, basis: 'registry', target: { version: '1.2', inRange: false, breakingReasons: [] } });
    expect(result.ok && result.candidates.map((c) => c.version)).toEqual(['1.2', '1.3']);
  });

  it('skips a yanked release', () => {
    expect(targetOf(request({ releases: specs({ version: '1.0' }, { version: '1.2', yanked: true }, { version: '1.2.1' }) }))).toBe('1.2.1');
  });

  it('skips a release younger than minimumReleaseAge, judged by its upload time against now', () => {
    const list = specs({ version: '1.2', uploaded: daysAgo(1) }, { version: '1.2.1', uploaded: daysAgo(10) });
    expect(targetOf(request({ releases: list, minimumReleaseAgeMs: 3 * DAY }))).toBe('1.2.1');
    // Exactly the minimum age is old enough.
    const exact = specs({ version: '1.2', uploaded: daysAgo(3) });
    expect(targetOf(request({ releases: exact, minimumReleaseAgeMs: 3 * DAY }))).toBe('1.2');
    // Without a minimum, the youngest fix is fine.
    expect(targetOf(request({ releases: list }))).toBe('1.2');
  });

  it("skips a release whose requires_python does not allow the project's lowest Python", () => {
    const list = specs({ version: '1.2', requiresPython: '>=3.12' }, { version: '1.3', requiresPython: '>=3.8' });
    expect(targetOf(request({ releases: list, requiresPython: '>=3.9' }))).toBe('1.3');
  });

  it("ignores the upper bound of a package's requires_python (the lowest Python decides, as uv does)", () => {
    const list = specs({ version: '1.2', requiresPython: '>=3.8,<3.11' });
    expect(targetOf(request({ releases: list, requiresPython: '>=3.9' }))).toBe('1.2');
  });

  it('judges requires_python with micro versions: >=3.8.1 excludes a fix that needs >=3.8.2', () => {
    const list = specs({ version: '1.2', requiresPython: '>=3.8.2' });
    expect(reasonOf(request({ releases: list, requiresPython: '>=3.8.1,<4' }))).toBe('fixed versions require Python >=3.8.2; the project supports 3.8.1');
  });

  it('prefers the lowest fix inside the declared range over a lower one outside it', () => {
    const record = osv('PYSEC-2026-2', 'demo', [{ introduced: '0' }, { fixed: '1.2.5' }]);
    const result = chooseTarget(
      request({
        releases: releases('1.2.5', '1.3.0', '1.4.0'),
        specifier: '>=1.0,!=1.2.*',
        isAffected: affectedByRecords('demo', [record], new Set()),
        findings: [finding({ id: 'PYSEC-2026-2', package: 'demo', version: '1.0', fixedIn: ['1.2.5'] })],
      }),
    );
    expect(result).toMatchObject({ ok: true, target: { version: '1.3.0', inRange: true } });
  });

  it('takes the smallest fix outside the range when none is inside', () => {
    const result = chooseTarget(request({ releases: releases('1.2', '1.3'), specifier: '>=1.0,<1.2' }));
    expect(result).toMatchObject({ ok: true, target: { version: '1.2', inRange: false } });
  });

  it('marks a new major version as breaking, with the reason', () => {
    const record = osv('PYSEC-2026-3', 'demo', [{ introduced: '0' }, { fixed: '2.0.1' }]);
    const req = request({
      current: '1.4',
      releases: releases('1.4', '1.5', '2.0.0', '2.0.1'),
      isAffected: affectedByRecords('demo', [record], new Set()),
      findings: [finding({ id: 'PYSEC-2026-3', package: 'demo', version: '1.4', fixedIn: ['2.0.1'] })],
    });
    expect(chooseTarget(req)).toMatchObject({ ok: true, target: { version: '2.0.1', breakingReasons: ['major version 1 → 2'] } });
    expect(reasonOf({ ...req, allowBreaking: false })).toBe(
      'needs a major upgrade: 2.0.1 is the lowest fix (major version 1 → 2) and remediation.allowBreaking is false',
    );
  });

  it('keeps a non-breaking fix when breaking upgrades are not allowed and one exists', () => {
    const record = osv('PYSEC-2026-4', 'demo', [{ introduced: '0' }, { fixed: '1.4.2' }]);
    const req = request({
      current: '1.4',
      releases: releases('1.4.2', '2.0.0'),
      isAffected: affectedByRecords('demo', [record], new Set()),
      allowBreaking: false,
    });
    expect(chooseTarget(req)).toMatchObject({ ok: true, target: { version: '1.4.2' } });
    expect(chooseTarget(req).ok && (chooseTarget(req) as { candidates: unknown[] }).candidates).toHaveLength(1);
  });

  it('fixes several advisories at once: the lowest version none of them hits', () => {
    const b = osv('GHSA-aaaa-bbbb-cccc', 'demo', [{ introduced: '0' }, { fixed: '1.3' }]);
    const findings = [
      finding({ id: 'PYSEC-2026-1', package: 'demo', version: '1.0', fixedIn: ['1.2'] }),
      finding({ id: 'GHSA-aaaa-bbbb-cccc', package: 'demo', version: '1.0', fixedIn: ['1.3'] }),
    ];
    const req = request({ releases: releases('1.2', '1.3', '1.4'), findings, isAffected: affectedByRecords('demo', [A, b], new Set()) });
    expect(targetOf(req)).toBe('1.3');
  });

  it('refuses a version hit by an advisory that does not touch the version in use (a regression)', () => {
    const regression = osv('PYSEC-2026-9', 'demo', [{ introduced: '1.2' }, { fixed: '1.2.2' }]);
    const req = request({ releases: releases('1.2', '1.2.1', '1.2.2'), isAffected: affectedByRecords('demo', [A, regression], new Set()) });
    expect(targetOf(req)).toBe('1.2.2');
  });

  it('lets suppressed advisories pass: an ignored id never blocks a candidate', () => {
    const regression = osv('PYSEC-2026-9', 'demo', [{ introduced: '1.2' }, { fixed: '1.2.2' }], { aliases: ['CVE-2026-0009'] });
    const req = request({ releases: releases('1.2', '1.2.2'), isAffected: affectedByRecords('demo', [A, regression], new Set(['CVE-2026-0009'])) });
    expect(targetOf(req)).toBe('1.2');
  });

  it('skips pre-releases unless the version in use is one', () => {
    expect(targetOf(request({ releases: releases('1.2rc1', '1.2.dev3', '1.2') }))).toBe('1.2');
    const pre = request({ current: '1.2b1', releases: releases('1.2b1', '1.2rc1', '1.2') });
    expect(targetOf(pre)).toBe('1.2');
    const preOnly = osv('PYSEC-2026-5', 'demo', [{ introduced: '0' }, { fixed: '1.2rc1' }]);
    expect(targetOf({ ...pre, isAffected: affectedByRecords('demo', [preOnly], new Set()) })).toBe('1.2rc1');
  });

  it('skips releases without files (nothing to install) and duplicate spellings of one version', () => {
    const list = specs({ version: '1.2', noFiles: true }, { version: '1.2.0' }, { version: '1.2.0.0' }, { version: '1.3' });
    const result = chooseTarget(request({ releases: list }));
    expect(result.ok && result.candidates.map((c) => c.version)).toEqual(['1.2.0', '1.3']);
  });
});

describe('chooseTarget: why nothing can be proposed', () => {
  it('no fixed version published', () => {
    const open = osv('PYSEC-2026-6', 'demo', [{ introduced: '0' }]);
    const findings = [finding({ id: 'PYSEC-2026-6', package: 'demo', version: '1.0' })];
    expect(reasonOf(request({ releases: releases('1.0', '1.1'), findings, isAffected: affectedByRecords('demo', [open], new Set()) }))).toBe(
      'no fixed version published',
    );
    expect(reasonOf(request({ releases: null, findings, isAffected: affectedByFindings(findings, '1.0') }))).toBe('no fixed version published');
  });

  it('says when the advisories name a fix the index does not offer', () => {
    const findings = [finding({ id: 'PYSEC-2026-1', package: 'demo', version: '1.0', fixedIn: ['1.2', '0.9'] })];
    expect(reasonOf(request({ releases: releases('1.0', '1.1'), findings }))).toBe(
      'no fixed version published: the advisories name 1.2, which the index does not offer',
    );
  });

  it('names the advisories without a fix when others have one', () => {
    const open = osv('PYSEC-2026-6', 'demo', [{ introduced: '0' }]);
    const findings = [
      finding({ id: 'PYSEC-2026-1', package: 'demo', version: '1.0', fixedIn: ['1.2'] }),
      finding({ id: 'PYSEC-2026-6', package: 'demo', version: '1.0' }),
    ];
    expect(reasonOf(request({ releases: releases('1.2'), findings, isAffected: affectedByRecords('demo', [A, open], new Set()) }))).toBe(
      'no fixed version published for PYSEC-2026-6',
    );
  });

  it('says when every fix is hit by another advisory', () => {
    const b = osv('PYSEC-2026-7', 'demo', [{ introduced: '1.2' }]);
    const findings = [finding({ id: 'PYSEC-2026-1', package: 'demo', version: '1.0', fixedIn: ['1.2'] })];
    expect(reasonOf(request({ releases: releases('1.1', '1.2', '1.3'), findings, isAffected: affectedByRecords('demo', [A, b], new Set()) }))).toBe(
      'no single version fixes every advisory: every release after 1.0 is still hit by PYSEC-2026-1, PYSEC-2026-7',
    );
  });

  it('every fixed version is yanked', () => {
    expect(reasonOf(request({ releases: specs({ version: '1.2', yanked: true }, { version: '1.3', yanked: true }) }))).toBe(
      'every fixed version is yanked (1.2, 1.3)',
    );
  });

  it('every fixed version is younger than minimumReleaseAge, and when the first becomes eligible', () => {
    const list = specs({ version: '1.2', uploaded: '2026-11-28T08:00:00Z' });
    expect(reasonOf(request({ releases: list, minimumReleaseAgeMs: 3 * DAY }))).toBe(
      'every fixed version is younger than minimumReleaseAge (3 days); 1.2 can be proposed from 2026-12-01',
    );
  });

  it('an unknown upload time cannot prove a minimum age', () => {
    expect(reasonOf(request({ releases: specs({ version: '1.2', uploaded: null }), minimumReleaseAgeMs: DAY }))).toBe(
      'no fixed version has a known upload time, so none is known to be older than minimumReleaseAge (1 day)',
    );
    expect(targetOf(request({ releases: specs({ version: '1.2', uploaded: null }) }))).toBe('1.2');
  });

  it('fixed versions require a newer Python than the project supports', () => {
    const list = specs({ version: '1.2', requiresPython: '>=3.12' }, { version: '1.3', requiresPython: '>=3.12' });
    expect(reasonOf(request({ releases: list, requiresPython: '>=3.9' }))).toBe('fixed versions require Python >=3.12; the project supports 3.9');
  });

  it('lists each kind of refusal when they differ', () => {
    const list = specs(
      { version: '1.2', yanked: true },
      { version: '1.3', requiresPython: '>=3.12' },
      { version: '1.4', uploaded: '2026-11-28T00:00:00Z' },
    );
    expect(reasonOf(request({ releases: list, requiresPython: '>=3.9', minimumReleaseAgeMs: 3 * DAY }))).toBe(
      'no fixed version can be proposed: 1.2 is yanked; 1.3 requires Python >=3.12 (the project supports 3.9); ' +
        '1.4 is younger than minimumReleaseAge (3 days) until 2026-12-01',
    );
  });

  it('a version in use that is not PEP 440 cannot be ordered', () => {
    expect(reasonOf(request({ current: 'latest-build', releases: releases('1.2') }))).toBe(
      'the version in use (latest-build) is not a PEP 440 version, so no upgrade can be ordered',
    );
  });
});

describe('chooseTarget offline (the advisories\' own fixed versions)', () => {
  it("takes the lowest fixed version no other advisory hits, as pip-audit does, from the findings' fixedIn", () => {
    const findings = [
      finding({ id: 'PYSEC-2026-10', package: 'demo', version: '1.2.0', fixedIn: ['1.2.5', '2.0.1'] }),
      finding({ id: 'PYSEC-2026-11', package: 'demo', version: '1.2.0', fixedIn: ['1.2.7'] }),
    ];
    const result = chooseTarget(request({ current: '1.2.0', specifier: '==1.2.0', releases: null, findings, isAffected: affectedByFindings(findings, '1.2.0') }));
    expect(result).toMatchObject({ ok: true, basis: 'advisories', target: { version: '1.2.7', breakingReasons: [] } });
    expect(result.ok && result.candidates.map((c) => c.version)).toEqual(['1.2.7', '2.0.1']);
  });

  it('with OSV records, the same choice is exact: 1.2.5 is still hit by the second advisory', () => {
    const r1 = osv('PYSEC-2026-10', 'demo', [{ introduced: '0' }, { fixed: '1.2.5' }, { introduced: '2.0.0' }, { fixed: '2.0.1' }]);
    const r2 = osv('PYSEC-2026-11', 'demo', [{ introduced: '1.2.0' }, { fixed: '1.2.7' }]);
    const findings = [
      finding({ id: 'PYSEC-2026-10', package: 'demo', version: '1.2.0', fixedIn: ['1.2.5', '2.0.1'] }),
      finding({ id: 'PYSEC-2026-11', package: 'demo', version: '1.2.0', fixedIn: ['1.2.7'] }),
    ];
    const req = request({ current: '1.2.0', releases: null, findings, isAffected: affectedByRecords('demo', [r1, r2], new Set()), advisedFixes: [] });
    expect(targetOf(req)).toBe('1.2.7');
  });

  it('no yanked, age or Python check is possible offline: the fixed version is taken as is', () => {
    const findings = [finding({ id: 'PYSEC-2026-1', package: 'demo', version: '1.0', fixedIn: ['1.2'] })];
    const req = request({ releases: null, findings, isAffected: affectedByFindings(findings, '1.0'), requiresPython: '>=3.9', minimumReleaseAgeMs: 3 * DAY });
    expect(targetOf(req)).toBe('1.2');
  });

  it('says when the named fixes do not fix everything together', () => {
    const r1 = osv('PYSEC-2026-12', 'demo', [{ introduced: '0' }, { fixed: '1.3' }]);
    const r2 = osv('PYSEC-2026-13', 'demo', [{ introduced: '1.3' }]);
    const findings = [finding({ id: 'PYSEC-2026-12', package: 'demo', version: '1.0', fixedIn: ['1.3'] })];
    expect(reasonOf(request({ releases: null, findings, isAffected: affectedByRecords('demo', [r1, r2], new Set()) }))).toBe(
      'no single version fixes every advisory: every version the advisories name as fixed after 1.0 is still hit by PYSEC-2026-13',
    );
  });
});

describe('preferredCandidate', () => {
  const candidates = [
    { version: '1.2', inRange: false, breakingReasons: [] },
    { version: '1.3', inRange: true, breakingReasons: [] },
    { version: '2.0', inRange: true, breakingReasons: ['major version 1 → 2'] },
  ];

  it('prefers in-range, then the lowest, among the allowed', () => {
    expect(preferredCandidate(candidates)?.version).toBe('1.3');
    expect(preferredCandidate(candidates, (v) => v !== '1.3')?.version).toBe('2.0');
    expect(preferredCandidate(candidates, (v) => v === '1.2')?.version).toBe('1.2');
    expect(preferredCandidate(candidates, () => false)).toBeNull();
  });
});
