/**
 * editLockInPlace moves a package of uv.lock, poetry.lock or Pipfile.lock to a new version without the
 * lock's tool (pure: text in, text out). It is allowed only when the new version declares the same
 * dependencies as the old one (`Requires-Dist` compared by meaning, markers included): then nothing
 * else the resolver chose can change. Otherwise, or when anything else would leave the lock out of step
 * with its manifest, it answers `{ ok: false, reason }` and the caller asks for a re-lock.
 *
 * The edit is surgical — only the lines of the entries that change are rewritten — and verified: the
 * result is parsed again with the lock's own parser, which must find the new version with exactly the new
 * hashes where the old one was, and every other package as it was.
 */
import { parsePipfileLock } from '../../manifests/pipfile-lock/parse.js';
import { parsePoetryLock } from '../../manifests/poetry-lock/parse.js';
import { normalizePackageName } from '../../manifests/pep508.js';
import type { Manifest, ManifestInput, ManifestKind, Requirement } from '../../manifests/types.js';
import { parseUvLock } from '../../manifests/uv-lock/parse.js';
import { versionsEqual } from '../../pep440/index.js';
import { compareRequiresDist, dependenciesUnchanged, describeDependencyChanges } from './dependencies.js';
import type { KindEditResult } from './kind-edit.js';
import { editPipfileLock } from './pipfile.js';
import { editPoetryLock } from './poetry.js';
import { releaseFiles, type ReleaseFile } from './release-files.js';
import { IN_PLACE_LOCK_KINDS, type InPlaceLockKind, type InPlaceOptions, type LockEditResult, type LockUpdate } from './types.js';
import { editUvLock } from './uv.js';

const EDITORS: Record<InPlaceLockKind, (text: string, update: LockUpdate, files: readonly ReleaseFile[], options: InPlaceOptions) => KindEditResult> = {
  'uv-lock': editUvLock,
  'poetry-lock': editPoetryLock,
  'pipfile-lock': editPipfileLock,
};

const PARSERS: Record<InPlaceLockKind, (input: ManifestInput) => Manifest> = {
  'uv-lock': parseUvLock,
  'poetry-lock': parsePoetryLock,
  'pipfile-lock': parsePipfileLock,
};

const FILE_NAMES: Record<InPlaceLockKind, string> = { 'uv-lock': 'uv.lock', 'poetry-lock': 'poetry.lock', 'pipfile-lock': 'Pipfile.lock' };

/** isInPlaceLockKind tells whether `editLockInPlace` handles a manifest kind. */
export function isInPlaceLockKind(kind: ManifestKind | string): kind is InPlaceLockKind {
  return (IN_PLACE_LOCK_KINDS as readonly string[]).includes(kind);
}

/** editLockInPlace applies one update to a lock's text (see the module comment). */
export function editLockInPlace(kind: ManifestKind | string, text: string, update: LockUpdate, options: InPlaceOptions = {}): LockEditResult {
  if (!isInPlaceLockKind(kind)) return { ok: false, reason: `${kind} files are not edited in place; a re-lock is needed` };
  if (update.from !== null && (update.from === update.to || versionsEqual(update.from, update.to))) {
    return { ok: true, content: text, notes: [] };
  }
  const changes = compareRequiresDist(update.oldRelease.requiresDist, update.release.requiresDist);
  if (!dependenciesUnchanged(changes)) return { ok: false, reason: describeDependencyChanges(changes) };
  const files = releaseFiles(update.release.files, `${update.package} ${update.to}`);
  if (!files.ok) return { ok: false, reason: `${files.reason}; a re-lock is needed` };

  const edited = EDITORS[kind](text, update, files.files, options);
  if (!edited.ok) return edited;
  const verified = verifyEdit(kind, text, edited.content, update, edited.hashes);
  if (!verified.ok) return verified;
  return { ok: true, content: edited.content, notes: edited.notes };
}

/**
 * editLockInPlaceAll applies several updates to one lock in turn (one pull request often moves several
 * packages); the first that cannot be made in place stops the whole edit, naming its package.
 */
export function editLockInPlaceAll(kind: ManifestKind | string, text: string, updates: readonly LockUpdate[], options: InPlaceOptions = {}): LockEditResult {
  let content = text;
  const notes: string[] = [];
  for (const update of updates) {
    const result = editLockInPlace(kind, content, update, options);
    if (!result.ok) return { ok: false, reason: `${update.package}: ${result.reason}` };
    content = result.content;
    notes.push(...result.notes);
  }
  return { ok: true, content, notes };
}

/**
 * verifyEdit parses the lock before and after: no new problem, the updated entries at the new version
 * with exactly the new hashes, every other entry unchanged.
 */
function verifyEdit(kind: InPlaceLockKind, before: string, after: string, update: LockUpdate, hashes: readonly string[]): { ok: true } | { ok: false; reason: string } {
  const path = FILE_NAMES[kind];
  const old = PARSERS[kind]({ path, content: before });
  const edited = PARSERS[kind]({ path, content: after });
  const failed = (detail: string) => ({ ok: false as const, reason: `the edited ${path} did not check out (${detail}); a re-lock is needed` });
  if (edited.errors.length > old.errors.length) return failed(edited.errors[0]?.message ?? 'it cannot be read');
  if (old.requirements.length !== edited.requirements.length) return failed('the number of packages changed');
  const name = normalizePackageName(update.package);
  const expected = [...new Set(hashes)].sort().join(' ');
  let moved = 0;
  for (const [index, was] of old.requirements.entries()) {
    const now = edited.requirements[index] as Requirement;
    if (isTarget(was, name, update.from)) {
      if (now.normalizedName !== name || now.version === null || !versionsEqual(now.version, update.to)) return failed(`${update.package} is not at ${update.to}`);
      if ([...new Set(now.hashes)].sort().join(' ') !== expected) return failed(`the hashes of ${update.package} ${update.to} are not the release's`);
      moved++;
      continue;
    }
    if (now.normalizedName !== was.normalizedName || now.version !== was.version || now.hashes.join(' ') !== was.hashes.join(' ')) {
      return failed(`${was.name} changed`);
    }
  }
  return moved > 0 ? { ok: true } : failed(`${update.package} was not found`);
}

function isTarget(requirement: Requirement, name: string, from: string | null): boolean {
  if (requirement.normalizedName !== name) return false;
  return from === null || (requirement.version !== null && (requirement.version === from || versionsEqual(requirement.version, from)));
}
