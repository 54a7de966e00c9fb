import { describe, expect, it } from 'vitest';
import { markdownReporter } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/types.js';

function report(overrides: Partial<Report>): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'pipwarden', version: '0.0.0' },
    generatedAt: '2026-11-29T00:00:00.000Z',
    root: 'demo',
    projects: [],
    manifests: [],
    dependencies: [],
    vulnerabilities: [],
    potentialVulnerabilities: [],
    excludedByMarkers: [],
    advisorySources: ['osv'],
    licenses: [],
    risks: [],
    codeFindings: [],
    remediation: { groups: [], unfixable: [] },
    summary: { projects: 0, manifests: 0, dependencies: 0, direct: 0, transitive: 0, unpinned: 0, vulnerabilities: { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 }, suppressed: 0, vulnerabilitiesChecked: true, potential: 0, problems: 0, licenseViolations: 0, risks: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, codeFindings: { high: 0, medium: 0, low: 0 } },
    errors: [],
    ...overrides,
  };
}

describe('markdownReporter', () => {
  it('never calls an incomplete audit clean', () => {
    const checked = markdownReporter.render(report({}));
    expect(checked).toContain('No known vulnerabilities.');
    const failed = report({ errors: [{ message: 'advisory source osv failed: HTTP 503' }] });
    failed.summary.vulnerabilitiesChecked = false;
    const text = markdownReporter.render(failed);
    expect(text).toContain('**Vulnerabilities could not be fully checked**');
    expect(text).not.toContain('No known vulnerabilities.');
    expect(text).toContain('- advisory source osv failed: HTTP 503');
  });

  it('explains dependencies left out because their markers never hold', () => {
    const text = markdownReporter.render(
      report({
        excludedByMarkers: [{ package: 'importlib-metadata', version: '4.0', markers: 'python_version < "3.8"', requiresPython: '>=3.10', ids: ['PYSEC-3'], reason: 'never installed: its markers (python_version < "3.8") cannot hold for requires-python >=3.10' }],
      }),
    );
    expect(text).toContain('## Not installed for this project');
    expect(text).toContain('- importlib-metadata 4.0: PYSEC-3 not reported; never installed: its markers (python\\_version \\< "3.8") cannot hold for requires-python \\>=3.10');
  });

  it('escapes table-breaking characters in user text', () => {
    const text = markdownReporter.render(
      report({
        vulnerabilities: [{ id: 'X|1', aliases: [], package: 'a', version: '1', severity: 'low', fixedIn: [], sources: ['osv'], summary: 'pipe | and <script>' }],
      }),
    );
    expect(text).toContain('| low | a | 1 | X\\|1 | none | pipe \\| and \\<script\\> |');
  });
});
