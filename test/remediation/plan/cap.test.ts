/**
 * Caps: another package's requirement (`urllib3<1.27` in requests' Requires-Dist) blocks the fix; the
 * planner finds the smallest newer release of that package that lifts it, with bounded registry calls.
 */
import { describe, expect, it } from 'vitest';
import { allowedByAll, liftCap, requirementsOn } from '../../../src/remediation/plan/cap.js';
import { lowestPython } from '../../../src/remediation/plan/python.js';
import { DAY, FakeRegistry, NOW, daysAgo, type ReleaseSpec } from './helpers.js';

const RULES = { lowestPython: lowestPython('>=3.9'), minimumReleaseAgeMs: null, now: NOW };
const CAPPED = ['charset-normalizer<4,>=2', 'idna<4,>=2.5', 'urllib3<1.27,>=1.21.1', 'certifi>=2017.4.17'];
const LIFTED = ['charset-normalizer<4,>=2', 'idna<4,>=2.5', 'urllib3<3,>=1.21.1', 'certifi>=2017.4.17'];

function requests(...list: ReleaseSpec[]): FakeRegistry {
  return new FakeRegistry({ requests: list });
}

describe('requirementsOn', () => {
  it("reads the dependent's requirement on the package from the exact release in use", async () => {
    const registry = requests({ version: '2.28.2', requiresDist: CAPPED });
    const found = await requirementsOn(registry, 'urllib3', [{ name: 'requests', version: '2.28.2' }], '>=3.9');
    expect(found).toEqual([{ dependent: 'requests', dependentVersion: '2.28.2', requirement: 'urllib3<1.27,>=1.21.1', specifier: '<1.27,>=1.21.1' }]);
    expect(registry.releaseCalls).toEqual(['requests==2.28.2']);
    expect(allowedByAll(found, '1.26.18')).toBe(true);
    expect(allowedByAll(found, '2.0.7')).toBe(false);
  });

  it('counts an extra-only requirement only when the dependent is installed with that extra (PEP 685 names)', async () => {
    const registry = requests({ version: '2.28.2', requiresDist: ['urllib3<1.27; extra == "Socks_Proxy"'] });
    expect(await requirementsOn(registry, 'urllib3', [{ name: 'requests', version: '2.28.2' }], null)).toEqual([]);
    const withExtra = await requirementsOn(registry, 'urllib3', [{ name: 'requests', version: '2.28.2', extras: ['socks-proxy'] }], null);
    expect(withExtra.map((r) => r.specifier)).toEqual(['<1.27']);
  });

  it("skips a requirement whose markers never hold for the project's Pythons, keeps platform markers", async () => {
    const registry = requests({
      version: '2.28.2',
      requiresDist: ['urllib3<1.25; python_version < "3.8"', 'urllib3<1.27; sys_platform == "win32"'],
    });
    const found = await requirementsOn(registry, 'URLLib3', [{ name: 'requests', version: '2.28.2' }], '>=3.9');
    expect(found.map((r) => r.requirement)).toEqual(['urllib3<1.27; sys_platform == "win32"']);
  });

  it('treats a name-only or URL requirement as allowing every version, and a failing registry as no cap', async () => {
    const registry = new FakeRegistry({ a: [{ version: '1.0', requiresDist: ['urllib3', 'urllib3 @ https://example.test/urllib3.whl'] }] }, { failing: ['b'] });
    const found = await requirementsOn(registry, 'urllib3', [{ name: 'a', version: '1.0' }, { name: 'b', version: '1.0' }, { name: 'c', version: '9' }], null);
    expect(found.map((r) => r.specifier)).toEqual([null, null]);
    expect(allowedByAll(found, '99')).toBe(true);
  });
});

describe('liftCap', () => {
  const cap = { dependent: 'requests', dependentVersion: '2.28.2', requirement: 'urllib3<1.27,>=1.21.1', specifier: '<1.27,>=1.21.1' };

  it('finds the smallest newer release whose Requires-Dist allows the target, reading releases in ascending order', async () => {
    const registry = requests(
      { version: '2.31.0', requiresDist: LIFTED },
      { version: '2.28.2', requiresDist: CAPPED },
      { version: '2.30.0', requiresDist: LIFTED },
      { version: '2.29.0', requiresDist: CAPPED },
      { version: '2.27.0', requiresDist: CAPPED },
    );
    expect(await liftCap(registry, cap, 'urllib3', '2.0.7', { rules: RULES, requiresPython: '>=3.9' })).toEqual({
      ok: true,
      dependent: 'requests',
      from: '2.28.2',
      to: '2.30.0',
    });
    expect(registry.releaseCalls).toEqual(['requests==2.29.0', 'requests==2.30.0']);
  });

  it('a release that no longer requires the package at all lifts the cap', async () => {
    const registry = requests({ version: '2.28.2', requiresDist: CAPPED }, { version: '3.0.0', requiresDist: ['idna'] });
    expect(await liftCap(registry, cap, 'urllib3', '2.0.7', { rules: RULES, requiresPython: null })).toMatchObject({ ok: true, to: '3.0.0' });
  });

  it('skips newer releases the rules refuse: yanked, too young, wrong Python, pre-releases', async () => {
    const registry = requests(
      { version: '2.28.2', requiresDist: CAPPED },
      { version: '2.30.0', requiresDist: LIFTED, yanked: true },
      { version: '2.31.0rc1', requiresDist: LIFTED },
      { version: '2.31.0', requiresDist: LIFTED, requiresPython: '>=3.10' },
      { version: '2.32.0', requiresDist: LIFTED, uploaded: daysAgo(1) },
      { version: '2.32.3', requiresDist: LIFTED, uploaded: daysAgo(30) },
    );
    const rules = { ...RULES, minimumReleaseAgeMs: 7 * DAY };
    expect(await liftCap(registry, cap, 'urllib3', '2.0.7', { rules, requiresPython: '>=3.9' })).toMatchObject({ ok: true, to: '2.32.3' });
    expect(registry.releaseCalls).toEqual(['requests==2.32.3']);
  });

  it('reads at most N newer releases (bounded registry calls), then says why it gave up', async () => {
    const list: ReleaseSpec[] = [{ version: '2.28.2', requiresDist: CAPPED }];
    for (let minor = 0; minor < 30; minor++) list.push({ version: `2.29.${minor}`, requiresDist: CAPPED });
    list.push({ version: '2.30.0', requiresDist: LIFTED });
    const registry = requests(...list);
    const lift = await liftCap(registry, cap, 'urllib3', '2.0.7', { rules: RULES, requiresPython: null, limit: 20 });
    expect(lift).toEqual({
      ok: false,
      reason: 'urllib3 2.0.7 is blocked by requests 2.28.2, which requires urllib3<1.27,>=1.21.1, and none of the next 20 releases of requests allows it',
    });
    expect(registry.releaseCalls).toHaveLength(20);
    expect(registry.projectCalls).toEqual(['requests']);
  });

  it('says when no newer release allows it, when there is none, and when the index fails or lacks the package', async () => {
    const capped = requests({ version: '2.28.2', requiresDist: CAPPED }, { version: '2.29.0', requiresDist: CAPPED });
    expect(await liftCap(capped, cap, 'urllib3', '2.0.7', { rules: RULES, requiresPython: null })).toEqual({
      ok: false,
      reason: 'urllib3 2.0.7 is blocked by requests 2.28.2, which requires urllib3<1.27,>=1.21.1, and no newer release of requests allows it',
    });
    const latest = requests({ version: '2.28.2', requiresDist: CAPPED });
    expect(await liftCap(latest, cap, 'urllib3', '2.0.7', { rules: RULES, requiresPython: null })).toMatchObject({
      reason: 'urllib3 2.0.7 is blocked by requests 2.28.2, which requires urllib3<1.27,>=1.21.1, and requests has no newer release that can be proposed',
    });
    const missing = new FakeRegistry({});
    expect(await liftCap(missing, cap, 'urllib3', '2.0.7', { rules: RULES, requiresPython: null })).toMatchObject({
      reason: 'urllib3 2.0.7 is blocked by requests 2.28.2, which requires urllib3<1.27,>=1.21.1, and requests is not on the index',
    });
    const failing = new FakeRegistry({}, { failing: ['requests'] });
    const failed = await liftCap(failing, cap, 'urllib3', '2.0.7', { rules: RULES, requiresPython: null });
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.reason).toMatch(/^urllib3 2\.0\.7 is blocked by requests 2\.28\.2, .*; the releases of requests could not be read \(package index https:\/\/pypi\.test: GET .* 503/);
  });
});
