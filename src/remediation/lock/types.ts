/**
 * The vocabulary of lock-file remediation: what an in-place edit is given (the package, its old and new
 * release as the index describes them) and what both paths — the in-place edit and the native re-lock —
 * answer. Either path says `ok: false` with a reason rather than leave a lock out of step with its
 * manifest; the caller then says in the pull request that a re-lock is needed.
 */
import type { DistributionFile } from '../../registry/types.js';

/** InPlaceLockKind is a lock format that can be edited without its tool: uv.lock, poetry.lock, Pipfile.lock. */
export type InPlaceLockKind = 'uv-lock' | 'poetry-lock' | 'pipfile-lock';

/** IN_PLACE_LOCK_KINDS lists the formats `editLockInPlace` edits. */
export const IN_PLACE_LOCK_KINDS: readonly InPlaceLockKind[] = ['uv-lock', 'poetry-lock', 'pipfile-lock'];

/** RelockKind is a lock format whose native tool `relock` can run: uv, Poetry, pipenv, PDM. */
export type RelockKind = 'uv-lock' | 'poetry-lock' | 'pipfile-lock' | 'pdm-lock';

/** DEFAULT_RELOCK_TIMEOUT_MS is how long a native lock tool may run by default: two minutes. */
export const DEFAULT_RELOCK_TIMEOUT_MS = 120_000;

/** RELOCK_KINDS lists the formats `relock` handles. */
export const RELOCK_KINDS: readonly RelockKind[] = ['uv-lock', 'poetry-lock', 'pipfile-lock', 'pdm-lock'];

/**
 * LockDistributionFile is one file of the new release. `size` (bytes) is what uv.lock records beside
 * each file; PyPI's JSON and Simple APIs both give it, but the registry's DistributionFile does not carry
 * it yet, so it is optional here: without it uv.lock entries are written without `size` (uv reads the
 * field as optional).
 */
export type LockDistributionFile = DistributionFile & { size?: number | null };

/** LockRelease is what the index says about one version of the package. */
export interface LockRelease {
  /** The release's files (wheels and sdist) with their digests and upload times. */
  files: LockDistributionFile[];
  /** `Requires-Dist` lines as written (PEP 508). */
  requiresDist: string[];
  /** `Requires-Python`, null when the release declares none. */
  requiresPython: string | null;
  /** The release's summary: poetry.lock records it as `description` (left as is when absent). */
  summary?: string | null;
}

/** LockOldRelease is what the index says about the version the lock holds now. */
export interface LockOldRelease {
  requiresDist: string[];
  /** `Requires-Python` of the locked version; undefined when not known. */
  requiresPython?: string | null;
}

/** LockUpdate is one package to move in a lock, with both releases' metadata. */
export interface LockUpdate {
  /** The package name (any spelling: compared by its PEP 503 form). */
  package: string;
  /** The locked version to replace; null when only the name is known (then exactly one entry may match). */
  from: string | null;
  to: string;
  release: LockRelease;
  oldRelease: LockOldRelease;
  /**
   * The simple index the release files come from (default `https://pypi.org/simple`): an entry locked
   * from another index is not edited, its files would not match.
   */
  index?: string;
}

/** ManifestChange is the manifest beside the lock (pyproject.toml or Pipfile) before and after its edit. */
export interface ManifestChange {
  before: string;
  after: string;
}

/** InPlaceOptions carries what an in-place edit needs besides the lock: the manifest, when it changed. */
export interface InPlaceOptions {
  /**
   * The manifest before and after the remediation edited it. poetry.lock's `content-hash`, Pipfile.lock's
   * `_meta.hash` and uv.lock's recorded `requires-dist` follow it; without it they are left as they are.
   */
  manifest?: ManifestChange;
}

/** LockEditResult is the edited lock, or why it could not be edited without a re-lock. */
export type LockEditResult =
  | {
      ok: true;
      /** The whole new lock text. */
      content: string;
      /** Things a reviewer should know (files left out, fields written without a value the index lacks). */
      notes: string[];
    }
  | { ok: false; reason: string };
