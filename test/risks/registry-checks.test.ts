import { describe, expect, it } from 'vitest';
import { deprecatedCheck } from '../../src/risks/checks/deprecated.js';
import { sdistOnlyCheck } from '../../src/risks/checks/sdist-only.js';
import { tooNewCheck } from '../../src/risks/checks/too-new.js';
import { unmaintainedCheck } from '../../src/risks/checks/unmaintained.js';
import { yankedCheck } from '../../src/risks/checks/yanked.js';
import { config, contextOf, fixtureTree, projectInfo, riskInputOf, simplePage, snapshotOf } from './helpers.js';
import { PAGES, PROJECTS } from './registry-data.js';

async function pinnedApplication() {
  return riskInputOf(fixtureTree('pinned-application'));
}

const LINE = (line: number) => [{ path: 'requirements.txt', startLine: line, endLine: line }];

describe('unmaintained', () => {
  it('reports a project whose newest upload is older than unmaintainedYears', async () => {
    const findings = await unmaintainedCheck.run(contextOf(await pinnedApplication(), { registry: snapshotOf(PROJECTS) }));
    expect(findings).toEqual([
      {
        kind: 'unmaintained',
        severity: 'low',
        package: 'oldlib',
        version: '0.9.1',
        locations: LINE(2),
        message: expect.stringMatching(/^oldlib has not published a release since 2019-01-01 \(over 6 years; the limit is 2\)/) as unknown as string,
      },
    ]);
  });

  it('follows the configured limit', async () => {
    const input = await pinnedApplication();
    const strict = await unmaintainedCheck.run(contextOf(input, { registry: snapshotOf(PROJECTS), config: config({ unmaintainedYears: 0.4 }) }));
    expect(strict.map((f) => f.package).sort()).toEqual(['oldlib', 'requests', 'retired']);
    const lenient = await unmaintainedCheck.run(contextOf(input, { registry: snapshotOf(PROJECTS), config: config({ unmaintainedYears: 7 }) }));
    expect(lenient).toEqual([]);
  });

  it('says nothing offline or about projects it could not read', async () => {
    const input = await pinnedApplication();
    expect(await unmaintainedCheck.run(contextOf(input))).toEqual([]);
    expect(await unmaintainedCheck.run(contextOf(input, { registry: snapshotOf({}) }))).toEqual([]);
  });
});

describe('yanked', () => {
  it('reports the yanked version in use with its reason; a security reason is high', async () => {
    const findings = await yankedCheck.run(contextOf(await pinnedApplication(), { registry: snapshotOf(PROJECTS) }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'yanked', severity: 'high', package: 'requests', version: '2.32.0', locations: LINE(1) });
    expect(findings[0]?.message).toBe(
      'requests 2.32.0 was yanked by its maintainers (reason: "Yanked due to conflicts with CVE-2024-35195 mitigation"): ' +
        'a yanked release is one they ask people not to use, and an exact pin keeps installing it. Move to 2.32.3 or another ' +
        'release that is not yanked.',
    );
  });

  it('is medium without a security reason, and matches PEP 440-equal versions', async () => {
    const input = await riskInputOf({ 'requirements.txt': 'pkg==1.0\n' });
    const project = projectInfo('pkg', [{ version: '1.0.0', yanked: true, yankedReason: 'broken wheel' }, { version: '1.1.0' }]);
    const findings = await yankedCheck.run(contextOf(input, { registry: snapshotOf({ pkg: project }) }));
    expect(findings.map((f) => [f.severity, f.version])).toEqual([['medium', '1.0']]);
  });

  it('leaves unyanked and range-only versions alone', async () => {
    const input = await riskInputOf({ 'requirements.txt': 'requests==2.32.3\nflask>=2\n' });
    const flask = projectInfo('flask', [{ version: '2.0.0', yanked: true }]);
    expect(await yankedCheck.run(contextOf(input, { registry: snapshotOf({ ...PROJECTS, flask }) }))).toEqual([]);
  });
});

describe('sdist-only', () => {
  it('reports a pinned version that has no wheel', async () => {
    const findings = await sdistOnlyCheck.run(contextOf(await pinnedApplication(), { registry: snapshotOf(PROJECTS) }));
    expect(findings.map((f) => [f.package, f.version, f.severity, f.locations])).toEqual([['buildme', '1.4.0', 'low', LINE(3)]]);
    expect(findings[0]?.message).toContain("installing it runs the package's build code");
  });

  it('leaves releases with wheels, and releases without files, alone', async () => {
    const input = await riskInputOf({ 'requirements.txt': 'buildme==1.3.0\nempty==1.0\n' });
    const empty = projectInfo('empty', [{ version: '1.0', files: [] }]);
    expect(await sdistOnlyCheck.run(contextOf(input, { registry: snapshotOf({ ...PROJECTS, empty }) }))).toEqual([]);
  });
});

describe('too-new', () => {
  const threeDays = 3 * 24 * 3_600_000;

  it('reports a version younger than minimumReleaseAge, by its first upload', async () => {
    const findings = await tooNewCheck.run(contextOf(await pinnedApplication(), { registry: snapshotOf(PROJECTS), minimumReleaseAgeMs: threeDays }));
    expect(findings.map((f) => [f.package, f.version, f.severity, f.locations])).toEqual([['freshpkg', '3.0.0', 'medium', LINE(4)]]);
    expect(findings[0]?.message).toMatch(/^freshpkg 3\.0\.0 was published 36 hours ago \(2025-05-30T12:00:00Z\), less than the minimum release age of 3 days\./);
  });

  it('does nothing without a minimum release age, and passes old enough versions', async () => {
    const input = await pinnedApplication();
    expect(await tooNewCheck.run(contextOf(input, { registry: snapshotOf(PROJECTS) }))).toEqual([]);
    expect(await tooNewCheck.run(contextOf(input, { registry: snapshotOf(PROJECTS), minimumReleaseAgeMs: 3_600_000 }))).toEqual([]);
  });
});

describe('deprecated', () => {
  it('reports PEP 792 statuses and the Inactive classifier, quarantined as critical', async () => {
    const findings = await deprecatedCheck.run(contextOf(await pinnedApplication(), { registry: snapshotOf(PROJECTS, PAGES) }));
    expect(findings.map((f) => [f.package, f.severity])).toEqual([
      ['quarantined-pkg', 'critical'],
      ['retired', 'low'],
    ]);
    expect(findings[0]?.message).toBe(
      'quarantined-pkg 1.0.0 is quarantined by the index (PEP 792): the index considers it unsafe to use, for example because ' +
        'it held malware, and no longer serves its files (reason given: "Malware: exfiltrates environment variables"). Remove ' +
        'it now, and check the machines that installed it.',
    );
    expect(findings[1]?.message).toContain('"Development Status :: 7 - Inactive"');
  });

  it('reports archived and deprecated projects as medium, and active ones not at all', async () => {
    const input = await riskInputOf({ 'requirements.txt': 'pepy==1.2.0\nold-api\nfine==1.0\n' });
    const pages = {
      pepy: simplePage('pepy', [{ version: '1.2.0' }], { status: 'archived', reason: 'superseded by pepy-tech' }),
      'old-api': simplePage('old-api', [{ version: '1.0' }], { status: 'deprecated', reason: null }),
      fine: simplePage('fine', [{ version: '1.0' }]),
    };
    const findings = await deprecatedCheck.run(contextOf(input, { registry: snapshotOf({}, pages) }));
    expect(findings.map((f) => [f.package, f.severity])).toEqual([
      ['old-api', 'medium'],
      ['pepy', 'medium'],
    ]);
    expect(findings[0]?.message).toMatch(/^old-api is marked deprecated on the index \(PEP 792\)/);
    expect(findings[1]?.message).toContain('(reason given: "superseded by pepy-tech")');
  });
});
