import { describe, expect, it } from 'vitest';
import { licenseConfigSchema, type LicenseConfig } from '../../src/licenses/config.js';
import { normalizeLicense } from '../../src/licenses/normalize.js';
import { defaultDeniedCategories, evaluateLicense, resolveLicensePolicy, type LicenseVerdict } from '../../src/licenses/policy.js';
import { metadata, metadataFixture } from './helpers.js';

function config(section: Record<string, unknown> = {}): LicenseConfig {
  return licenseConfigSchema.parse(section);
}

/** judge evaluates an exact expression for package foo 1.0. */
function judge(expression: string, section: Record<string, unknown> = {}, projectLicense: string | null = 'MIT', via: string[] = []): LicenseVerdict {
  return evaluateLicense({ name: 'foo', version: '1.0' }, { expression, readings: [expression], declared: expression }, resolveLicensePolicy(config(section), projectLicense), via);
}

function rule(verdict: LicenseVerdict): string | null {
  return verdict.outcome === 'violation' ? verdict.violation.rule : null;
}

describe('default policy (deniedCategories: auto)', () => {
  it('denies strong and network copyleft for an MIT project, with the reason in plain words', () => {
    expect(judge('MIT')).toEqual({ outcome: 'pass' });
    expect(judge('LGPL-3.0-or-later')).toEqual({ outcome: 'pass' });
    expect(judge('LicenseRef-Proprietary')).toEqual({ outcome: 'pass' });
    expect(judge('GPL-3.0-only')).toEqual({
      outcome: 'violation',
      violation: {
        rule: 'category:strong-copyleft',
        message: "foo 1.0 is licensed GPL-3.0-only, which is a strong copyleft license, and strong copyleft licenses are denied because this project's own license, MIT, is permissive.",
      },
    });
    expect(rule(judge('AGPL-3.0-or-later'))).toBe('category:network-copyleft');
  });

  it('denies nothing by category for a GPL or AGPL project', () => {
    expect(defaultDeniedCategories('strong-copyleft')).toEqual([]);
    expect(defaultDeniedCategories('network-copyleft')).toEqual([]);
    expect(judge('GPL-3.0-only', {}, 'GPL-3.0-or-later')).toEqual({ outcome: 'pass' });
    expect(judge('AGPL-3.0-only', {}, 'License :: OSI Approved :: GNU General Public License v3 (GPLv3)')).toEqual({ outcome: 'pass' });
  });

  it('denies copyleft for a weak-copyleft, proprietary, absent or unreadable project license', () => {
    expect(rule(judge('GPL-2.0-only', {}, 'LGPL-2.1-only'))).toBe('category:strong-copyleft');
    expect(rule(judge('GPL-2.0-only', {}, 'LicenseRef-Proprietary'))).toBe('category:strong-copyleft');
    const none = judge('GPL-2.0-only', {}, null);
    expect(none.outcome === 'violation' && none.violation.message).toMatch(/denied because this project declares no license of its own\.$/);
    const unreadable = judge('GPL-2.0-only', {}, 'our own terms');
    expect(unreadable.outcome === 'violation' && unreadable.violation.message).toMatch(/because this project's own license \("our own terms"\) could not be read\.$/);
  });

  it('uses an explicit category list instead of auto', () => {
    expect(judge('GPL-3.0-only', { deniedCategories: ['network-copyleft'] })).toEqual({ outcome: 'pass' });
    const proprietary = judge('LicenseRef-Proprietary', { deniedCategories: ['proprietary'] });
    expect(proprietary.outcome === 'violation' && proprietary.violation).toEqual({
      rule: 'category:proprietary',
      message: 'foo 1.0 is licensed LicenseRef-Proprietary, which is a proprietary license, and proprietary licenses are denied by licenses.deniedCategories.',
    });
  });
});

describe('OR and AND', () => {
  it('passes an OR when one branch passes, and fails an AND when one part fails', () => {
    expect(judge('MIT OR GPL-3.0-only')).toEqual({ outcome: 'pass' });
    const and = judge('MIT AND GPL-3.0-only');
    expect(and.outcome === 'violation' && and.violation).toEqual({
      rule: 'category:strong-copyleft',
      message: "foo 1.0 is licensed MIT AND GPL-3.0-only; GPL-3.0-only is a strong copyleft license, and strong copyleft licenses are denied because this project's own license, MIT, is permissive.",
    });
    expect(rule(judge('GPL-3.0-only OR AGPL-3.0-only'))).toBe('category:strong-copyleft');
    expect(judge('(MIT AND GPL-3.0-only) OR Apache-2.0')).toEqual({ outcome: 'pass' });
  });
});

describe('allow and deny lists', () => {
  it('lets allow win over categories, ranges included', () => {
    expect(judge('GPL-3.0-only', { allow: ['GPL-3.0-only'] })).toEqual({ outcome: 'pass' });
    expect(judge('GPL-2.0-or-later', { allow: ['GPL-3.0-only'] })).toEqual({ outcome: 'pass' });
    expect(judge('GPL-3.0+', { allow: ['GPL-3.0-or-later'] })).toEqual({ outcome: 'pass' });
    expect(judge('GPL-3.0-only', { allow: ['GPL-3.0'] })).toEqual({ outcome: 'pass' });
  });

  it('rejects a denied license with the deny:<id> rule, even when its category is fine', () => {
    const denied = judge('MPL-2.0', { deny: ['MPL-2.0'] });
    expect(denied).toEqual({ outcome: 'violation', violation: { rule: 'deny:MPL-2.0', message: 'foo 1.0 is licensed MPL-2.0, which is on the deny list.' } });
  });

  it('denies a range that includes a denied license, and lets deny win over a matching allow', () => {
    const range = judge('GPL-2.0-or-later', { deny: ['GPL-3.0-only'] });
    expect(range.outcome === 'violation' && range.violation).toEqual({
      rule: 'deny:GPL-3.0-only',
      message: 'foo 1.0 is licensed GPL-2.0-or-later, which is on the deny list (it includes GPL-3.0-only).',
    });
    expect(rule(judge('GPL-3.0-or-later', { allow: ['GPL-2.0-or-later'], deny: ['GPL-3.0-only'] }))).toBe('deny:GPL-3.0-only');
  });

  it('applies deny per branch: an OR with an allowed branch passes, an AND does not', () => {
    expect(judge('MIT OR MPL-2.0', { deny: ['MPL-2.0'] })).toEqual({ outcome: 'pass' });
    expect(rule(judge('MIT AND MPL-2.0', { deny: ['MPL-2.0'] }))).toBe('deny:MPL-2.0');
  });

  it('matches a license WITH an exception against its base license', () => {
    const exception = 'GPL-2.0-only WITH Classpath-exception-2.0';
    expect(judge(exception)).toEqual({ outcome: 'pass' });
    expect(rule(judge(exception, { deny: ['GPL-2.0-only'] }))).toBe('deny:GPL-2.0-only');
    expect(judge('GPL-2.0-only WITH GPL-CC-1.0', { allow: ['GPL-2.0-only'] })).toEqual({ outcome: 'pass' });
  });

  it('allows a LicenseRef by name', () => {
    expect(judge('LicenseRef-Acme', { deniedCategories: ['proprietary'], allow: ['LicenseRef-Acme'] })).toEqual({ outcome: 'pass' });
  });
});

describe('exceptions', () => {
  it('clear a package by PEP 503 name, whatever its license', () => {
    const policy = resolveLicensePolicy(config({ exceptions: [{ package: 'Foo_Bar', reason: 'legal approved' }] }), 'MIT');
    expect(evaluateLicense({ name: 'foo-bar', version: '1.0' }, { expression: 'AGPL-3.0-only', readings: ['AGPL-3.0-only'] }, policy)).toEqual({
      outcome: 'exception',
      reason: 'legal approved',
    });
  });

  it('hold for their version only, and the violation says an exception exists for another one', () => {
    const policy = resolveLicensePolicy(config({ exceptions: [{ package: 'foo', version: '1.0.0', reason: 'bought' }] }), 'MIT');
    const gpl = { expression: 'GPL-3.0-only', readings: ['GPL-3.0-only'] };
    expect(evaluateLicense({ name: 'foo', version: '1.0' }, gpl, policy).outcome).toBe('exception');
    const upgraded = evaluateLicense({ name: 'foo', version: '2.0' }, gpl, policy);
    expect(upgraded.outcome === 'violation' && upgraded.violation.message).toMatch(/ An exception covers version 1\.0\.0 only\.$/);
    expect(evaluateLicense({ name: 'foo', version: null }, gpl, policy).outcome).toBe('violation');
  });
});

describe('unknown licenses', () => {
  const none = { expression: null, readings: [] as string[], declared: 'see LICENSE' };

  it('warn by default and say what was declared', () => {
    const policy = resolveLicensePolicy(config(), 'MIT');
    expect(evaluateLicense({ name: 'foo', version: '1.0' }, none, policy)).toEqual({
      outcome: 'warning',
      warning: 'foo 1.0 declares its license as "see LICENSE", which pipwarden cannot read as SPDX. Check its license by hand, then allow it (licenses.allow) or add an exception.',
    });
    expect(evaluateLicense({ name: 'foo', version: '1.0' }, { expression: null, readings: [] }, policy)).toMatchObject({ warning: expect.stringMatching(/^foo 1\.0 declares no license\./) });
  });

  it('are violations under unknown: deny, with the unknown rule', () => {
    const policy = resolveLicensePolicy(config({ unknown: 'deny' }), 'MIT');
    const verdict = evaluateLicense({ name: 'foo', version: '1.0' }, none, policy);
    expect(verdict.outcome === 'violation' && verdict.violation.rule).toBe('unknown');
  });

  it('include a valid SPDX id without a category, and a package missing from the index', () => {
    expect(judge('Glide')).toMatchObject({ outcome: 'warning', warning: expect.stringMatching(/^foo 1\.0 is licensed Glide; pipwarden has no category for Glide\./) });
    const policy = resolveLicensePolicy(config(), 'MIT');
    const missing = evaluateLicense({ name: 'foo', version: '1.0' }, { expression: null, readings: [], unreadable: 'version 1.0 is not on https://pypi.org' }, policy);
    expect(missing).toMatchObject({ outcome: 'warning', warning: expect.stringMatching(/^The license of foo 1\.0 could not be read: version 1\.0 is not on https:\/\/pypi\.org\./) });
  });
});

describe('ambiguous declarations', () => {
  const policyOf = (section: Record<string, unknown> = {}) => resolveLicensePolicy(config(section), 'MIT');
  const bsd = normalizeLicense(metadataFixture('pypi-pycparser-2.21-ambiguous-bsd.json'));
  const pyqt = normalizeLicense(metadataFixture('pypi-pyqt5-5.15.10-gpl-v3.json'));

  it('pass when every reading passes ("BSD" under the default policy)', () => {
    expect(evaluateLicense({ name: 'pycparser', version: '2.21' }, bsd, policyOf())).toEqual({ outcome: 'pass' });
  });

  it('violate when every reading violates ("GPL v3": -only and -or-later)', () => {
    const verdict = evaluateLicense({ name: 'pyqt5', version: '5.15.10' }, pyqt, policyOf());
    expect(verdict.outcome === 'violation' && verdict.violation).toEqual({
      rule: 'category:strong-copyleft',
      message:
        'pyqt5 5.15.10 is licensed GPL-3.0-only or GPL-3.0-or-later (declared "GPL v3"); GPL-3.0-only is a strong copyleft license, and strong copyleft licenses are denied because this project\'s own license, MIT, is permissive.',
    });
  });

  it('are unknown when only some readings break the policy', () => {
    const verdict = evaluateLicense({ name: 'pycparser', version: '2.21' }, bsd, policyOf({ deny: ['BSD-4-Clause'] }));
    expect(verdict.outcome).toBe('warning');
    expect(verdict.outcome === 'warning' && verdict.warning).toBe(
      'pycparser 2.21 declares "BSD", which may mean BSD-2-Clause, BSD-3-Clause, BSD-4-Clause. Read as BSD-4-Clause, it would break the policy: pycparser 2.21 is licensed BSD-4-Clause, which is on the deny list. Check its license by hand, then allow it (licenses.allow) or add an exception.',
    );
    expect(evaluateLicense({ name: 'pycparser', version: '2.21' }, bsd, policyOf({ deny: ['BSD-4-Clause'], unknown: 'deny' }))).toMatchObject({
      outcome: 'violation',
      violation: { rule: 'unknown' },
    });
  });

  it('pass when the allow list covers every reading', () => {
    expect(evaluateLicense({ name: 'pyqt5', version: '5.15.10' }, pyqt, policyOf({ allow: ['GPL-3.0-only', 'GPL-3.0-or-later'] }))).toEqual({ outcome: 'pass' });
  });
});

describe('transitive packages', () => {
  it('say which direct dependencies bring them in', () => {
    const verdict = judge('GPL-3.0-only', {}, 'MIT', ['django', 'flask']);
    expect(verdict.outcome === 'violation' && verdict.violation.message).toMatch(/ It is not a direct dependency: django, flask bring it in\.$/);
    const one = judge('Glide', {}, 'MIT', ['django']);
    expect(one.outcome === 'warning' && one.warning).toMatch(/ It is not a direct dependency: django brings it in\.$/);
  });
});

describe('resolveLicensePolicy', () => {
  it('canonicalises list entries and keeps the rest', () => {
    const policy = resolveLicensePolicy(config({ allow: ['GPL-2.0+'], deny: ['LGPL-2.1'] }), 'Apache-2.0');
    expect(policy).toMatchObject({ allow: ['GPL-2.0-or-later'], deny: ['LGPL-2.1-only'], deniedCategories: ['strong-copyleft', 'network-copyleft'], unknown: 'warn' });
  });

  it('does not crash on odd metadata', () => {
    const license = normalizeLicense(metadata({ license: '\u0000\u0001', classifiers: ['License :: ???'] }));
    expect(evaluateLicense({ name: 'x', version: null }, license, resolveLicensePolicy(config(), null)).outcome).toBe('warning');
  });
});
