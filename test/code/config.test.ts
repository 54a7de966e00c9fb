import { describe, expect, it } from 'vitest';
import {
  banditSettings,
  codeConfigSchema,
  DEFAULT_CODE_CONFIG,
  fnmatch,
  isExcludedByBandit,
  mergeCodeSettings,
  normalizeRuleId,
  type BanditSettings,
} from '../../src/code/config.js';

const NO_BANDIT: BanditSettings | null = null;

describe('codeConfigSchema', () => {
  it('fills every default for a missing section', () => {
    expect(DEFAULT_CODE_CONFIG).toEqual({
      enabled: true,
      exclude: [],
      skip: [],
      minimumSeverity: 'low',
      minimumConfidence: 'low',
    });
    expect(codeConfigSchema.parse({})).toEqual(DEFAULT_CODE_CONFIG);
  });

  it('normalises rule references: bandit ids, bandit names, rule ids', () => {
    const config = codeConfigSchema.parse({ skip: ['b101', 'assert_used', 'python.yaml-load', ' B602 '], only: ['B506'] });
    expect(config.skip).toEqual(['B101', 'python.assert-used', 'python.yaml-load', 'B602']);
    expect(config.only).toEqual(['B506']);
  });

  it('rejects unknown keys, bad levels, bad references and an empty only', () => {
    expect(codeConfigSchema.safeParse({ excludes: [] }).success).toBe(false);
    expect(codeConfigSchema.safeParse({ minimumSeverity: 'critical' }).success).toBe(false);
    expect(codeConfigSchema.safeParse({ skip: ['not an id!'] }).success).toBe(false);
    expect(codeConfigSchema.safeParse({ only: [] }).success).toBe(false);
    expect(codeConfigSchema.safeParse({ exclude: [''] }).success).toBe(false);
  });

  it('normalizeRuleId keeps other ids as written', () => {
    expect(normalizeRuleId('secret.aws-access-key')).toBe('secret.aws-access-key');
    expect(normalizeRuleId('hardcoded_password_string')).toBe('python.hardcoded-password-string');
  });
});

describe('banditSettings', () => {
  it('reads exclude_dirs, skips, tests and assert_used skips', () => {
    const text = [
      '[project]',
      'name = "demo"',
      '',
      '[tool.bandit]',
      'exclude_dirs = ["tests", "path/to/file"]',
      'tests = ["B201", "B301"]',
      'skips = ["B101", "b601", "assert_used"]',
      '',
      '[tool.bandit.assert_used]',
      "skips = ['*_test.py', '*/test_*.py']",
    ].join('\n');
    expect(banditSettings(text, 'pyproject.toml')).toEqual({
      settings: {
        excludeDirs: ['tests', 'path/to/file'],
        tests: ['B201', 'B301'],
        skips: ['B101', 'B601', 'python.assert-used'],
        assertUsedSkips: ['*_test.py', '*/test_*.py'],
      },
      problems: [],
    });
  });

  it('is null without [tool.bandit], and ignores other tools', () => {
    expect(banditSettings('[tool.ruff]\nline-length = 100\n', 'pyproject.toml')).toEqual({ settings: null, problems: [] });
    expect(banditSettings('', 'pyproject.toml')).toEqual({ settings: null, problems: [] });
  });

  it('accepts an empty table and comma-separated strings', () => {
    expect(banditSettings('[tool.bandit]\n', 'p.toml').settings).toEqual({ excludeDirs: [], tests: [], skips: [], assertUsedSkips: [] });
    expect(banditSettings('[tool.bandit]\nskips = "B101, B601"\n', 'p.toml').settings?.skips).toEqual(['B101', 'B601']);
  });

  it('reports invalid TOML as one problem at its line', () => {
    const text = '[tool.bandit]\nskips = ["B101"]\nexclude_dirs = [\n  "a",\n  =\n]\n';
    const { settings, problems } = banditSettings(text, 'backend/pyproject.toml');
    expect(settings).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'backend/pyproject.toml', line: 5 });
    expect(problems[0]?.message).toMatch(/^invalid TOML: /);
  });

  it('reports values of the wrong type at their lines and reads the rest', () => {
    const text = [
      '[tool.bandit]', // 1
      'skips = 5', // 2
      'tests = [', // 3
      '  "B101",', // 4
      '  7,', // 5
      '  "not an id",', // 6
      ']', // 7
      'exclude_dirs = ["docs"]', // 8
      'assert_used = "yes"', // 9
    ].join('\n');
    const { settings, problems } = banditSettings(text, 'pyproject.toml');
    expect(settings).toEqual({ skips: [], tests: ['B101'], excludeDirs: ['docs'], assertUsedSkips: [] });
    expect(problems).toEqual([
      { path: 'pyproject.toml', line: 2, message: '[tool.bandit] skips must be a list of strings' },
      { path: 'pyproject.toml', line: 5, message: '[tool.bandit] tests: 7 is not a string, ignored' },
      { path: 'pyproject.toml', line: 6, message: '[tool.bandit] tests: "not an id" is not a bandit test id (B101) or name (assert_used), ignored' },
      { path: 'pyproject.toml', line: 9, message: '[tool.bandit] assert_used must be a table' },
    ]);
  });

  it('reports a [tool.bandit] that is not a table', () => {
    expect(banditSettings('[tool]\nbandit = 1\n', 'pyproject.toml')).toEqual({
      settings: null,
      problems: [{ path: 'pyproject.toml', line: 2, message: '[tool.bandit] must be a table' }],
    });
  });

  it('does not crash or hang on hostile input', () => {
    const garbage = '\u0000\u0001[tool.bandit]\nskips = ["\u0000"]\n'.repeat(1000);
    expect(banditSettings(garbage, 'pyproject.toml').problems.length).toBeGreaterThan(0);
    const huge = `[tool.bandit]\nexclude_dirs = [${Array.from({ length: 100_000 }, (_, i) => `"d${i}"`).join(',\n')}]\n`;
    expect(banditSettings(huge, 'pyproject.toml').settings?.excludeDirs).toHaveLength(100_000);
    const deep = `[tool.bandit]\nskips = ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    expect(() => banditSettings(deep, 'pyproject.toml')).not.toThrow();
  });
});

describe('bandit path matching', () => {
  it('fnmatch follows Python: * crosses /, sets and negated sets, whole-path match', () => {
    expect(fnmatch('./a/b/c_test.py', '*_test.py')).toBe(true);
    expect(fnmatch('./tests/test_x.py', '*/test_*.py')).toBe(true);
    expect(fnmatch('./tests/test_x.py', 'test_*.py')).toBe(false);
    expect(fnmatch('a1.py', 'a[0-9].py')).toBe(true);
    expect(fnmatch('ab.py', 'a[!0-9].py')).toBe(true);
    expect(fnmatch('a1.py', 'a[!0-9].py')).toBe(false);
    expect(fnmatch('a[.py', 'a[.py')).toBe(true);
    expect(fnmatch('a.py', 'a?py')).toBe(true);
    expect(fnmatch('a(b).py', 'a(b).py')).toBe(true);
  });

  it('exclude_dirs entries are substrings or fnmatch patterns of the path, as bandit discovers files', () => {
    expect(isExcludedByBandit('tests/test_a.py', 'tests')).toBe(true);
    expect(isExcludedByBandit('src/pkg/tests/x.py', 'tests')).toBe(true);
    expect(isExcludedByBandit('src/contests.py', 'tests')).toBe(true); // bandit's substring test
    expect(isExcludedByBandit('src/app.py', 'tests')).toBe(false);
    expect(isExcludedByBandit('src/app.py', './src')).toBe(true);
    expect(isExcludedByBandit('path/to/file.py', 'path/to/file')).toBe(true);
    expect(isExcludedByBandit('a/b/migrations/0001.py', '*/migrations/*')).toBe(true);
    expect(isExcludedByBandit('a\\b\\venv\\x.py', 'venv/')).toBe(true);
    expect(isExcludedByBandit('src/app.py', '')).toBe(false);
  });
});

describe('mergeCodeSettings', () => {
  const bandit: BanditSettings = { skips: ['B101', 'B601'], tests: ['B201', 'B101'], excludeDirs: ['legacy'], assertUsedSkips: ['*_test.py'] };

  it('uses the code section alone when there are no bandit settings', () => {
    const settings = mergeCodeSettings(codeConfigSchema.parse({ skip: ['B102'], minimumSeverity: 'medium', exclude: ['docs/**'] }), NO_BANDIT);
    expect(settings.enabled).toBe(true);
    expect(settings.options).toEqual({ skip: new Set(['B102']), minimumSeverity: 'medium', minimumConfidence: 'low' });
    expect(settings.optionsFor('src/a.py')).toBe(settings.options);
    expect(settings.optionsFor('docs/conf.py')).toBeNull();
  });

  it('unites skips, takes code.only over bandit tests, and bandit tests when code.only is unset', () => {
    const withOnly = mergeCodeSettings(codeConfigSchema.parse({ skip: ['B102'], only: ['B506'] }), bandit);
    expect(withOnly.options.skip).toEqual(new Set(['B102', 'B101', 'B601']));
    expect(withOnly.options.only).toEqual(new Set(['B506']));
    const withoutOnly = mergeCodeSettings(DEFAULT_CODE_CONFIG, bandit);
    expect(withoutOnly.options.only).toEqual(new Set(['B201', 'B101']));
    expect(mergeCodeSettings(DEFAULT_CODE_CONFIG, { ...bandit, tests: [] }).options.only).toBeUndefined();
  });

  it('excludes by code.exclude globs (files, directories, names at any depth) and by bandit exclude_dirs', () => {
    const settings = mergeCodeSettings(codeConfigSchema.parse({ exclude: ['docs/**', 'tests', '*_pb2.py', '.venv'] }), bandit);
    expect(settings.isExcluded('docs/conf.py')).toBe(true);
    expect(settings.isExcluded('tests/test_a.py')).toBe(true);
    expect(settings.isExcluded('pkg/tests/unit/test_b.py')).toBe(true);
    expect(settings.isExcluded('pkg/service_pb2.py')).toBe(true);
    expect(settings.isExcluded('./.venv/lib/x.py')).toBe(true);
    expect(settings.isExcluded('src/legacy_code.py')).toBe(true); // bandit fragment
    expect(settings.isExcluded('src/app.py')).toBe(false);
    expect(settings.isExcluded('src/contests.py')).toBe(false); // a glob name is a whole name
    expect(settings.exclude).toEqual(['docs/**', 'tests', '*_pb2.py', '.venv']);
    expect(settings.banditExcludeDirs).toEqual(['legacy']);
  });

  it('skips B101 only in files matching assert_used skips', () => {
    const settings = mergeCodeSettings(DEFAULT_CODE_CONFIG, { ...bandit, skips: [], tests: [] });
    expect(settings.optionsFor('src/app.py')?.skip).toEqual(new Set());
    expect(settings.optionsFor('src/app_test.py')?.skip).toEqual(new Set(['B101']));
  });

  it('scans nothing when disabled', () => {
    const settings = mergeCodeSettings(codeConfigSchema.parse({ enabled: false }), NO_BANDIT);
    expect(settings.enabled).toBe(false);
    expect(settings.optionsFor('src/app.py')).toBeNull();
  });
});
