/**
 * editPoetryLock moves one package of a poetry.lock to a new version without running Poetry: the
 * `[[package]]` entry's `version`, `python-versions` (the release's `Requires-Python`, `*` when none),
 * `description` (when the caller knows the new summary) and its `files = [{file, hash}]`, sorted by file
 * name as Poetry writes them (lock 1.x keeps them in `[metadata.files]`, keyed by package name). The
 * `[metadata] content-hash` changes only when pyproject.toml changed: it is recomputed with the same
 * algorithm (poetry-lock/content-hash.ts) after checking that it matched the pyproject before the edit.
 *
 * The edit is refused when another locked package's `[package.dependencies]` excludes the new version,
 * when the package comes from a `[package.source]` (a private index, a URL, git, a path), and when the
 * new `Requires-Python` leaves out a Python the lock is for.
 * See poetry/packages/locker.py (`_dump_package`, `_get_content_hash`).
 */
import { field, isTable, stringField, tableField, type TomlTable } from '../../manifests/lock-toml.js';
import { normalizePackageName } from '../../manifests/pep508.js';
import { poetryContentHash, poetryLockHashesDependencyGroups } from '../../manifests/poetry-lock/content-hash.js';
import { parsePoetryConstraint, poetryToPep440 } from '../../manifests/pyproject/poetry-constraint.js';
import type { TomlKeySpan } from '../../manifests/toml-lines.js';
import type { KindEditResult } from './kind-edit.js';
import { requiresPythonCovers, sameRequiresPython } from './pythons.js';
import { byFilename, type ReleaseFile } from './release-files.js';
import { leadingWhitespace, LineEdits, tomlString } from './text.js';
import type { InPlaceOptions, LockUpdate } from './types.js';
import { findLockedEntries, safeSatisfies } from './locked-entries.js';

/** editPoetryLock applies one update to poetry.lock text (see the module comment). */
export function editPoetryLock(text: string, update: LockUpdate, files: readonly ReleaseFile[], options: InPlaceOptions = {}): KindEditResult {
  const found = findLockedEntries(text, 'poetry.lock', update);
  if (!found.ok) return found;
  const { data, locator, packages, sections, name, label, targets } = found;
  if (targets.length > 1) return fail(`poetry.lock holds ${targets.length} entries of ${label}; a re-lock is needed`);
  const targetIndex = targets[0] ?? 0;
  const table = packages[targetIndex] as TomlTable;
  const section = sections[targetIndex];
  if (!section) return fail('poetry.lock writes its packages in a layout this edit does not handle');
  const source = tableField(table, 'source');
  if (source) {
    const type = stringField(source, 'type') ?? 'custom';
    return fail(`${label} comes from a ${type} source (${stringField(source, 'reference') ?? stringField(source, 'url') ?? 'not PyPI'}); a re-lock is needed`);
  }

  const dependents = checkDependents(packages, targetIndex, name, update.to);
  if (!dependents.ok) return dependents;

  const metadata = tableField(data, 'metadata') ?? {};
  const lockPythonText = stringField(metadata, 'python-versions');
  const lockPython = lockPythonText ? pep440Python(lockPythonText) : null;
  if (!requiresPythonCovers(lockPython, update.release.requiresPython)) {
    return fail(
      `${update.package} ${update.to} requires Python ${update.release.requiresPython}, which leaves out some of the lock's ` +
        `${lockPythonText ?? 'Pythons'}; a re-lock is needed`,
    );
  }

  const edits = new LineEdits(text);
  const notes: string[] = [];
  const header = section.header;
  const versionStep = replaceStringKey(edits, header.keys.get('version'), 'version', update.to);
  if (!versionStep.ok) return fail(`${label}: ${versionStep.reason}; a re-lock is needed`);

  const currentPython = stringField(table, 'python-versions');
  const newPython = update.release.requiresPython?.trim() || '*';
  if (currentPython !== undefined && !samePython(currentPython, newPython)) {
    const written = poetryPythonVersions(newPython);
    if (written === null) {
      return fail(`${update.package} ${update.to} changes Requires-Python to "${newPython}", which Poetry writes in its own form; a re-lock is needed`);
    }
    const step = replaceStringKey(edits, header.keys.get('python-versions'), 'python-versions', written);
    if (!step.ok) return fail(`${label}: ${step.reason}; a re-lock is needed`);
  }

  const summary = update.release.summary;
  const description = stringField(table, 'description');
  if (typeof summary === 'string' && description !== undefined && summary !== description) {
    const step = replaceStringKey(edits, header.keys.get('description'), 'description', summary);
    if (!step.ok) notes.push(`poetry.lock: the description of ${update.package} was left as it was (${step.reason})`);
  }

  const sorted = [...files].sort(byFilename);
  const filesSpan = header.keys.get('files');
  const legacyFiles = filesSpan ? undefined : legacyFilesKey(locator.table(['metadata', 'files'])?.keys, name);
  if (filesSpan) {
    const step = replaceFiles(edits, filesSpan, 'files', sorted);
    if (!step.ok) return fail(`${label}: ${step.reason}; a re-lock is needed`);
  } else if (legacyFiles) {
    const keyText = edits.line(legacyFiles.lines.start).trim().split(/\s*=/)[0] ?? name;
    const step = replaceFiles(edits, legacyFiles, keyText, sorted);
    if (!step.ok) return fail(`${label}: ${step.reason}; a re-lock is needed`);
    const others = legacyFileOwners(packages, targetIndex, name);
    if (others) return fail(`poetry.lock lists the files of ${others} entries named ${update.package} together; a re-lock is needed`);
  } else if (tableField(metadata, 'hashes')) {
    return fail('poetry.lock is in the 1.0 format (hashes without file names); a re-lock is needed');
  } else {
    return fail(`${label} has no "files" in poetry.lock; a re-lock is needed`);
  }

  const hashStep = updateContentHash(edits, locator.table(['metadata'])?.keys.get('content-hash'), text, metadata, options);
  if (!hashStep.ok) return hashStep;

  return { ok: true, content: edits.toString(), notes, hashes: sorted.map((f) => `sha256:${f.sha256}`) };
}

type Step = { ok: true } | { ok: false; reason: string };

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}



/** pep440Python translates the lock's Poetry-syntax `python-versions` (`^3.9`), null when it is an OR. */
function pep440Python(text: string): string | null {
  const translated = poetryToPep440(text);
  return translated.ok && !translated.union ? translated.specifier : null;
}

function samePython(current: string, next: string): boolean {
  if (current.trim() === '*' || next === '*') return current.trim() === next;
  return sameRequiresPython(current, next);
}

/**
 * poetryPythonVersions writes a `Requires-Python` as poetry.lock shows it, when its form is plain: one
 * lower and/or one upper bound, or an exact version. Exclusions (`!=3.0.*`) are written by Poetry in its
 * own normalised order, which is not reproduced here: null.
 */
function poetryPythonVersions(requiresPython: string): string | null {
  const clauses = requiresPython.split(',').map((c) => c.replace(/\s+/g, '')).filter((c) => c !== '');
  const lower = clauses.filter((c) => /^(>=|>)\d+(\.\d+)*$/.test(c));
  const upper = clauses.filter((c) => /^(<=|<)\d+(\.\d+)*$/.test(c));
  const exact = clauses.filter((c) => /^==\d+(\.\d+)*$/.test(c));
  if (exact.length === 1 && clauses.length === 1) return exact[0] ?? null;
  if (lower.length > 1 || upper.length > 1 || lower.length + upper.length !== clauses.length) return null;
  return [...lower, ...upper].join(',');
}

/**
 * checkDependents refuses the edit when a locked package's `[package.dependencies]` constraint on the
 * package excludes the new version (Poetry constraint syntax: a string, a table with `version`, or a
 * list of them per marker).
 */
function checkDependents(packages: readonly unknown[], targetIndex: number, name: string, to: string): Step {
  for (const [index, pkg] of packages.entries()) {
    if (index === targetIndex || !isTable(pkg)) continue;
    const dependencies = tableField(pkg, 'dependencies');
    if (!dependencies) continue;
    for (const [dependency, value] of Object.entries(dependencies)) {
      if (normalizePackageName(dependency) !== name) continue;
      const constraints = (Array.isArray(value) ? value : [value]).map((v) => (isTable(v) ? field(v, 'version') : v));
      for (const constraint of constraints) {
        if (constraint === undefined) continue;
        if (typeof constraint !== 'string') return fail(`${stringField(pkg, 'name') ?? 'a package'} has a constraint on ${dependency} that cannot be read; a re-lock is needed`);
        if (!poetryAllows(constraint, to)) {
          return fail(`${stringField(pkg, 'name') ?? 'a package'} ${stringField(pkg, 'version') ?? ''} requires ${dependency} ${constraint}, which excludes ${to}; a re-lock is needed`);
        }
      }
    }
  }
  return { ok: true };
}

function poetryAllows(constraint: string, version: string): boolean {
  const parsed = parsePoetryConstraint(constraint);
  if (!parsed.ok) return false;
  return parsed.alternatives.some((clauses) => clauses.length === 0 || safeSatisfies(version, clauses.join(',')));
}


/** replaceStringKey rewrites a one-line `key = "value"` entry. */
function replaceStringKey(edits: LineEdits, span: TomlKeySpan | undefined, key: string, value: string): Step {
  if (!span || span.lines.start !== span.lines.end) return { ok: false, reason: `its "${key}" is not written on one line` };
  const line = edits.line(span.lines.start);
  const pattern = new RegExp(`^(\\s*${key.replace(/-/g, '\\-')}\\s*=\\s*)"(?:[^"\\\\]|\\\\.)*"(\\s*(#.*)?)$`);
  if (!pattern.test(line)) return { ok: false, reason: `its "${key}" line has an unexpected form` };
  edits.replace(span.lines.start, span.lines.end, [line.replace(pattern, (_whole, prefix: string, rest: string) => `${prefix}${tomlString(value)}${rest}`)]);
  return { ok: true };
}

/** replaceFiles writes `key = [{file = "…", hash = "sha256:…"}, …]` in Poetry's layout. */
function replaceFiles(edits: LineEdits, span: TomlKeySpan, keyText: string, files: readonly ReleaseFile[]): Step {
  const first = edits.line(span.lines.start);
  if (!edits.line(span.lines.end).trimEnd().endsWith(']')) return { ok: false, reason: 'its file list has an unexpected form' };
  const indent = leadingWhitespace(first);
  const firstItem = span.value.items?.[0];
  const itemIndent = firstItem && firstItem.lines.start > span.lines.start ? leadingWhitespace(edits.line(firstItem.lines.start)) : `${indent}    `;
  const lines =
    files.length === 0
      ? [`${indent}${keyText} = []`]
      : [`${indent}${keyText} = [`, ...files.map((f) => `${itemIndent}{file = ${tomlString(f.filename)}, hash = "sha256:${f.sha256}"},`), `${indent}]`];
  edits.replace(span.lines.start, span.lines.end, lines);
  return { ok: true };
}

/** legacyFilesKey finds a package's key in lock 1.x's `[metadata.files]`, by written or normalised name. */
function legacyFilesKey(keys: ReadonlyMap<string, TomlKeySpan> | undefined, name: string): TomlKeySpan | undefined {
  if (!keys) return undefined;
  for (const [key, span] of keys) if (normalizePackageName(key) === name) return span;
  return undefined;
}

/** legacyFileOwners counts the other entries of the same name (their files would share the list). */
function legacyFileOwners(packages: readonly unknown[], targetIndex: number, name: string): number | null {
  const count = packages.filter((pkg, index) => index !== targetIndex && isTable(pkg) && normalizePackageName(stringField(pkg, 'name') ?? '') === name).length;
  return count > 0 ? count + 1 : null;
}

/**
 * updateContentHash recomputes `[metadata] content-hash` when pyproject.toml changed, with the Poetry
 * generation the lock's header names. A lock whose hash did not match pyproject.toml before the edit is
 * already stale: editing it in place would pretend otherwise.
 */
function updateContentHash(edits: LineEdits, span: TomlKeySpan | undefined, text: string, metadata: TomlTable, options: InPlaceOptions): Step {
  const manifest = options.manifest;
  if (!manifest || manifest.before === manifest.after) return { ok: true };
  const recorded = stringField(metadata, 'content-hash');
  if (!recorded || !span) return fail('poetry.lock records no content-hash to update; a re-lock is needed');
  const dependencyGroups = poetryLockHashesDependencyGroups(text);
  const before = poetryContentHash(manifest.before, { dependencyGroups });
  const after = poetryContentHash(manifest.after, { dependencyGroups });
  const prefix = recorded.startsWith('sha256:') ? 'sha256:' : '';
  if (before === null || after === null) return fail('pyproject.toml cannot be hashed as Poetry does; a re-lock is needed');
  if (recorded.replace(/^sha256:/, '') !== before) {
    return fail('poetry.lock was already out of step with pyproject.toml (content-hash differs); a re-lock is needed');
  }
  const step = replaceStringKey(edits, span, 'content-hash', `${prefix}${after}`);
  return step.ok ? step : fail(`poetry.lock: ${step.reason}; a re-lock is needed`);
}
