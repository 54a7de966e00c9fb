/**
 * breakingChanges lists what may break when a package moves from one release to another, for the
 * pull request to show before anyone merges:
 * - a major version bump (PEP 440 release segment; before 1.0, a minor bump counts, as SemVer §4 says
 *   anything may change in 0.x), or an epoch change;
 * - `Requires-Python` changed: an `error` when it leaves out a Python the project supports;
 * - dependencies added or removed (`Requires-Dist`, PEP 508), and extras removed (`Provides-Extra` when
 *   the registry gives it, and the `extra == "…"` markers of `Requires-Dist`);
 * - release-note lines about breaking, removed, deprecated or incompatible changes;
 * - wheels dropped for a Python the project supports or a platform the old release served;
 * - the license changed (compared as SPDX readings, src/licenses/normalize.ts).
 * Pure: the caller passes both releases' metadata and files (PackageRegistry.release) and the notes.
 */
import { normalizeLicense } from '../../licenses/normalize.js';
import { normalizePackageName, parsePep508 } from '../../manifests/pep508.js';
import { explainVersion } from '../../pep440/index.js';
import type { DistributionFile, PackageMetadata } from '../../registry/types.js';
import { describeMinors, minorsAllowedBy, minorsDropped, usableSpecifier } from './pythons.js';
import { sanitizeNotes } from './sanitize.js';
import type { ReleaseNotes } from './types.js';
import { coversCPython, wheelCoverage } from './wheels.js';

/** BreakingKind names one kind of breaking-change signal. */
export type BreakingKind =
  | 'major-version'
  | 'requires-python'
  | 'dependencies-added'
  | 'dependencies-removed'
  | 'extra-removed'
  | 'wheels-dropped'
  | 'license-changed'
  | 'release-notes';

/** WarningLevel ranks a warning: `error` will break the project, `warning` may, `info` is worth knowing. */
export type WarningLevel = 'error' | 'warning' | 'info';

/** BreakingWarning is one signal about one package's update. */
export interface BreakingWarning {
  package: string;
  kind: BreakingKind;
  level: WarningLevel;
  /** One sentence, Markdown. */
  message: string;
  /** Supporting lines (release-note excerpts, dependency names), Markdown; may be empty. */
  details: string[];
}

/**
 * ReleaseMetadata is a release's core metadata, with `Provides-Extra` when the registry reads it (PyPI
 * JSON `info.provides_extra`; not yet part of PackageMetadata, so optional).
 */
export type ReleaseMetadata = PackageMetadata & { providesExtra?: readonly string[] | null };

/** ReleaseSide is one release as the registry describes it (`PackageRegistry.release`). */
export interface ReleaseSide {
  metadata: ReleaseMetadata | null;
  files: readonly DistributionFile[];
}

/** BreakingInput is one update with what is known about both releases. */
export interface BreakingInput {
  package: string;
  /** The version in use; null when only a range is known (then only the target's notes are judged). */
  from: string | null;
  to: string;
  /** The release in use (metadata and files), when known. */
  before?: ReleaseSide | null;
  /** The target release, when known. */
  after?: ReleaseSide | null;
  /** The project's `requires-python`, when it declares one. */
  projectRequiresPython?: string | null;
  /** The release notes between the two versions (fetch.ts). */
  notes?: ReleaseNotes | null;
  /** Extras of the package the project asks for (`pkg[socks]`). */
  usedExtras?: readonly string[];
  /** Platforms the project runs on (platformsOfTag names: `manylinux x86_64`…); default: all. */
  platforms?: readonly string[];
}

const LEVEL_ORDER: readonly WarningLevel[] = ['error', 'warning', 'info'];
const KIND_ORDER: readonly BreakingKind[] = [
  'requires-python', 'major-version', 'wheels-dropped', 'extra-removed', 'dependencies-removed', 'dependencies-added', 'license-changed', 'release-notes',
];

/** MAX_NOTE_LINES bounds the release-note lines quoted as warnings. */
export const MAX_NOTE_LINES = 12;
const MAX_NOTE_LINE_LENGTH = 240;

/** breakingChanges lists the warnings of one update, most severe first. */
export function breakingChanges(input: BreakingInput): BreakingWarning[] {
  const warnings = [
    ...majorVersion(input),
    ...requiresPython(input),
    ...dependencies(input),
    ...extras(input),
    ...wheels(input),
    ...license(input),
    ...releaseNoteLines(input),
  ];
  return warnings.sort(
    (a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
  );
}

/**
 * isBreaking tells whether the warnings make an update breaking: a major bump, or anything at the
 * `error` level (a Python or an extra the project uses is gone).
 */
export function isBreaking(warnings: readonly BreakingWarning[]): boolean {
  return warnings.some((w) => w.kind === 'major-version' || w.level === 'error');
}

/** breakingReasons are the messages of the warnings that make an update breaking (PlannedUpdate.breakingReasons). */
export function breakingReasons(warnings: readonly BreakingWarning[]): string[] {
  return warnings.filter((w) => w.kind === 'major-version' || w.level === 'error').map((w) => w.message);
}

function warning(input: BreakingInput, kind: BreakingKind, level: WarningLevel, message: string, details: string[] = []): BreakingWarning {
  return { package: input.package, kind, level, message, details };
}

/** majorVersion: a new major version, a 0.x minor bump, or a new epoch. */
function majorVersion(input: BreakingInput): BreakingWarning[] {
  if (input.from === null) return [];
  const before = explainVersion(input.from);
  const after = explainVersion(input.to);
  if (!before || !after) return [];
  if (after.epoch !== before.epoch) {
    return [warning(input, 'major-version', 'warning', `version epoch changed (${before.epoch} → ${after.epoch}): the versioning scheme changed`)];
  }
  const [major0 = 0, minor0 = 0] = before.release;
  const [major1 = 0, minor1 = 0] = after.release;
  if (major1 > major0) return [warning(input, 'major-version', 'warning', `major version ${major0} → ${major1}`)];
  if (major0 === 0 && major1 === 0 && minor1 > minor0) {
    return [warning(input, 'major-version', 'warning', `0.x minor version 0.${minor0} → 0.${minor1} (before 1.0, a minor release may break the API)`)];
  }
  return [];
}

/** requiresPythonOf is a release's Requires-Python: its metadata, else its files'. */
function requiresPythonOf(side: ReleaseSide | null | undefined): string | null {
  if (!side) return null;
  return side.metadata?.requiresPython?.trim() || side.files.find((f) => f.requiresPython)?.requiresPython?.trim() || null;
}

/** requiresPython: the supported Pythons changed; an error when one the project supports is gone. */
function requiresPython(input: BreakingInput): BreakingWarning[] {
  if (!input.after) return [];
  const before = input.before ? requiresPythonOf(input.before) : null;
  const after = requiresPythonOf(input.after);
  if (!input.before && after === null) return [];
  if ((before ?? '').replace(/\s+/g, '') === (after ?? '').replace(/\s+/g, '')) return [];
  const project = usableSpecifier(input.projectRequiresPython);
  const change = input.before
    ? `Requires-Python changed from \`${before ?? '(none)'}\` to \`${after ?? '(none)'}\``
    : `${input.to} requires Python \`${after ?? ''}\``;
  if (project !== null) {
    const dropped = minorsDropped(input.before ? before : null, after, project);
    if (dropped.length > 0) {
      return [warning(input, 'requires-python', 'error', `${change}: the project supports Python ${describeMinors(dropped)} (requires-python \`${project}\`), which ${input.to} no longer does`)];
    }
    return input.before ? [warning(input, 'requires-python', 'info', `${change}; the project's requires-python \`${project}\` is still covered`)] : [];
  }
  if (!input.before) return [];
  const dropped = minorsDropped(before, after, null);
  if (dropped.length > 0) {
    return [warning(input, 'requires-python', 'warning', `${change}: Python ${describeMinors(dropped)} no longer supported (the project declares no requires-python)`)];
  }
  return [warning(input, 'requires-python', 'info', change)];
}

interface DependencyEntry {
  name: string;
  extra: string | null;
}

/** dependencyEntries reads Requires-Dist: each dependency with the extra its markers put it in. */
function dependencyEntries(metadata: PackageMetadata): Map<string, DependencyEntry> {
  const entries = new Map<string, DependencyEntry>();
  for (const line of metadata.requiresDist) {
    const parsed = parsePep508(line);
    if (!parsed.ok) continue;
    const extrasOfLine = extrasInMarkers(parsed.value.markers ?? '');
    const name = normalizePackageName(parsed.value.name);
    for (const extra of extrasOfLine.length > 0 ? extrasOfLine : [null]) entries.set(`${name}\u0000${extra ?? ''}`, { name, extra });
  }
  return entries;
}

/** extrasInMarkers finds `extra == "name"` (either way round) in a marker expression, PEP 685-normalised. */
export function extrasInMarkers(markers: string): string[] {
  const found = new Set<string>();
  for (const match of markers.matchAll(/\bextra\s*==\s*(["'])([^"']+)\1|(["'])([^"']+)\3\s*==\s*extra\b/g)) {
    const extra = match[2] ?? match[4];
    if (extra) found.add(normalizePackageName(extra));
  }
  return [...found];
}

/** dependencies: Requires-Dist entries added or removed (by name, and by extra). */
function dependencies(input: BreakingInput): BreakingWarning[] {
  const beforeMeta = input.before?.metadata;
  const afterMeta = input.after?.metadata;
  if (!beforeMeta || !afterMeta) return [];
  const before = dependencyEntries(beforeMeta);
  const after = dependencyEntries(afterMeta);
  const label = (e: DependencyEntry) => (e.extra ? `\`${e.name}\` (extra \`${e.extra}\`)` : `\`${e.name}\``);
  const added = [...after].filter(([key]) => !before.has(key)).map(([, e]) => e);
  const removed = [...before].filter(([key]) => !after.has(key)).map(([, e]) => e);
  const out: BreakingWarning[] = [];
  const addedMain = added.filter((e) => e.extra === null);
  const addedExtras = added.filter((e) => e.extra !== null);
  if (addedMain.length > 0) {
    out.push(warning(input, 'dependencies-added', 'warning', `${input.to} adds ${count(addedMain.length, 'dependency', 'dependencies')}: ${addedMain.map(label).join(', ')}`));
  }
  if (addedExtras.length > 0) {
    out.push(warning(input, 'dependencies-added', 'info', `${input.to} adds ${count(addedExtras.length, 'optional dependency', 'optional dependencies')}: ${addedExtras.map(label).join(', ')}`));
  }
  const removedMain = removed.filter((e) => e.extra === null);
  if (removedMain.length > 0) {
    out.push(
      warning(
        input,
        'dependencies-removed',
        'warning',
        `${input.to} no longer depends on ${removedMain.map(label).join(', ')}: code that imports ${removedMain.length === 1 ? 'it' : 'them'} without declaring ${removedMain.length === 1 ? 'it' : 'them'} will break`,
      ),
    );
  }
  const removedExtras = removed.filter((e) => e.extra !== null && extrasOf(afterMeta).includes(e.extra));
  if (removedExtras.length > 0) {
    out.push(warning(input, 'dependencies-removed', 'info', `${input.to} drops ${count(removedExtras.length, 'optional dependency', 'optional dependencies')}: ${removedExtras.map(label).join(', ')}`));
  }
  return out;
}

/** extrasOf is a release's extras: `Provides-Extra` when known, and every extra its `Requires-Dist` markers name. */
function extrasOf(metadata: ReleaseMetadata): string[] {
  const declared = (metadata.providesExtra ?? []).map(normalizePackageName);
  const fromMarkers = metadata.requiresDist.flatMap((line) => (line.includes(';') ? extrasInMarkers(line.slice(line.indexOf(';') + 1)) : []));
  return [...new Set([...declared, ...fromMarkers])];
}

/** extras: extras the old release had and the new one lacks; an error when the project uses one. */
function extras(input: BreakingInput): BreakingWarning[] {
  const beforeMeta = input.before?.metadata;
  const afterMeta = input.after?.metadata;
  if (!beforeMeta || !afterMeta) return [];
  const remaining = new Set(extrasOf(afterMeta));
  const gone = extrasOf(beforeMeta).filter((extra) => !remaining.has(extra));
  if (gone.length === 0) return [];
  const used = new Set((input.usedExtras ?? []).map(normalizePackageName));
  const usedGone = gone.filter((extra) => used.has(extra));
  const names = gone.map((e) => `\`${e}\``).join(', ');
  if (usedGone.length > 0) {
    return [warning(input, 'extra-removed', 'error', `${input.to} removes the extra${gone.length === 1 ? '' : 's'} ${names}, which the project installs (\`${input.package}[${usedGone.join(',')}]\`)`)];
  }
  return [warning(input, 'extra-removed', 'warning', `${input.to} removes the extra${gone.length === 1 ? '' : 's'} ${names}`)];
}

/** wheels: Pythons the project supports, and platforms, that the old release had wheels for and the new one lacks. */
function wheels(input: BreakingInput): BreakingWarning[] {
  if (!input.before || !input.after || input.before.files.length === 0 || input.after.files.length === 0) return [];
  const before = wheelCoverage(input.before.files);
  const after = wheelCoverage(input.after.files);
  if (!before.hasWheels) return [];
  const fallback = after.hasSdist
    ? `pip would build ${input.to} from its sdist there (a compiler and build dependencies needed)`
    : `${input.to} has no sdist either, so it cannot be installed there`;
  const out: BreakingWarning[] = [];
  // Minors the new Requires-Python leaves out are the requires-python warning's business.
  const candidates = minorsAllowedBy(usableSpecifier(input.projectRequiresPython), usableSpecifier(requiresPythonOf(input.after)));
  const pythons = candidates.filter((minor) => coversCPython(before, minor) && !coversCPython(after, minor));
  if (pythons.length > 0) {
    const which = describeMinors(pythons);
    const supported = input.projectRequiresPython ? `, which the project supports` : '';
    out.push(warning(input, 'wheels-dropped', 'warning', `${input.to} has no wheels for CPython ${which}${supported} (${input.from ?? 'the release in use'} had them): ${fallback}`));
  }
  if (!after.pure) {
    const wanted = input.platforms ? new Set(input.platforms) : null;
    const platforms = [...before.platforms].filter((p) => !after.platforms.has(p) && (wanted === null || wanted.has(p))).sort();
    if (platforms.length > 0) {
      out.push(warning(input, 'wheels-dropped', 'warning', `${input.to} has no wheels for ${platforms.join(', ')} (${input.from ?? 'the release in use'} had them): ${fallback}`));
    }
  }
  return out;
}

/** license: the license read from the metadata changed. */
function license(input: BreakingInput): BreakingWarning[] {
  const beforeMeta = input.before?.metadata;
  const afterMeta = input.after?.metadata;
  if (!beforeMeta || !afterMeta) return [];
  const before = normalizeLicense(beforeMeta);
  const after = normalizeLicense(afterMeta);
  const describe = (l: typeof before) => l.expression ?? (l.readings.length > 0 ? l.readings.join(' or ') : (l.declared ? `"${oneLine(l.declared, 80)}"` : 'none declared'));
  if (before.readings.length > 0 && after.readings.length > 0) {
    const same = before.readings.length === after.readings.length && before.readings.every((r) => after.readings.includes(r));
    if (same) return [];
  } else if (oneLine(before.declared ?? '', 10_000) === oneLine(after.declared ?? '', 10_000)) {
    return [];
  }
  return [warning(input, 'license-changed', 'warning', `license changed from ${describe(before)} to ${describe(after)}`)];
}

const NOTE_KEYWORDS = /\b(breaking|backwards?[- ]incompatib\w*|incompatib\w*|remov(?:e|ed|es|al|als)|deprecat\w*|no longer|drop(?:s|ped|ping)?\s+(?:support|python|py\d)|dropped)\b/i;

/** releaseNoteLines: lines of the notes that speak of breaking, removed, deprecated or incompatible changes. */
function releaseNoteLines(input: BreakingInput): BreakingWarning[] {
  const notes = input.notes;
  if (!notes) return [];
  const lines: string[] = [];
  let total = 0;
  for (const release of notes.releases) {
    for (const line of flaggedLines(sanitizeNotes(release.body, notes.repository))) {
      total++;
      if (lines.length < MAX_NOTE_LINES) lines.push(`${release.version}: ${line}`);
    }
  }
  if (total === 0) return [];
  const more = total > lines.length ? ` (${total - lines.length} more in the notes)` : '';
  return [warning(input, 'release-notes', 'warning', `the release notes mention ${count(total, 'breaking, removed or deprecated change', 'breaking, removed or deprecated changes')}${more}`, lines)];
}

/**
 * flaggedLines are the prose lines (code skipped) that match the keywords, and the items under a
 * heading that does ("### Breaking changes", "Deprecations:"), bullets and heading marks removed.
 */
export function flaggedLines(body: string): string[] {
  const out: string[] = [];
  let fence: string | null = null;
  let underFlaggedHeading = false;
  const lines = body.split('\n');
  for (const [i, raw] of lines.entries()) {
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(raw)?.[1];
    if (fenceMatch) {
      if (fence === null) fence = fenceMatch;
      else if (fenceMatch.charAt(0) === fence.charAt(0) && fenceMatch.length >= fence.length) fence = null;
      continue;
    }
    if (fence !== null || raw.length > 2_000) continue;
    const next = lines[i + 1] ?? '';
    const heading = /^\s{0,3}#{1,6}\s/.test(raw) || /^\s*\*\*[^*]+\*\*:?\s*$/.test(raw) || /^([=\-~^*])\1{2,}\s*$/.test(next) || /^[^-*+\s].{0,80}:\s*$/.test(raw);
    const text = oneLine(raw.replace(/^\s*(?:[-*+]|\d+[.)]|#{1,6})\s+/, '').replace(/^\*\*(.*)\*\*:?$/, '$1'), MAX_NOTE_LINE_LENGTH);
    if (/^([=\-~^*])\1{2,}$/.test(text)) continue;
    if (heading) {
      underFlaggedHeading = NOTE_KEYWORDS.test(text);
      continue;
    }
    if (text === '') continue;
    if (underFlaggedHeading || NOTE_KEYWORDS.test(text)) out.push(text);
  }
  return out;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
