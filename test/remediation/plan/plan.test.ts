/**
 * planRemediation end to end: reports built by the audit's real front half over fixture trees (manifests,
 * inventory, projects, OSV matching), a fake registry, and the plan the report's `remediation` section
 * would hold.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OfflineDatabase } from '../../../src/advisories/offline-db.js';
import { planRemediation } from '../../../src/remediation/plan/plan.js';
import type { PlannedUpdate } from '../../../src/remediation/types.js';
import {
  DAY,
  FakeRegistry,
  auditFixture,
  config,
  daysAgo,
  dependency,
  finding,
  osv,
  planInput,
  projectSummary,
  type AuditedFixture,
  type ReleaseSpec,
} from './helpers.js';

const CAPPED = ['certifi>=2017.4.17', 'charset-normalizer<4,>=2', 'idna<4,>=2.5', 'urllib3<1.27,>=1.21.1'];
const LIFTED = ['certifi>=2017.4.17', 'charset-normalizer<4,>=2', 'idna<4,>=2.5', 'urllib3<3,>=1.21.1'];

function cappedRegistry(requests: ReleaseSpec[] = []): FakeRegistry {
  return new FakeRegistry({
    urllib3: [{ version: '1.26.4' }, { version: '1.26.18' }, { version: '2.0.6' }, { version: '2.0.7', requiresPython: '>=3.7' }, { version: '2.2.3' }],
    requests:
      requests.length > 0
        ? requests
        : [
            { version: '2.28.2', requiresDist: CAPPED },
            { version: '2.29.0', requiresDist: CAPPED },
            { version: '2.30.0', requiresDist: LIFTED },
            { version: '2.31.0', requiresDist: LIFTED },
          ],
  });
}

function fromFixture(audited: AuditedFixture, registry: FakeRegistry | null, section: Record<string, unknown> = {}) {
  return {
    report: audited.report,
    registry,
    config: config(section),
    minimumReleaseAgeMs: null,
    now: new Date('2026-11-29T12:00:00Z'),
    advisories: audited.advisories,
    parsedManifests: audited.manifests,
  };
}

describe('a transitive fix blocked by a cap (poetry-capped-urllib3)', () => {
  it('bumps requests, the package whose urllib3<1.27 blocks the fix, in the same pull request', async () => {
    const audited = await auditFixture('poetry-capped-urllib3');
    const registry = cappedRegistry();
    const plan = await planRemediation(fromFixture(audited, registry));
    expect(plan).toEqual({
      groups: [
        {
          id: 'urllib3-major',
          title: 'Fix 1 high vulnerability in urllib3 (breaking upgrade to 2.0.7)',
          rank: 1,
          severity: 'high',
          score: 7.5,
          project: '.',
          updates: [
            {
              package: 'urllib3',
              from: '1.26.4',
              to: '2.0.7',
              fixes: ['PYSEC-2099-11'],
              breaking: true,
              breakingReasons: ['major version 1 → 2'],
              manifests: ['poetry.lock'],
              transitive: true,
            },
            // requests = "^2.28" in pyproject.toml already allows 2.30.0: only the lock moves.
            { package: 'requests', from: '2.28.2', to: '2.30.0', fixes: [], breaking: false, manifests: ['poetry.lock'], liftsCapOf: 'urllib3' },
          ],
        },
      ],
      unfixable: [],
    });
    // One look at urllib3's releases; requests' metadata for the version in use, then 2.29.0 and 2.30.0.
    expect(registry.projectCalls.sort()).toEqual(['requests', 'urllib3']);
    expect(registry.releaseCalls).toEqual(['requests==2.28.2', 'requests==2.29.0', 'requests==2.30.0']);
  });

  it('lists the package as unfixable, with the cap, when no newer requests lifts it', async () => {
    const audited = await auditFixture('poetry-capped-urllib3');
    const registry = cappedRegistry([
      { version: '2.28.2', requiresDist: CAPPED },
      { version: '2.29.0', requiresDist: CAPPED },
    ]);
    const plan = await planRemediation(fromFixture(audited, registry));
    expect(plan).toEqual({
      groups: [],
      unfixable: [
        {
          package: 'urllib3',
          version: '1.26.4',
          ids: ['PYSEC-2099-11'],
          reason: 'urllib3 2.0.7 is blocked by requests 2.28.2, which requires urllib3<1.27,>=1.21.1, and no newer release of requests allows it',
          project: '.',
        },
      ],
    });
  });

  it('offline: the fixed version of the advisory, through the lock; caps cannot be read', async () => {
    const audited = await auditFixture('poetry-capped-urllib3');
    const plan = await planRemediation(fromFixture(audited, null));
    expect(plan.groups.map((g) => [g.id, g.updates.map((u) => [u.package, u.to, u.transitive, u.manifests])])).toEqual([
      ['urllib3-major', [['urllib3', '2.0.7', true, ['poetry.lock']]]],
    ]);
  });

  it('allowBreaking: false lists it as needing a major upgrade', async () => {
    const audited = await auditFixture('poetry-capped-urllib3');
    const plan = await planRemediation(fromFixture(audited, cappedRegistry(), { allowBreaking: false }));
    expect(plan.groups).toEqual([]);
    expect(plan.unfixable.map((u) => u.reason)).toEqual([
      'needs a major upgrade: 2.0.7 is the lowest fix (major version 1 → 2) and remediation.allowBreaking is false',
    ]);
  });

  it('merges the cap lift into the update of a dependent that is itself vulnerable: one version, one pull request', async () => {
    const audited = await auditFixture('poetry-capped-urllib3');
    const requestsAdvisory = osv('PYSEC-2099-12', 'requests', [{ introduced: '2.3.0' }, { fixed: '2.31.0' }]);
    audited.advisories.set('requests', [requestsAdvisory]);
    audited.report.vulnerabilities.push(
      finding({ id: 'PYSEC-2099-12', package: 'requests', version: '2.28.2', severity: 'medium', score: 5.6, fixedIn: ['2.31.0'] }),
    );
    const plan = await planRemediation(fromFixture(audited, cappedRegistry()));
    expect(plan.unfixable).toEqual([]);
    expect(plan.groups).toHaveLength(1);
    const [group] = plan.groups;
    expect(group?.id).toBe('urllib3-major');
    expect(group?.title).toBe('Fix 1 high and 1 medium vulnerability in urllib3, requests (breaking upgrade of urllib3 to 2.0.7)');
    expect(group?.updates).toEqual<PlannedUpdate[]>([
      expect.objectContaining({ package: 'urllib3', to: '2.0.7', fixes: ['PYSEC-2099-11'] }),
      { package: 'requests', from: '2.28.2', to: '2.31.0', fixes: ['PYSEC-2099-12'], breaking: false, manifests: ['poetry.lock'], liftsCapOf: 'urllib3' },
    ]);
  });
});

describe('a cap that a lower fix satisfies', () => {
  it('takes the fix allowed by every dependent rather than lifting the cap, even outside the declared range', async () => {
    const registry = new FakeRegistry({
      urllib3: [{ version: '1.26.4' }, { version: '1.26.18' }, { version: '2.0.7' }],
      requests: [{ version: '2.28.2', requiresDist: CAPPED }, { version: '2.30.0', requiresDist: LIFTED }],
    });
    const record = osv('PYSEC-2099-13', 'urllib3', [{ introduced: '0' }, { fixed: '1.26.18' }]);
    const input = planInput({
      vulnerabilities: [finding({ id: 'PYSEC-2099-13', package: 'urllib3', version: '1.26.4', fixedIn: ['1.26.18'] })],
      dependencies: [
        dependency({ name: 'urllib3', version: '1.26.4', specifier: '>=1.26,!=1.26.18', dependents: ['requests'] }),
        dependency({ name: 'requests', version: '2.28.2' }),
      ],
      registry,
      advisories: new Map([['urllib3', [record]]]),
    });
    const plan = await planRemediation(input);
    expect(plan.groups[0]?.updates).toEqual([
      { package: 'urllib3', from: '1.26.4', to: '1.26.18', fixes: ['PYSEC-2099-13'], breaking: false, manifests: ['requirements.txt'] },
    ]);
    expect(registry.releaseCalls).toEqual(['requests==2.28.2']);
  });
});

describe('a version pinned in a constraints file (constraint-pinned)', () => {
  const registry = new FakeRegistry({
    django: [{ version: '3.2.1' }, { version: '3.2.14' }, { version: '3.2.15' }, { version: '3.2.25' }, { version: '4.0.7' }],
  });

  it('edits only the constraints pin when the declared range allows the target', async () => {
    const audited = await auditFixture('constraint-pinned');
    const plan = await planRemediation(fromFixture(audited, registry));
    expect(plan.groups).toEqual([
      {
        id: 'security-root',
        title: 'Fix 1 critical vulnerability in django',
        rank: 1,
        severity: 'critical',
        score: 9.8,
        project: '.',
        updates: [{ package: 'django', from: '3.2.1', to: '3.2.15', fixes: ['PYSEC-2099-21'], breaking: false, manifests: ['constraints.txt'] }],
      },
    ]);
  });

  it('without the parsed manifests, lists every declaring file (no lock holds the version)', async () => {
    const audited = await auditFixture('constraint-pinned');
    const { parsedManifests: _unused, ...input } = fromFixture(audited, registry);
    const plan = await planRemediation(input);
    expect(plan.groups[0]?.updates[0]?.manifests).toEqual(['requirements.txt', 'constraints.txt']);
  });

  it('a minimum release age moves the target to the first fix old enough', async () => {
    const audited = await auditFixture('constraint-pinned');
    const young = new FakeRegistry({
      django: [{ version: '3.2.1' }, { version: '3.2.15', uploaded: daysAgo(1) }, { version: '3.2.16', uploaded: daysAgo(5) }],
    });
    const plan = await planRemediation({ ...fromFixture(audited, young), minimumReleaseAgeMs: 3 * DAY });
    expect(plan.groups[0]?.updates[0]?.to).toBe('3.2.16');
  });
});

describe('two projects sharing a dependency (monorepo-shared-requests)', () => {
  const registry = new FakeRegistry({
    requests: [{ version: '2.30.0' }, { version: '2.31.0' }],
    django: [{ version: '4.2.0' }, { version: '4.2.10' }, { version: '5.0.0' }],
  });

  it('plans one group per project, each editing its own files, ranked by severity, score, then id', async () => {
    const audited = await auditFixture('monorepo-shared-requests');
    const plan = await planRemediation(fromFixture(audited, registry));
    expect(plan.groups.map((g) => ({ id: g.id, rank: g.rank, title: g.title, project: g.project, severity: g.severity, score: g.score }))).toEqual([
      { id: 'security-root', rank: 1, title: 'Fix 1 medium vulnerability in requests', project: '.', severity: 'medium', score: 5.3 },
      {
        id: 'security-services-api',
        rank: 2,
        title: 'Fix 2 medium vulnerabilities in requests, django (services/api)',
        project: 'services/api',
        severity: 'medium',
        score: 5.3,
      },
    ]);
    expect(plan.groups[0]?.updates.map((u) => [u.package, u.to, u.manifests])).toEqual([['requests', '2.31.0', ['requirements.txt']]]);
    expect(plan.groups[1]?.updates.map((u) => [u.package, u.to, u.manifests])).toEqual([
      ['requests', '2.31.0', ['services/api/requirements.txt']],
      ['django', '4.2.10', ['services/api/requirements.txt']],
    ]);
  });

  it('per-package ids carry the project; the limit defers what ranks beyond it', async () => {
    const audited = await auditFixture('monorepo-shared-requests');
    const plan = await planRemediation(fromFixture(audited, registry, { strategy: 'per-package', openPullRequestsLimit: 2 }));
    expect(plan.groups.map((g) => [g.rank, g.id, g.deferred ?? false])).toEqual([
      [1, 'requests', false],
      [2, 'requests-services-api', false],
      [3, 'django-services-api', true],
    ]);
  });

  it('named groups take their packages in every project', async () => {
    const audited = await auditFixture('monorepo-shared-requests');
    const plan = await planRemediation(fromFixture(audited, registry, { groups: [{ name: 'http', patterns: ['requests', 'urllib3'] }] }));
    expect(plan.groups.map((g) => [g.id, g.updates.map((u) => u.package)])).toEqual([
      ['group-http', ['requests']],
      ['group-http-services-api', ['requests']],
      ['security-services-api', ['django']],
    ]);
  });
});

describe('what is not planned, and why', () => {
  const base = {
    vulnerabilities: [finding({ id: 'PYSEC-2099-40', package: 'flask', version: '2.2.0', fixedIn: ['2.2.5'], severity: 'high' as const })],
    dependencies: [dependency({ name: 'flask', version: '2.2.0' })],
  };

  it('remediation.enabled: false plans nothing', async () => {
    expect(await planRemediation(planInput({ ...base, config: config({ enabled: false }) }))).toEqual({ groups: [], unfixable: [] });
  });

  it('no active finding, no plan: suppressed findings are accepted, not fixed', async () => {
    const [first] = base.vulnerabilities;
    if (!first) throw new Error('fixture');
    const suppressed = { ...first, suppressed: { reason: 'not reachable' } };
    expect(await planRemediation(planInput({ ...base, vulnerabilities: [suppressed] }))).toEqual({ groups: [], unfixable: [] });
  });

  it('a suppressed advisory of the package does not block a target', async () => {
    const active = finding({ id: 'PYSEC-2099-41', package: 'flask', version: '2.2.0', fixedIn: ['2.2.5'] });
    const accepted = finding({ id: 'PYSEC-2099-42', package: 'flask', version: '2.2.0', aliases: ['CVE-2099-0042'], suppressed: { reason: 'accepted' } });
    const records = [
      osv('PYSEC-2099-41', 'flask', [{ introduced: '0' }, { fixed: '2.2.5' }]),
      osv('PYSEC-2099-42', 'flask', [{ introduced: '0' }], { aliases: ['CVE-2099-0042'] }),
    ];
    const plan = await planRemediation(planInput({ ...base, vulnerabilities: [active, accepted], advisories: new Map([['flask', records]]) }));
    expect(plan.groups[0]?.updates[0]).toMatchObject({ to: '2.2.5', fixes: ['PYSEC-2099-41'] });
  });

  it('a dependency installed from a direct URL is unfixable', async () => {
    const plan = await planRemediation(
      planInput({ ...base, dependencies: [dependency({ name: 'flask', version: '2.2.0', source: { type: 'url', url: 'https://example.test/flask-2.2.0.whl' } })] }),
    );
    expect(plan.unfixable).toEqual([
      {
        package: 'flask',
        version: '2.2.0',
        ids: ['PYSEC-2099-40'],
        reason: 'installed from a direct URL (https://example.test/flask-2.2.0.whl), not from the index: point it at a fixed release',
        project: '.',
      },
    ]);
  });

  it('a finding whose dependency is not in the inventory is listed, not dropped', async () => {
    const plan = await planRemediation(planInput({ ...base, dependencies: [] }));
    expect(plan.unfixable).toEqual([
      { package: 'flask', version: '2.2.0', ids: ['PYSEC-2099-40'], reason: 'not found among the dependencies of any project, so no file can be changed' },
    ]);
  });

  it('a registry that fails for a package falls back to the advisories, never to "no fix"', async () => {
    const registry = new FakeRegistry({}, { failing: ['flask'] });
    const plan = await planRemediation(planInput({ ...base, registry }));
    expect(plan.groups[0]?.updates[0]).toMatchObject({ package: 'flask', to: '2.2.5' });
    expect(plan.unfixable).toEqual([]);
  });

  it('every active finding of a package is fixed by its one update, ids most severe first', async () => {
    const findings = [
      finding({ id: 'PYSEC-2099-43', package: 'flask', version: '2.2.0', fixedIn: ['2.2.3'], severity: 'low' }),
      finding({ id: 'PYSEC-2099-44', package: 'flask', version: '2.2.0', fixedIn: ['2.2.5'], severity: 'critical', score: 9.1 }),
    ];
    const plan = await planRemediation(planInput({ ...base, vulnerabilities: findings }));
    expect(plan.groups[0]).toMatchObject({
      id: 'security-root',
      title: 'Fix 1 critical and 1 low vulnerability in flask',
      severity: 'critical',
      score: 9.1,
      updates: [{ package: 'flask', from: '2.2.0', to: '2.2.5', fixes: ['PYSEC-2099-44', 'PYSEC-2099-43'] }],
    });
  });

  it('unfixable packages are reported per project with the reason; fixable ones still get their group', async () => {
    const registry = new FakeRegistry({
      flask: [{ version: '2.2.0' }, { version: '2.2.5', requiresPython: '>=3.12' }],
    });
    const projects = [projectSummary({ root: '.', requiresPython: '>=3.9' }), projectSummary({ root: 'tools', manifests: ['tools/requirements.txt'], requiresPython: '>=3.12' })];
    const plan = await planRemediation(
      planInput({
        ...base,
        dependencies: [dependency({ name: 'flask', version: '2.2.0', manifests: ['requirements.txt', 'tools/requirements.txt'] })],
        projects,
        manifests: [
          { path: 'requirements.txt', kind: 'requirements', errors: [], requirementCount: 1 },
          { path: 'tools/requirements.txt', kind: 'requirements', errors: [], requirementCount: 1 },
        ],
        registry,
      }),
    );
    expect(plan.unfixable).toEqual([
      { package: 'flask', version: '2.2.0', ids: ['PYSEC-2099-40'], reason: 'fixed versions require Python >=3.12; the project supports 3.9', project: '.' },
    ]);
    expect(plan.groups.map((g) => [g.id, g.updates[0]?.manifests])).toEqual([['security-tools', ['tools/requirements.txt']]]);
  });
});

const PYPA_DB = fileURLToPath(new URL('../../../../shared/data/advisories/pypa-advisory-db', import.meta.url));

describe.skipIf(!existsSync(PYPA_DB))('offline against the real PyPA advisory database (pypa-db-offline)', () => {
  it('targets the lowest version the database names as fixed that none of its advisories hits, as pip-audit does', async () => {
    const database = await OfflineDatabase.load(PYPA_DB);
    const audited = await auditFixture('pypa-db-offline', { database });
    // Facts from the YAML files: requests PYSEC-2023-74 is fixed in 2.31.0; urllib3 1.26.4 is hit by
    // PYSEC-2021-108 (fixed 1.26.5), PYSEC-2023-192 (1.26.17 / 2.0.6) and PYSEC-2023-212 (1.26.18 / 2.0.7).
    expect(audited.report.vulnerabilities.map((f) => `${f.package} ${f.id}`).sort()).toEqual([
      'requests PYSEC-2023-74',
      'urllib3 PYSEC-2021-108',
      'urllib3 PYSEC-2023-192',
      'urllib3 PYSEC-2023-212',
    ]);
    const plan = await planRemediation(fromFixture(audited, null));
    expect(plan.unfixable).toEqual([]);
    expect(plan.groups).toHaveLength(1);
    expect(plan.groups[0]).toMatchObject({ id: 'security-root', rank: 1, project: '.' });
    // PYSEC-2023-192 is CVSS 8.1 and PYSEC-2023-212 CVSS 4.2; the other two carry no severity.
    expect(plan.groups[0]?.title).toBe('Fix 1 high, 1 medium and 2 unknown-severity vulnerabilities in urllib3, requests');
    expect(plan.groups[0]?.updates.map((u) => [u.package, u.from, u.to, u.breaking, u.manifests, [...u.fixes].sort()])).toEqual([
      ['urllib3', '1.26.4', '1.26.18', false, ['requirements.txt'], ['PYSEC-2021-108', 'PYSEC-2023-192', 'PYSEC-2023-212']],
      ['requests', '2.30.0', '2.31.0', false, ['requirements.txt'], ['PYSEC-2023-74']],
    ]);
  });
});
