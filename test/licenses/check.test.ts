import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { RegistryError } from '../../src/errors.js';
import { checkLicenses } from '../../src/licenses/check.js';
import { licenseConfigSchema } from '../../src/licenses/config.js';
import { projectLicense } from '../../src/licenses/policy.js';
import { dependency, FakeRegistry, fixtureText, releaseFixture } from './helpers.js';

/** The report contract's `licenses` array, validated on its own. */
const reportSchema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8')) as {
  properties: { licenses: object };
};
const validateLicenses = new Ajv2020({ allErrors: true, strict: false }).compile(reportSchema.properties.licenses);

function registryWithFixtures(): FakeRegistry {
  return new FakeRegistry()
    .add('cryptography', '44.0.0', releaseFixture('pypi-cryptography-44.0.0-license-expression.json'))
    .add('pyqt5', '5.15.10', releaseFixture('pypi-pyqt5-5.15.10-gpl-v3.json'))
    .add('chardet', '5.2.0', releaseFixture('pypi-chardet-5.2.0-lgpl-refined-by-classifier.json'))
    .add('legacy-setup-tool', '0.3', releaseFixture('pypi-legacy-0.3-nothing-declared.json'))
    .add('pluggy', '1.5.0', releaseFixture('pypi-pluggy-1.5.0-classifiers-only.json'))
    .add('mysql-connector-python', '9.0.0', releaseFixture('pypi-mysql-connector-9.0.0-gpl-with-exception.json'));
}

/** An inventory: two direct dependencies, a GPL package that a direct one pulls in, one unpinned, one from git. */
function inventory() {
  return [
    dependency('chardet', '5.2.0', { direct: false, dependents: ['report-kit'], manifests: ['poetry.lock'], locations: [{ path: 'poetry.lock', startLine: 40, endLine: 52 }] }),
    dependency('cryptography', '44.0.0'),
    dependency('legacy-setup-tool', '0.3', { locations: [{ path: 'requirements.txt', startLine: 4, endLine: 4 }] }),
    dependency('mysql-connector-python', '9.0.0', { direct: false, dependents: ['report-kit'], manifests: ['poetry.lock'], locations: [{ path: 'poetry.lock', startLine: 60, endLine: 70 }] }),
    dependency('pluggy', null, { specifier: '>=1.3' }),
    dependency('pyqt5', '5.15.10', { locations: [{ path: 'requirements.txt', startLine: 2, endLine: 3 }] }),
    dependency('report-kit', '2.0', { source: { type: 'vcs', url: 'git+https://github.com/example/report-kit', ref: 'v2.0' } }),
  ];
}

describe('checkLicenses', () => {
  it('lists every dependency with its license, category, verdict and page', async () => {
    const { licenses, errors } = await checkLicenses({
      dependencies: inventory(),
      registry: registryWithFixtures(),
      projectLicense: projectLicense(fixtureText('pyproject-pep639-expression.toml')),
    });
    expect(errors).toEqual([]);
    expect(validateLicenses(licenses), JSON.stringify(validateLicenses.errors)).toBe(true);
    expect(licenses.map((l) => [l.package, l.version, l.expression, l.category])).toEqual([
      ['chardet', '5.2.0', null, 'weak-copyleft'],
      ['cryptography', '44.0.0', 'Apache-2.0 OR BSD-3-Clause', 'permissive'],
      ['legacy-setup-tool', '0.3', null, 'unknown'],
      ['mysql-connector-python', '9.0.0', null, 'strong-copyleft'],
      ['pluggy', null, 'MIT', 'permissive'],
      ['pyqt5', '5.15.10', null, 'strong-copyleft'],
      ['report-kit', '2.0', null, 'unknown'],
    ]);
    const byName = new Map(licenses.map((l) => [l.package, l]));
    expect(byName.get('cryptography')).toEqual({
      package: 'cryptography',
      version: '44.0.0',
      expression: 'Apache-2.0 OR BSD-3-Clause',
      declared: 'Apache-2.0 OR BSD-3-Clause',
      category: 'permissive',
      url: 'https://github.com/pyca/cryptography',
    });
    expect(byName.get('pluggy')).toMatchObject({ checkedVersion: '1.5.0', url: 'https://github.com/pytest-dev/pluggy' });
    expect(byName.get('pyqt5')?.violation?.rule).toBe('category:strong-copyleft');
    expect(byName.get('pyqt5')?.via).toBeUndefined();
    expect(byName.get('mysql-connector-python')).toMatchObject({
      via: ['report-kit'],
      violation: { rule: 'category:strong-copyleft', message: expect.stringMatching(/ It is not a direct dependency: report-kit brings it in\.$/) },
    });
    expect(byName.get('chardet')).toMatchObject({ via: ['report-kit'] });
    expect(byName.get('chardet')?.violation).toBeUndefined();
    expect(byName.get('legacy-setup-tool')).toMatchObject({ declared: 'UNKNOWN', warning: expect.stringMatching(/^legacy-setup-tool 0\.3 declares its license as "UNKNOWN"/) });
    expect(byName.get('report-kit')).toEqual({
      package: 'report-kit',
      version: '2.0',
      expression: null,
      category: 'unknown',
      declared: 'not checked (installed from a vcs source)',
    });
  });

  it('lets a GPL project use GPL packages', async () => {
    const { licenses } = await checkLicenses({ dependencies: inventory(), registry: registryWithFixtures(), projectLicense: 'GPL-3.0-or-later' });
    expect(licenses.filter((l) => l.violation)).toEqual([]);
  });

  it('applies exceptions and unknown: deny', async () => {
    const config = licenseConfigSchema.parse({
      unknown: 'deny',
      exceptions: [{ package: 'PyQt5', version: '5.15.10', reason: 'commercial license from Riverbank' }],
    });
    const { licenses } = await checkLicenses({ dependencies: inventory(), registry: registryWithFixtures(), config, projectLicense: 'MIT' });
    const byName = new Map(licenses.map((l) => [l.package, l]));
    expect(byName.get('pyqt5')).toMatchObject({ exception: 'commercial license from Riverbank' });
    expect(byName.get('pyqt5')?.violation).toBeUndefined();
    expect(byName.get('legacy-setup-tool')?.violation?.rule).toBe('unknown');
    // Not checked is not unknown: no violation is invented for a package that was not looked up.
    expect(byName.get('report-kit')?.violation).toBeUndefined();
  });

  it('reports every package as not checked offline, never guessed', async () => {
    const { licenses, errors } = await checkLicenses({ dependencies: inventory(), registry: null, config: licenseConfigSchema.parse({ unknown: 'deny' }) });
    expect(errors).toEqual([]);
    expect(licenses.filter((l) => l.package !== 'report-kit').every((l) => l.declared === 'not checked (offline)' && l.category === 'unknown' && l.expression === null)).toBe(true);
    expect(licenses.some((l) => l.violation || l.warning)).toBe(false);
  });

  it('turns index failures into errors and keeps going', async () => {
    const registry = registryWithFixtures().fail('pyqt5', new RegistryError('https://pypi.org', 'unreachable'));
    const { licenses, errors } = await checkLicenses({ dependencies: inventory(), registry });
    expect(errors).toEqual([{ message: 'license of pyqt5 5.15.10 not checked: package index https://pypi.org: unreachable' }]);
    expect(licenses.find((l) => l.package === 'pyqt5')).toEqual({
      package: 'pyqt5',
      version: '5.15.10',
      expression: null,
      category: 'unknown',
      declared: 'not checked (https://pypi.org did not answer)',
    });
    expect(licenses.find((l) => l.package === 'cryptography')?.category).toBe('permissive');
  });

  it('warns about a package the index does not have', async () => {
    const { licenses } = await checkLicenses({ dependencies: [dependency('internal-lib', '1.2.0')], registry: new FakeRegistry() });
    expect(licenses).toEqual([
      {
        package: 'internal-lib',
        version: '1.2.0',
        expression: null,
        category: 'unknown',
        declared: 'not found on https://pypi.org',
        warning: 'The license of internal-lib 1.2.0 could not be read: version 1.2.0 is not on https://pypi.org. Check its license by hand, then allow it (licenses.allow) or add an exception.',
      },
    ]);
  });

  it('does nothing when disabled', async () => {
    const registry = registryWithFixtures();
    const result = await checkLicenses({ dependencies: inventory(), registry, config: licenseConfigSchema.parse({ enabled: false }) });
    expect(result).toEqual({ licenses: [], errors: [] });
    expect(registry.calls).toEqual([]);
  });
});
