/**
 * The options pip accepts inside a requirements file, and an optparse-like reader for them.
 *
 * pip builds an `optparse` parser from `SUPPORTED_OPTIONS` (global: they configure the finder) and
 * `SUPPORTED_OPTIONS_REQ` (per requirement) in pip/_internal/req/req_file.py; the option names come
 * from pip/_internal/cli/cmdoptions.py. See
 * https://pip.pypa.io/en/stable/reference/requirements-file-format/#supported-options
 *
 * Like optparse, long options may be abbreviated to any unambiguous prefix (`--extra` is
 * `--extra-index-url`), take their value as `--opt=value` or `--opt value`, and short options take it
 * attached (`-rbase.txt`) or as the next token. Unlike pip, which stops at the first bad option, the
 * reader records the problem and goes on, so one typo does not hide the rest of the line.
 */
import { display } from './display.js';

/** OptionId names an option pip accepts in requirements files, by its canonical long name. */
export type OptionId =
  | 'index-url'
  | 'extra-index-url'
  | 'no-index'
  | 'find-links'
  | 'trusted-host'
  | 'requirement'
  | 'constraint'
  | 'editable'
  | 'no-binary'
  | 'only-binary'
  | 'prefer-binary'
  | 'require-hashes'
  | 'pre'
  | 'use-feature'
  | 'hash'
  | 'config-settings'
  | 'global-option'
  | 'install-option';

/**
 * OptionScope says what an option applies to: `global` options configure pip for the whole file and
 * only count on a line without a requirement; `requirement` options belong to the requirement on
 * their own logical line (pip ignores the other kind on each sort of line).
 */
export type OptionScope = 'global' | 'requirement';

/** OptionSpec is one row of the table: the spellings pip accepts and whether a value follows. */
export interface OptionSpec {
  id: OptionId;
  /** Every spelling, `-x` and `--long-name`. */
  names: readonly string[];
  takesValue: boolean;
  scope: OptionScope;
}

/** REQUIREMENTS_FILE_OPTIONS is the table of pip's requirements-file options (pip 24/25 plus `--install-option`). */
export const REQUIREMENTS_FILE_OPTIONS: readonly OptionSpec[] = [
  // `--pypi-url` is an old alias pip still defines for `--index-url` (cmdoptions.index_url).
  { id: 'index-url', names: ['-i', '--index-url', '--pypi-url'], takesValue: true, scope: 'global' },
  { id: 'extra-index-url', names: ['--extra-index-url'], takesValue: true, scope: 'global' },
  { id: 'no-index', names: ['--no-index'], takesValue: false, scope: 'global' },
  { id: 'find-links', names: ['-f', '--find-links'], takesValue: true, scope: 'global' },
  { id: 'trusted-host', names: ['--trusted-host'], takesValue: true, scope: 'global' },
  { id: 'requirement', names: ['-r', '--requirement'], takesValue: true, scope: 'global' },
  { id: 'constraint', names: ['-c', '--constraint'], takesValue: true, scope: 'global' },
  { id: 'editable', names: ['-e', '--editable'], takesValue: true, scope: 'global' },
  { id: 'no-binary', names: ['--no-binary'], takesValue: true, scope: 'global' },
  { id: 'only-binary', names: ['--only-binary'], takesValue: true, scope: 'global' },
  { id: 'prefer-binary', names: ['--prefer-binary'], takesValue: false, scope: 'global' },
  { id: 'require-hashes', names: ['--require-hashes'], takesValue: false, scope: 'global' },
  { id: 'pre', names: ['--pre'], takesValue: false, scope: 'global' },
  { id: 'use-feature', names: ['--use-feature'], takesValue: true, scope: 'global' },
  { id: 'hash', names: ['--hash'], takesValue: true, scope: 'requirement' },
  { id: 'config-settings', names: ['-C', '--config-settings'], takesValue: true, scope: 'requirement' },
  { id: 'global-option', names: ['--global-option'], takesValue: true, scope: 'requirement' },
  // Removed in pip 23.1, still common in older files; accepted so they are not reported as typos.
  { id: 'install-option', names: ['--install-option'], takesValue: true, scope: 'requirement' },
];

const SHORT = new Map<string, OptionSpec>();
const LONG = new Map<string, OptionSpec>();
for (const spec of REQUIREMENTS_FILE_OPTIONS) {
  for (const name of spec.names) (name.startsWith('--') ? LONG : SHORT).set(name, spec);
}

/** ParsedOption is one option found on a line. */
export interface ParsedOption {
  spec: OptionSpec;
  /** The spelling used, e.g. `-r` or `--requirement` (an abbreviation is reported by its full name). */
  name: string;
  /** The value; empty for flags. */
  value: string;
}

/** OptionReadResult is what a line's option tokens hold. */
export interface OptionReadResult {
  options: ParsedOption[];
  /** Tokens that are no option nor an option's value; pip silently ignores them. */
  leftovers: string[];
  errors: string[];
}

type LongMatch = { spec: OptionSpec; name: string } | { error: string };

function matchLong(name: string): LongMatch {
  const exact = LONG.get(name);
  if (exact) return { spec: exact, name };
  const candidates = [...LONG.keys()].filter((long) => long.startsWith(name));
  const [only] = candidates;
  if (candidates.length === 1 && only !== undefined) {
    const spec = LONG.get(only);
    if (spec) return { spec, name: only };
  }
  if (candidates.length > 1) return { error: `ambiguous option ${display(name)} (${candidates.join(', ')})` };
  return { error: `unknown option ${display(name)}` };
}

/** readOptions interprets the option tokens of one logical line the way optparse would. */
export function readOptions(tokens: readonly string[]): OptionReadResult {
  const result: OptionReadResult = { options: [], leftovers: [], errors: [] };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (token === '--') {
      result.leftovers.push(...tokens.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      result.leftovers.push(token);
      continue;
    }
    let spec: OptionSpec;
    let name: string;
    let attached: string | undefined;
    if (token.startsWith('--')) {
      const equals = token.indexOf('=');
      const written = equals < 0 ? token : token.slice(0, equals);
      attached = equals < 0 ? undefined : token.slice(equals + 1);
      const match = matchLong(written);
      if ('error' in match) {
        result.errors.push(match.error);
        // Take a following bare word as the unknown option's value rather than report it again.
        if (attached === undefined && i + 1 < tokens.length && !(tokens[i + 1] ?? '').startsWith('-')) i++;
        continue;
      }
      spec = match.spec;
      name = match.name;
    } else {
      name = token.slice(0, 2);
      const found = SHORT.get(name);
      if (!found) {
        result.errors.push(`unknown option ${display(name)}`);
        if (token.length === 2 && i + 1 < tokens.length && !(tokens[i + 1] ?? '').startsWith('-')) i++;
        continue;
      }
      spec = found;
      // optparse: a short option's value may be glued to it (`-rbase.txt`).
      attached = token.length > 2 ? token.slice(2) : undefined;
    }

    if (!spec.takesValue) {
      if (attached !== undefined) result.errors.push(`option ${name} takes no value`);
      result.options.push({ spec, name, value: '' });
      continue;
    }
    let value = attached;
    if (value === undefined) {
      value = tokens[i + 1];
      if (value !== undefined) i++;
    }
    if (value === undefined || value === '') {
      result.errors.push(`option ${name} requires a value`);
      continue;
    }
    result.options.push({ spec, name, value });
  }
  return result;
}

/** hashOptionError checks a `--hash` value as pip does (`algorithm:digest`, a strong algorithm), or null. */
export function hashOptionError(value: string): string | null {
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) {
    return `invalid --hash "${display(value)}": expected algorithm:digest, like --hash=sha256:abcd…`;
  }
  // pip/_internal/utils/hashes.py STRONG_HASHES.
  const algorithm = value.slice(0, colon);
  if (!['sha256', 'sha384', 'sha512'].includes(algorithm)) {
    return `invalid --hash "${display(value)}": pip allows only sha256, sha384 and sha512`;
  }
  return null;
}
