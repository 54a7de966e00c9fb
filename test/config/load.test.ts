import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';

describe('parseConfig', () => {
  it('fills defaults for an empty file', () => {
    expect(parseConfig('')).toEqual({ config: DEFAULT_CONFIG, errors: [] });
    expect(DEFAULT_CONFIG).toMatchObject({
      failOn: 'high',
      ignore: [],
      code: { enabled: true, skip: [] },
      secrets: { enabled: true, generic: true },
      risks: { unmaintainedYears: 2, disabled: [] },
      checkRun: { annotations: true, maxAnnotations: 1000 },
      codeScanning: { upload: true },
    });
    expect(DEFAULT_CONFIG.minimumReleaseAge).toBeUndefined();
    expect(DEFAULT_CONFIG.schedule).toBeUndefined();
  });

  it('reads suppressions, with unquoted YAML dates', () => {
    const text = 'failOn: medium\nignore:\n  - id: GHSA-aaaa-bbbb-cccc\n    reason: not reachable\n    until: 2027-01-31\n  - id: PYSEC-2024-1\n    reason: no fix yet\n    whileNoFix: true\n';
    expect(parseConfig(text)).toEqual({
      config: {
        ...DEFAULT_CONFIG,
        failOn: 'medium',
        ignore: [
          { id: 'GHSA-aaaa-bbbb-cccc', reason: 'not reachable', until: '2027-01-31' },
          { id: 'PYSEC-2024-1', reason: 'no fix yet', whileNoFix: true },
        ],
      },
      errors: [],
    });
  });

  it('names the key and its line for an invalid value or an unknown key', () => {
    const text = 'failOn: severe\nignore:\n  - id: X-1\n    reason: ok\n    untill: 2027-01-01\n';
    const { errors, config } = parseConfig(text);
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(errors).toEqual([
      { message: expect.stringMatching(/^failOn: /), path: '.github/pipwarden.yml', line: 1 },
      { message: 'unknown key "ignore.0.untill"', path: '.github/pipwarden.yml', line: 5 },
    ]);
  });

  it('reports invalid YAML with its line, and survives alias bombs', () => {
    expect(parseConfig('ignore: [\n  - a\n').errors[0]).toMatchObject({ path: '.github/pipwarden.yml', line: expect.any(Number) });
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');
    expect(() => parseConfig(bomb)).not.toThrow();
    expect(parseConfig(bomb).errors.length).toBeGreaterThan(0);
  });
});
