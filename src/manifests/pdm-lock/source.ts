/**
 * pdmSource reads where a pdm.lock package comes from. PDM writes the candidate's link beside its
 * name (`Candidate.as_lockfile_entry`): a VCS key (`git`, `hg`, `svn`, `bzr`) with `ref` (what was
 * asked for) and `revision` (the commit it locked), or `path` (a local tree or archive, `editable =
 * true` for development installs), or `url` (a direct archive). Packages from an index have none.
 * See https://pdm-project.org/en/latest/usage/lockfile/ and pdm/models/candidates.py.
 */
import { field, stringField, type TomlTable } from '../lock-toml.js';
import { sourceOfUrl } from '../pep508.js';
import type { DependencySource } from '../types.js';

const VCS_KEYS = ['git', 'hg', 'svn', 'bzr'] as const;

/** pdmSource is the source of one locked package; an index (registry) when the lock names none. */
export function pdmSource(pkg: TomlTable): DependencySource {
  for (const vcs of VCS_KEYS) {
    const url = stringField(pkg, vcs);
    if (!url) continue;
    // The locked revision is what is installed; `ref` may be a moving branch.
    const ref = stringField(pkg, 'revision') ?? stringField(pkg, 'ref');
    const vcsUrl = /^[a-z]+\+/i.test(url) ? url : `${vcs}+${url}`;
    return ref ? { type: 'vcs', url: vcsUrl, ref } : { type: 'vcs', url: vcsUrl };
  }
  const path = stringField(pkg, 'path');
  if (path) return field(pkg, 'editable') === true ? { type: 'path', url: path, editable: true } : { type: 'path', url: path };
  const url = stringField(pkg, 'url');
  if (url) return sourceOfUrl(url, field(pkg, 'editable') === true);
  return { type: 'registry' };
}
