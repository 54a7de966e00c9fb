/**
 * applyGroup turns one planned group into new file contents: every manifest edited surgically at the
 * recorded lines (with `--hash` lines refreshed from the index's digests), every lock file edited in place
 * when the new versions' dependencies are unchanged, or marked as needing a re-lock. Nothing is written
 * here: the caller verifies the contents (verify.ts) and then writes them (CLI) or commits them (app).
 */
import type { Manifest } from '../manifests/types.js';
import { LOCK_KINDS } from '../manifests/types.js';
import type { PackageRegistry } from '../registry/types.js';
import { editManifest } from './edit/index.js';
import { editLockInPlaceAll, findLockTool, isInPlaceLockKind, isRelockKind, relock, type LockUpdate, type RelockKind } from './lock/index.js';
import type { LockNote } from './pull-request.js';
import type { RemediationGroup } from './types.js';

/** AppliedGroup is what a group's edits produce. */
export interface AppliedGroup {
  /** New contents by path (only files that changed). */
  changes: Map<string, string>;
  locks: LockNote[];
  /** Edits that could not be made, each with the package and why. */
  problems: Array<{ path: string; package: string; message: string }>;
}

/** ApplyInput is the tree's parsed manifests and their texts, and the index (null offline). */
export interface ApplyInput {
  manifests: readonly Manifest[];
  contents: ReadonlyMap<string, string>;
  registry: PackageRegistry | null;
  /** Edit lock files in place when possible (the `lockFiles.inPlace` setting). */
  inPlace: boolean;
  /**
   * Re-lock with the native tool when it is installed (the `lockFiles.relock` setting): the settings of
   * the run. Absent: never re-lock.
   */
  relock?: { timeoutMs: number; cutoff?: Date; env?: NodeJS.ProcessEnv };
}

const TOOL_OF: Record<string, string> = { 'uv-lock': 'uv', 'poetry-lock': 'poetry', 'pipfile-lock': 'pipenv', 'pdm-lock': 'pdm' };

/** applyGroup edits the files one group changes. */
export async function applyGroup(group: RemediationGroup, input: ApplyInput): Promise<AppliedGroup> {
  const byPath = new Map(input.manifests.map((m) => [m.path, m]));
  const changes = new Map<string, string>();
  const problems: AppliedGroup['problems'] = [];
  const locks: LockNote[] = [];
  const paths = [...new Set(group.updates.flatMap((u) => u.manifests))].sort();
  const releaseOf = memo((name: string, version: string) => input.registry?.release(name, version).catch(() => null) ?? Promise.resolve(null));

  // Manifests first: a lock's content-hash follows its edited manifest.
  for (const path of paths.filter((p) => !LOCK_KINDS.has(byPath.get(p)?.kind ?? 'requirements'))) {
    const manifest = byPath.get(path);
    const text = input.contents.get(path);
    if (!manifest || text === undefined) continue;
    const edits = await Promise.all(
      group.updates
        .filter((u) => u.manifests.includes(path))
        .map(async (u) => {
          const release = await releaseOf(u.package, u.to);
          const digests = release?.files.map((f) => f.digests.sha256).filter((d): d is string => typeof d === 'string') ?? [];
          return digests.length > 0 ? { package: u.package, to: u.to, digests } : { package: u.package, to: u.to };
        }),
    );
    const result = await editManifest(manifest, text, edits);
    for (const problem of result.problems) problems.push({ path, package: problem.package, message: problem.message });
    if (result.content !== text) changes.set(path, result.content);
  }

  for (const path of paths.filter((p) => LOCK_KINDS.has(byPath.get(p)?.kind ?? 'requirements'))) {
    const lock = byPath.get(path);
    const text = input.contents.get(path);
    if (!lock || text === undefined) continue;
    const tool = TOOL_OF[lock.kind];
    const manifestPath = siblingManifest(path, lock.kind);
    const relocked = input.relock && isRelockKind(lock.kind) ? await relockWithTool(path, lock.kind, manifestPath, group, input, changes) : null;
    const toolFailure = relocked && !relocked.ok ? `${tool ?? 'the lock tool'} failed (${relocked.reason}); ` : '';
    const needsRelock = (reason: string) => locks.push({ path, status: 'needs-relock', ...(tool ? { tool } : {}), reason: `${toolFailure}${reason}` });
    if (relocked?.ok) {
      changes.set(path, relocked.lock);
      locks.push({ path, status: 'relocked', ...(tool ? { tool } : {}) });
      continue;
    }
    if (!input.inPlace || !isInPlaceLockKind(lock.kind)) {
      needsRelock(input.inPlace ? `${lock.kind} files are not edited in place` : 'in-place lock edits are turned off (lockFiles.inPlace)');
      continue;
    }
    if (!input.registry) {
      needsRelock('offline: the new versions\' files and dependencies cannot be read from the index');
      continue;
    }
    const updates: LockUpdate[] = [];
    let missing: string | null = null;
    for (const u of group.updates.filter((x) => x.manifests.includes(path))) {
      const [next, previous] = await Promise.all([releaseOf(u.package, u.to), u.from ? releaseOf(u.package, u.from) : Promise.resolve(null)]);
      if (!next || !previous) {
        missing = `${u.package}: the index did not describe ${next ? u.from : u.to}`;
        break;
      }
      updates.push({
        package: u.package,
        from: u.from,
        to: u.to,
        release: { files: next.files, requiresDist: next.metadata.requiresDist, requiresPython: next.metadata.requiresPython, summary: next.metadata.summary },
        oldRelease: { requiresDist: previous.metadata.requiresDist, requiresPython: previous.metadata.requiresPython },
      });
    }
    if (missing) {
      needsRelock(missing);
      continue;
    }
    const before = manifestPath ? input.contents.get(manifestPath) : undefined;
    const after = manifestPath ? changes.get(manifestPath) : undefined;
    const edited = editLockInPlaceAll(lock.kind, text, updates, before !== undefined && after !== undefined ? { manifest: { before, after } } : {});
    if (edited.ok) {
      changes.set(path, edited.content);
      locks.push({ path, status: 'edited' });
    } else needsRelock(edited.reason);
  }
  return { changes, locks, problems };
}

/**
 * relockWithTool runs the project's own lock tool on the edited manifest and the current lock, when the
 * tool is installed; null when it is not (the caller then edits in place or says a re-lock is needed).
 */
async function relockWithTool(
  lockPath: string,
  kind: string,
  manifestPath: string | null,
  group: RemediationGroup,
  input: ApplyInput,
  changes: ReadonlyMap<string, string>,
): Promise<{ ok: true; lock: string } | { ok: false; reason: string } | null> {
  const settings = input.relock;
  if (!settings || !manifestPath) return null;
  const tool = await findLockTool(kind as RelockKind, settings.env ?? process.env);
  if (!tool) return null;
  const manifest = changes.get(manifestPath) ?? input.contents.get(manifestPath);
  const current = input.contents.get(lockPath);
  if (manifest === undefined || current === undefined) return null;
  const result = await relock({
    kind,
    files: new Map([
      [manifestPath, manifest],
      [lockPath, current],
    ]),
    targets: group.updates.filter((u) => u.manifests.includes(lockPath)).map((u) => ({ package: u.package, to: u.to })),
    toolPath: tool,
    timeoutMs: settings.timeoutMs,
    ...(settings.env ? { env: settings.env } : {}),
    ...(settings.cutoff ? { cutoff: settings.cutoff } : {}),
    ...(input.registry ? { registry: input.registry } : {}),
  });
  return result.ok ? { ok: true, lock: result.lock } : { ok: false, reason: result.reason };
}

/** siblingManifest is the manifest a lock file belongs to (same folder). */
function siblingManifest(lockPath: string, kind: string): string | null {
  const folder = lockPath.includes('/') ? lockPath.slice(0, lockPath.lastIndexOf('/') + 1) : '';
  if (kind === 'pipfile-lock') return `${folder}Pipfile`;
  if (kind === 'uv-lock' || kind === 'poetry-lock' || kind === 'pdm-lock') return `${folder}pyproject.toml`;
  return null;
}

function memo<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  const cache = new Map<string, Promise<R>>();
  return (...args: A) => {
    const key = JSON.stringify(args);
    let hit = cache.get(key);
    if (!hit) {
      hit = fn(...args);
      cache.set(key, hit);
    }
    return hit;
  };
}
