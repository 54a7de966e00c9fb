/**
 * Hostile and unusual input: garbage versions and specifiers from the index or the advisories, binary
 * bytes, huge release lists and inventories, very long names. The planner must neither throw nor hang,
 * and must still plan what it can.
 */
import { describe, expect, it } from 'vitest';
import type { OsvRecord } from '../../../src/advisories/types.js';
import type { Dependency } from '../../../src/manifests/inventory.js';
import { planRemediation } from '../../../src/remediation/plan/plan.js';
import type { ReleaseInfo } from '../../../src/registry/types.js';
import type { SuppressedFinding } from '../../../src/advisories/suppress.js';
import { FakeRegistry, config, dependency, finding, osv, planInput, releaseOf, type ReleaseSpec } from './helpers.js';

const GARBAGE = ['', 'latest', '1.0\u0000\u0001\u00ff', 'v'.repeat(100_000), `1.${'9'.repeat(40)}`, '∞', '1..2', '-1', '1.0+/../../etc'];

describe('garbage from the index and the advisories', () => {
  it('skips unreadable release versions, requires_python and upload times, and still finds the fix', async () => {
    const specs: ReleaseSpec[] = [
      ...GARBAGE.map((version) => ({ version })),
      { version: '1.1', requiresPython: '>=3.\u0000' },
      { version: '1.2', uploaded: 'yesterday-ish' },
      { version: '1.3', requiresPython: 'x'.repeat(50_000) },
    ];
    const registry = new FakeRegistry({ demo: specs });
    const records: OsvRecord[] = [
      osv('PYSEC-2099-50', 'demo', [{ introduced: '0' }, { fixed: '1.1' }]),
      { id: 'GARBAGE-1', modified: 'x', affected: [{ package: { ecosystem: 'PyPI', name: 'demo' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '\u0000' }, { fixed: '🙂' }, { limit: '*' }] }] }] },
    ];
    const plan = await planRemediation(
      planInput({
        vulnerabilities: [finding({ id: 'PYSEC-2099-50', package: 'demo', version: '1.0', fixedIn: ['1.1', ...GARBAGE] })],
        dependencies: [dependency({ name: 'demo', version: '1.0' })],
        projects: undefined,
        registry,
        advisories: new Map([['demo', records]]),
        minimumReleaseAgeMs: 1,
      }),
    );
    // 1.1's requires_python is unreadable (ignored, as pip does); 1.2's upload time is unknown; 1.3 fine.
    expect(plan.groups[0]?.updates[0]).toMatchObject({ package: 'demo', from: '1.0', to: '1.1' });
  });

  it('a version in use made of binary bytes is unfixable with a reason, not a crash', async () => {
    const version = '\u0000\u0001PK\u0003\u0004\u00ff\u00fe';
    const plan = await planRemediation(
      planInput({
        vulnerabilities: [finding({ id: 'PYSEC-2099-51', package: 'demo', version, fixedIn: ['1.1'] })],
        dependencies: [dependency({ name: 'demo', version })],
        registry: new FakeRegistry({ demo: [{ version: '1.1' }] }),
      }),
    );
    expect(plan.groups).toEqual([]);
    expect(plan.unfixable[0]?.reason).toBe(`the version in use (${version}) is not a PEP 440 version, so no upgrade can be ordered`);
  });

  it('garbage Requires-Dist lines and dependents never throw; a lift is still found', async () => {
    const junk = ['', ';;;', 'urllib3 (<<1', '\u0000'.repeat(1000), 'urllib3[' + 'a,'.repeat(5000), ...GARBAGE];
    const registry = new FakeRegistry({
      urllib3: [{ version: '1.26.4' }, { version: '2.0.7' }],
      requests: [
        // An unreadable marker counts as holding (nothing is hidden): it caps 2.28.2 like the plain line.
        { version: '2.28.2', requiresDist: [...junk, 'urllib3<1.27; extra ==', 'urllib3<1.27'] },
        { version: '2.30.0', requiresDist: [...junk, 'urllib3<3'] },
      ],
    });
    const plan = await planRemediation(
      planInput({
        vulnerabilities: [finding({ id: 'PYSEC-2099-52', package: 'urllib3', version: '1.26.4', fixedIn: ['2.0.7'] })],
        dependencies: [
          dependency({ name: 'urllib3', version: '1.26.4', direct: false, dependents: ['requests', 'ghost', '\u0000'] }),
          dependency({ name: 'requests', version: '2.28.2' }),
        ],
        registry,
      }),
    );
    expect(plan.groups[0]?.updates.map((u) => [u.package, u.to, u.liftsCapOf])).toEqual([
      ['urllib3', '2.0.7', undefined],
      ['requests', '2.30.0', 'urllib3'],
    ]);
  });
});

describe('size', () => {
  it('a package with 100,000 releases is planned quickly', async () => {
    const list: ReleaseInfo[] = [];
    for (let i = 0; i < 100_000; i++) list.push(releaseOf('big', { version: `1.${Math.floor(i / 100)}.${i % 100}` }));
    const registry = {
      baseUrl: 'https://pypi.test',
      project: async () => ({ name: 'big', latest: { name: 'big', version: '1', summary: null, licenseExpression: null, license: null, classifiers: [], requiresPython: null, requiresDist: [], projectUrls: {} }, releases: list, status: null }),
      release: async () => null,
    };
    const started = performance.now();
    const plan = await planRemediation(
      planInput({
        vulnerabilities: [finding({ id: 'PYSEC-2099-53', package: 'big', version: '1.0.0', fixedIn: ['1.999.99'] })],
        dependencies: [dependency({ name: 'big', version: '1.0.0' })],
        registry,
        advisories: new Map([['big', [osv('PYSEC-2099-53', 'big', [{ introduced: '0' }, { fixed: '1.999.99' }])]]]),
      }),
    );
    expect(plan.groups[0]?.updates[0]?.to).toBe('1.999.99');
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('2,000 vulnerable packages in 50 projects, offline and online, in bounded time and ranked totally', async () => {
    const vulnerabilities: SuppressedFinding[] = [];
    const dependencies: Dependency[] = [];
    const packages: Record<string, ReleaseSpec[]> = {};
    const projects = Array.from({ length: 50 }, (_, p) => ({
      root: `services/s${p}`,
      packageManagers: ['pip' as const],
      manifests: [`services/s${p}/requirements.txt`],
      lockFiles: [],
      requiresPython: '>=3.9',
      application: true,
      virtualEnvs: [],
      notes: [],
    }));
    for (let i = 0; i < 2000; i++) {
      const name = `pkg-${i}`;
      const severity = (['critical', 'high', 'medium', 'low', 'unknown'] as const)[i % 5] ?? 'unknown';
      vulnerabilities.push(finding({ id: `PYSEC-2099-${1000 + i}`, package: name, version: '1.0', fixedIn: ['1.5'], severity, score: (i % 100) / 10 }));
      dependencies.push(dependency({ name, version: '1.0', manifests: [`services/s${i % 50}/requirements.txt`] }));
      packages[name] = Array.from({ length: 30 }, (_, r) => ({ version: `1.${r}` }));
    }
    const manifests = projects.map((p) => ({ path: p.manifests[0] ?? '', kind: 'requirements' as const, errors: [], requirementCount: 40 }));
    const started = performance.now();
    for (const registry of [null, new FakeRegistry(packages)]) {
      const plan = await planRemediation(planInput({ vulnerabilities, dependencies, projects, manifests, registry, config: config({ strategy: 'per-package' }) }));
      expect(plan.unfixable).toEqual([]);
      expect(plan.groups).toHaveLength(2000);
      expect(plan.groups.map((g) => g.rank)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
      expect(plan.groups.filter((g) => !g.deferred)).toHaveLength(5);
      expect(new Set(plan.groups.map((g) => g.id)).size).toBe(2000);
      expect(plan.groups[0]?.severity).toBe('critical');
    }
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe('unusual but valid', () => {
  it('a very long package name keeps ids and titles readable', async () => {
    const name = `a${'-b'.repeat(2000)}`;
    const plan = await planRemediation(
      planInput({
        vulnerabilities: [finding({ id: 'PYSEC-2099-54', package: name, version: '1.0', fixedIn: ['2.0'] })],
        dependencies: [dependency({ name, version: '1.0' })],
      }),
    );
    // Ids become branch names: cut at 100 characters. Titles stay within GitHub's 256.
    expect(plan.groups[0]?.id).toBe(name.slice(0, 99));
    expect(plan.groups[0]?.title).toHaveLength(256);
    expect(plan.groups[0]?.title.startsWith('Fix 1 high vulnerability in a-b-b')).toBe(true);
    expect(plan.groups[0]?.title.endsWith('-b…')).toBe(true);
  });

  it('epochs, post-releases and local versions order as PEP 440 says', async () => {
    const registry = new FakeRegistry({ demo: [{ version: '1.0' }, { version: '1.0.post1' }, { version: '1!0.1' }] });
    const plan = await planRemediation(
      planInput({
        vulnerabilities: [finding({ id: 'PYSEC-2099-55', package: 'demo', version: '1.0+ubuntu1', fixedIn: ['1.0.post1'] })],
        dependencies: [dependency({ name: 'demo', version: '1.0+ubuntu1' })],
        registry,
        advisories: new Map([['demo', [osv('PYSEC-2099-55', 'demo', [{ introduced: '0' }, { fixed: '1.0.post1' }])]]]),
      }),
    );
    expect(plan.groups[0]?.updates[0]).toMatchObject({ from: '1.0+ubuntu1', to: '1.0.post1', breaking: false });
  });

  it('a report without projects plans against the repository root', async () => {
    const plan = await planRemediation(
      planInput({
        vulnerabilities: [finding({ id: 'PYSEC-2099-56', package: 'demo', version: '1.0', fixedIn: ['1.1'] })],
        dependencies: [dependency({ name: 'demo', version: '1.0' })],
        projects: [],
      }),
    );
    expect(plan.groups.map((g) => [g.id, g.project])).toEqual([['security-root', '.']]);
  });
});
