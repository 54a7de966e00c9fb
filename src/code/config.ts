/**
 * Configuration of the code scan: the `code:` section of `.github/pipwarden.yml`, the `[tool.bandit]`
 * settings a project may already keep in pyproject.toml, and the merge of both into what the runner
 * needs (ScanOptions) plus which files not to scan.
 *
 * Bandit's pyproject settings (https://bandit.readthedocs.io/en/latest/config.html, "-c pyproject.toml")
 * are `exclude_dirs`, `skips`, `tests` and per-plugin tables; pipwarden reads the first three and
 * `[tool.bandit.assert_used] skips`. Bandit has no severity or confidence key in that file (those are
 * command-line and `.bandit` INI options), so none is read there: use `code.minimumSeverity` /
 * `code.minimumConfidence`. `targets` is ignored: pipwarden scans the whole repository.
 */
import picomatch from 'picomatch';
import { parse, TomlError } from 'smol-toml';
import { z } from 'zod';
import type { Problem } from '../manifests/types.js';
import { TomlLocator } from '../manifests/toml-lines.js';
import type { ScanOptions } from './runner.js';

const LEVELS = ['low', 'medium', 'high'] as const;

const BANDIT_ID = /^B\d{3}$/i;
const BANDIT_NAME = /^[a-z][a-z0-9_]*$/;
const RULE_ID = /^[a-z][\w-]*\.[\w.-]+$/i;

/**
 * normalizeRuleId makes the ways a rule can be named comparable with what rules publish: a bandit id in
 * upper case (`b101` → `B101`), a bandit test name as pipwarden's rule id (`assert_used` →
 * `python.assert-used`: rule ids are `python.` + the bandit name in kebab case), anything else as given.
 */
export function normalizeRuleId(id: string): string {
  const trimmed = id.trim();
  if (BANDIT_ID.test(trimmed)) return trimmed.toUpperCase();
  if (BANDIT_NAME.test(trimmed)) return `python.${trimmed.replace(/_/g, '-')}`;
  return trimmed;
}

/** isRuleReference says whether a string can name a rule: a bandit id, a bandit test name or a rule id. */
function isRuleReference(id: string): boolean {
  const trimmed = id.trim();
  return BANDIT_ID.test(trimmed) || BANDIT_NAME.test(trimmed) || RULE_ID.test(trimmed);
}

const ruleReference = z
  .string()
  .refine(isRuleReference, 'expected a rule id (python.yaml-load), a bandit id (B506) or a bandit test name (yaml_load)')
  .transform(normalizeRuleId);

/** codeConfigSchema is the `code:` section of `.github/pipwarden.yml`; every key has a default. */
export const codeConfigSchema = z
  .strictObject({
    /** Scan the repository's Python files with the code rules (default true). */
    enabled: z.boolean().default(true),
    /**
     * Glob patterns (picomatch, against the path from the repository root) of files not to scan. A pattern
     * also matches a directory, which excludes everything under it, and a pattern without `/` matches a
     * file or directory name at any depth: `tests`, `docs/**`, `*_pb2.py`. Default none: like bandit,
     * test code is scanned unless excluded here (or by `[tool.bandit] exclude_dirs`).
     */
    exclude: z.array(z.string().min(1)).default([]),
    /** Rules not to run, by rule id, bandit id or bandit test name (`B101`, `python.assert-used`, `assert_used`). */
    skip: z.array(ruleReference).default([]),
    /** When set, only these rules run (same names as `skip`); bandit's `tests`. Default: every rule. */
    only: z.array(ruleReference).min(1).optional(),
    /** The lowest severity reported (default low: everything). */
    minimumSeverity: z.enum(LEVELS).default('low'),
    /** The lowest confidence reported (default low: everything). */
    minimumConfidence: z.enum(LEVELS).default('low'),
  })
  .prefault({});

/** CodeConfig is the validated `code` section with defaults filled in. */
export type CodeConfig = z.infer<typeof codeConfigSchema>;

/** DEFAULT_CODE_CONFIG is the section of a repository that says nothing about code scanning. */
export const DEFAULT_CODE_CONFIG: CodeConfig = codeConfigSchema.parse(undefined);

/** BanditSettings is what pipwarden takes from `[tool.bandit]` in a pyproject.toml. */
export interface BanditSettings {
  /** `skips`: tests not to run, normalised (normalizeRuleId). */
  skips: string[];
  /** `tests`: when not empty, the only tests to run, normalised. */
  tests: string[];
  /**
   * `exclude_dirs`: as bandit uses them, each excludes a file when it is a substring of the file's path
   * or an fnmatch pattern matching it (see isExcludedByBandit).
   */
  excludeDirs: string[];
  /** `[tool.bandit.assert_used] skips`: fnmatch patterns of files where B101 (assert used) is not reported. */
  assertUsedSkips: string[];
}

/** BanditSettingsResult is banditSettings' answer: null settings when the file has no `[tool.bandit]`. */
export interface BanditSettingsResult {
  settings: BanditSettings | null;
  problems: Problem[];
}

/**
 * banditSettings reads `[tool.bandit]` from a pyproject.toml. It never throws: invalid TOML is one problem
 * at smol-toml's line (and no settings), a value of the wrong type is a problem at its line and is
 * ignored, the rest is still read. A comma-separated string is accepted where a list is expected.
 */
export function banditSettings(pyprojectText: string, path: string): BanditSettingsResult {
  let document: Record<string, unknown>;
  try {
    document = parse(pyprojectText) as Record<string, unknown>;
  } catch (error) {
    const line = error instanceof TomlError && error.line > 0 ? error.line : 1;
    const raw = error instanceof Error ? error.message : String(error);
    const reason = (raw.split('\n')[0] ?? '').replace(/^Invalid TOML document:\s*/i, '').trim();
    return { settings: null, problems: [{ path, line, message: `invalid TOML: ${reason || 'unreadable document'}` }] };
  }
  const tool = asTable(document.tool);
  if (!tool || !('bandit' in tool)) return { settings: null, problems: [] };
  const locator = new TomlLocator(pyprojectText);
  const problems: Problem[] = [];
  const lineOf = (key: string[]): number => locator.key(['tool', 'bandit'], key)?.lines.start ?? locator.table(['tool', 'bandit'])?.header ?? 1;
  const bandit = asTable(tool.bandit);
  if (!bandit) {
    problems.push({ path, line: locator.key(['tool'], ['bandit'])?.lines.start ?? 1, message: '[tool.bandit] must be a table' });
    return { settings: null, problems };
  }

  /** entries reads a list of strings (or a comma-separated string), each with its line. */
  const entries = (key: string[], value: unknown): { text: string; line: number }[] => {
    if (value === undefined) return [];
    if (typeof value === 'string') {
      return value.split(',').map((s) => s.trim()).filter((s) => s !== '').map((text) => ({ text, line: lineOf(key) }));
    }
    if (!Array.isArray(value)) {
      problems.push({ path, line: lineOf(key), message: `[tool.bandit] ${key.join('.')} must be a list of strings` });
      return [];
    }
    const items = locator.key(['tool', 'bandit'], key)?.value.items ?? [];
    const result: { text: string; line: number }[] = [];
    value.forEach((item, index) => {
      const line = items[index]?.lines.start ?? lineOf(key);
      if (typeof item === 'string' && item.trim() !== '') result.push({ text: item.trim(), line });
      else problems.push({ path, line, message: `[tool.bandit] ${key.join('.')}: ${typeof item === 'string' ? 'an empty entry' : `${describeValue(item)} is not a string`}, ignored` });
    });
    return result;
  };
  const strings = (key: string[], value: unknown): string[] => entries(key, value).map((entry) => entry.text);
  const testIds = (key: string): string[] =>
    entries([key], bandit[key])
      .filter(({ text, line }) => {
        if (BANDIT_ID.test(text) || BANDIT_NAME.test(text)) return true;
        problems.push({ path, line, message: `[tool.bandit] ${key}: "${text}" is not a bandit test id (B101) or name (assert_used), ignored` });
        return false;
      })
      .map(({ text }) => normalizeRuleId(text));

  const skips = testIds('skips');
  const tests = testIds('tests');
  const excludeDirs = strings(['exclude_dirs'], bandit.exclude_dirs);
  let assertUsedSkips: string[] = [];
  if (bandit.assert_used !== undefined) {
    const table = asTable(bandit.assert_used);
    if (table) assertUsedSkips = strings(['assert_used', 'skips'], table.skips);
    else problems.push({ path, line: lineOf(['assert_used']), message: '[tool.bandit] assert_used must be a table' });
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { settings: { skips, tests, excludeDirs, assertUsedSkips }, problems };
}

/** CodeSettings is the code scan's configuration for a repository: both sources merged. */
export interface CodeSettings {
  enabled: boolean;
  /** The options of every scanned file (optionsFor adds the per-file exceptions). */
  options: ScanOptions;
  /** `code.exclude` globs. */
  exclude: readonly string[];
  /** `[tool.bandit] exclude_dirs` entries. */
  banditExcludeDirs: readonly string[];
  /** isExcluded says whether a file (path from the repository root) is not to be scanned. */
  isExcluded(path: string): boolean;
  /** optionsFor is the ScanOptions for one file, or null when the file is excluded or scanning is off. */
  optionsFor(path: string): ScanOptions | null;
}

/**
 * mergeCodeSettings combines the `code:` section with a project's bandit settings (or null):
 * - skipped rules are the union of `code.skip` and bandit's `skips`;
 * - the rules to run are `code.only` when set, else bandit's `tests` when not empty, else all;
 * - files are excluded by `code.exclude` globs and by bandit's `exclude_dirs`;
 * - B101 is skipped for files matching `[tool.bandit.assert_used] skips`;
 * - severity and confidence floors and `enabled` come from the `code:` section only (secrets have their
 *   own `secrets:` section).
 */
export function mergeCodeSettings(config: CodeConfig, bandit: BanditSettings | null): CodeSettings {
  const skip = new Set([...config.skip, ...(bandit?.skips ?? [])]);
  const onlyIds = config.only ?? (bandit && bandit.tests.length > 0 ? bandit.tests : undefined);
  const options: ScanOptions = {
    skip,
    minimumSeverity: config.minimumSeverity,
    minimumConfidence: config.minimumConfidence,
    ...(onlyIds ? { only: new Set(onlyIds) } : {}),
  };
  const globMatch = config.exclude.length > 0 ? picomatch(config.exclude, { dot: true, basename: true }) : null;
  const banditExcludeDirs = bandit?.excludeDirs ?? [];
  const assertUsedSkips = bandit?.assertUsedSkips ?? [];

  const isExcluded = (path: string): boolean => {
    const normalised = normalisePath(path);
    if (globMatch && selfAndParents(normalised).some((candidate) => globMatch(candidate))) return true;
    return banditExcludeDirs.some((entry) => isExcludedByBandit(normalised, entry));
  };
  return {
    enabled: config.enabled,
    options,
    exclude: config.exclude,
    banditExcludeDirs,
    isExcluded,
    optionsFor(path) {
      if (!config.enabled || isExcluded(path)) return null;
      const normalised = normalisePath(path);
      if (!assertUsedSkips.some((pattern) => banditCandidates(normalised).some((candidate) => fnmatch(candidate, pattern)))) return options;
      return { ...options, skip: new Set([...skip, 'B101']) };
    },
  };
}

/**
 * isExcludedByBandit applies one `exclude_dirs` entry the way bandit's file discovery does
 * (`bandit/core/manager.py`, `_is_file_included`): the file is excluded when the entry is an fnmatch
 * pattern matching its path, or simply occurs in its path. Bandit sees paths as `./src/x.py` when run as
 * `bandit -r .`, so both `./src/x.py` and `src/x.py` are tried. As in bandit, `tests` also excludes
 * `contests.py`: the entry is a fragment, not a directory name. Empty entries exclude nothing.
 */
export function isExcludedByBandit(path: string, entry: string): boolean {
  const pattern = entry.replace(/\\/g, '/');
  if (pattern === '') return false;
  return banditCandidates(normalisePath(path)).some((candidate) => candidate.includes(pattern) || fnmatch(candidate, pattern));
}

function banditCandidates(path: string): string[] {
  return [`./${path}`, path];
}

function normalisePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/** selfAndParents is a path and each directory above it: `a/b/c.py` → `a`, `a/b`, `a/b/c.py`. */
function selfAndParents(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, index) => parts.slice(0, index + 1).join('/'));
}

/**
 * fnmatch is Python's `fnmatch.fnmatch` on POSIX (case-sensitive): `*` matches anything, `/` included,
 * `?` one character, `[seq]` / `[!seq]` a set; the whole path must match.
 */
export function fnmatch(path: string, pattern: string): boolean {
  return fnmatchRegExp(pattern).test(path);
}

function fnmatchRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === '*') {
      source += '.*';
      while (pattern.charAt(i + 1) === '*') i++;
    } else if (char === '?') source += '.';
    else if (char === '[') {
      let end = i + 1;
      if (pattern.charAt(end) === '!') end++;
      if (pattern.charAt(end) === ']') end++;
      while (end < pattern.length && pattern.charAt(end) !== ']') end++;
      if (end >= pattern.length) source += '\\[';
      else {
        let set = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        else if (set.startsWith('^')) set = `\\${set}`;
        source += `[${set}]`;
        i = end;
      }
    } else source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

/** describeValue names a TOML value in a message: short JSON, or its type when that fails. */
function describeValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? typeof value;
  } catch {
    text = typeof value;
  }
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function asTable(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) ? (value as Record<string, unknown>) : undefined;
}
