/**
 * The `remediation` section of `.github/pipwarden.yml`: defaults, every key, and the errors a typo gets.
 */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_REMEDIATION_CONFIG, remediationConfigSchema } from '../../../src/remediation/plan/config.js';

describe('remediationConfigSchema', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_REMEDIATION_CONFIG).toEqual({
      enabled: true,
      strategy: 'default',
      groups: [],
      openPullRequestsLimit: 5,
      labels: ['security', 'dependencies'],
      reviewers: [],
      assignees: [],
      allowBreaking: true,
    });
  });

  it('reads a full section as YAML writes it', () => {
    const yaml = `
enabled: true
strategy: by-severity
groups:
  - name: django-stack
    patterns: ["django*", "channels"]
    excludePatterns: [django-debug-toolbar]
    severity: high
  - name: everything-else
    patterns: ["*"]
openPullRequestsLimit: 2
labels: [security]
reviewers: [octocat, my-org/security]
assignees: [octocat]
allowBreaking: false
`;
    expect(remediationConfigSchema.parse(parseYaml(yaml))).toEqual({
      enabled: true,
      strategy: 'by-severity',
      groups: [
        { name: 'django-stack', patterns: ['django*', 'channels'], excludePatterns: ['django-debug-toolbar'], severity: 'high' },
        { name: 'everything-else', patterns: ['*'], excludePatterns: [] },
      ],
      openPullRequestsLimit: 2,
      labels: ['security'],
      reviewers: ['octocat', 'my-org/security'],
      assignees: ['octocat'],
      allowBreaking: false,
    });
  });

  it.each([
    [{ strategy: 'grouped' }, 'strategy'],
    [{ openPullRequestsLimit: -1 }, 'openPullRequestsLimit'],
    [{ openPullRequestsLimit: 2.5 }, 'openPullRequestsLimit'],
    [{ groups: [{ name: 'a b', patterns: ['x'] }] }, 'groups.0.name'],
    [{ groups: [{ name: 'ok', patterns: [] }] }, 'groups.0.patterns'],
    [{ groups: [{ name: 'ok', patterns: ['django[1]'] }] }, 'groups.0.patterns.0'],
    [{ groups: [{ name: 'ok', patterns: ['x'], severity: 'severe' }] }, 'groups.0.severity'],
    [{ groups: [{ name: 'ok', patterns: ['x'], pattern: 'y' }] }, 'groups.0'],
    [{ groups: [{ name: 'Web', patterns: ['x'] }, { name: 'web', patterns: ['y'] }] }, 'groups.1.name'],
    [{ allowbreaking: false }, ''],
    [{ labels: [''] }, 'labels.0'],
  ])('refuses %j (at %s)', (section, where) => {
    const result = remediationConfigSchema.safeParse(section);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(where);
  });

  it('says which group name is doubled', () => {
    const result = remediationConfigSchema.safeParse({ groups: [{ name: 'web', patterns: ['x'] }, { name: 'WEB', patterns: ['y'] }] });
    expect(result.error?.issues[0]?.message).toBe('the group name "WEB" is used twice');
  });

  it('accepts a limit of 0 (plan, open nothing)', () => {
    expect(remediationConfigSchema.parse({ openPullRequestsLimit: 0 }).openPullRequestsLimit).toBe(0);
  });
});
