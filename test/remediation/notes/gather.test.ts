import { describe, expect, it } from 'vitest';
import { RegistryError } from '../../../src/errors.js';
import type { DistributionFile, PackageMetadata, PackageRegistry } from '../../../src/registry/types.js';
import type { ReleaseNotesRequest, ReleaseNotesSource } from '../../../src/remediation/notes/fetch.js';
import { gatherUpdateDetails } from '../../../src/remediation/notes/gather.js';
import type { ReleaseNotesResult } from '../../../src/remediation/notes/types.js';
import type { PlannedUpdate } from '../../../src/remediation/types.js';

function metadata(name: string, version: string, fields: Partial<PackageMetadata> = {}): PackageMetadata {
  return {
    name,
    version,
    summary: null,
    licenseExpression: null,
    license: null,
    classifiers: [],
    requiresPython: null,
    requiresDist: [],
    projectUrls: { Source: `https://github.com/acme/${name}` },
    ...fields,
  };
}

/** A registry that knows a few releases and fails for `broken`. */
function registry(releases: Record<string, PackageMetadata>): PackageRegistry & { asked: string[] } {
  const asked: string[] = [];
  return {
    baseUrl: 'https://pypi.example',
    asked,
    project: async () => null,
    release: async (name: string, version: string) => {
      asked.push(`${name}==${version}`);
      if (name === 'broken') throw new RegistryError('https://pypi.example', 'HTTP 503');
      const found = releases[`${name}==${version}`];
      return found ? { metadata: found, files: [] as DistributionFile[] } : null;
    },
  };
}

function update(pkg: string, from: string | null, to: string): PlannedUpdate {
  return { package: pkg, from, to, fixes: ['GHSA-aaaa-bbbb-cccc'], breaking: false, manifests: ['requirements.txt'] };
}

describe('gatherUpdateDetails', () => {
  it('reads both releases, asks for notes with the target URLs, and computes warnings', async () => {
    const requests: ReleaseNotesRequest[] = [];
    const notes: ReleaseNotesSource = {
      releaseNotes: async (request) => {
        requests.push(request);
        const result: ReleaseNotesResult = {
          status: 'found',
          repository: { owner: 'acme', repo: 'django', url: 'https://github.com/acme/django' },
          notes: {
            package: request.package,
            from: request.from,
            to: request.to,
            repository: { owner: 'acme', repo: 'django', url: 'https://github.com/acme/django' },
            origin: 'releases',
            url: 'https://github.com/acme/django/releases',
            releases: [{ version: request.to, title: request.to, body: '- Removed the old API', url: null, publishedAt: null }],
          },
        };
        return result;
      },
    };
    const pypi = registry({
      'django==3.2.25': metadata('django', '3.2.25', { requiresPython: '>=3.6' }),
      'django==4.2.16': metadata('django', '4.2.16', { requiresPython: '>=3.8', requiresDist: ['asgiref<4,>=3.6.0', 'sqlparse>=0.3.1'] }),
    });
    const details = await gatherUpdateDetails([update('django', '3.2.25', '4.2.16')], { registry: pypi, notes, projectRequiresPython: '>=3.7' });
    expect(requests).toEqual([{ package: 'django', projectUrls: { Source: 'https://github.com/acme/django' }, from: '3.2.25', to: '4.2.16' }]);
    expect(details.django?.notes?.status).toBe('found');
    expect(details.django?.warnings.map((w) => [w.kind, w.level])).toEqual([
      ['requires-python', 'error'],
      ['major-version', 'warning'],
      ['dependencies-added', 'warning'],
      ['release-notes', 'warning'],
    ]);
  });

  it('judges what it can when the registry fails, and asks nothing offline', async () => {
    const details = await gatherUpdateDetails([update('broken', '1.0', '2.0'), update('ghost', null, '1.1')], { registry: registry({}), notes: null });
    expect(details).toEqual({
      broken: { notes: null, warnings: [{ package: 'broken', kind: 'major-version', level: 'warning', message: 'major version 1 → 2', details: [] }] },
      ghost: { notes: null, warnings: [] },
    });
    expect(await gatherUpdateDetails([update('x', '0.1', '0.2')], { registry: null, notes: null })).toEqual({
      x: { notes: null, warnings: [{ package: 'x', kind: 'major-version', level: 'warning', message: '0.x minor version 0.1 → 0.2 (before 1.0, a minor release may break the API)', details: [] }] },
    });
  });

  it('turns a notes source that rejects into an error result', async () => {
    const failing: ReleaseNotesSource = { releaseNotes: async () => Promise.reject(new Error('boom')) };
    const details = await gatherUpdateDetails([update('x', '1.0', '1.1')], { registry: null, notes: failing });
    expect(details.x?.notes).toEqual({ status: 'error', notes: null, repository: null, message: 'boom' });
  });

  it('passes the extras the project uses', async () => {
    const pypi = registry({
      'requests==2.31.0': metadata('requests', '2.31.0', { requiresDist: ['PySocks; extra == "socks"'] }),
      'requests==2.32.3': metadata('requests', '2.32.3', { requiresDist: [] }),
    });
    const details = await gatherUpdateDetails([update('requests', '2.31.0', '2.32.3')], { registry: pypi, notes: null, usedExtras: { requests: ['socks'] } });
    expect(details.requests?.warnings.map((w) => [w.kind, w.level])).toEqual([['extra-removed', 'error']]);
  });
});
