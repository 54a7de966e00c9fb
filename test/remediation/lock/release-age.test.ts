import { describe, expect, it } from 'vitest';
import { RegistryError } from '../../../src/errors.js';
import { checkReleaseAge, describeReleaseAgeProblems } from '../../../src/remediation/lock/release-age.js';
import { fakeRegistry } from './fake-tools.js';

const CUTOFF = new Date('2025-01-20T00:00:00Z');

describe('checkReleaseAge', () => {
  it('passes releases uploaded before the cut-off and skips sources without releases', async () => {
    const registry = fakeRegistry({ 'django@5.1.5': '2025-01-14T11:30:00Z', 'sqlparse@0.5.3': '2024-12-10T12:05:30Z' });
    const result = await checkReleaseAge(
      [
        { package: 'django', version: '5.1.5', source: 'registry' },
        { package: 'sqlparse', version: '0.5.3.0', source: 'registry' },
        { package: 'mylib', version: null, source: 'vcs' },
        { package: 'local', version: '1.0', source: 'path' },
      ],
      registry,
      CUTOFF,
    );
    expect(result).toEqual({ problems: [], checked: 2 });
    expect(registry.asked.sort()).toEqual(['django', 'sqlparse']);
  });

  it('fails releases that are too young or whose age cannot be learned', async () => {
    const registry = fakeRegistry({ 'django@5.1.5': '2025-01-21T09:00:00Z', 'idna@3.10': 'soon' });
    const failing = { ...registry, baseUrl: 'https://pypi.org', async project(name: string) {
      if (name === 'boom') throw new RegistryError('https://pypi.org', 'HTTP 503');
      return registry.project(name);
    } };
    const result = await checkReleaseAge(
      [
        { package: 'django', version: '5.1.5', source: 'registry' },
        { package: 'boom', version: '1.0', source: 'registry' },
        { package: 'ghost', version: '1.0', source: 'registry' },
        { package: 'django', version: '9.9', source: 'registry' },
        { package: 'idna', version: '3.10', source: 'registry' },
      ],
      failing,
      CUTOFF,
      2,
    );
    expect(result.checked).toBe(5);
    expect(result.problems.map((p) => `${p.package} ${p.version}: ${p.reason}`)).toEqual([
      'boom 1.0: its upload time could not be read: package index https://pypi.org: HTTP 503',
      'django 5.1.5: uploaded 2025-01-21T09:00:00.000Z',
      'django 9.9: https://pypi.org lists no such release',
      'ghost 1.0: https://pypi.org does not know it',
      'idna 3.10: unreadable upload time "soon"',
    ]);
    expect(describeReleaseAgeProblems(result.problems, CUTOFF)).toBe(
      'the re-lock brings in releases younger than the minimum release age (cut-off 2025-01-20T00:00:00.000Z): ' +
        'boom 1.0 (its upload time could not be read: package index https://pypi.org: HTTP 503), django 5.1.5 (uploaded 2025-01-21T09:00:00.000Z), ' +
        'django 9.9 (https://pypi.org lists no such release), ghost 1.0 (https://pypi.org does not know it), idna 3.10 (unreadable upload time "soon")',
    );
  });
});
