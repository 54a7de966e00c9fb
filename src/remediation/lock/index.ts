/**
 * Lock files for remediation: move a package in uv.lock, poetry.lock or Pipfile.lock without the lock's
 * tool when that is safe (`editLockInPlace`), re-lock with the native tool in a sandboxed temporary
 * directory (`relock`), and compare two locks (`lockDiffPackages`). When neither path works the caller
 * says in the pull request that a re-lock is needed: a lock is never left out of step with its manifest.
 */
export { relockCommand, type RelockCommand, type RelockCommandInput, type RelockTarget } from './commands.js';
export { lockFilesConfigSchema, relockTimeoutMs, type LockFilesConfig } from './config.js';
export { compareRequiresDist, describeDependencyChanges, type DependencyChanges } from './dependencies.js';
export { describeLockDiff, introducedVersions, lockDiffPackages, type LockDiff, type LockedVersion, type LockPackageChange } from './diff.js';
export { editLockInPlace, editLockInPlaceAll, isInPlaceLockKind } from './in-place.js';
export { checkReleaseAge, describeReleaseAgeProblems, type ReleaseAgeProblem, type ReleaseAgeResult } from './release-age.js';
export { relock, type RelockRequest, type RelockResult } from './relock.js';
export { findLockTool, isRelockKind, LOCK_TOOLS, type LockTool } from './tool.js';
export {
  DEFAULT_RELOCK_TIMEOUT_MS,
  IN_PLACE_LOCK_KINDS,
  RELOCK_KINDS,
  type InPlaceLockKind,
  type InPlaceOptions,
  type LockDistributionFile,
  type LockEditResult,
  type LockOldRelease,
  type LockRelease,
  type LockUpdate,
  type ManifestChange,
  type RelockKind,
} from './types.js';
