/**
 * Finding the version string of a declaration written as a TOML key (Poetry, Pipfile, PDM overrides):
 * `django = "^4.2"`, `django = { version = "^4.2", extras = […] }`, a `[section.django]` sub-table with
 * its `version = …` line, or one table of a Poetry multiple-constraints array
 * (`django = [{ version = "^4.2", python = "<3.10" }, …]`, https://python-poetry.org/docs/dependency-specification/#multiple-constraints-dependencies).
 */
import { normalizePackageName } from '../../manifests/pep508.js';
import { isKeyAt, type TomlToken } from './toml-tokens.js';

/** EntryString is the string token holding the constraint, or why there is none to edit. */
export type EntryString = { ok: true; token: TomlToken } | { ok: false; message: string };

/**
 * entryVersionString finds the constraint of package `name` among the tokens of its declaration's
 * lines. `occurrence` picks among several constraint tables on the same line (a one-line array).
 */
export function entryVersionString(tokens: readonly TomlToken[], name: string, occurrence: number): EntryString {
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (!token || !isKeyAt(tokens, index) || normalizePackageName(token.text) !== name) continue;
    const value = tokens[index + 2];
    if (value?.type === 'string') return { ok: true, token: value };
    if (value?.text === '{' || value?.text === '[') {
      const close = matching(tokens, index + 2);
      return versionKey(tokens.slice(index + 3, close), occurrence);
    }
    return { ok: false, message: 'the declaration has no version string to edit' };
  }
  return versionKey(tokens, occurrence);
}

function versionKey(tokens: readonly TomlToken[], occurrence: number): EntryString {
  let seen = 0;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (!token || !isKeyAt(tokens, index) || token.text !== 'version') continue;
    const value = tokens[index + 2];
    if (value?.type !== 'string') return { ok: false, message: 'its version is not a string' };
    if (seen++ === occurrence) return { ok: true, token: value };
  }
  return { ok: false, message: 'the declaration has no version constraint to edit (a source without a version?)' };
}

/** matching is the index of the bracket closing the one at `open` (or the end). */
function matching(tokens: readonly TomlToken[], open: number): number {
  let depth = 0;
  for (let index = open; index < tokens.length; index++) {
    const text = tokens[index]?.type === 'punct' ? tokens[index]?.text : '';
    if (text === '{' || text === '[') depth++;
    else if (text === '}' || text === ']') {
      depth--;
      if (depth === 0) return index;
    }
  }
  return tokens.length;
}
