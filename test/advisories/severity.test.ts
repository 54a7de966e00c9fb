import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { VulnerabilityFinding } from '../../src/advisories/finding.js';
import { compareFindings, scoreCvssVector, severityFromScore, severityOf } from '../../src/advisories/severity.js';
import { osvRecordSchema, type OsvRecord } from '../../src/advisories/types.js';
import { advisory, affected, ecosystemRange } from './osv-builders.js';

function record(name: string): OsvRecord {
  return osvRecordSchema.parse(JSON.parse(readFileSync(new URL(`./fixtures/records/${name}`, import.meta.url), 'utf8')));
}

const CRITICAL_V31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const HIGH_V4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

describe('scoreCvssVector', () => {
  it.each([
    [CRITICAL_V31, '3.1', 9.8],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.0', 9.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:N', '3.1', 8.6],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', '3.1', 7.5],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N', '3.1', 5.4],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N', '3.1', 3.1],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', '3.1', 0],
    [HIGH_V4, '4.0', 9.3],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N', '4.0', 5.3],
  ])('%s → v%s %d', (vector, version, score) => {
    expect(scoreCvssVector(vector)).toEqual({ version, score, vector });
  });

  it('scores base metrics only: temporal (v3) and threat (v4) metrics do not lower it', () => {
    expect(scoreCvssVector(`${CRITICAL_V31}/E:U/RL:O/RC:U`)?.score).toBe(9.8);
    expect(scoreCvssVector(`${HIGH_V4}/E:U`)?.score).toBe(9.3);
  });

  it.each([
    ['garbage'],
    [''],
    ['CVSS:3.1/AV:N'],
    ['CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/'],
    ['CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P'],
    ['AV:N/AC:L/Au:N/C:P/I:P/A:P'],
    ['CVSS:4.0/AV:N/AC:L'],
    ['CVSS:3.1/\u0000'],
  ])('rejects %j without throwing', (vector) => {
    expect(scoreCvssVector(vector)).toBeNull();
  });
});

describe('severityFromScore (FIRST qualitative scale)', () => {
  it.each([
    [10, 'critical'],
    [9, 'critical'],
    [8.9, 'high'],
    [7, 'high'],
    [6.9, 'medium'],
    [4, 'medium'],
    [3.9, 'low'],
    [0.1, 'low'],
    [0, 'low'],
  ])('%d → %s', (score, severity) => {
    expect(severityFromScore(score)).toBe(severity);
  });
});

describe('severityOf', () => {
  it('scores a CVSS v3.1 vector: 9.8 is critical', () => {
    const rated = severityOf(advisory([], { severity: [{ type: 'CVSS_V3', score: CRITICAL_V31 }] }));
    expect(rated).toEqual({ severity: 'critical', score: 9.8, vector: CRITICAL_V31 });
  });

  it('prefers the v4 vector over the v3 one (GHSA-h75v-3vvj-5mfj)', () => {
    expect(severityOf(record('GHSA-h75v-3vvj-5mfj-v3-and-v4.json'))).toEqual({
      severity: 'medium',
      score: 5.3,
      vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N',
    });
  });

  it('falls through an invalid vector to the next one, then to the label', () => {
    const invalidV4 = advisory([], {
      severity: [
        { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N' },
        { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' },
      ],
    });
    expect(severityOf(invalidV4)).toMatchObject({ severity: 'high', score: 7.5 });
    const onlyInvalid = advisory([], {
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:X' }],
      database_specific: { severity: 'LOW' },
    });
    expect(severityOf(onlyInvalid)).toEqual({ severity: 'low' });
  });

  it('reads vectors in affected[] and takes the worst of one version', () => {
    const perPackage = advisory([
      affected({ name: 'a', severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N' }] }),
      affected({ name: 'b', severity: [{ type: 'CVSS_V3', score: CRITICAL_V31 }] }),
    ]);
    expect(severityOf(perPackage)).toEqual({ severity: 'critical', score: 9.8, vector: CRITICAL_V31 });
  });

  it("uses GitHub's label without a vector: MODERATE is medium", () => {
    expect(severityOf(record('GHSA-q2x7-8rv6-6q7h-label-only.json'))).toEqual({ severity: 'medium' });
  });

  it.each([
    ['CRITICAL', 'critical'],
    ['HIGH', 'high'],
    ['moderate', 'medium'],
    ['MEDIUM', 'medium'],
    ['LOW', 'low'],
    ['SEVERE', 'unknown'],
    ['', 'unknown'],
  ])('label %j → %s', (label, severity) => {
    expect(severityOf(advisory([], { database_specific: { severity: label } }))).toEqual({ severity });
  });

  it('is unknown with nothing to go on (CVSS v2 is not scored)', () => {
    expect(severityOf(advisory([affected({ ranges: [ecosystemRange({ introduced: '0' })] })]))).toEqual({
      severity: 'unknown',
    });
    expect(
      severityOf(advisory([], { severity: [{ type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' }] })),
    ).toEqual({ severity: 'unknown' });
    expect(severityOf(advisory([], { database_specific: { severity: 3 } }))).toEqual({ severity: 'unknown' });
  });
});

describe('compareFindings', () => {
  function finding(id: string, severity: VulnerabilityFinding['severity'], score?: number): VulnerabilityFinding {
    return {
      id,
      aliases: [],
      package: 'jinja2',
      version: '3.1.2',
      severity,
      ...(score === undefined ? {} : { score }),
      fixedIn: [],
      sources: ['osv'],
    };
  }

  it('orders by severity, then score descending, then id', () => {
    const sorted = [
      finding('PYSEC-5', 'unknown'),
      finding('PYSEC-4', 'medium'),
      finding('PYSEC-3', 'high', 7.5),
      finding('GHSA-2', 'critical', 9.1),
      finding('PYSEC-1', 'high', 8.8),
      finding('CVE-1', 'medium', 5.3),
      finding('PYSEC-0', 'critical', 9.8),
      finding('GHSA-1', 'medium', 5.3),
    ].sort(compareFindings);
    expect(sorted.map((item) => item.id)).toEqual([
      'PYSEC-0',
      'GHSA-2',
      'PYSEC-1',
      'PYSEC-3',
      'CVE-1',
      'GHSA-1',
      'PYSEC-4',
      'PYSEC-5',
    ]);
  });
});
