/**
 * parsePipfileLock reads a Pipfile.lock (JSON written by `pipenv lock`): `_meta` (the Pipfile's hash,
 * the lock format version `pipfile-spec`, sources, requires) and one object per package category:
 * `default` (group `main`), `develop` (group `dev`), and custom categories (group = category name).
 *
 * A package in both `default` and `develop` stays two requirements with their own lines and groups;
 * buildInventory merges equal (name, version) pairs. The lock records no dependency graph, so no
 * requirement has `requires`.
 * See https://github.com/pypa/pipfile#pipfilelock
 */
import { describe, requiresPythonOf } from '../pipfile/requires-python.js';
import { indexOptionsOfSources, isRecord, readPipfileSources, sourceUrlsByName } from '../pipfile/sources.js';
import { lineAt } from '../requirement.js';
import type { LockInfo, Manifest, ManifestInput } from '../types.js';
import { requirementFromLockEntry } from './entry.js';
import { JsonLocator } from './json-lines.js';

/** CATEGORY_GROUPS names the groups of pipenv's two standard categories; a custom one keeps its name. */
const CATEGORY_GROUPS: Readonly<Record<string, string>> = { default: 'main', develop: 'dev' };

/** parsePipfileLock parses one Pipfile.lock; it never throws, what it cannot read becomes an error with its line. */
export function parsePipfileLock(input: ManifestInput): Manifest {
  const manifest: Manifest = { path: input.path, kind: 'pipfile-lock', requirements: [], errors: [] };
  const problem = (message: string, line: number): void => {
    manifest.errors.push({ message, path: input.path, line: Math.max(1, line) });
  };
  const text = input.content.charCodeAt(0) === 0xfeff ? input.content.slice(1) : input.content;

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const syntax = invalidJson(text, error);
    problem(`invalid JSON: ${syntax.message}`, syntax.line);
    return manifest;
  }
  if (!isRecord(data)) {
    problem(`a Pipfile.lock must be a JSON object, found ${describe(data)}`, 1);
    return manifest;
  }
  // Items are only needed for `_meta.sources` (depth 2); hash lists are deeper.
  const locator = new JsonLocator(text, { itemsDepth: 2 });
  const keyLine = (path: string[]): number => locator.member(path)?.lines.start ?? 1;

  const meta = data['_meta'];
  let sourceUrls = new Map<string, string>();
  if (meta !== undefined && !isRecord(meta)) {
    problem(`"_meta" must be an object, found ${describe(meta)}`, keyLine(['_meta']));
  } else if (meta) {
    const sources = readPipfileSources(meta['sources'], (index, key) => {
      const item = locator.member(['_meta', 'sources'])?.value.items?.[index];
      return item?.members?.get(key)?.lines.start ?? item?.lines.start ?? keyLine(['_meta', 'sources']);
    });
    for (const p of sources.problems) problem(`_meta: ${p.message}`, p.line);
    const indexes = indexOptionsOfSources(sources.sources);
    if (indexes.length > 0) manifest.indexes = indexes;
    sourceUrls = sourceUrlsByName(sources.sources);

    const requiresPython = requiresPythonOf(meta['requires']);
    if (!requiresPython.ok) {
      problem(`_meta: ${requiresPython.error}`, keyLine(['_meta', 'requires', ...(requiresPython.key ? [requiresPython.key] : [])]));
    }
    else if (requiresPython.specifier) manifest.requiresPython = requiresPython.specifier;

    manifest.lock = lockInfo(meta, (message, path) => problem(message, keyLine(path)));
  }

  for (const [category, packages] of Object.entries(data)) {
    if (category === '_meta') continue;
    const categoryLine = keyLine([category]);
    if (!isRecord(packages)) {
      problem(`"${category}" must be an object of packages, found ${describe(packages)}`, categoryLine);
      continue;
    }
    const group = CATEGORY_GROUPS[category] ?? category;
    for (const [name, value] of Object.entries(packages)) {
      const lines = locator.member([category, name])?.lines ?? { start: categoryLine, end: categoryLine };
      const result = requirementFromLockEntry(name, value, { lines, group, sourceUrls });
      for (const message of result.problems) problem(`${category}: ${message}`, lines.start);
      if (result.requirement) manifest.requirements.push(result.requirement);
    }
  }
  manifest.errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return manifest;
}

/** lockInfo is `_meta.hash.sha256` and `_meta.pipfile-spec`, the data a freshness check needs. */
function lockInfo(meta: Record<string, unknown>, problem: (message: string, path: string[]) => void): LockInfo {
  const info: LockInfo = {};
  const hash = meta['hash'];
  const sha256 = isRecord(hash) ? hash['sha256'] : undefined;
  if (typeof sha256 === 'string') info.contentHash = sha256;
  else if (hash !== undefined) problem('_meta: "hash" must be an object with a "sha256" string', ['_meta', 'hash']);
  const spec = meta['pipfile-spec'];
  if (typeof spec === 'number' || typeof spec === 'string') info.formatVersion = String(spec);
  else if (spec !== undefined) problem('_meta: "pipfile-spec" must be a number', ['_meta', 'pipfile-spec']);
  return info;
}

/**
 * invalidJson explains a JSON.parse failure with a line: V8's position when its message gives one
 * (`at position N`, or Node 22's `line N column M`), else the locator's own scan, else line 1. The
 * locator's message is preferred: V8's echoes the input, which may be huge or binary.
 */
function invalidJson(text: string, error: unknown): { message: string; line: number } {
  const v8Message = error instanceof Error ? error.message : String(error);
  const located = new JsonLocator(text).error;
  const lineColumn = /\(line (\d+) column \d+\)/.exec(v8Message);
  const position = /at position (\d+)/.exec(v8Message);
  const v8Line = lineColumn ? Number(lineColumn[1]) : position ? lineAt(text, Number(position[1])) : undefined;
  const message = located?.message ?? (v8Message.length > 120 ? `${v8Message.slice(0, 117)}...` : v8Message);
  return { message, line: v8Line ?? located?.line ?? 1 };
}
