/**
 * editPipfileLock moves one package of a Pipfile.lock to a new version without running pipenv: in every
 * category that pins the old version, `"version": "==x"` and `"hashes"` (the sha256 of every file of the
 * new release, sorted, as pipenv writes them), keeping the file's 4-space JSON layout and key order. The
 * `_meta.hash` changes only when the Pipfile changed: it is recomputed with the pipenv algorithm that
 * produced the recorded one (pipfile-lock/content-hash.ts), after checking it matched the Pipfile before.
 *
 * pipenv derives an entry's `markers` from the release's `Requires-Python`, so a release whose
 * `Requires-Python` changed is not written in place. Entries from a VCS, a path or a URL, and entries
 * from an index other than the one the files come from, are not edited either.
 * See https://github.com/pypa/pipfile#pipfilelock and pipenv/utils/locking.py.
 */
import { pipfileHashWith, type PipfileHashAlgorithm } from '../../manifests/pipfile-lock/content-hash.js';
import { JsonLocator, type JsonMemberSpan } from '../../manifests/pipfile-lock/json-lines.js';
import { normalizePackageName } from '../../manifests/pep508.js';
import { versionsEqual } from '../../pep440/index.js';
import type { KindEditResult } from './kind-edit.js';
import { sameRequiresPython } from './pythons.js';
import type { ReleaseFile } from './release-files.js';
import { leadingWhitespace, LineEdits, normalizeIndexUrl, PYPI_SIMPLE } from './text.js';
import type { InPlaceOptions, LockUpdate } from './types.js';

const DIRECT_REFERENCE_KEYS = ['git', 'hg', 'svn', 'bzr', 'path', 'file', 'editable'];
const HASH_ALGORITHMS: readonly PipfileHashAlgorithm[] = ['plette', 'normalized-names', 'plette-without-categories'];

type Json = Record<string, unknown>;

/** editPipfileLock applies one update to Pipfile.lock text (see the module comment). */
export function editPipfileLock(text: string, update: LockUpdate, files: readonly ReleaseFile[], options: InPlaceOptions = {}): KindEditResult {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let data: unknown;
  try {
    data = JSON.parse(text.slice(bom));
  } catch {
    return fail('Pipfile.lock is not valid JSON');
  }
  if (!isRecord(data)) return fail('Pipfile.lock is not a JSON object');
  const locator = new JsonLocator(text);
  if (locator.error) return fail(`Pipfile.lock cannot be read (line ${locator.error.line}: ${locator.error.message})`);

  const name = normalizePackageName(update.package);
  const label = `${update.package} ${update.from ?? ''}`.trim();
  const meta = isRecord(data['_meta']) ? data['_meta'] : {};
  const sources = new Map<string, string>();
  for (const source of Array.isArray(meta['sources']) ? meta['sources'] : []) {
    if (isRecord(source) && typeof source['name'] === 'string' && typeof source['url'] === 'string') sources.set(source['name'], source['url']);
  }

  const targets: Array<{ category: string; key: string; entry: Json }> = [];
  for (const [category, packages] of Object.entries(data)) {
    if (category === '_meta' || !isRecord(packages)) continue;
    for (const [key, entry] of Object.entries(packages)) {
      if (normalizePackageName(key) !== name || !isRecord(entry)) continue;
      const version = typeof entry['version'] === 'string' ? entry['version'].replace(/^===?/, '') : null;
      if (update.from !== null && (version === null || !(version === update.from || versionsEqual(version, update.from)))) continue;
      targets.push({ category, key, entry });
    }
  }
  if (targets.length === 0) return fail(`${label} is not in Pipfile.lock`);

  const index = normalizeIndexUrl(update.index ?? PYPI_SIMPLE);
  for (const { category, entry } of targets) {
    const reference = DIRECT_REFERENCE_KEYS.find((key) => key in entry);
    if (reference) return fail(`${label} in "${category}" is installed from a ${reference} reference; a re-lock is needed`);
    if (typeof entry['version'] !== 'string') return fail(`${update.package} in "${category}" has no pinned version; a re-lock is needed`);
    const indexName = typeof entry['index'] === 'string' ? entry['index'] : undefined;
    const indexUrl = indexName === undefined ? [...sources.values()][0] : sources.get(indexName);
    if (indexUrl !== undefined && normalizeIndexUrl(indexUrl) !== index) {
      return fail(`${label} is locked from ${indexUrl}, but the release files come from ${update.index ?? PYPI_SIMPLE}; a re-lock is needed`);
    }
    const python = pythonChange(update, 'markers' in entry);
    if (!python.ok) return python;
  }

  const edits = new LineEdits(text);
  const hashes = [...new Set(files.map((f) => `sha256:${f.sha256}`))].sort();
  for (const { category, key, entry } of targets) {
    const versionSpan = locator.member([category, key, 'version']);
    const hashesSpan = locator.member([category, key, 'hashes']);
    const versionStep = replaceVersion(edits, versionSpan, String(entry['version']).startsWith('===') ? '===' : '==', update.to);
    if (!versionStep.ok) return fail(`${update.package} in "${category}": ${versionStep.reason}; a re-lock is needed`);
    if (!hashesSpan) return fail(`${update.package} in "${category}" has no "hashes"; a re-lock is needed`);
    const hashStep = replaceHashes(edits, hashesSpan, hashes);
    if (!hashStep.ok) return fail(`${update.package} in "${category}": ${hashStep.reason}; a re-lock is needed`);
  }

  const metaStep = updateMetaHash(edits, locator.member(['_meta', 'hash', 'sha256']), meta, options);
  if (!metaStep.ok) return metaStep;
  return { ok: true, content: edits.toString(), notes: [], hashes };
}

type Step = { ok: true } | { ok: false; reason: string };

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** pythonChange refuses a release whose `Requires-Python` changed: pipenv writes markers from it. */
function pythonChange(update: LockUpdate, hasMarkers: boolean): Step {
  const old = update.oldRelease.requiresPython;
  const next = update.release.requiresPython;
  if (old === undefined) {
    if (hasMarkers || (next ?? '').trim() !== '') {
      return fail(`the Requires-Python of ${update.package} ${update.from ?? ''} is not known, and pipenv derives markers from it; a re-lock is needed`);
    }
    return { ok: true };
  }
  if (!sameRequiresPython(old, next)) {
    return fail(`${update.package} ${update.to} changes Requires-Python from "${old ?? 'none'}" to "${next ?? 'none'}", which pipenv writes into markers; a re-lock is needed`);
  }
  return { ok: true };
}

function replaceVersion(edits: LineEdits, span: JsonMemberSpan | undefined, operator: string, to: string): Step {
  if (!span || span.lines.start !== span.lines.end) return { ok: false, reason: '"version" is not written on one line' };
  const line = edits.line(span.lines.start);
  const pattern = /^(\s*"version"\s*:\s*)"(?:[^"\\]|\\.)*"/;
  if (!pattern.test(line)) return { ok: false, reason: 'its "version" line has an unexpected form' };
  edits.replace(span.lines.start, span.lines.end, [line.replace(pattern, (_whole, prefix: string) => `${prefix}${JSON.stringify(`${operator}${to}`)}`)]);
  return { ok: true };
}

/** replaceHashes writes the `"hashes": [ … ]` member in pipenv's layout (one hash a line, 4 spaces deeper). */
function replaceHashes(edits: LineEdits, span: JsonMemberSpan, hashes: readonly string[]): Step {
  const first = edits.line(span.lines.start);
  const last = edits.line(span.lines.end);
  const head = /^(\s*"hashes"\s*:\s*)\[/.exec(first);
  const tail = /\](\s*,?\s*)$/.exec(last);
  if (!head || !tail) return { ok: false, reason: 'its "hashes" have an unexpected form' };
  const indent = leadingWhitespace(first);
  const firstItemLine = span.lines.end > span.lines.start + 1 ? edits.line(span.lines.start + 1) : '';
  const itemIndent = firstItemLine.trim().startsWith('"') ? leadingWhitespace(firstItemLine) : `${indent}    `;
  const lines =
    hashes.length === 0
      ? [`${head[1] ?? ''}[]${tail[1] ?? ''}`]
      : [
          `${head[1] ?? ''}[`,
          ...hashes.map((hash, i) => `${itemIndent}${JSON.stringify(hash)}${i < hashes.length - 1 ? ',' : ''}`),
          `${indent}]${tail[1] ?? ''}`,
        ];
  edits.replace(span.lines.start, span.lines.end, lines);
  return { ok: true };
}

/**
 * updateMetaHash recomputes `_meta.hash.sha256` when the Pipfile changed, with the algorithm of the
 * pipenv release that wrote the recorded hash. A lock that did not match its Pipfile before is stale.
 */
function updateMetaHash(edits: LineEdits, span: JsonMemberSpan | undefined, meta: Json, options: InPlaceOptions): Step {
  const manifest = options.manifest;
  if (!manifest || manifest.before === manifest.after) return { ok: true };
  const hash = isRecord(meta['hash']) ? meta['hash']['sha256'] : undefined;
  if (typeof hash !== 'string' || !span) return fail('Pipfile.lock records no _meta.hash to update; a re-lock is needed');
  const algorithm = HASH_ALGORITHMS.find((a) => pipfileHashWith(manifest.before, a) === hash);
  if (!algorithm) return fail('Pipfile.lock was already out of step with the Pipfile (_meta.hash differs); a re-lock is needed');
  const next = pipfileHashWith(manifest.after, algorithm);
  if (next === null) return fail('the edited Pipfile cannot be hashed as pipenv does; a re-lock is needed');
  if (span.lines.start !== span.lines.end) return fail('Pipfile.lock writes _meta.hash over several lines; a re-lock is needed');
  const line = edits.line(span.lines.start);
  const pattern = /^(\s*"sha256"\s*:\s*)"[0-9a-fA-F]*"/;
  if (!pattern.test(line)) return fail('Pipfile.lock writes _meta.hash in an unexpected form; a re-lock is needed');
  edits.replace(span.lines.start, span.lines.end, [line.replace(pattern, (_whole, prefix: string) => `${prefix}${JSON.stringify(next)}`)]);
  return { ok: true };
}
