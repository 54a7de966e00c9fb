import { describe, expect, it } from 'vitest';
import { compareIds, mergeAliases, primaryIdRank } from '../../src/advisories/aliases.js';
import type { VulnerabilityFinding } from '../../src/advisories/finding.js';

/** finding is a werkzeug 2.3.7 finding (CVE-2023-46136 is PYSEC-2023-221 and GHSA-hrfv-mqp8-q5rw). */
function finding(overrides: Partial<VulnerabilityFinding> & Pick<VulnerabilityFinding, 'id'>): VulnerabilityFinding {
  return {
    aliases: [],
    package: 'Werkzeug',
    version: '2.3.7',
    severity: 'unknown',
    fixedIn: [],
    sources: ['osv'],
    ...overrides,
  };
}

describe('primaryIdRank and compareIds', () => {
  it('ranks PYSEC, then GHSA, then CVE, then the rest', () => {
    expect(['OSV-2020-1', 'CVE-2023-46136', 'GHSA-hrfv-mqp8-q5rw', 'PYSEC-2023-221'].map(primaryIdRank)).toEqual([
      3, 2, 1, 0,
    ]);
    expect(['CVE-2', 'MAL-2024-1', 'GHSA-b', 'PYSEC-2', 'GHSA-a', 'PYSEC-10', 'CVE-1'].sort(compareIds)).toEqual([
      'PYSEC-10',
      'PYSEC-2',
      'GHSA-a',
      'GHSA-b',
      'CVE-1',
      'CVE-2',
      'MAL-2024-1',
    ]);
  });
});

describe('mergeAliases', () => {
  it('merges transitively: PYSEC ↔ CVE ↔ GHSA with no finding naming all three', () => {
    const merged = mergeAliases([
      finding({ id: 'GHSA-hrfv-mqp8-q5rw', aliases: ['CVE-2023-46136'], sources: ['ghsa'], fixedIn: ['3.0.1', '2.3.8'] }),
      finding({ id: 'PYSEC-2023-221', aliases: ['CVE-2023-46136'], sources: ['offline-db'], fixedIn: ['2.3.8', '3.0.1'] }),
      finding({ id: 'CVE-2023-46136', aliases: [], sources: ['osv'] }),
    ]);
    expect(merged).toEqual([
      {
        id: 'PYSEC-2023-221',
        aliases: ['CVE-2023-46136', 'GHSA-hrfv-mqp8-q5rw'],
        package: 'Werkzeug',
        version: '2.3.7',
        severity: 'unknown',
        fixedIn: ['2.3.8', '3.0.1'],
        sources: ['ghsa', 'offline-db', 'osv'],
      },
    ]);
  });

  it('links through a chain whose ends share nothing (A–B, B–C, C–D)', () => {
    const merged = mergeAliases([
      finding({ id: 'OSV-1', aliases: ['CVE-1'] }),
      finding({ id: 'MAL-9', aliases: ['GHSA-1'] }),
      finding({ id: 'GHSA-1', aliases: ['CVE-1'] }),
      finding({ id: 'PYSEC-7', aliases: ['MAL-9'] }),
    ]);
    expect(merged.map((item) => [item.id, item.aliases])).toEqual([['PYSEC-7', ['CVE-1', 'GHSA-1', 'MAL-9', 'OSV-1']]]);
  });

  it('chooses the same primary id whatever the input order', () => {
    const findings = [
      finding({ id: 'CVE-2023-46136', aliases: ['GHSA-hrfv-mqp8-q5rw'] }),
      finding({ id: 'GHSA-hrfv-mqp8-q5rw', aliases: ['PYSEC-2023-221'] }),
      finding({ id: 'PYSEC-2023-221' }),
    ];
    const forward = mergeAliases(findings);
    const backward = mergeAliases([...findings].reverse());
    expect(forward[0]?.id).toBe('PYSEC-2023-221');
    expect(backward[0]?.id).toBe('PYSEC-2023-221');
    expect(backward[0]?.aliases).toEqual(forward[0]?.aliases);
  });

  it('keeps findings apart for different versions or packages, and when ids do not meet', () => {
    const merged = mergeAliases([
      finding({ id: 'PYSEC-2023-221', aliases: ['CVE-2023-46136'] }),
      finding({ id: 'PYSEC-2023-221', version: '3.0.0', aliases: ['CVE-2023-46136'] }),
      finding({ id: 'PYSEC-2023-221', package: 'flask', aliases: ['CVE-2023-46136'] }),
      finding({ id: 'PYSEC-2024-1', aliases: ['CVE-2024-1'] }),
    ]);
    expect(merged.map((item) => `${item.package}@${item.version} ${item.id}`)).toEqual([
      'Werkzeug@2.3.7 PYSEC-2023-221',
      'Werkzeug@3.0.0 PYSEC-2023-221',
      'flask@2.3.7 PYSEC-2023-221',
      'Werkzeug@2.3.7 PYSEC-2024-1',
    ]);
  });

  it('treats PEP 503-equal names and PEP 440-equal versions as one package version', () => {
    const merged = mergeAliases([
      finding({ id: 'PYSEC-1', package: 'Flask_SQLAlchemy', version: '3.0' }),
      finding({ id: 'GHSA-1', aliases: ['PYSEC-1'], package: 'flask-sqlalchemy', version: '3.0.0' }),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ id: 'PYSEC-1', aliases: ['GHSA-1'], package: 'Flask_SQLAlchemy', version: '3.0' });
  });

  it('matches ids case-insensitively and keeps their first spelling', () => {
    const merged = mergeAliases([
      finding({ id: 'GHSA-hrfv-mqp8-q5rw', aliases: ['cve-2023-46136'] }),
      finding({ id: 'CVE-2023-46136', aliases: ['PYSEC-2023-221', 'PYSEC-2023-221', ''] }),
    ]);
    expect(merged.map((item) => [item.id, item.aliases])).toEqual([
      ['PYSEC-2023-221', ['GHSA-hrfv-mqp8-q5rw', 'cve-2023-46136']],
    ]);
  });

  it('takes severity, score and vector together from the best-informed finding', () => {
    const merged = mergeAliases([
      finding({ id: 'PYSEC-2023-221', severity: 'critical' }),
      finding({
        id: 'GHSA-hrfv-mqp8-q5rw',
        aliases: ['PYSEC-2023-221'],
        severity: 'high',
        score: 7.5,
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
      }),
      finding({
        id: 'CVE-2023-46136',
        aliases: ['PYSEC-2023-221'],
        severity: 'medium',
        score: 5.3,
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L',
      }),
    ]);
    expect(merged[0]).toMatchObject({
      severity: 'high',
      score: 7.5,
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
    });
    const labelsOnly = mergeAliases([
      finding({ id: 'PYSEC-1', severity: 'unknown' }),
      finding({ id: 'GHSA-1', aliases: ['PYSEC-1'], severity: 'medium' }),
      finding({ id: 'CVE-1', aliases: ['PYSEC-1'], severity: 'low' }),
    ]);
    expect(labelsOnly[0]?.severity).toBe('medium');
    expect(labelsOnly[0]).not.toHaveProperty('score');
  });

  it("unites fixed versions (PEP 440-equal once, ascending), references and the primary's summary", () => {
    const merged = mergeAliases([
      finding({
        id: 'GHSA-hrfv-mqp8-q5rw',
        aliases: ['PYSEC-2023-221'],
        summary: 'Werkzeug DoS: High resource usage when parsing multipart/form-data',
        fixedIn: ['3.0.1', '2.3.8'],
        references: ['https://github.com/pallets/werkzeug/security/advisories/GHSA-hrfv-mqp8-q5rw'],
      }),
      finding({
        id: 'PYSEC-2023-221',
        summary: 'Werkzeug multipart parsing denial of service',
        fixedIn: ['2.3.8.0', '3.0.10', '3.0.1'],
        references: [
          'https://nvd.nist.gov/vuln/detail/CVE-2023-46136',
          'https://github.com/pallets/werkzeug/security/advisories/GHSA-hrfv-mqp8-q5rw',
        ],
      }),
    ]);
    expect(merged[0]).toMatchObject({
      id: 'PYSEC-2023-221',
      summary: 'Werkzeug multipart parsing denial of service',
      fixedIn: ['2.3.8', '3.0.1', '3.0.10'],
      references: [
        'https://github.com/pallets/werkzeug/security/advisories/GHSA-hrfv-mqp8-q5rw',
        'https://nvd.nist.gov/vuln/detail/CVE-2023-46136',
      ],
    });
  });

  it('takes a summary from any finding when the primary has none', () => {
    const merged = mergeAliases([
      finding({ id: 'PYSEC-2023-221' }),
      finding({ id: 'GHSA-hrfv-mqp8-q5rw', aliases: ['PYSEC-2023-221'], summary: 'High resource usage' }),
    ]);
    expect(merged[0]?.summary).toBe('High resource usage');
  });

  it('keeps a suppression only when every merged finding carries one', () => {
    const suppressed = { reason: 'not reachable: no multipart parsing', until: '2025-01-01' };
    const all = mergeAliases([
      finding({ id: 'PYSEC-2023-221', suppressed }),
      finding({ id: 'GHSA-hrfv-mqp8-q5rw', aliases: ['PYSEC-2023-221'], suppressed }),
    ]);
    expect(all[0]?.suppressed).toEqual(suppressed);
    const some = mergeAliases([
      finding({ id: 'PYSEC-2023-221', suppressed }),
      finding({ id: 'GHSA-hrfv-mqp8-q5rw', aliases: ['PYSEC-2023-221'] }),
    ]);
    expect(some[0]).not.toHaveProperty('suppressed');
  });

  it('applies the id rule to a lone finding and sorts its aliases', () => {
    expect(mergeAliases([finding({ id: 'CVE-2023-46136', aliases: ['PYSEC-2023-221', 'GHSA-hrfv-mqp8-q5rw'] })])).toEqual([
      finding({ id: 'PYSEC-2023-221', aliases: ['CVE-2023-46136', 'GHSA-hrfv-mqp8-q5rw'] }),
    ]);
  });

  it('returns groups in the order of their first finding; nothing in, nothing out', () => {
    expect(mergeAliases([])).toEqual([]);
    const merged = mergeAliases([
      finding({ id: 'PYSEC-2', aliases: ['CVE-2'] }),
      finding({ id: 'PYSEC-1' }),
      finding({ id: 'GHSA-2', aliases: ['CVE-2'] }),
    ]);
    expect(merged.map((item) => item.id)).toEqual(['PYSEC-2', 'PYSEC-1']);
  });

  it('merges 5,000 findings quickly', () => {
    const many = Array.from({ length: 5000 }, (_, index) =>
      finding({ id: `GHSA-${index % 2500}`, aliases: [`CVE-${index % 2500}`], sources: [index < 2500 ? 'osv' : 'ghsa'] }),
    );
    const started = performance.now();
    const merged = mergeAliases(many);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(merged).toHaveLength(2500);
    expect(merged[0]?.sources).toEqual(['ghsa', 'osv']);
  });
});
