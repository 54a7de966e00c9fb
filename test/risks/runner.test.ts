import { describe, expect, it } from 'vitest';
import type { RiskFinding } from '../../src/report/types.js';
import { RISK_CHECKS } from '../../src/risks/checks/index.js';
import { RISK_KINDS } from '../../src/risks/config.js';
import { runRiskChecks, SKIPPED_KIND } from '../../src/risks/runner.js';
import type { RiskCheck } from '../../src/risks/types.js';
import { config, FakeRegistry, fixtureTree, riskInputOf } from './helpers.js';
import { PAGES, PROJECTS } from './registry-data.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const REGISTRY_KINDS = ['dependency-confusion', 'deprecated', 'yanked', 'provenance-lost', 'too-new', 'unmaintained', 'sdist-only'];

function kinds(risks: RiskFinding[]): string[] {
  return [...new Set(risks.map((r) => r.kind))].sort();
}

describe('runRiskChecks', () => {
  it('has one check per kind, each with a title', () => {
    expect(RISK_CHECKS.map((c) => c.id).sort()).toEqual([...RISK_KINDS].sort());
    for (const check of RISK_CHECKS) expect(check.title.length).toBeGreaterThan(5);
  });

  it('runs every check against the registry and sorts findings by severity', async () => {
    const input = await riskInputOf(fixtureTree('pinned-application'));
    const registry = new FakeRegistry(PROJECTS, PAGES);
    const result = await runRiskChecks(input, { registry, now: NOW, minimumReleaseAgeMs: 3 * 86_400_000 });
    expect(result.errors).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.risks.map((r) => [r.severity, r.kind, r.package])).toEqual([
      ['critical', 'deprecated', 'quarantined-pkg'],
      ['high', 'yanked', 'requests'],
      ['medium', 'provenance-lost', 'attrs'],
      ['medium', 'too-new', 'freshpkg'],
      ['low', 'deprecated', 'retired'],
      ['low', 'unhashed', undefined],
      ['low', 'unmaintained', 'oldlib'],
      ['low', 'sdist-only', 'buildme'],
    ]);
  });

  it('asks for each project once, even when several checks need it, and Simple pages only for checks that need them', async () => {
    const input = await riskInputOf(fixtureTree('pinned-application'));
    const registry = new FakeRegistry(PROJECTS, PAGES);
    await runRiskChecks(input, { registry, now: NOW });
    const projectCalls = registry.calls.filter((c) => c.startsWith('project:'));
    expect(projectCalls.length).toBe(new Set(projectCalls).size);
    expect(projectCalls).toHaveLength(8);
    expect(registry.calls.filter((c) => c.startsWith('simple:'))).toHaveLength(8);

    const noSimple = new FakeRegistry(PROJECTS, PAGES);
    await runRiskChecks(input, { registry: noSimple, now: NOW, config: config({ disabled: ['deprecated', 'provenance-lost'] }) });
    expect(noSimple.calls.filter((c) => c.startsWith('simple:'))).toEqual([]);

    const offlineChecksOnly = new FakeRegistry(PROJECTS, PAGES);
    await runRiskChecks(input, { registry: offlineChecksOnly, now: NOW, config: config({ disabled: [...REGISTRY_KINDS] as never }) });
    expect(offlineChecksOnly.calls).toEqual([]);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `pkg-${i}==1.0`).join('\n');
    const input = await riskInputOf({ 'requirements.txt': `${names}\n` });
    const registry = new FakeRegistry();
    await runRiskChecks(input, { registry, now: NOW, concurrency: 3 });
    expect(registry.calls).toHaveLength(80);
    expect(registry.maxInFlight).toBeLessThanOrEqual(3);
    expect(registry.maxInFlight).toBeGreaterThan(1);
  });

  it('offline: runs the checks that need no registry and says once which did not run', async () => {
    const input = await riskInputOf(fixtureTree('pinned-application'));
    const result = await runRiskChecks(input, { registry: null, now: NOW });
    expect(result.skipped.sort()).toEqual([...REGISTRY_KINDS].sort());
    const skipped = result.risks.filter((r) => r.kind === SKIPPED_KIND);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toEqual({
      kind: SKIPPED_KIND,
      severity: 'info',
      message: expect.stringMatching(/^These supply-chain checks did not run because the audit ran offline, so the package index was not asked: dependency-confusion, deprecated, yanked, provenance-lost, too-new, unmaintained, sdist-only\. Their risks are unknown, not absent\.$/) as unknown as string,
    });
    expect(kinds(result.risks)).toEqual([SKIPPED_KIND, 'unhashed']);
  });

  it('offline with every registry check disabled says nothing about skipping', async () => {
    const input = await riskInputOf(fixtureTree('unpinned-application'));
    const result = await runRiskChecks(input, { registry: null, now: NOW, config: config({ disabled: [...REGISTRY_KINDS] as never }) });
    expect(result.skipped).toEqual([]);
    expect(kinds(result.risks)).toEqual(['unpinned']);
  });

  it('skips only provenance-lost for an index without the Simple API, and says why', async () => {
    const input = await riskInputOf(fixtureTree('pinned-application'));
    const fake = new FakeRegistry(PROJECTS, PAGES);
    const jsonOnly = { baseUrl: fake.baseUrl, project: (name: string) => fake.project(name), release: () => fake.release() };
    const result = await runRiskChecks(input, { registry: jsonOnly, now: NOW });
    expect(result.skipped).toEqual(['provenance-lost']);
    expect(result.risks.find((r) => r.kind === SKIPPED_KIND)?.message).toContain("https://pypi.org does not serve the Simple API's JSON form");
    // deprecated still reads the classifiers from the JSON API.
    expect(result.risks.filter((r) => r.kind === 'deprecated').map((r) => r.package)).toEqual(['retired']);
  });

  it('records failed lookups once per endpoint, and still judges the packages that answered', async () => {
    const input = await riskInputOf(fixtureTree('pinned-application'));
    const registry = new FakeRegistry(PROJECTS, PAGES, new Set(['requests', 'oldlib']));
    const result = await runRiskChecks(input, { registry, now: NOW });
    expect(result.errors).toEqual([
      {
        message:
          'could not read project data (JSON API) of 2 packages from https://pypi.org: oldlib, requests; their registry-based ' +
          'risks are unknown (index unreachable for oldlib)',
      },
      {
        message:
          'could not read Simple API pages of 2 packages from https://pypi.org: oldlib, requests; their registry-based risks are ' +
          'unknown (index unreachable for oldlib)',
      },
    ]);
    expect(result.risks.map((r) => r.package)).not.toContain('requests');
    expect(result.risks.map((r) => r.package)).toContain('buildme');
  });

  it('isolates a check that throws', async () => {
    const input = await riskInputOf(fixtureTree('unpinned-application'));
    const broken: RiskCheck = {
      id: 'conflict',
      title: 'Always breaks',
      run() {
        throw new TypeError('boom');
      },
    };
    const brokenNames: RiskCheck = {
      id: 'yanked',
      title: 'Cannot list names',
      registry: { project: true, names: () => { throw new Error('no names'); } },
      run: () => [],
    };
    const unpinned = RISK_CHECKS.find((c) => c.id === 'unpinned');
    const result = await runRiskChecks(input, { registry: new FakeRegistry(), now: NOW, checks: [broken, brokenNames, unpinned as RiskCheck] });
    expect(result.errors).toEqual([
      { message: 'risk check "yanked" could not list its packages: no names' },
      { message: 'risk check "conflict" failed, its risks are unknown: boom' },
    ]);
    expect(kinds(result.risks)).toEqual(['unpinned']);
  });

  it('honours disabled kinds', async () => {
    const input = await riskInputOf(fixtureTree('unpinned-application'));
    const result = await runRiskChecks(input, { registry: null, now: NOW, config: config({ disabled: ['unpinned'] }) });
    expect(result.risks.filter((r) => r.kind === 'unpinned')).toEqual([]);
  });
});
