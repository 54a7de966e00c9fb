/**
 * uv records the project's own declared requirements in `[package.metadata] requires-dist` as inline
 * tables (`{ name = "httpx", extras = ["http2"], specifier = ">=0.27", marker = "…" }`, or with a
 * `git` / `url` / `path` / `directory` / `editable` source). requiresDistToPep508 writes one back as
 * the PEP 508 string it stands for, so the caller can compare the lock with pyproject.toml.
 * See https://peps.python.org/pep-0508/ and uv-resolver's `lock` module (`Requirement` serialisation).
 */
import { field, isTable, stringField, stringsOf } from '../lock-toml.js';

/** requiresDistToPep508 is the PEP 508 string of one `requires-dist` entry, or null when it names no package. */
export function requiresDistToPep508(entry: unknown): string | null {
  if (!isTable(entry)) return null;
  const name = stringField(entry, 'name')?.trim();
  if (!name) return null;
  const extras = stringsOf(field(entry, 'extras'));
  const base = extras.length > 0 ? `${name}[${extras.join(',')}]` : name;
  const marker = stringField(entry, 'marker')?.trim();
  const markerPart = marker ? ` ; ${marker}` : '';

  const git = stringField(entry, 'git');
  if (git) return `${base} @ ${pipGitUrl(git)}${markerPart}`;
  for (const key of ['url', 'path', 'directory', 'editable', 'virtual']) {
    const location = stringField(entry, key);
    if (location) return `${base} @ ${location}${markerPart}`;
  }
  const specifier = stringField(entry, 'specifier')?.trim() ?? '';
  return `${base}${specifier}${markerPart}`;
}

/**
 * pipGitUrl turns uv's `https://host/repo?rev=v1&subdirectory=pkg` into the direct-reference form pip
 * and PEP 508 use: `git+https://host/repo@v1#subdirectory=pkg`.
 */
function pipGitUrl(value: string): string {
  const withoutFragment = value.split('#')[0] ?? value;
  const question = withoutFragment.indexOf('?');
  const repository = question >= 0 ? withoutFragment.slice(0, question) : withoutFragment;
  const query = new URLSearchParams(question >= 0 ? withoutFragment.slice(question + 1) : '');
  const ref = query.get('rev') ?? query.get('tag') ?? query.get('branch');
  const subdirectory = query.get('subdirectory');
  const prefixed = /^git\+/i.test(repository) ? repository : `git+${repository}`;
  return `${prefixed}${ref ? `@${ref}` : ''}${subdirectory ? `#subdirectory=${subdirectory}` : ''}`;
}
