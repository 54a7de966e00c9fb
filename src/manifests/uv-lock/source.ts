/**
 * uvSource reads a uv.lock package's `source` inline table. uv writes exactly one key:
 * `registry` (an index URL or a find-links directory), `git` (`https://host/repo?rev=…#<commit>`),
 * `url` (a direct archive URL), `path` (a local archive), `directory` (a local source tree),
 * `editable` (a source tree installed in development mode) or `virtual` (a source tree that is not a
 * package: only its dependencies are installed).
 * See https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile and uv-resolver's `Source`.
 */
import { stringField, type TomlTable } from '../lock-toml.js';
import type { DependencySource } from '../types.js';

/** UvSource is where a locked package comes from, and which kind of source uv recorded. */
export interface UvSource {
  source: DependencySource;
  /** The source key uv wrote (`registry`, `git`, `editable`…), undefined when the package has none. */
  kind: UvSourceKind | undefined;
  /** The path of an `editable` / `virtual` / `directory` source, relative to the lock. */
  sourcePath?: string;
}

/** UvSourceKind is one of the source keys uv writes. */
export type UvSourceKind = 'registry' | 'git' | 'url' | 'path' | 'directory' | 'editable' | 'virtual';

const KINDS: readonly UvSourceKind[] = ['registry', 'git', 'url', 'path', 'directory', 'editable', 'virtual'];

/** uvSource classifies a `source = { … }` table; a package without one is taken as coming from PyPI. */
export function uvSource(table: TomlTable | undefined): UvSource {
  if (!table) return { source: { type: 'registry' }, kind: undefined };
  for (const kind of KINDS) {
    const value = stringField(table, kind);
    if (value === undefined) continue;
    switch (kind) {
      case 'registry':
        return { source: { type: 'registry', url: value }, kind };
      case 'git':
        return { source: gitSource(value), kind };
      case 'url':
        return { source: { type: 'url', url: value }, kind };
      case 'path':
        return { source: { type: 'path', url: value }, kind, sourcePath: value };
      case 'directory':
      case 'virtual':
        return { source: { type: 'path', url: value }, kind, sourcePath: value };
      case 'editable':
        return { source: { type: 'path', url: value, editable: true }, kind, sourcePath: value };
    }
  }
  return { source: { type: 'registry' }, kind: undefined };
}

/**
 * gitSource reads uv's git source string: the repository URL, a query naming what was asked for
 * (`rev`, `tag`, `branch`, `subdirectory`) and, after `#`, the commit uv resolved — the ref that is
 * really installed.
 */
export function gitSource(value: string): DependencySource {
  const hash = value.indexOf('#');
  const commit = hash >= 0 ? value.slice(hash + 1).trim() : '';
  const withoutCommit = hash >= 0 ? value.slice(0, hash) : value;
  const question = withoutCommit.indexOf('?');
  const repository = question >= 0 ? withoutCommit.slice(0, question) : withoutCommit;
  const query = new URLSearchParams(question >= 0 ? withoutCommit.slice(question + 1) : '');
  const ref = commit || query.get('rev') || query.get('tag') || query.get('branch') || undefined;
  const url = /^git\+/i.test(repository) ? repository : `git+${repository}`;
  return ref ? { type: 'vcs', url, ref } : { type: 'vcs', url };
}
