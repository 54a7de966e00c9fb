/**
 * poetrySource reads a poetry.lock `[package.source]` table: where Poetry installs the package from.
 * Poetry writes `type` = git | directory | file | url | legacy (a named index), with `url`,
 * `reference` (the requested branch/tag/rev) and `resolved_reference` (the commit it locked).
 * See https://python-poetry.org/docs/dependency-specification/ and poetry/packages/locker.py.
 */
import { field, stringField, tableField, type TomlTable } from '../lock-toml.js';
import type { DependencySource } from '../types.js';

/** poetrySource is the source of one locked package; PyPI (a registry without URL) when none is given. */
export function poetrySource(pkg: TomlTable): DependencySource {
  const source = tableField(pkg, 'source');
  if (!source) return { type: 'registry' };
  const type = stringField(source, 'type')?.toLowerCase();
  const url = stringField(source, 'url');
  if (!url) return { type: 'registry' };
  switch (type) {
    case 'git':
    case 'hg': {
      // The resolved commit is what is installed; the written reference may be a moving branch.
      const ref = stringField(source, 'resolved_reference') ?? stringField(source, 'reference');
      const vcsUrl = /^[a-z]+\+/i.test(url) ? url : `${type}+${url}`;
      return ref ? { type: 'vcs', url: vcsUrl, ref } : { type: 'vcs', url: vcsUrl };
    }
    case 'directory':
      // `develop = true` is Poetry's editable install of a path dependency.
      return field(pkg, 'develop') === true ? { type: 'path', url, editable: true } : { type: 'path', url };
    case 'file':
      return { type: 'path', url };
    case 'url':
      return { type: 'url', url };
    default:
      // `legacy` (and any index type Poetry may add): a package index at that URL.
      return { type: 'registry', url };
  }
}
