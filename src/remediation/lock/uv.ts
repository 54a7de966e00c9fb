/**
 * editUvLock moves one registry package of a uv.lock to a new version without running uv: the
 * `[[package]]` entry's `version`, its `sdist` and `wheels` (URL, `sha256:` hash, `size` and
 * `upload-time` when the lock records them), and any dependency edge that names the old version
 * (`{ name = "x", version = "1.0" }`, written when a lock holds several versions of a package). When
 * pyproject.toml was edited too, the project's requirements uv recorded in the lock
 * (`[package.metadata] requires-dist` / `requires-dev`, `[manifest] constraints`) follow it, so
 * `uv lock --check` still finds the lock in step.
 *
 * uv leaves out of `wheels` the files no Python allowed by the lock's `requires-python` can install; the
 * edit does the same from the wheel tags. Platform pruning (`[tool.uv] environments`) is not repeated:
 * extra wheels for other platforms are harmless, uv installs the one that fits.
 * See https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile
 */
import { stringField, tableField, type TomlTable } from '../../manifests/lock-toml.js';
import { normalizePackageName } from '../../manifests/pep508.js';
import type { TomlKeySpan, TomlLocator, TomlTableSpan, TomlValueSpan } from '../../manifests/toml-lines.js';
import type { KindEditResult } from './kind-edit.js';
import { clauseKey, pyprojectSpecifierChanges } from './manifest-specifiers.js';
import { pythonsAllowedBy, requiresPythonCovers, wheelFitsPythons } from './pythons.js';
import { byFilename, type ReleaseFile } from './release-files.js';
import { lastKeyLine, type PackageSection } from './sections.js';
import { leadingWhitespace, LineEdits, normalizeIndexUrl, PYPI_SIMPLE, tomlString, uvTimestamp } from './text.js';
import type { InPlaceOptions, LockUpdate } from './types.js';
import { findLockedEntries, lockedVersionOf, safeSatisfies } from './locked-entries.js';

/** editUvLock applies one update to uv.lock text (see the module comment). */
export function editUvLock(text: string, update: LockUpdate, files: readonly ReleaseFile[], options: InPlaceOptions = {}): KindEditResult {
  const found = findLockedEntries(text, 'uv.lock', update);
  if (!found.ok) return found;
  const { data, locator, packages, sections, name, label, targets } = found;
  if (update.from === null && targets.length > 1) return fail(`uv.lock holds ${targets.length} entries of ${update.package}: name the version to replace`);

  const index = normalizeIndexUrl(update.index ?? PYPI_SIMPLE);
  for (const target of targets) {
    const table = packages[target] as TomlTable;
    const source = tableField(table, 'source');
    const registry = source ? stringField(source, 'registry') : undefined;
    if (!registry) {
      const kind = source ? (Object.keys(source)[0] ?? 'unknown') : 'no';
      return fail(`${label} is locked from a ${kind} source, not from a package index; a re-lock is needed`);
    }
    if (normalizeIndexUrl(registry) !== index) {
      return fail(`${label} is locked from ${registry}, but the release files come from ${update.index ?? PYPI_SIMPLE}; a re-lock is needed`);
    }
  }

  const lockPython = stringField(data, 'requires-python') ?? null;
  if (!requiresPythonCovers(lockPython, update.release.requiresPython)) {
    return fail(
      `${update.package} ${update.to} requires Python ${update.release.requiresPython}, which leaves out some of the lock's ` +
        `${lockPython ?? 'Pythons'}; a re-lock is needed`,
    );
  }

  const edits = new LineEdits(text);
  const notes: string[] = [];
  const recorded = editRecordedRequirements(edits, locator, sections, update, options);
  if (!recorded.ok) return recorded;

  const fromTexts = new Set(targets.map((t) => lockedVersionOf(packages[t])).filter((v): v is string => v !== null));
  const edgeResult = editEdges(edits, sections, name, fromTexts, update.to);
  if (!edgeResult.ok) return edgeResult;

  const chosen = chooseFiles(files, lockPython);
  if (!chosen.ok) return fail(`${update.package} ${update.to}: ${chosen.reason}; a re-lock is needed`);
  if (chosen.droppedWheels > 0) {
    notes.push(`uv.lock: ${chosen.droppedWheels} wheel(s) of ${update.package} ${update.to} for Pythons outside ${lockPython} left out, as uv does`);
  }
  const style = { size: /\bsize = \d/.test(text), uploadTime: /\bupload-time = "/.test(text) };
  const missing = { size: 0, uploadTime: 0 };
  const entry = (file: ReleaseFile): string => {
    let fields = `url = ${tomlString(file.url)}, hash = "sha256:${file.sha256}"`;
    if (style.size) {
      if (file.size !== null) fields += `, size = ${file.size}`;
      else missing.size++;
    }
    if (style.uploadTime) {
      const time = file.uploadTime ? uvTimestamp(file.uploadTime) : null;
      if (time) fields += `, upload-time = ${tomlString(time)}`;
      else missing.uploadTime++;
    }
    return `{ ${fields} }`;
  };

  for (const target of targets) {
    const section = sections[target];
    if (!section) return fail('uv.lock writes its packages in a layout this edit does not handle');
    const result = editEntry(edits, section.header, update.to, chosen.sdist, chosen.wheels, entry);
    if (!result.ok) return fail(`${label}: ${result.reason}; a re-lock is needed`);
  }
  if (missing.size > 0) notes.push(`uv.lock: the index gave no size for ${missing.size} file(s) of ${update.package} ${update.to}: written without "size"`);
  if (missing.uploadTime > 0) {
    notes.push(`uv.lock: the index gave no upload time for ${missing.uploadTime} file(s) of ${update.package} ${update.to}: written without "upload-time"`);
  }

  const hashes = [chosen.sdist, ...chosen.wheels].filter((f): f is ReleaseFile => f !== undefined).map((f) => `sha256:${f.sha256}`);
  return { ok: true, content: edits.toString(), notes, hashes };
}

type Step = { ok: true } | { ok: false; reason: string };

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}



interface ChosenFiles {
  ok: true;
  sdist: ReleaseFile | undefined;
  wheels: ReleaseFile[];
  droppedWheels: number;
}

/** chooseFiles picks the sdist (a `.tar.gz` first, as uv prefers) and the wheels an allowed Python can use. */
function chooseFiles(files: readonly ReleaseFile[], lockPython: string | null): ChosenFiles | { ok: false; reason: string } {
  const sdists = files.filter((f) => f.kind === 'sdist');
  const sdist = sdists.find((f) => /\.tar\.gz$/i.test(f.filename)) ?? sdists[0];
  const allWheels = files.filter((f) => f.kind === 'wheel');
  const pythons = lockPython ? pythonsAllowedBy(lockPython) : [];
  const wheels = (pythons.length > 0 ? allWheels.filter((w) => wheelFitsPythons(w.filename, pythons)) : allWheels).sort(byFilename);
  if (!sdist && wheels.length === 0) return { ok: false, reason: 'the index has neither an sdist nor a wheel for the lock\'s Pythons' };
  const withoutUrl = [sdist, ...wheels].find((f) => f !== undefined && f.url.trim() === '');
  if (withoutUrl) return { ok: false, reason: `the index gives no URL for ${withoutUrl.filename}` };
  return { ok: true, sdist, wheels, droppedWheels: allWheels.length - wheels.length };
}

/** editEntry rewrites `version`, `sdist` and `wheels` in one `[[package]]` header section. */
function editEntry(
  edits: LineEdits,
  header: TomlTableSpan,
  to: string,
  sdist: ReleaseFile | undefined,
  wheels: readonly ReleaseFile[],
  entry: (file: ReleaseFile) => string,
): Step {
  const version = header.keys.get('version');
  if (!version || version.lines.start !== version.lines.end) return fail('its "version" is not written on one line');
  const versionLine = edits.line(version.lines.start);
  const rewritten = versionLine.replace(/^(\s*version\s*=\s*)"[^"\\]*"/, (_whole, prefix: string) => `${prefix}${tomlString(to)}`);
  if (rewritten === versionLine) return fail('its "version" line has an unexpected form');

  const oldSdist = header.keys.get('sdist');
  const oldWheels = header.keys.get('wheels');
  for (const [key, span, closer] of [['sdist', oldSdist, '}'], ['wheels', oldWheels, ']']] as const) {
    if (span && !standsAlone(edits, header, key, span, closer)) return fail(`its "${key}" shares lines with other keys`);
  }
  const keyIndent = leadingWhitespace(versionLine);
  const firstItem = oldWheels?.value.items?.[0];
  const itemIndent = firstItem && oldWheels && firstItem.lines.start > oldWheels.lines.start ? leadingWhitespace(edits.line(firstItem.lines.start)) : `${keyIndent}    `;
  const sdistLines = sdist ? [`${keyIndent}sdist = ${entry(sdist)}`] : [];
  const wheelLines = wheels.length > 0 ? [`${keyIndent}wheels = [`, ...wheels.map((w) => `${itemIndent}${entry(w)},`), `${keyIndent}]`] : [];

  edits.replace(version.lines.start, version.lines.end, [rewritten]);
  if (oldSdist && oldWheels) {
    edits.replace(oldSdist.lines.start, oldSdist.lines.end, sdistLines);
    edits.replace(oldWheels.lines.start, oldWheels.lines.end, wheelLines);
  } else if (oldSdist) {
    edits.replace(oldSdist.lines.start, oldSdist.lines.end, [...sdistLines, ...wheelLines]);
  } else if (oldWheels) {
    edits.replace(oldWheels.lines.start, oldWheels.lines.end, [...sdistLines, ...wheelLines]);
  } else {
    edits.insertAfter(lastKeyLine(header), [...sdistLines, ...wheelLines]);
  }
  return { ok: true };
}

/** standsAlone checks that a key's lines hold that key alone, starting with the key and ending with its value. */
function standsAlone(edits: LineEdits, header: TomlTableSpan, key: string, span: TomlKeySpan, closer: string): boolean {
  if (!new RegExp(`^\\s*${key}\\s*=`).test(edits.line(span.lines.start))) return false;
  if (!edits.line(span.lines.end).trimEnd().endsWith(closer)) return false;
  for (const [other, otherSpan] of header.keys) {
    if (other !== key && otherSpan.lines.start <= span.lines.end && span.lines.start <= otherSpan.lines.end) return false;
  }
  return true;
}

/**
 * editEdges updates dependency entries that pin the old version (`{ name = "x", version = "1.0" }`):
 * uv writes the version on an edge when the lock holds several versions of that package.
 */
function editEdges(edits: LineEdits, sections: readonly PackageSection[], name: string, fromTexts: ReadonlySet<string>, to: string): Step {
  for (const section of sections) {
    const lists: TomlValueSpan[] = [];
    const direct = section.header.keys.get('dependencies');
    if (direct) lists.push(direct.value);
    for (const sub of ['optional-dependencies', 'dev-dependencies']) {
      for (const group of section.subtables.get(sub)?.keys.values() ?? []) lists.push(group.value);
    }
    for (const list of lists) {
      for (const item of list.items ?? []) {
        const itemName = item.keys?.get('name')?.value.text;
        const itemVersion = item.keys?.get('version')?.value.text;
        if (itemName === undefined || itemVersion === undefined) continue;
        if (normalizePackageName(itemName) !== name || !fromTexts.has(itemVersion)) continue;
        if (item.lines.start !== item.lines.end) return fail(`a dependency entry on ${name} spans several lines; a re-lock is needed`);
        const line = edits.line(item.lines.start);
        const rewritten = line.replace(/(\bversion\s*=\s*)"([^"\\]*)"/, (whole, prefix: string, value: string) =>
          fromTexts.has(value) ? `${prefix}${tomlString(to)}` : whole,
        );
        if (rewritten === line) return fail(`a dependency entry on ${name} has an unexpected form; a re-lock is needed`);
        edits.replace(item.lines.start, item.lines.end, [rewritten]);
      }
    }
  }
  return { ok: true };
}

/**
 * editRecordedRequirements carries pyproject.toml's specifier changes over to the requirements uv
 * recorded in the lock, and checks that every recorded requirement on the package admits the new
 * version (else the lock would contradict its manifest).
 */
function editRecordedRequirements(
  edits: LineEdits,
  locator: TomlLocator,
  sections: readonly PackageSection[],
  update: LockUpdate,
  options: InPlaceOptions,
): Step {
  const manifest = options.manifest;
  let changes = new Map<string, string>();
  if (manifest && manifest.before !== manifest.after) {
    const found = pyprojectSpecifierChanges(manifest.before, manifest.after, update.package);
    if (!found.ok) return fail(`${found.reason}; a re-lock is needed`);
    changes = found.changes;
  }
  const name = normalizePackageName(update.package);
  const used = new Set<string>();
  const records: TomlValueSpan[] = [];
  for (const section of sections) {
    for (const [path, table] of section.subtables) if (path === 'metadata' || path.startsWith('metadata.')) collectRecords(table.keys, records);
  }
  for (const table of locator.tables) if (table.path[0] === 'manifest') collectRecords(table.keys, records);

  for (const record of records) {
    const recordName = record.keys?.get('name')?.value.text;
    if (recordName === undefined || normalizePackageName(recordName) !== name) continue;
    const specifierSpan = record.keys?.get('specifier');
    const old = specifierSpan?.value.text;
    let effective = old;
    const replacement = old === undefined ? undefined : changes.get(clauseKey(old));
    if (old !== undefined && replacement !== undefined && specifierSpan) {
      if (record.lines.start !== record.lines.end) return fail(`uv.lock records a requirement on ${update.package} over several lines; a re-lock is needed`);
      const line = edits.line(specifierSpan.lines.start);
      const rewritten = line.replace(/(\bspecifier\s*=\s*)"([^"\\]*)"/, (whole, prefix: string, value: string) =>
        value === old ? `${prefix}${tomlString(replacement)}` : whole,
      );
      if (rewritten === line) return fail(`uv.lock records a requirement on ${update.package} in an unexpected form; a re-lock is needed`);
      edits.replace(specifierSpan.lines.start, specifierSpan.lines.end, [rewritten]);
      used.add(clauseKey(old));
      effective = replacement;
    }
    if (effective && !safeSatisfies(update.to, effective)) {
      return fail(
        `uv.lock records the project's requirement ${recordName}${effective}, which excludes ${update.to}: ` +
          'pyproject.toml must allow it first; a re-lock is needed',
      );
    }
  }
  const unmatched = [...changes.keys()].filter((key) => !used.has(key));
  if (unmatched.length > 0) {
    return fail(`pyproject.toml's requirement on ${update.package} changed, but uv.lock records no matching requirement; a re-lock is needed`);
  }
  return { ok: true };
}

/** collectRecords gathers the inline tables with a `name` under some keys (arrays and nested tables). */
function collectRecords(keys: ReadonlyMap<string, TomlKeySpan>, into: TomlValueSpan[]): void {
  const stack: TomlValueSpan[] = [...keys.values()].map((k) => k.value);
  while (stack.length > 0) {
    const value = stack.pop();
    if (!value) continue;
    if (value.keys?.has('name')) into.push(value);
    else if (value.keys) for (const key of value.keys.values()) stack.push(key.value);
    for (const item of value.items ?? []) stack.push(item);
  }
}

