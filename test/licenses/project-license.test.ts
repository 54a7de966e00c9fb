import { describe, expect, it } from 'vitest';
import { projectLicense, projectLicenseCategory } from '../../src/licenses/policy.js';
import { fixtureText } from './helpers.js';

describe('projectLicense', () => {
  it('reads a PEP 639 license expression', () => {
    expect(projectLicense(fixtureText('pyproject-pep639-expression.toml'))).toBe('MIT OR Apache-2.0');
  });

  it('reads the PEP 621 { text = … } table', () => {
    expect(projectLicense(fixtureText('pyproject-license-text-table.toml'))).toBe('GPL-3.0-or-later');
  });

  it('falls back to the classifiers for { file = … }, which a pure function cannot open', () => {
    expect(projectLicense(fixtureText('pyproject-license-file-table.toml'))).toBe('License :: OSI Approved :: GNU General Public License v3 (GPLv3)');
    expect(projectLicenseCategory('License :: OSI Approved :: GNU General Public License v3 (GPLv3)')).toBe('strong-copyleft');
  });

  it('returns the SPDX expression of exact classifiers', () => {
    expect(projectLicense('[project]\nname = "x"\nclassifiers = ["License :: OSI Approved :: MIT License"]\n')).toBe('MIT');
  });

  it('reads Poetry 1.x [tool.poetry] license', () => {
    expect(projectLicense(fixtureText('pyproject-poetry-license.toml'))).toBe('AGPL-3.0-only');
  });

  it('is null without a license, for {file} without classifiers, and for a file that is not TOML', () => {
    expect(projectLicense('[project]\nname = "x"\n')).toBeNull();
    expect(projectLicense('[project]\nname = "x"\nlicense = { file = "LICENSE" }\n')).toBeNull();
    expect(projectLicense('[project\nlicense = ')).toBeNull();
    expect(projectLicense(fixtureText('binary-garbage.bin'))).toBeNull();
    expect(projectLicense('')).toBeNull();
  });

  it('survives a deeply nested table', () => {
    expect(projectLicense(`project = ${'['.repeat(5000)}${']'.repeat(5000)}\n`)).toBeNull();
  });
});

describe('projectLicenseCategory', () => {
  it('categorises expressions, free text and nothing', () => {
    expect(projectLicenseCategory('MIT OR Apache-2.0')).toBe('permissive');
    expect(projectLicenseCategory('GPL-3.0-or-later')).toBe('strong-copyleft');
    expect(projectLicenseCategory('GNU Affero General Public License v3 or later')).toBe('network-copyleft');
    expect(projectLicenseCategory('Proprietary')).toBe('proprietary');
    expect(projectLicenseCategory('our own terms')).toBe('unknown');
    expect(projectLicenseCategory(null)).toBeNull();
    expect(projectLicenseCategory('  ')).toBeNull();
  });
});
