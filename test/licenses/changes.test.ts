import { describe, expect, it } from 'vitest';
import { licenseChanges } from '../../src/licenses/changes.js';
import type { LicenseEntry } from '../../src/report/types.js';

const gplViolation = { rule: 'category:strong-copyleft', message: 'relicensed 2.0 is licensed GPL-3.0-only…' };

const before: LicenseEntry[] = [
  { package: 'relicensed', version: '1.0', expression: 'MIT', category: 'permissive' },
  { package: 'steady', version: '1.0', expression: 'Apache-2.0', category: 'permissive' },
  { package: 'still-unknown', version: '1.0', expression: null, declared: 'see LICENSE', category: 'unknown' },
  { package: 'already-bad', version: '1.0', expression: 'GPL-3.0-only', category: 'strong-copyleft', violation: gplViolation },
  { package: 'removed', version: '1.0', expression: 'MIT', category: 'permissive' },
];

describe('licenseChanges', () => {
  it('reports a changed expression and a new violation, not the steady ones', () => {
    const after: LicenseEntry[] = [
      { package: 'relicensed', version: '2.0', expression: 'GPL-3.0-only', category: 'strong-copyleft', violation: gplViolation },
      { package: 'steady', version: '1.1', expression: 'Apache-2.0', category: 'permissive' },
      { package: 'still-unknown', version: '1.1', expression: null, declared: 'UNKNOWN', category: 'unknown' },
      { package: 'already-bad', version: '1.1', expression: 'GPL-3.0-only', category: 'strong-copyleft', violation: gplViolation },
      { package: 'brand-new', version: '0.1', expression: 'AGPL-3.0-only', category: 'network-copyleft', violation: { rule: 'category:network-copyleft', message: 'm' } },
      { package: 'new-and-fine', version: '0.1', expression: 'MIT', category: 'permissive' },
    ];
    expect(licenseChanges(before, after)).toEqual([
      {
        package: 'brand-new',
        beforeVersion: null,
        afterVersion: '0.1',
        before: null,
        after: 'AGPL-3.0-only',
        beforeCategory: null,
        afterCategory: 'network-copyleft',
        licenseChanged: false,
        newViolation: { rule: 'category:network-copyleft', message: 'm' },
      },
      {
        package: 'relicensed',
        beforeVersion: '1.0',
        afterVersion: '2.0',
        before: 'MIT',
        after: 'GPL-3.0-only',
        beforeCategory: 'permissive',
        afterCategory: 'strong-copyleft',
        licenseChanged: true,
        newViolation: gplViolation,
      },
    ]);
  });

  it('reports a change that is still within the policy, and unknown → known', () => {
    const after: LicenseEntry[] = [
      { package: 'steady', version: '2.0', expression: 'MIT OR Apache-2.0', category: 'permissive' },
      { package: 'still-unknown', version: '2.0', expression: 'BSD-3-Clause', category: 'permissive' },
    ];
    expect(licenseChanges(before, after).map((c) => [c.package, c.before, c.after, c.licenseChanged, c.newViolation])).toEqual([
      ['steady', 'Apache-2.0', 'MIT OR Apache-2.0', true, null],
      ['still-unknown', null, 'BSD-3-Clause', true, null],
    ]);
  });

  it('is empty for identical lists and for nothing', () => {
    expect(licenseChanges(before, before)).toEqual([]);
    expect(licenseChanges([], [])).toEqual([]);
  });
});
