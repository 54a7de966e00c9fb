/**
 * pylockSource reads where a pylock.toml package comes from (PEP 751, "[packages]"): exactly one of
 * `[packages.vcs]` (`type`, `url` or `path`, `requested-revision`, `commit-id`), `[packages.directory]`
 * (`path`, `editable`), `[packages.archive]` (`url` or `path`), or an index (`index`, with `sdist` and
 * `wheels`).
 * See https://packaging.python.org/en/latest/specifications/pylock-toml/
 */
import { describeValue, field, isTable, stringField, type TomlTable } from '../lock-toml.js';
import type { DependencySource } from '../types.js';

/** PylockSource is a package's source and the PEP 751 table that gave it. */
export interface PylockSource {
  source: DependencySource;
  kind: 'vcs' | 'directory' | 'archive' | 'index';
  /** `[packages.directory] path`, to recognise the project itself (`.`). */
  directoryPath?: string;
}

/** PylockSourceResult is the package's source, or why its source tables cannot be read. */
export type PylockSourceResult = { ok: true; value: PylockSource } | { ok: false; key: string; message: string };

/**
 * pylockSource classifies one `[[packages]]` table's source. A source table of the wrong type makes
 * the source unknown: guessing "from the index" could audit a different project of the same name.
 */
export function pylockSource(pkg: TomlTable): PylockSourceResult {
  for (const key of ['vcs', 'directory', 'archive']) {
    const value = field(pkg, key);
    if (value !== undefined && !isTable(value)) return { ok: false, key, message: `"${key}" must be a table, not ${describeValue(value)}; not read` };
  }
  return { ok: true, value: classify(pkg) };
}

function classify(pkg: TomlTable): PylockSource {
  const table = (key: string): TomlTable | undefined => {
    const value = field(pkg, key);
    return isTable(value) ? value : undefined;
  };
  const vcs = table('vcs');
  if (vcs) {
    const type = stringField(vcs, 'type')?.toLowerCase() ?? 'git';
    const location = stringField(vcs, 'url') ?? stringField(vcs, 'path') ?? '';
    // The commit is what is installed; `requested-revision` may name a moving branch.
    const ref = stringField(vcs, 'commit-id') ?? stringField(vcs, 'requested-revision');
    const url = /^[a-z]+\+/i.test(location) ? location : `${type}+${location}`;
    return { source: ref ? { type: 'vcs', url, ref } : { type: 'vcs', url }, kind: 'vcs' };
  }
  const directory = table('directory');
  if (directory) {
    const path = stringField(directory, 'path') ?? '.';
    const source: DependencySource = field(directory, 'editable') === true ? { type: 'path', url: path, editable: true } : { type: 'path', url: path };
    return { source, kind: 'directory', directoryPath: path };
  }
  const archive = table('archive');
  if (archive) {
    const url = stringField(archive, 'url');
    const source: DependencySource = url ? { type: 'url', url } : { type: 'path', url: stringField(archive, 'path') ?? '' };
    return { source, kind: 'archive' };
  }
  const index = stringField(pkg, 'index');
  return { source: index ? { type: 'registry', url: index } : { type: 'registry' }, kind: 'index' };
}
