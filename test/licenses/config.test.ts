import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_LICENSE_CONFIG, licenseConfigSchema } from '../../src/licenses/config.js';

function issues(input: unknown): string[] {
  const result = licenseConfigSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('licenseConfigSchema', () => {
  it('has documented defaults', () => {
    expect(DEFAULT_LICENSE_CONFIG).toEqual({
      enabled: true,
      allow: [],
      deny: [],
      deniedCategories: 'auto',
      unknown: 'warn',
      exceptions: [],
      labels: ['license-policy'],
    });
  });

  it('reads a full section from YAML', () => {
    const yaml = `
enabled: true
allow: [LGPL-2.1-or-later, "GPL-2.0-only WITH Classpath-exception-2.0", LicenseRef-Acme]
deny: [AGPL-3.0-only, SSPL-1.0]
deniedCategories: [strong-copyleft, network-copyleft, proprietary]
unknown: deny
exceptions:
  - package: PyQt5
    version: "5.15.10"
    reason: commercial license bought in 2024
  - package: chardet
    reason: only used in tests
labels: [license-policy, legal]
`;
    const config = licenseConfigSchema.parse(parseYaml(yaml));
    expect(config.allow).toEqual(['LGPL-2.1-or-later', 'GPL-2.0-only WITH Classpath-exception-2.0', 'LicenseRef-Acme']);
    expect(config.deniedCategories).toEqual(['strong-copyleft', 'network-copyleft', 'proprietary']);
    expect(config.exceptions).toEqual([
      { package: 'PyQt5', version: '5.15.10', reason: 'commercial license bought in 2024' },
      { package: 'chardet', reason: 'only used in tests' },
    ]);
    expect(config.unknown).toBe('deny');
  });

  it('accepts an empty list of denied categories', () => {
    expect(licenseConfigSchema.parse({ deniedCategories: [] }).deniedCategories).toEqual([]);
  });

  it('rejects what is not an SPDX id, suggesting the right one', () => {
    expect(issues({ allow: ['Apache 2.0'] })).toEqual(['allow.0: "Apache 2.0" is not an SPDX license id (did you mean Apache-2.0?); see https://spdx.org/licenses/']);
    expect(issues({ deny: ['mit'] })).toEqual(['deny.0: "mit" is not an SPDX license id (did you mean MIT?); see https://spdx.org/licenses/']);
    expect(issues({ deny: ['Nonsense Words'] })).toEqual(['deny.0: "Nonsense Words" is not an SPDX license id; see https://spdx.org/licenses/']);
  });

  it('rejects expressions in the lists, and an id in both', () => {
    expect(issues({ allow: ['MIT OR Apache-2.0'] })).toEqual(['allow.0: "MIT OR Apache-2.0" is an expression: list one license per entry']);
    expect(issues({ allow: ['MPL-2.0'], deny: ['MPL-2.0'] })).toEqual(['deny.0: MPL-2.0 is in both allow and deny']);
  });

  it('rejects unknown keys, `unknown` as a category, a bad mode, and an unquoted version', () => {
    expect(issues({ allowed: ['MIT'] })).toHaveLength(1);
    expect(issues({ deniedCategories: ['unknown'] })[0]).toMatch(/^deniedCategories/);
    expect(issues({ unknown: 'ignore' })[0]).toMatch(/^unknown/);
    const unquoted = issues(parseYaml('exceptions:\n  - package: foo\n    version: 1.10\n    reason: ok\n'));
    expect(unquoted).toEqual(['exceptions.0.version: version must be a quoted string, e.g. "1.10"']);
    expect(issues({ exceptions: [{ package: 'foo' }] })[0]).toMatch(/^exceptions\.0\.reason/);
  });
});
