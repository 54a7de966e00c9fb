import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { annotationsFromReport, MAX_ANNOTATIONS } from '../../src/github/annotations.js';
import { checkRunOutput, checkRunSummary, configErrorCheckRun } from '../../src/github/check-summary.js';
import { byteLength, CHECK_RUN_TEXT_LIMIT } from '../../src/github/truncate.js';
import type { Report } from '../../src/report/types.js';
import { reportSchemaErrors } from '../helpers/report-schema.js';

/** A real audit of test/fixtures/monorepo (the CLI, offline): three vulnerabilities, one suppressed. */
function auditReport(): Report {
  return JSON.parse(readFileSync(new URL('./fixtures/report-monorepo-audit.json', import.meta.url), 'utf8')) as Report;
}

/** The same audit with license, risk and code findings added. */
function fullReport(): Report {
  const extra = JSON.parse(readFileSync(new URL('./fixtures/findings-licenses-risks-code.json', import.meta.url), 'utf8')) as Pick<Report, 'licenses' | 'risks' | 'codeFindings'>;
  return { ...auditReport(), ...extra };
}

describe('the fixtures', () => {
  it('are reports the contract accepts', () => {
    expect(reportSchemaErrors(auditReport())).toEqual([]);
    expect(reportSchemaErrors(fullReport())).toEqual([]);
  });
});

describe('annotationsFromReport', () => {
  it('annotates each vulnerable dependency at each of its declarations, skipping suppressed findings', () => {
    const { annotations, omitted } = annotationsFromReport(auditReport(), { failOn: 'high' });
    expect(omitted).toBe(0);
    const summary = annotations.map((a) => [a.annotation_level, a.path, a.start_line, a.end_line, a.title]);
    expect(summary).toEqual([
      ['failure', 'requirements.txt', 6, 7, 'django 4.2.7 has a known vulnerability (high)'],
      ['warning', 'broken/pyproject.toml', 5, 5, 'pipwarden could not read this'],
      ['warning', 'requirements/base.txt', 1, 1, 'requests 2.31.0 has a known vulnerability (medium)'],
      ['notice', 'legacy/setup.py', 4, 4, 'click >=8.0 allows a vulnerable version'],
    ]);
    // gunicorn's advisory is suppressed: no annotation on requirements.txt:8 or constraints.txt:1.
    expect(annotations.some((a) => a.message.includes('gunicorn'))).toBe(false);
  });

  it('says which advisories, how severe, and which versions fix them', () => {
    const [django] = annotationsFromReport(auditReport(), { failOn: 'high' }).annotations;
    expect(django?.message).toBe(
      'django 4.2.7:\n- PYSEC-2024-28, CVE-2024-24680, GHSA-xxj9-f6rv-m3x4: high (CVSS 7.5). ' +
        `${auditReport().vulnerabilities[1]?.summary?.trim()} Fixed in 3.2.24, 4.2.10, 5.0.2.`,
    );
  });

  it('makes findings below failOn warnings', () => {
    const { annotations } = annotationsFromReport(auditReport(), { failOn: 'critical' });
    expect(annotations.filter((a) => a.annotation_level === 'failure')).toEqual([]);
    expect(annotations.find((a) => a.path === 'requirements.txt')?.annotation_level).toBe('warning');
  });

  it('annotates license violations, license warnings, located risks and code findings, ranked worst first', () => {
    const { annotations } = annotationsFromReport(fullReport(), { failOn: 'high' });
    expect(annotations.map((a) => [a.annotation_level, a.title, `${a.path}:${a.start_line}`])).toEqual([
      ['failure', 'django 4.2.7 has a known vulnerability (high)', 'requirements.txt:6'],
      ['failure', 'requests 2.31.0: AGPL-3.0-only breaks the license policy', 'requirements/base.txt:1'],
      ['warning', 'Supply-chain risk (typosquat): reqeusts', 'requirements/base.txt:3'],
      ['warning', 'internal-lib: an unknown license needs a look', 'requirements.txt:9'],
      ['warning', 'python.subprocess-shell-true (B602)', 'services/api/app.py:12'],
      ['warning', 'pipwarden could not read this', 'broken/pyproject.toml:5'],
      ['warning', 'requests 2.31.0 has a known vulnerability (medium)', 'requirements/base.txt:1'],
      ['notice', 'Supply-chain risk (unpinned): internal-lib', 'requirements.txt:9'],
      ['notice', 'python.assert-used (B101)', 'services/api/app.py:20'],
      ['notice', 'click >=8.0 allows a vulnerable version', 'legacy/setup.py:4'],
    ]);
    const license = annotations[1];
    expect(license?.message).toBe('AGPL-3.0-only is network copyleft, which the policy denies (rule category:network-copyleft)');
    expect(license?.raw_details).toBe('Declared: License :: OSI Approved :: GNU Affero General Public License v3');
    expect(annotations[4]?.message).toBe('subprocess call with shell=True Severity high, confidence high. CWE-78.');
  });

  it('keeps only the levels asked for', () => {
    const { annotations } = annotationsFromReport(fullReport(), { failOn: 'high', minimumLevel: 'failure' });
    expect(annotations.map((a) => a.annotation_level)).toEqual(['failure', 'failure']);
  });

  it('caps the annotations (1,000 by default) and counts the rest', () => {
    const report = fullReport();
    report.codeFindings = Array.from({ length: 1_500 }, (_, i) => ({
      ruleId: 'python.assert-used',
      path: `pkg/m${i}.py`,
      line: i + 1,
      severity: 'low' as const,
      confidence: 'high' as const,
      message: 'assert is removed when Python runs with -O',
    }));
    const { annotations, omitted } = annotationsFromReport(report, { failOn: 'high' });
    expect(annotations).toHaveLength(MAX_ANNOTATIONS);
    // 8 annotations of the other findings, plus 1,500 code findings.
    expect(omitted).toBe(1_500 + 8 - MAX_ANNOTATIONS);
    // The worst survive the cap.
    expect(annotations[0]?.title).toBe('django 4.2.7 has a known vulnerability (high)');
    expect(annotationsFromReport(report, { failOn: 'high', maxAnnotations: 5 }).omitted).toBe(1_500 + 8 - 5);
  });

  it('keeps GitHub limits on hostile text: 64 KB messages, 255-character titles, sane line ranges', () => {
    const report = auditReport();
    const vulnerable = report.vulnerabilities[1];
    if (!vulnerable) throw new Error('fixture changed');
    vulnerable.summary = `${'é'.repeat(100_000)}\n\0`;
    vulnerable.package = 'django';
    report.dependencies = report.dependencies.map((d) =>
      d.name === 'django' ? { ...d, locations: [{ path: 'requirements.txt', startLine: 0, endLine: -3 }] } : d,
    );
    report.risks = [{ kind: 'x'.repeat(1_000), severity: 'high', message: 'm', locations: [{ path: 'a.txt', startLine: 3, endLine: 1 }] }];
    const { annotations } = annotationsFromReport(report, { failOn: 'high' });
    const django = annotations.find((a) => a.path === 'requirements.txt');
    expect(byteLength(django?.message ?? '')).toBeLessThanOrEqual(64 * 1024);
    expect(django?.message.endsWith('…')).toBe(true);
    expect([django?.start_line, django?.end_line]).toEqual([1, 1]);
    const risk = annotations.find((a) => a.path === 'a.txt');
    expect(risk?.title?.length).toBeLessThanOrEqual(255);
    expect([risk?.start_line, risk?.end_line]).toEqual([3, 3]);
  });
});

describe('checkRunSummary', () => {
  it('fails on a vulnerability at or above failOn, with a ranked summary and the full report as text', () => {
    const result = checkRunSummary(auditReport(), { failOn: 'high' });
    expect(result.conclusion).toBe('failure');
    expect(result.title).toBe('1 vulnerability at or above high');
    expect(result.summary).toContain('**pipwarden: failed**');
    expect(result.summary).toContain('Vulnerabilities: 1 high, 1 medium; 1 suppressed. 1 at or above `high`.');
    const rows = result.summary.split('\n').filter((l) => l.startsWith('| high') || l.startsWith('| medium'));
    expect(rows).toEqual([
      '| high ❌ | django | 4.2.7 | PYSEC-2024-28, CVE-2024-24680, GHSA-xxj9-f6rv-m3x4 | 3.2.24, 4.2.10, 5.0.2 | requirements.txt:6 |',
      '| medium | requests | 2.31.0 | GHSA-9wx4-h78v-vm56, CVE-2024-35195 | 2.32.0 | requirements/base.txt:1 |',
    ]);
    expect(result.summary).toContain('- `broken/pyproject.toml:5`: invalid TOML: control characters are not allowed in strings');
    expect(result.text).toMatch(/^# pipwarden audit of /);
  });

  it('passes when nothing reaches failOn, and says what is below', () => {
    const result = checkRunSummary(auditReport(), { failOn: 'critical' });
    expect(result.conclusion).toBe('success');
    expect(result.title).toBe('No vulnerabilities at or above critical (2 below)');
    expect(result.summary).toContain('**pipwarden: passed**');
  });

  it('fails when an advisory source failed, even with no finding: nothing is claimed clean', () => {
    const report = auditReport();
    report.vulnerabilities = [];
    report.summary.vulnerabilitiesChecked = false;
    report.errors = [{ message: 'advisory source osv failed: GET https://api.osv.dev/v1/querybatch: HTTP 503' }];
    const result = checkRunSummary(report, { failOn: 'high' });
    expect(result.conclusion).toBe('failure');
    expect(result.title).toBe('Vulnerabilities not checked: an advisory source failed');
    expect(result.summary).toContain('**Vulnerabilities could not be fully checked**');
    expect(result.summary).toContain('- advisory source osv failed: GET https://api.osv.dev/v1/querybatch: HTTP 503');
  });

  it('fails on a license violation and lists it', () => {
    const result = checkRunSummary(fullReport(), { failOn: 'critical' });
    expect(result.conclusion).toBe('failure');
    expect(result.title).toBe('1 license violation');
    expect(result.summary).toContain('- requests 2.31.0: AGPL-3.0-only: AGPL-3.0-only is network copyleft, which the policy denies');
    expect(result.summary).toContain('- critical: reqeusts: reqeusts looks like a typo of requests (typosquat)');
    expect(result.summary).toContain('- `python.subprocess-shell-true`: 1');
  });

  it('says no known vulnerabilities on a clean report', () => {
    const report = auditReport();
    report.vulnerabilities = [];
    report.summary.vulnerabilities = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
    report.summary.suppressed = 0;
    expect(checkRunSummary(report, { failOn: 'low' })).toMatchObject({ conclusion: 'success', title: 'No known vulnerabilities' });
  });

  it('keeps summary and text within 65,535 characters on a huge report, cut at a line with a note', () => {
    const report = auditReport();
    const template = report.vulnerabilities[1];
    if (!template) throw new Error('fixture changed');
    report.vulnerabilities = Array.from({ length: 3_000 }, (_, i) => ({ ...template, id: `PYSEC-2024-${i}`, summary: 'x'.repeat(200) }));
    report.dependencies = Array.from({ length: 100_000 }, (_, i) => ({
      name: `pkg-${i}`,
      version: '1.0',
      specifier: '==1.0',
      direct: true,
      groups: ['main'],
      manifests: ['requirements.txt'],
      locations: [{ path: 'requirements.txt', startLine: i + 1, endLine: i + 1 }],
    }));
    report.codeFindings = Array.from({ length: 1_200 }, (_, i) => ({ ruleId: `rule-${i}`, path: 'a.py', line: 1, severity: 'low' as const, confidence: 'low' as const, message: 'm' }));
    const started = Date.now();
    const output = checkRunOutput(report, { failOn: 'high' });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(byteLength(output.summary)).toBeLessThanOrEqual(CHECK_RUN_TEXT_LIMIT);
    expect(byteLength(output.text)).toBeLessThanOrEqual(CHECK_RUN_TEXT_LIMIT);
    expect(output.text).toMatch(/\n\n… \d+ more lines, see the full report$/);
    expect(output.summary).toContain('… and 2950 more in the full report.');
    expect(output.summary).toMatch(/_1000 annotations are attached, worst first; \d+ more were left out/);
    expect(output.annotations).toHaveLength(1_000);
  });
});

describe('configErrorCheckRun', () => {
  it('fails with each key, its message and its line, annotated on the configuration', () => {
    const output = configErrorCheckRun([
      { message: 'failOn: Invalid option: expected one of "critical"|"high"|"medium"|"low"|"unknown"', path: '.github/pipwarden.yml', line: 1 },
      { message: 'unknown key "ignored"', path: '.github/pipwarden.yml', line: 4 },
    ]);
    expect(output.conclusion).toBe('failure');
    expect(output.title).toBe('Invalid .github/pipwarden.yml: 2 problems');
    expect(output.summary).toContain('- `.github/pipwarden.yml:4`: unknown key "ignored"');
    expect(output.annotations).toEqual([
      {
        path: '.github/pipwarden.yml',
        start_line: 1,
        end_line: 1,
        annotation_level: 'failure',
        title: 'Invalid pipwarden configuration',
        message: 'failOn: Invalid option: expected one of "critical"|"high"|"medium"|"low"|"unknown"',
      },
      {
        path: '.github/pipwarden.yml',
        start_line: 4,
        end_line: 4,
        annotation_level: 'failure',
        title: 'Invalid pipwarden configuration',
        message: 'unknown key "ignored"',
      },
    ]);
  });

  it('still explains itself with no problem listed or no line known', () => {
    expect(configErrorCheckRun([]).annotations[0]).toMatchObject({ path: '.github/pipwarden.yml', start_line: 1 });
    expect(configErrorCheckRun([{ message: 'invalid YAML: bad indentation' }]).summary).toContain('- `.github/pipwarden.yml`: invalid YAML: bad indentation');
  });
});
