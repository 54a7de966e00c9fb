import { describe, expect, it } from 'vitest';
import { categoryOfExpression, categoryOfLicenseId, categoryOfReadings, mostPermissive, mostRestrictive } from '../../src/licenses/categories.js';
import { CATEGORY_PATTERNS, LICENSE_CATEGORIES } from '../../src/licenses/category-table.js';
import { CLASSIFIER_NAMES, readingsOfClassifier } from '../../src/licenses/classifiers.js';
import { isLicenseRef, isSpdxLicenseId, SPDX_LICENSE_IDS } from '../../src/licenses/spdx.js';

describe('categoryOfLicenseId', () => {
  it.each([
    ['MIT', 'permissive'],
    ['Apache-2.0', 'permissive'],
    ['BSD-3-Clause', 'permissive'],
    ['0BSD', 'permissive'],
    ['PSF-2.0', 'permissive'],
    ['Unlicense', 'public-domain'],
    ['CC0-1.0', 'public-domain'],
    ['LGPL-2.1-or-later', 'weak-copyleft'],
    ['MPL-2.0', 'weak-copyleft'],
    ['EPL-2.0', 'weak-copyleft'],
    ['CDDL-1.1', 'weak-copyleft'],
    ['GPL-3.0-only', 'strong-copyleft'],
    ['GPL-2.0-or-later', 'strong-copyleft'],
    ['AGPL-3.0-or-later', 'network-copyleft'],
    ['SSPL-1.0', 'network-copyleft'],
    ['EUPL-1.2', 'network-copyleft'],
    ['BUSL-1.1', 'proprietary'],
    ['CC-BY-NC-4.0', 'proprietary'],
    ['CC-BY-SA-4.0', 'strong-copyleft'],
    ['CC-BY-4.0', 'permissive'],
    ['LicenseRef-Proprietary', 'proprietary'],
    ['LicenseRef-Acme-EULA', 'proprietary'],
    ['LicenseRef-Public-Domain', 'public-domain'],
    ['Not-A-License', 'unknown'],
    ['Glide', 'unknown'],
  ] as const)('%s is %s', (id, category) => {
    expect(categoryOfLicenseId(id)).toBe(category);
  });

  it('lists only real SPDX ids in its table', () => {
    expect(Object.keys(LICENSE_CATEGORIES).filter((id) => !isSpdxLicenseId(id))).toEqual([]);
  });

  it('has every pattern match at least one real id', () => {
    for (const [pattern] of CATEGORY_PATTERNS) expect(SPDX_LICENSE_IDS.some((id) => pattern.test(id)), String(pattern)).toBe(true);
  });

  it('categorises every license a License classifier can mean', () => {
    for (const classifier of CLASSIFIER_NAMES) {
      for (const reading of readingsOfClassifier(classifier) ?? []) {
        expect(isSpdxLicenseId(reading) || isLicenseRef(reading), reading).toBe(true);
        expect(categoryOfExpression(reading), `${classifier} → ${reading}`).not.toBe('unknown');
      }
    }
  });

  it('categorises every GNU id by pattern', () => {
    const gnu = SPDX_LICENSE_IDS.filter((id) => /^(A|L)?GPL-\d/.test(id));
    expect(gnu.length).toBeGreaterThan(10);
    for (const id of gnu) expect(categoryOfLicenseId(id), id).not.toBe('unknown');
  });
});

describe('categoryOfExpression', () => {
  it('takes the most permissive branch of OR and the most restrictive part of AND', () => {
    expect(categoryOfExpression('MIT OR GPL-3.0-only')).toBe('permissive');
    expect(categoryOfExpression('MIT AND GPL-3.0-only')).toBe('strong-copyleft');
    expect(categoryOfExpression('(MIT AND AGPL-3.0-only) OR LGPL-3.0-only')).toBe('weak-copyleft');
    expect(categoryOfExpression('MIT AND LicenseRef-Foo')).toBe('proprietary');
  });

  it('lets an OR prefer a known branch over an unknown one, and an AND be unknown when a part is', () => {
    expect(categoryOfExpression('Glide OR GPL-2.0-only')).toBe('strong-copyleft');
    expect(categoryOfExpression('Glide AND MIT')).toBe('unknown');
  });

  it('reads deprecated ids and linking exceptions', () => {
    expect(categoryOfExpression('GPL-2.0+')).toBe('strong-copyleft');
    expect(categoryOfExpression('GPL-2.0-only WITH Classpath-exception-2.0')).toBe('weak-copyleft');
    expect(categoryOfExpression('GPL-2.0-with-classpath-exception')).toBe('weak-copyleft');
    expect(categoryOfExpression('GPL-3.0-or-later WITH Autoconf-exception-3.0')).toBe('strong-copyleft');
    expect(categoryOfExpression('Apache-2.0 WITH LLVM-exception')).toBe('permissive');
  });

  it('is unknown for text that is not SPDX', () => {
    expect(categoryOfExpression('MIT License')).toBe('unknown');
    expect(categoryOfExpression('')).toBe('unknown');
  });

  it('ranks categories', () => {
    expect(mostPermissive(['strong-copyleft', 'public-domain', 'unknown'])).toBe('public-domain');
    expect(mostRestrictive(['permissive', 'network-copyleft', 'weak-copyleft'])).toBe('network-copyleft');
    expect(mostRestrictive([])).toBe('unknown');
    expect(categoryOfReadings(['BSD-2-Clause', 'BSD-3-Clause'])).toBe('permissive');
    expect(categoryOfReadings(['LGPL-2.1-only', 'GPL-2.0-only'])).toBe('strong-copyleft');
  });
});
