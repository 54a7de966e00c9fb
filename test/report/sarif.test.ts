import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Log, Result, Run } from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CodeFinding, RuleDoc } from '../../src/code/types.js';
import { execUsed } from '../../src/code/rules/exec-used.js';
import { FINGERPRINT_KEY, GITHUB_SARIF_LIMITS, MAX_NOTIFICATIONS, SARIF_SCHEMA_URI, createSarifReporter, renderSarif } from '../../src/report/sarif.js';
import type { Report, RiskFinding } from '../../src/report/types.js';
import { dependency, finding, monorepoReport, report, sarifSchemaErrors } from './helpers.js';

const SHELL_DOC: RuleDoc & { helpUri: string } = {
  id: 'python.subprocess-shell-true',
  banditId: 'B602',
  name: 'subprocess call with shell=True',
  help: 'A shell parses the command: **never** pass outside input. See [the docs](https://docs.python.org/3/library/subprocess.html).',
  cwe: 78,
  helpUri: 'https://bandit.readthedocs.io/en/latest/plugins/b602_subprocess_popen_with_shell_equals_true.html',
};
const DOCS = [execUsed.doc, SHELL_DOC];

function code(overrides: Partial<CodeFinding> = {}): CodeFinding {
  return { ruleId: 'python.exec-used', banditId: 'B102', path: 'app/main.py', line: 10, column: 5, severity: 'medium', confidence: 'high', cwe: 78, message: 'Use of exec detected.', ...overrides };
}

function render(input: Report, docs: readonly RuleDoc[] = DOCS, options = {}): { log: Log; run: Run; results: Result[]; text: string } {
  const text = renderSarif(input, docs, options);
  const log = JSON.parse(text) as Log;
  const run = log.runs[0] as Run;
  return { log, run, results: run.results ?? [], text };
}

function rule(run: Run, id: string) {
  return run.tool.driver.rules?.find((r) => r.id === id);
}

describe('SARIF reporter on the monorepo fixture (offline advisory database)', () => {
  let audit: Report;
  let output: ReturnType<typeof render>;

  beforeAll(async () => {
    audit = await monorepoReport();
    output = render(audit);
  });

  it('is a valid SARIF 2.1.0 log with one pipwarden run', () => {
    expect(sarifSchemaErrors(output.log)).toEqual([]);
    expect(output.log.$schema).toBe(SARIF_SCHEMA_URI);
    expect(output.log.version).toBe('2.1.0');
    expect(output.log.runs).toHaveLength(1);
    expect(output.run.tool.driver).toMatchObject({ name: 'pipwarden', version: audit.tool.version, informationUri: 'https://github.com/pipwarden/pipwarden' });
  });

  it('puts each vulnerability on the line that declares the dependency, the suppressed one marked', () => {
    const advisoryResults = output.results.filter((r) => !r.ruleId?.startsWith('risk.') && !r.ruleId?.startsWith('python.') && !r.ruleId?.startsWith('secret.'));
    expect(
      advisoryResults.map((r) => [r.ruleId, r.level, r.locations?.[0]?.physicalLocation?.artifactLocation?.uri, r.locations?.[0]?.physicalLocation?.region, r.suppressions]),
    ).toEqual([
      ['GHSA-w3h3-4rj7-4ph4', 'error', 'requirements.txt', { startLine: 8, endLine: 8 }, [{ kind: 'external', justification: 'gunicorn sits behind a proxy that normalises requests' }]],
      ['PYSEC-2024-28', 'error', 'requirements.txt', { startLine: 6, endLine: 7 }, undefined],
      ['GHSA-9wx4-h78v-vm56', 'warning', 'requirements/base.txt', { startLine: 1, endLine: 1 }, undefined],
    ]);
    const gunicorn = advisoryResults[0];
    expect(gunicorn?.relatedLocations).toEqual([
      { id: 1, physicalLocation: { artifactLocation: { uri: 'constraints.txt', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, endLine: 1 } }, message: { text: 'Also declared here.' } },
    ]);
    expect(advisoryResults[2]?.message.text).toContain('Its suppression no longer applies: it expired on 2026-06-30');
  });

  it('documents each advisory as a rule: summary, fixed versions, link, CVSS score as security-severity', () => {
    const django = rule(output.run, 'PYSEC-2024-28');
    expect(django).toMatchObject({
      name: 'VulnerableDependency',
      helpUri: 'https://osv.dev/vulnerability/PYSEC-2024-28',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'vulnerability', 'dependency'], 'security-severity': '7.5' },
    });
    expect(django?.help?.text).toContain('Fixed in: 3.2.24, 4.2.10, 5.0.2.');
    expect(django?.help?.text).toContain('Aliases: CVE-2024-24680, GHSA-xxj9-f6rv-m3x4.');
    expect(django?.help?.markdown).toContain('- Details: [PYSEC-2024-28](https://osv.dev/vulnerability/PYSEC-2024-28)');
    expect(rule(output.run, 'GHSA-9wx4-h78v-vm56')?.properties?.['security-severity']).toBe('5.6');
    expect(output.run.tool.driver.rules?.map((r) => r.id).filter((id) => !id.startsWith('risk.'))).toEqual(['GHSA-9wx4-h78v-vm56', 'GHSA-w3h3-4rj7-4ph4', 'PYSEC-2024-28']);
    for (const result of output.results) expect(output.run.tool.driver.rules?.[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
  });

  it('lists the broken manifest as a warning notification at its line', () => {
    const notifications = output.run.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(output.run.invocations?.[0]?.executionSuccessful).toBe(true);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ level: 'warning', locations: [{ physicalLocation: { artifactLocation: { uri: 'broken/pyproject.toml' } } }] });
    expect(notifications[0]?.locations?.[0]?.physicalLocation?.region?.startLine).toBeGreaterThanOrEqual(5);
  });

  it('renders the same bytes every time', () => {
    expect(renderSarif(audit, DOCS)).toBe(output.text);
    expect(createSarifReporter(DOCS).name).toBe('sarif');
    expect(createSarifReporter(DOCS).render(audit)).toBe(output.text);
  });
});

describe('SARIF code findings', () => {
  it('maps severity to level and the finding to a region', () => {
    const { log, results } = render(
      report({
        codeFindings: [
          code({ severity: 'high', line: 3, column: 1, endLine: 5 }),
          code({ severity: 'medium', line: 10 }),
          code({ severity: 'low', line: 20, column: undefined }),
        ],
      }),
    );
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(results.map((r) => [r.level, r.locations?.[0]?.physicalLocation?.region])).toEqual([
      ['error', { startLine: 3, endLine: 5, startColumn: 1 }],
      ['warning', { startLine: 10, endLine: 10, startColumn: 5 }],
      ['note', { startLine: 20, endLine: 20 }],
    ]);
    expect(results[0]).toMatchObject({
      ruleId: 'python.exec-used',
      message: { text: 'Use of exec detected.' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'app/main.py', uriBaseId: '%SRCROOT%' } } }],
      properties: { severity: 'high', confidence: 'high', banditId: 'B102', cwe: 'CWE-78' },
    });
  });

  it('describes the rule from its documentation, with the highest level and score among its results', () => {
    const { run } = render(report({ codeFindings: [code({ severity: 'low' }), code({ severity: 'high', line: 30 })] }));
    expect(run.tool.driver.rules).toEqual([
      {
        id: 'python.exec-used',
        name: 'UseOfExec',
        shortDescription: { text: 'Use of exec' },
        fullDescription: { text: expect.stringMatching(/^exec\(\) runs a string as Python code\./) },
        help: {
          text: expect.stringContaining('Equivalent bandit test: B102'),
          markdown: expect.stringContaining('- Weakness: [CWE-78](https://cwe.mitre.org/data/definitions/78.html)'),
        },
        defaultConfiguration: { level: 'error' },
        properties: { tags: ['security', 'python', 'external/cwe/cwe-078'], precision: 'high', 'security-severity': '8.0' },
      },
    ]);
  });

  it('scores code severities as GitHub ranks them: high 8.0, medium 5.5, low 3.0', () => {
    const scores = (['high', 'medium', 'low'] as const).map((severity) => {
      const { run } = render(report({ codeFindings: [code({ severity })] }));
      return run.tool.driver.rules?.[0]?.properties?.['security-severity'];
    });
    expect(scores).toEqual(['8.0', '5.5', '3.0']);
  });

  it('keeps helpUri from the doc and turns help Markdown into plain text for `text`', () => {
    const { run } = render(report({ codeFindings: [code({ ruleId: SHELL_DOC.id, banditId: 'B602', severity: 'high' })] }));
    const shell = rule(run, SHELL_DOC.id);
    expect(shell?.helpUri).toBe(SHELL_DOC.helpUri);
    expect(shell?.name).toBe('SubprocessCallWithShellTrue');
    expect(shell?.help?.text).toContain('A shell parses the command: never pass outside input. See the docs (https://docs.python.org/3/library/subprocess.html).');
    expect(shell?.help?.markdown).toContain('**never**');
  });

  it('generates a minimal doc for a rule without documentation', () => {
    const { log, run } = render(report({ codeFindings: [code({ ruleId: 'secret.aws-access-key', banditId: undefined, cwe: 798, severity: 'high', confidence: 'medium' })] }), []);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(rule(run, 'secret.aws-access-key')).toMatchObject({
      name: 'PipwardenCodeRuleSecretAwsAccessKey',
      shortDescription: { text: 'pipwarden code rule secret.aws-access-key' },
      help: { text: expect.stringContaining('flagged this code') },
      properties: { tags: ['security', 'python', 'external/cwe/cwe-798'], precision: 'medium', 'security-severity': '8.0' },
    });
  });

  it('fingerprints without the line, so an alert follows its code, and tells identical findings apart', () => {
    const before = render(report({ codeFindings: [code({ line: 10 }), code({ line: 40 }), code({ path: 'app/other.py', line: 10 })] })).results;
    const after = render(report({ codeFindings: [code({ line: 12 }), code({ line: 42 }), code({ path: 'app/other.py', line: 99 })] })).results;
    const prints = (results: Result[]) => results.map((r) => r.partialFingerprints?.[FINGERPRINT_KEY]);
    expect(prints(after)).toEqual(prints(before));
    expect(new Set(prints(before)).size).toBe(3);
    for (const print of prints(before)) expect(print).toMatch(/^[0-9a-f]{32}$/);
  });

  it('writes paths as URI references: spaces, #, ?, % and non-ASCII are encoded', () => {
    const { log, results } = render(report({ codeFindings: [code({ path: 'my app/ü#1?/100%.py' }), code({ path: './scripts/c:d.py' })] }));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(results.map((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri).sort()).toEqual(['my%20app/%C3%BC%231%3F/100%25.py', 'scripts/c%3Ad.py']);
  });
});

describe('SARIF vulnerabilities', () => {
  const deps = [
    dependency('flask', '2.0.0', { locations: [{ path: 'requirements.in', startLine: 3, endLine: 3 }, { path: 'requirements.txt', startLine: 14, endLine: 16 }] }),
    dependency('jinja2', '3.0.0', { direct: false, locations: [{ path: 'requirements.txt', startLine: 20, endLine: 20 }] }),
    dependency('urllib3', '1.26.0', { locations: [{ path: 'requirements.txt', startLine: 30, endLine: 30 }] }),
  ];

  it('uses the CVSS score when known and the label otherwise; unknown severity has no score', () => {
    const { log, run, results } = render(
      report({
        dependencies: deps,
        vulnerabilities: [
          finding('GHSA-aaaa-bbbb-cccc', 'flask', '2.0.0', { severity: 'critical', score: 9.8 }),
          finding('PYSEC-2023-1', 'jinja2', '3.0.0', { severity: 'low', score: undefined, vector: undefined }),
          finding('OSV-2024-7', 'urllib3', '1.26.0', { severity: 'unknown', score: undefined, vector: undefined, fixedIn: [] }),
        ],
      }),
    );
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ['GHSA-aaaa-bbbb-cccc', 'error'],
      ['OSV-2024-7', 'warning'],
      ['PYSEC-2023-1', 'note'],
    ]);
    expect(rule(run, 'GHSA-aaaa-bbbb-cccc')?.properties?.['security-severity']).toBe('9.8');
    expect(rule(run, 'PYSEC-2023-1')?.properties?.['security-severity']).toBe('3.0');
    expect(rule(run, 'OSV-2024-7')?.properties?.['security-severity']).toBeUndefined();
    expect(rule(run, 'OSV-2024-7')?.help?.text).toContain('No fixed version is known yet.');
    expect(results[1]?.message.text).toBe('urllib3 1.26.0 is affected by OSV-2024-7: urllib3 has a flaw. No fixed version is known yet.');
  });

  it('places a finding on the first declaration and lists the others as related locations', () => {
    const { results } = render(report({ dependencies: deps, vulnerabilities: [finding('GHSA-aaaa-bbbb-cccc', 'Flask', '2.0')] }));
    expect(results[0]?.locations?.[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'requirements.in', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, endLine: 3 } });
    expect(results[0]?.relatedLocations?.[0]?.physicalLocation?.region).toEqual({ startLine: 14, endLine: 16 });
  });

  it('keeps a suppressed finding with an external suppression and its justification', () => {
    const { log, results } = render(
      report({
        dependencies: deps,
        vulnerabilities: [finding('GHSA-aaaa-bbbb-cccc', 'flask', '2.0.0', { suppressed: { reason: 'not reachable', until: '2027-01-31' } })],
      }),
    );
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(results[0]?.suppressions).toEqual([{ kind: 'external', justification: 'not reachable (until 2027-01-31)' }]);
  });

  it('escapes advisory text in help Markdown', () => {
    const { run } = render(report({ dependencies: deps, vulnerabilities: [finding('GHSA-aaaa-bbbb-cccc', 'flask', '2.0.0', { summary: 'XSS via <script> and [link](javascript:alert(1))' })] }));
    expect(rule(run, 'GHSA-aaaa-bbbb-cccc')?.help?.markdown).toContain('XSS via \\<script\\> and \\[link\\](javascript:alert(1))');
  });

  it('still reports a finding whose dependency is not in the inventory, without a location', () => {
    const { log, results } = render(report({ vulnerabilities: [finding('GHSA-aaaa-bbbb-cccc', 'ghost', '1.0')] }));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(results[0]?.locations).toBeUndefined();
  });
});

describe('SARIF supply-chain risks', () => {
  it('reports risks that have a location as `risk.<kind>` results, and skips the others', () => {
    const risks: RiskFinding[] = [
      { package: 'reqeusts', kind: 'typosquat', severity: 'critical', message: 'reqeusts looks like requests', locations: [{ path: 'requirements.txt', startLine: 4, endLine: 4 }] },
      { package: 'six', kind: 'unmaintained', severity: 'info', message: 'six has had no release in 3 years', locations: [{ path: 'requirements.txt', startLine: 9, endLine: 9 }] },
      { kind: 'extra-index-url', severity: 'high', message: 'an extra index can shadow PyPI packages' },
    ];
    const { log, run, results } = render(report({ risks }), [{ id: 'risk.typosquat', name: 'Possible typosquat', help: 'The name is one edit away from a popular package.' }]);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(results.map((r) => [r.ruleId, r.level, r.locations?.[0]?.physicalLocation?.region?.startLine])).toEqual([
      ['risk.typosquat', 'error', 4],
      ['risk.unmaintained', 'note', 9],
    ]);
    expect(rule(run, 'risk.typosquat')).toMatchObject({ shortDescription: { text: 'Possible typosquat' }, properties: { 'security-severity': '9.5', tags: ['security', 'supply-chain', 'typosquat'] } });
    expect(rule(run, 'risk.unmaintained')).toMatchObject({ shortDescription: { text: 'Supply-chain risk: unmaintained' }, defaultConfiguration: { level: 'note' } });
    expect(rule(run, 'risk.unmaintained')?.properties?.['security-severity']).toBeUndefined();
  });
});

describe('SARIF run state and notifications', () => {
  it('marks the run unsuccessful and lists the error when an advisory source failed', () => {
    const failed = report({ errors: [{ message: 'advisory source osv failed: HTTP 503' }] });
    failed.summary.vulnerabilitiesChecked = false;
    const { log, run } = render(failed);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(run.invocations).toEqual([{ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'advisory source osv failed: HTTP 503' } }] }]);
  });

  it('an empty report is a valid log with no results and no rules', () => {
    const { log, run } = render(report());
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(run.results).toEqual([]);
    expect(run.tool.driver.rules).toEqual([]);
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
  });
});

describe('SARIF upload limits', () => {
  it('keeps the most severe results within maxResults and says how many it left out', () => {
    const findings = [code({ severity: 'low', line: 1 }), code({ severity: 'high', line: 2, ruleId: SHELL_DOC.id }), code({ severity: 'medium', line: 3 }), code({ severity: 'low', line: 4 })];
    const { log, run, results } = render(report({ codeFindings: findings }), DOCS, { maxResults: 2 });
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      [SHELL_DOC.id, 'error'],
      ['python.exec-used', 'warning'],
    ]);
    // Rules are those of the kept results; python.exec-used only from its medium finding.
    expect(run.tool.driver.rules?.map((r) => [r.id, r.defaultConfiguration?.level])).toEqual([
      ['python.exec-used', 'warning'],
      [SHELL_DOC.id, 'error'],
    ]);
    expect(run.invocations?.[0]?.toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: 'warning', descriptor: { id: 'pipwarden.results-truncated' }, properties: { omittedResults: 2, totalResults: 4 } }),
    ]);
    expect(run.invocations?.[0]?.toolExecutionNotifications?.[0]?.message.text).toMatch(/^pipwarden left out 2 of 4 results/);
  });

  it(`never writes more than GitHub's ${GITHUB_SARIF_LIMITS.resultsPerRun} results per run`, () => {
    const findings = Array.from({ length: GITHUB_SARIF_LIMITS.resultsPerRun + 1 }, (_, i) => code({ line: i + 1, severity: i === 0 ? 'low' : 'high' }));
    const { results, run } = render(report({ codeFindings: findings }));
    expect(results).toHaveLength(GITHUB_SARIF_LIMITS.resultsPerRun);
    expect(results.every((r) => r.level === 'error')).toBe(true);
    expect(run.invocations?.[0]?.toolExecutionNotifications?.[0]?.properties).toEqual({ omittedResults: 1, totalResults: 25_001 });
  });

  it('shrinks the log until its gzip-compressed size fits', () => {
    // Random-looking messages compress poorly: 2,000 results of 512 hex digits each.
    const noise = (i: number) => Array.from({ length: 8 }, (_, k) => createHash('sha256').update(`${i}:${k}`).digest('hex')).join('');
    const findings = Array.from({ length: 2000 }, (_, i) => code({ line: i + 1, message: `finding ${i} ${noise(i)}` }));
    const limit = 40_000;
    const text = renderSarif(report({ codeFindings: findings }), DOCS, { maxGzipBytes: limit });
    expect(gzipSync(text).length).toBeLessThanOrEqual(limit);
    const log = JSON.parse(gunzipSync(gzipSync(text)).toString('utf8')) as Log;
    expect(sarifSchemaErrors(log)).toEqual([]);
    const kept = log.runs[0]?.results?.length ?? 0;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(2000);
    expect(log.runs[0]?.invocations?.[0]?.toolExecutionNotifications?.[0]?.properties).toEqual({ omittedResults: 2000 - kept, totalResults: 2000 });
  });
});

describe('SARIF on hostile input', () => {
  it('bounds a huge message and still validates', () => {
    const { log, results } = render(report({ codeFindings: [code({ message: `x${'\u0000\uffff'.repeat(600_000)}` })] }));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(results[0]?.message.text?.length).toBe(2000);
  });

  it('bounds the notifications of a file with a huge number of problems', () => {
    const errors = Array.from({ length: 100_000 }, (_, i) => ({ path: 'requirements.txt', line: i + 1, message: `bad line ${i + 1}` }));
    const { log, run } = render(report({ manifests: [{ path: 'requirements.txt', kind: 'requirements', errors, requirementCount: 0 }] }));
    expect(sarifSchemaErrors(log)).toEqual([]);
    const notifications = run.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notifications).toHaveLength(MAX_NOTIFICATIONS + 1);
    expect(notifications.at(-1)?.message.text).toBe('99000 more problems are listed in the JSON report.');
  });

  it('survives nonsense line numbers and binary garbage in paths and messages', () => {
    const garbage = '\u0000\u0001\ud800PK\u0003\u0004';
    const { log, results } = render(
      report({
        codeFindings: [code({ path: garbage, message: garbage, line: 0, column: 0, endLine: -1 })],
        dependencies: [dependency('x', '1', { locations: [{ path: garbage, startLine: 0, endLine: -3 }] })],
        vulnerabilities: [finding('X-1', 'x', '1', { summary: garbage, references: [garbage, 'https://ok.example/a b'] })],
      }),
    );
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(results.map((r) => r.locations?.[0]?.physicalLocation?.region)).toEqual([
      { startLine: 1, endLine: 1 },
      { startLine: 1, endLine: 1 },
    ]);
  });

  it('drops a helpUri that is not an absolute URI and never repeats a tag', () => {
    const risks: RiskFinding[] = [{ kind: 'security', severity: 'low', message: 'odd kind', locations: [{ path: 'Pipfile', startLine: 2, endLine: 2 }] }];
    const docs = [{ id: 'risk.security', name: 'Odd', help: 'Odd.', helpUri: 'not a uri' }, { ...SHELL_DOC, helpUri: 'relative/page.html' }];
    const { log, run } = render(report({ risks, codeFindings: [code({ ruleId: SHELL_DOC.id })] }), docs);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(rule(run, 'risk.security')?.properties?.tags).toEqual(['security', 'supply-chain']);
    expect(rule(run, 'risk.security')?.helpUri).toBeUndefined();
    expect(rule(run, SHELL_DOC.id)?.helpUri).toBeUndefined();
  });
});
