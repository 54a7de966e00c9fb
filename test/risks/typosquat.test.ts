import { describe, expect, it } from 'vitest';
import { LookAlikeFinder, typosquatCheck } from '../../src/risks/checks/typosquat.js';
import { POPULAR_PACKAGES } from '../../src/risks/popular.js';
import { config, contextOf, fixtureTree, riskInputOf } from './helpers.js';

describe('typosquat', () => {
  it('reports near misses of popular names, and names the look-alike', async () => {
    const input = await riskInputOf(fixtureTree('typosquat-requirements'));
    const findings = await typosquatCheck.run(contextOf(input));
    const byName = new Map(findings.map((f) => [f.package, f]));
    expect([...byName.keys()].sort()).toEqual(['co1orama', 'jose', 'python-dateutils', 'reqeusts']);
    expect(byName.get('reqeusts')).toMatchObject({
      kind: 'typosquat',
      severity: 'medium',
      version: '2.31.0',
      locations: [{ path: 'requirements.txt', startLine: 2, endLine: 2 }],
    });
    expect(byName.get('reqeusts')?.message).toMatch(/^reqeusts looks like requests, one of the most downloaded packages on PyPI \(one character apart\)/);
    expect(byName.get('python-dateutils')?.message).toContain('looks like python-dateutil');
    expect(byName.get('co1orama')?.message).toContain('looks like colorama');
    expect(byName.get('co1orama')?.message).toContain('look-alike characters');
    expect(byName.get('jose')?.message).toContain('looks like python-jose');
  });

  it('never reports a popular name, a plugin of a family, or a digit variant', async () => {
    const input = await riskInputOf(fixtureTree('typosquat-requirements'));
    const names = (await typosquatCheck.run(contextOf(input))).map((f) => f.package);
    for (const honest of ['requests', 'mypy-boto3-ecs', 'nvidia-cuda-nvcc-cu12', 'pyqt6']) expect(names).not.toContain(honest);
  });

  it('protects the names listed in risks.popularPackages, and accepts them', async () => {
    const input = await riskInputOf(fixtureTree('typosquat-requirements'));
    const withOwnNames = contextOf(input, { config: config({ popularPackages: ['acme-utils', 'Jose'] }) });
    const findings = await typosquatCheck.run(withOwnNames);
    const acme = findings.find((f) => f.package === 'acme-utilz');
    expect(acme?.message).toMatch(/^acme-utilz looks like acme-utils, a name listed in risks\.popularPackages \(one character apart\)/);
    expect(findings.map((f) => f.package)).not.toContain('jose');
  });

  it('skips URL, VCS and path dependencies', async () => {
    const input = await riskInputOf({ 'requirements.txt': 'reqeusts @ git+https://github.com/acme/reqeusts.git@main\n' });
    expect(await typosquatCheck.run(contextOf(input))).toEqual([]);
  });

  it('ships a real list of at least a thousand popular names, normalised and without duplicates', () => {
    expect(POPULAR_PACKAGES.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(POPULAR_PACKAGES).size).toBe(POPULAR_PACKAGES.length);
    expect(POPULAR_PACKAGES.slice(0, 5)).toEqual(['boto3', 'urllib3', 'setuptools', 'botocore', 'requests']);
    for (const name of POPULAR_PACKAGES) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('judges hostile names quickly: 2,000 random and 100,000-character names', () => {
    const finder = new LookAlikeFinder();
    const started = Date.now();
    for (let i = 0; i < 2000; i++) finder.lookAlike(`pkg-${i.toString(36)}-${'x'.repeat(i % 40)}`);
    expect(finder.lookAlike('a'.repeat(100_000))).toBeNull();
    expect(finder.lookAlike('-'.repeat(50_000))).toBeNull();
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
