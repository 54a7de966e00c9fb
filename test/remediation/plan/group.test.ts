/**
 * Grouping per strategy and named groups, with stable ids, per project.
 */
import { describe, expect, it } from 'vitest';
import type { Severity } from '../../../src/advisories/finding.js';
import { buildGroup, groupUnits, projectSlug, uniqueIds, type FixUnit } from '../../../src/remediation/plan/group.js';
import { compilePattern } from '../../../src/remediation/plan/patterns.js';
import { config, finding } from './helpers.js';

function unit(pkg: string, severity: Severity, options: { breaking?: boolean; project?: string; score?: number } = {}): FixUnit {
  const f = finding({ id: `PYSEC-${pkg}`, package: pkg, version: '1.0', severity, ...(options.score === undefined ? {} : { score: options.score }) });
  return {
    project: options.project ?? '.',
    packages: [pkg],
    updates: [{ package: pkg, from: '1.0', to: options.breaking ? '2.0' : '1.1', fixes: [f.id], breaking: options.breaking ?? false, manifests: ['requirements.txt'] }],
    findings: [f],
  };
}

const UNITS = [unit('django', 'critical'), unit('requests', 'high'), unit('pillow', 'high', { breaking: true }), unit('jinja2', 'medium')];

function ids(units: FixUnit[], section: Record<string, unknown>): Array<[string, string[]]> {
  return groupUnits(units, config(section)).map((d) => [d.id, d.units.map((u) => u.packages[0] ?? '')]);
}

describe('groupUnits: strategies', () => {
  it('default: one group with every non-breaking fix, one per breaking upgrade', () => {
    expect(ids(UNITS, {})).toEqual([
      ['security-root', ['django', 'requests', 'jinja2']],
      ['pillow-major', ['pillow']],
    ]);
  });

  it('single: everything in one group, breaking included', () => {
    expect(ids(UNITS, { strategy: 'single' })).toEqual([['security-root', ['django', 'requests', 'pillow', 'jinja2']]]);
  });

  it('per-package: one group per package', () => {
    expect(ids(UNITS, { strategy: 'per-package' })).toEqual([
      ['django', ['django']],
      ['requests', ['requests']],
      ['pillow', ['pillow']],
      ['jinja2', ['jinja2']],
    ]);
  });

  it('by-severity: one group per worst severity, breaking upgrades still alone', () => {
    expect(ids(UNITS, { strategy: 'by-severity' })).toEqual([
      ['severity-critical', ['django']],
      ['severity-high', ['requests']],
      ['pillow-major', ['pillow']],
      ['severity-medium', ['jinja2']],
    ]);
  });

  it('never mixes projects, and suffixes ids of projects other than the root', () => {
    const units = [unit('django', 'high'), unit('django', 'high', { project: 'services/api' }), unit('flask', 'low', { project: 'services/api', breaking: true })];
    expect(groupUnits(units, config()).map((d) => [d.project, d.id])).toEqual([
      ['.', 'security-root'],
      ['services/api', 'security-services-api'],
      ['services/api', 'flask-major-services-api'],
    ]);
    expect(groupUnits(units, config({ strategy: 'per-package' })).map((d) => d.id)).toEqual(['django', 'django-services-api', 'flask-services-api']);
  });
});

describe('groupUnits: named groups', () => {
  it('takes matching packages first (first group wins); the rest follow the strategy', () => {
    const section = {
      groups: [
        { name: 'Web', patterns: ['django*', 'jinja?'] },
        { name: 'all', patterns: ['*'], excludePatterns: ['pillow'] },
      ],
    };
    expect(ids(UNITS, section)).toEqual([
      ['group-web', ['django', 'jinja2']],
      ['group-all', ['requests']],
      ['pillow-major', ['pillow']],
    ]);
  });

  it('honours a group severity: only packages whose worst advisory is at least that severe join', () => {
    expect(ids(UNITS, { groups: [{ name: 'urgent', patterns: ['*'], severity: 'high' }] })).toEqual([
      ['group-urgent', ['django', 'requests', 'pillow']],
      ['security-root', ['jinja2']],
    ]);
  });

  it('compares PEP 503 names: Django_Filter matches a django-* pattern, and the other way round', () => {
    expect(compilePattern('django-*')('Django_Filter')).toBe(true);
    expect(compilePattern('Django_*')('django.filter')).toBe(true);
    expect(compilePattern('django?')('django2')).toBe(true);
    expect(compilePattern('django?')('django')).toBe(false);
    expect(compilePattern('*')('anything-at-all')).toBe(true);
    expect(compilePattern('requests')('requests-oauthlib')).toBe(false);
    expect(compilePattern('zope.*')('zope-interface')).toBe(true);
  });
});

describe('buildGroup', () => {
  it('orders units most severe first, takes the worst severity and the highest score, and titles the group', () => {
    const units = [unit('jinja2', 'medium', { score: 5.4 }), unit('django', 'critical', { score: 9.8 }), unit('requests', 'high', { score: 7.5 })];
    const [draft] = groupUnits(units, config());
    if (!draft) throw new Error('no group');
    const group = buildGroup(draft);
    expect(group).toMatchObject({
      id: 'security-root',
      severity: 'critical',
      score: 9.8,
      project: '.',
      title: 'Fix 1 critical, 1 high and 1 medium vulnerability in django, requests, jinja2',
    });
    expect(group.updates.map((u) => u.package)).toEqual(['django', 'requests', 'jinja2']);
  });

  it('a group without scores has score null', () => {
    const [draft] = groupUnits([unit('x', 'unknown')], config());
    expect(draft && buildGroup(draft).score).toBeNull();
  });
});

describe('ids', () => {
  it('slugs project folders; the root is "root"', () => {
    expect(projectSlug('.')).toBe('root');
    expect(projectSlug('')).toBe('root');
    expect(projectSlug('services/API_v2')).toBe('services-api-v2');
    expect(projectSlug('é/ü')).toBe('root');
    expect(projectSlug('x'.repeat(200))).toHaveLength(60);
  });

  it('makes colliding ids unique, keeping the first', () => {
    const groups = [
      { id: 'security-a-b', title: '', rank: 0, severity: 'high' as const, updates: [] },
      { id: 'security-a-b', title: '', rank: 0, severity: 'high' as const, updates: [] },
      { id: 'security-a-b', title: '', rank: 0, severity: 'high' as const, updates: [] },
    ];
    expect(uniqueIds(groups).map((g) => g.id)).toEqual(['security-a-b', 'security-a-b-2', 'security-a-b-3']);
  });
});
