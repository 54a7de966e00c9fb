import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { licenseConfigSchema } from '../../src/licenses/config.js';
import {
  desiredLicenseIssues,
  readLicenseMarkers,
  reconcileLicenseIssues,
  type DesiredLicenseIssue,
  type ExistingLicenseIssue,
  type LicenseIssueAction,
} from '../../src/licenses/issues.js';
import type { LicenseEntry } from '../../src/report/types.js';
import { dependency } from './helpers.js';

const gplViolation = { rule: 'category:strong-copyleft', message: "gpl-lib 3.1.0 is licensed GPL-3.0-only, which is a strong copyleft license, and strong copyleft licenses are denied because this project's own license, MIT, is permissive. It is not a direct dependency: report-kit brings it in." };

const entries: LicenseEntry[] = [
  { package: 'cryptography', version: '44.0.0', expression: 'Apache-2.0 OR BSD-3-Clause', category: 'permissive' },
  { package: 'gpl-lib', version: '3.1.0', expression: 'GPL-3.0-only', declared: 'GPL-3.0-only', category: 'strong-copyleft', via: ['report-kit'], violation: gplViolation },
  { package: 'mystery', version: null, expression: null, declared: 'see LICENSE', category: 'unknown', violation: { rule: 'unknown', message: 'mystery declares its license as "see LICENSE", which pipwarden cannot read as SPDX.' } },
];

const dependencies = [
  dependency('cryptography', '44.0.0'),
  dependency('gpl-lib', '3.1.0', { direct: false, dependents: ['report-kit'], manifests: ['poetry.lock'], locations: [{ path: 'poetry.lock', startLine: 40, endLine: 52 }] }),
  dependency('report-kit', '2.0', { locations: [{ path: 'pyproject.toml', startLine: 12, endLine: 12 }] }),
  dependency('mystery', null, { locations: [{ path: 'requirements.txt', startLine: 7, endLine: 7 }] }),
];

function desired(list: readonly LicenseEntry[] = entries): DesiredLicenseIssue[] {
  return desiredLicenseIssues(list, { labels: ['license-policy'], dependencies });
}

/** apply plays the actions on a copy of the issues the way GitHub would. */
function apply(existing: readonly ExistingLicenseIssue[], actions: readonly LicenseIssueAction[]): ExistingLicenseIssue[] {
  const issues = existing.map((i) => ({ ...i }));
  let next = Math.max(0, ...issues.map((i) => i.number)) + 1;
  for (const action of actions) {
    if (action.kind === 'create') {
      issues.push({ number: next++, title: action.title, body: action.body, state: 'open', stateReason: null, closedByBot: false, labels: action.labels });
      continue;
    }
    const issue = issues.find((i) => i.number === action.number);
    if (!issue) throw new Error(`no issue #${action.number}`);
    if (action.kind === 'close') Object.assign(issue, { state: 'closed', stateReason: action.stateReason, closedByBot: true });
    else Object.assign(issue, { title: action.title, body: action.body, labels: action.labels, ...(action.kind === 'reopen' ? { state: 'open', stateReason: 'reopened', closedByBot: false } : {}) });
  }
  return issues;
}

describe('desiredLicenseIssues', () => {
  it('plans one issue per violating package with the title the issue tracker shows', () => {
    const issues = desired();
    expect(issues.map((i) => [i.package, i.license, i.title, i.labels])).toEqual([
      ['gpl-lib', 'GPL-3.0-only', 'License policy: gpl-lib 3.1.0 is GPL-3.0-only', ['license-policy']],
      ['mystery', 'unknown', 'License policy: mystery is "see LICENSE"', ['license-policy']],
    ]);
  });

  it('writes a body with both markers, the rule, where the package comes from and the ways out', () => {
    const body = desired()[0]?.body ?? '';
    expect(body).toBe(
      [
        '<!-- pipwarden:license:gpl-lib -->',
        '<!-- pipwarden:license-expression:GPL-3.0-only -->',
        "**gpl-lib 3.1.0** is licensed **GPL-3.0-only**, which this repository's license policy does not accept.",
        '',
        '### Why',
        '',
        `- \`category:strong-copyleft\`: ${gplViolation.message}`,
        '',
        '### Where it comes from',
        '',
        '- `poetry.lock` lines 40–52',
        '- It is not a direct dependency. It comes in through:',
        '  - **report-kit** (`pyproject.toml` line 12)',
        '',
        '### What the package declares',
        '',
        '> GPL-3.0-only',
        '',
        '### Ways out',
        '',
        '1. **Replace it** with a package (or a version of it) under a license the policy accepts.',
        '2. **Remove** the dependency that brings it in (report-kit) if the project can do without it.',
        '3. **Accept it** after a legal review: add an exception to `.github/pipwarden.yml`:',
        '',
        '   ```yaml',
        '   licenses:',
        '     exceptions:',
        '       - package: gpl-lib',
        '         version: "3.1.0"',
        '         reason: "<why this license is acceptable here>"',
        '   ```',
        '   To accept GPL-3.0-only for every package instead, add it to `licenses.allow`.',
        '',
        '---',
        "<sub>pipwarden keeps this issue up to date and closes it when the violation is gone. If you close it yourself, it stays closed unless the package's license changes.</sub>",
        '',
      ].join('\n'),
    );
  });

  it('gives an exception snippet that is valid configuration', () => {
    for (const issue of desired()) {
      const yaml = /```yaml\n([\s\S]*?)```/.exec(issue.body)?.[1] ?? '';
      const dedented = yaml.split('\n').map((line) => line.slice(3)).join('\n');
      const section = (parseYaml(dedented) as { licenses: unknown }).licenses;
      const config = licenseConfigSchema.parse(section);
      expect(config.exceptions[0]?.package).toBe(issue.package);
    }
  });

  it('groups the violating versions of one package and marks every license', () => {
    const two: LicenseEntry[] = [
      { package: 'dual', version: '2.0', expression: 'AGPL-3.0-only', category: 'network-copyleft', violation: { rule: 'category:network-copyleft', message: 'm2' } },
      { package: 'dual', version: '1.0', expression: 'GPL-2.0-only', category: 'strong-copyleft', violation: { rule: 'category:strong-copyleft', message: 'm1' } },
    ];
    const [issue] = desiredLicenseIssues(two, { labels: ['legal'] });
    expect(issue?.title).toBe('License policy: dual 1.0, 2.0 is GPL-2.0-only / AGPL-3.0-only');
    expect(readLicenseMarkers(issue?.body ?? '')).toEqual({ package: 'dual', license: 'GPL-2.0-only / AGPL-3.0-only' });
    expect(issue?.body).toContain('- (no declaration found in the audited files)');
  });

  it('keeps marker text inside its comment', () => {
    const [issue] = desiredLicenseIssues([{ package: 'x', version: '1', expression: null, declared: 'evil --> <script>', category: 'unknown', violation: { rule: 'unknown', message: 'm' } }], { labels: [] });
    expect(issue?.body.split('\n')[1]).toBe('<!-- pipwarden:license-expression:unknown -->');
    expect(readLicenseMarkers('no markers here')).toBeNull();
  });
});

describe('reconcileLicenseIssues', () => {
  it('creates the missing issues, and planning again after applying gives nothing', () => {
    const want = desired();
    const actions = reconcileLicenseIssues(want, []);
    expect(actions.map((a) => [a.kind, a.package])).toEqual([
      ['create', 'gpl-lib'],
      ['create', 'mystery'],
    ]);
    const after = apply([], actions);
    expect(reconcileLicenseIssues(want, after)).toEqual([]);
  });

  it('ignores issues without the marker', () => {
    const human: ExistingLicenseIssue = { number: 1, title: 'License policy: gpl-lib 3.1.0 is GPL-3.0-only', body: 'I think gpl-lib is a problem', state: 'open', stateReason: null, closedByBot: false, labels: [] };
    expect(reconcileLicenseIssues(desired(), [human]).map((a) => a.kind)).toEqual(['create', 'create']);
  });

  it('updates an open issue whose title, body or labels changed', () => {
    const want = desired();
    const [gpl] = want;
    const stale: ExistingLicenseIssue = { number: 4, title: 'License policy: gpl-lib 3.0.0 is GPL-3.0-only', body: (gpl?.body ?? '').replace('3.1.0', '3.0.0'), state: 'open', stateReason: null, closedByBot: false, labels: ['triage'] };
    const actions = reconcileLicenseIssues(want.slice(0, 1), [stale]);
    expect(actions).toEqual([{ kind: 'update', number: 4, package: 'gpl-lib', title: gpl?.title, body: gpl?.body, labels: ['triage', 'license-policy'] }]);
    expect(reconcileLicenseIssues(want.slice(0, 1), apply([stale], actions))).toEqual([]);
  });

  it('closes open issues whose violation is gone, with a comment', () => {
    const after = apply([], reconcileLicenseIssues(desired(), []));
    const actions = reconcileLicenseIssues(desired(entries.slice(0, 2)), after);
    expect(actions).toEqual([
      {
        kind: 'close',
        number: 2,
        package: 'mystery',
        comment: 'pipwarden no longer finds this license policy violation: mystery was removed or changed, its license changed, or the policy now accepts it.',
        stateReason: 'completed',
      },
    ]);
    const closed = apply(after, actions);
    expect(reconcileLicenseIssues(desired(entries.slice(0, 2)), closed)).toEqual([]);
    // The violation comes back: the issue pipwarden closed is reopened.
    const back = reconcileLicenseIssues(desired(), closed);
    expect(back).toMatchObject([{ kind: 'reopen', number: 2, package: 'mystery', comment: 'The license policy violation is back: mystery is "see LICENSE".' }]);
    expect(reconcileLicenseIssues(desired(), apply(closed, back))).toEqual([]);
  });

  it('leaves an issue a person closed alone while the license is the same', () => {
    const opened = apply([], reconcileLicenseIssues(desired(), []));
    const humanClosed = opened.map((i) => (i.number === 1 ? { ...i, state: 'closed' as const, stateReason: 'not_planned', closedByBot: false } : i));
    expect(reconcileLicenseIssues(desired(), humanClosed)).toEqual([]);
  });

  it('reopens an issue a person closed when the license changed', () => {
    const opened = apply([], reconcileLicenseIssues(desired(), []));
    const humanClosed = opened.map((i) => (i.number === 1 ? { ...i, state: 'closed' as const, stateReason: 'not_planned', closedByBot: false } : i));
    const relicensed = entries.map((e) => (e.package === 'gpl-lib' ? { ...e, version: '4.0.0', expression: 'AGPL-3.0-only', category: 'network-copyleft' as const } : e));
    const actions = reconcileLicenseIssues(desired(relicensed), humanClosed);
    expect(actions).toMatchObject([
      {
        kind: 'reopen',
        number: 1,
        title: 'License policy: gpl-lib 4.0.0 is AGPL-3.0-only',
        comment: 'This issue was closed for GPL-3.0-only. gpl-lib is now licensed AGPL-3.0-only, which the license policy does not accept either, so it is open again.',
      },
    ]);
    expect(reconcileLicenseIssues(desired(relicensed), apply(humanClosed, actions))).toEqual([]);
  });

  it('keeps the oldest of duplicate open issues and closes the others', () => {
    const want = desired().slice(0, 1);
    const body = want[0]?.body ?? '';
    const twins: ExistingLicenseIssue[] = [
      { number: 9, title: want[0]?.title ?? '', body, state: 'open', stateReason: null, closedByBot: false, labels: ['license-policy'] },
      { number: 7, title: want[0]?.title ?? '', body, state: 'open', stateReason: null, closedByBot: false, labels: ['license-policy'] },
    ];
    const actions = reconcileLicenseIssues(want, twins);
    expect(actions).toEqual([{ kind: 'close', number: 9, package: 'gpl-lib', comment: 'Duplicate of #7.', stateReason: 'not_planned' }]);
    expect(reconcileLicenseIssues(want, apply(twins, actions))).toEqual([]);
  });
});
