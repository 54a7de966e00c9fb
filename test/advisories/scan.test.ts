import { describe, expect, it } from 'vitest';
import { scanVulnerabilities } from '../../src/advisories/scan.js';
import { applySuppressions } from '../../src/advisories/suppress.js';
import type { VulnerabilityFinding } from '../../src/advisories/finding.js';
import type { AdvisorySource, OsvRecord, PackageQuery } from '../../src/advisories/types.js';
import type { Dependency } from '../../src/manifests/inventory.js';

const NOW = new Date('2026-11-29T12:00:00Z');

function advisory(id: string, name: string, events: Array<Record<string, string>>, extra: Partial<OsvRecord> = {}): OsvRecord {
  return { id, modified: '2026-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name }, ranges: [{ type: 'ECOSYSTEM', events }] }], ...extra };
}

function source(id: 'osv' | 'ghsa' | 'offline-db', records: OsvRecord[], seen: PackageQuery[][] = []): AdvisorySource {
  return {
    id,
    fetch: async (queries) => {
      seen.push([...queries]);
      const advisories = new Map<string, OsvRecord[]>();
      for (const q of queries) advisories.set(q.name, records.filter((r) => r.affected?.some((a) => a.package?.name.toLowerCase() === q.name)));
      return { source: id, advisories };
    },
  };
}

function dep(name: string, version: string | null, extra: Partial<Dependency> = {}): Dependency {
  return { name, version, specifier: version ? `==${version}` : null, direct: true, groups: ['main'], manifests: ['requirements.txt'], locations: [], ...extra };
}

const input = (dependencies: Dependency[], requiresPython: string | null = null) => ({
  dependencies,
  requiresPythonOf: () => requiresPython,
  ignores: [],
  now: NOW,
});

describe('scanVulnerabilities', () => {
  it('merges the same flaw reported by two sources under aliases, and says which sources reported it', async () => {
    const pysec = advisory('PYSEC-2024-1', 'flask', [{ introduced: '0' }, { fixed: '2.3.2' }], { aliases: ['CVE-2024-1'] });
    const ghsa = advisory('GHSA-aaaa-bbbb-cccc', 'flask', [{ introduced: '2.0' }, { fixed: '2.3.2' }], {
      aliases: ['CVE-2024-1'],
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    });
    const scan = await scanVulnerabilities([source('offline-db', [pysec]), source('ghsa', [ghsa])], input([dep('flask', '2.3.1')]));
    expect(scan.findings).toMatchObject([
      { id: 'PYSEC-2024-1', aliases: ['CVE-2024-1', 'GHSA-aaaa-bbbb-cccc'], package: 'flask', version: '2.3.1', severity: 'critical', score: 9.8, fixedIn: ['2.3.2'], sources: ['ghsa', 'offline-db'] },
    ]);
    expect(scan.errors).toEqual([]);
  });

  it('reports nothing for a version outside every range, and skips VCS and path dependencies', async () => {
    const seen: PackageQuery[][] = [];
    const records = [advisory('PYSEC-1', 'flask', [{ introduced: '0' }, { fixed: '2.3.2' }])];
    const scan = await scanVulnerabilities([source('osv', records, seen)], input([
      dep('flask', '2.3.2'),
      dep('flask', '1.0', { source: { type: 'vcs', url: 'git+https://x/flask.git', ref: '1.0' } }),
    ]));
    expect(scan.findings).toEqual([]);
    expect(seen).toEqual([[{ name: 'flask', version: '2.3.2' }]]);
  });

  it('keeps range-only matches apart, marked with the specifier that allows them', async () => {
    const records = [advisory('PYSEC-2', 'jinja2', [{ introduced: '0' }, { fixed: '3.1.3' }])];
    const scan = await scanVulnerabilities([source('osv', records)], input([dep('jinja2', null, { specifier: '>=3.0' }), dep('jinja2', null, { specifier: '>=3.1.3', manifests: ['b.txt'] })]));
    expect(scan.findings).toEqual([]);
    expect(scan.potential).toMatchObject([{ id: 'PYSEC-2', package: 'jinja2', version: null, allowedBySpecifier: '>=3.0' }]);
  });

  it('does not report a dependency whose markers never hold for the project, and says why', async () => {
    const records = [advisory('PYSEC-3', 'importlib-metadata', [{ introduced: '0' }, { fixed: '9' }])];
    const dependencies = [dep('importlib-metadata', '4.0', { markers: 'python_version < "3.8"' })];
    const excluded = await scanVulnerabilities([source('osv', records)], input(dependencies, '>=3.10'));
    expect(excluded.findings).toEqual([]);
    expect(excluded.excludedByMarkers).toEqual([
      {
        package: 'importlib-metadata',
        version: '4.0',
        markers: 'python_version < "3.8"',
        requiresPython: '>=3.10',
        ids: ['PYSEC-3'],
        reason: 'never installed: its markers (python_version < "3.8") cannot hold for requires-python >=3.10',
      },
    ]);
    const included = await scanVulnerabilities([source('osv', records)], input(dependencies, '>=3.7'));
    expect(included.findings.map((f) => f.id)).toEqual(['PYSEC-3']);
    const unknownPython = await scanVulnerabilities([source('osv', records)], input(dependencies, null));
    expect(unknownPython.findings.map((f) => f.id)).toEqual(['PYSEC-3']);
  });

  it('turns a failing source into an error and keeps what the other sources found', async () => {
    const failing: AdvisorySource = { id: 'osv', fetch: async () => Promise.reject(new Error('HTTP 503 after 4 attempts')) };
    const records = [advisory('PYSEC-4', 'flask', [{ introduced: '0' }, { fixed: '3' }])];
    const scan = await scanVulnerabilities([failing, source('offline-db', records)], input([dep('flask', '2.0')]));
    expect(scan.errors).toEqual([{ message: 'advisory source osv failed: HTTP 503 after 4 attempts' }]);
    expect(scan.findings.map((f) => f.id)).toEqual(['PYSEC-4']);
    expect(scan.sources).toEqual(['offline-db']);
  });

  it('ranks by severity, then score', async () => {
    const records = [
      advisory('PYSEC-LOW', 'a', [{ introduced: '0' }], { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N' }] }),
      advisory('PYSEC-CRIT', 'b', [{ introduced: '0' }], { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] }),
      advisory('PYSEC-UNKNOWN', 'c', [{ introduced: '0' }]),
    ];
    const scan = await scanVulnerabilities([source('osv', records)], input([dep('a', '1'), dep('b', '1'), dep('c', '1')]));
    expect(scan.findings.map((f) => [f.id, f.severity])).toEqual([
      ['PYSEC-CRIT', 'critical'],
      ['PYSEC-LOW', 'low'],
      ['PYSEC-UNKNOWN', 'unknown'],
    ]);
  });
});

describe('applySuppressions', () => {
  const finding: VulnerabilityFinding = { id: 'PYSEC-1', aliases: ['CVE-1', 'GHSA-1'], package: 'flask', version: '2.0', severity: 'high', fixedIn: [], sources: ['osv'] };

  it('suppresses by id or any alias, case-insensitively, optionally per package', () => {
    expect(applySuppressions([finding], [{ id: 'cve-1', reason: 'not reachable' }], NOW)[0]?.suppressed).toEqual({ reason: 'not reachable' });
    expect(applySuppressions([finding], [{ id: 'GHSA-1', reason: 'r', package: 'Django' }], NOW)[0]?.suppressed).toBeUndefined();
    expect(applySuppressions([finding], [{ id: 'GHSA-1', reason: 'r', package: 'Flask' }], NOW)[0]?.suppressed).toEqual({ reason: 'r' });
  });

  it('holds through the until day, then is active again and says so', () => {
    const entry = { id: 'PYSEC-1', reason: 'waiting for upstream', until: '2026-11-29' };
    expect(applySuppressions([finding], [entry], NOW)[0]?.suppressed).toEqual({ reason: 'waiting for upstream', until: '2026-11-29' });
    const later = applySuppressions([finding], [entry], new Date('2026-11-30T00:00:00Z'))[0];
    expect(later?.suppressed).toBeUndefined();
    expect(later?.suppressionLapsed).toEqual({ reason: 'waiting for upstream', until: '2026-11-29', why: 'expired' });
  });

  it('whileNoFix lapses by itself once a fixed version exists', () => {
    const entry = { id: 'PYSEC-1', reason: 'no fix yet', whileNoFix: true };
    expect(applySuppressions([finding], [entry], NOW)[0]?.suppressed).toEqual({ reason: 'no fix yet' });
    const fixed = applySuppressions([{ ...finding, fixedIn: ['2.1'] }], [entry], NOW)[0];
    expect(fixed?.suppressed).toBeUndefined();
    expect(fixed?.suppressionLapsed).toEqual({ reason: 'no fix yet', why: 'fix-available' });
  });
});
