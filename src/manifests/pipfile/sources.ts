/**
 * Pipfile `[[source]]` tables and Pipfile.lock `_meta.sources`: the package indexes pipenv installs from.
 * Both files use the same shape (`name`, `url`, `verify_ssl`), so both parsers read them here.
 * See https://pipenv.pypa.io/en/latest/indexes.html
 */
import type { IndexOption } from '../types.js';

/** PipfileSource is one declared index, with the lines its `url` and `verify_ssl` keys sit on. */
export interface PipfileSource {
  name?: string;
  url: string;
  verifySsl: boolean;
  urlLine: number;
  verifySslLine: number;
}

/** SourceLines tells the line of a key of the i-th source (the source's first line when the key is absent). */
export type SourceLines = (index: number, key: 'url' | 'verify_ssl') => number;

/** SourcesResult is the sources that could be read, and a problem (with its line) for each that could not. */
export interface SourcesResult {
  sources: PipfileSource[];
  problems: { message: string; line: number }[];
}

/** readPipfileSources reads a list of source tables; a malformed one is a problem, the others still count. */
export function readPipfileSources(value: unknown, lineOf: SourceLines): SourcesResult {
  const result: SourcesResult = { sources: [], problems: [] };
  if (value === undefined) return result;
  if (!Array.isArray(value)) {
    result.problems.push({ message: 'sources must be a list of tables ([[source]])', line: lineOf(0, 'url') });
    return result;
  }
  value.forEach((entry: unknown, index) => {
    const line = lineOf(index, 'url');
    if (!isRecord(entry)) {
      result.problems.push({ message: `source #${index + 1} is not a table`, line });
      return;
    }
    const { url, name } = entry;
    const verify = entry['verify_ssl'];
    if (typeof url !== 'string' || url.trim() === '') {
      result.problems.push({ message: `source #${index + 1} has no "url" string`, line });
      return;
    }
    if (verify !== undefined && typeof verify !== 'boolean') {
      result.problems.push({ message: `source "${url}": verify_ssl must be true or false`, line: lineOf(index, 'verify_ssl') });
    }
    const source: PipfileSource = {
      url,
      // pipenv verifies TLS unless told otherwise.
      verifySsl: verify !== false,
      urlLine: line,
      verifySslLine: lineOf(index, 'verify_ssl'),
    };
    if (typeof name === 'string') source.name = name;
    result.sources.push(source);
  });
  return result;
}

/**
 * indexOptionsOfSources translates sources into pip's vocabulary: pipenv installs from the first source
 * by default (`index-url`); the others are extra indexes that packages opt into with `index = "name"`.
 * `verify_ssl = false` is what `--trusted-host` does for pip, so it becomes a trusted-host entry.
 */
export function indexOptionsOfSources(sources: readonly PipfileSource[]): IndexOption[] {
  const indexes: IndexOption[] = [];
  sources.forEach((source, index) => {
    indexes.push({ option: index === 0 ? 'index-url' : 'extra-index-url', value: source.url, line: source.urlLine });
    if (!source.verifySsl) {
      const host = hostOf(source.url);
      if (host) indexes.push({ option: 'trusted-host', value: host, line: source.verifySslLine });
    }
  });
  return indexes;
}

/** sourceUrlsByName maps each named source to its URL, for entries that say `index = "name"`. */
export function sourceUrlsByName(sources: readonly PipfileSource[]): Map<string, string> {
  const urls = new Map<string, string>();
  for (const source of sources) if (source.name !== undefined && !urls.has(source.name)) urls.set(source.name, source.url);
  return urls;
}

// A regex rather than `new URL`: pipenv expands `${VAR}` in source URLs at run time, so the written URL
// may not parse as a URL, yet its host is still plain to see.
function hostOf(url: string): string | undefined {
  return /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]+)/i.exec(url.trim())?.[1];
}

/** isRecord tells a table/object value from scalars and arrays. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
