/**
 * relock re-locks with the native tool (IO): uv, Poetry, pipenv or PDM runs in a temporary directory
 * holding only the manifest, the lock and the tool's own configuration files — never the repository's
 * code — with no build steps where the tool can refuse them, an environment without pipwarden's secrets,
 * and a time limit after which the tool and everything it started are killed. The new lock is accepted
 * only when:
 * - the tool succeeded and the new lock reads cleanly with pipwarden's own parser;
 * - every package asked for is at its target version or later;
 * - the lock is in step with its manifest (poetry.lock `content-hash`, Pipfile.lock `_meta.hash`);
 * - every release it brings in, transitive ones included, is older than the cut-off (`minimumReleaseAge`):
 *   uv and PDM are given the cut-off, the others' result is checked against the index's upload times.
 * Otherwise the answer is `{ ok: false, reason }` and the lock stays as it was.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { redact } from '../../errors.js';
import { parseLockToml, stringField, tableField } from '../../manifests/lock-toml.js';
import { parsePdmLock } from '../../manifests/pdm-lock/parse.js';
import { normalizePackageName } from '../../manifests/pep508.js';
import { pipfileContentHashes } from '../../manifests/pipfile-lock/content-hash.js';
import { parsePipfileLock } from '../../manifests/pipfile-lock/parse.js';
import { poetryContentHash, poetryLockHashesDependencyGroups } from '../../manifests/poetry-lock/content-hash.js';
import { parsePoetryLock } from '../../manifests/poetry-lock/parse.js';
import type { Manifest, ManifestInput } from '../../manifests/types.js';
import { parseUvLock } from '../../manifests/uv-lock/parse.js';
import { compareVersions, isValidVersion } from '../../pep440/index.js';
import type { PackageRegistry } from '../../registry/types.js';
import { relockCommand, type RelockTarget } from './commands.js';
import { describeLockDiff, introducedVersions, lockDiffPackages, type LockDiff } from './diff.js';
import { toolEnvironment } from './environment.js';
import { checkReleaseAge, describeReleaseAgeProblems } from './release-age.js';
import { runTool } from './run.js';
import { findLockTool, isRelockKind, LOCK_TOOLS } from './tool.js';
import { DEFAULT_RELOCK_TIMEOUT_MS, type RelockKind } from './types.js';
import { removeAddedExcludeNewer } from './uv-options.js';

/** RelockRequest is one re-lock. */
export interface RelockRequest {
  kind: RelockKind | string;
  /**
   * The files to lock from, by POSIX path relative to the repository, all in one folder: the manifest as
   * edited, the current lock, and optionally the tool's own configuration (uv.toml, poetry.toml,
   * pdm.toml, .python-version). Only their names are kept in the temporary directory.
   */
  files: ReadonlyMap<string, string>;
  /** The packages to move and their target versions. */
  targets: readonly RelockTarget[];
  /** The tool's path; found on `env.PATH` with findLockTool when absent. */
  toolPath?: string;
  /** The environment PATH, proxies and locale are taken from (default process.env); nothing else passes. */
  env?: NodeJS.ProcessEnv;
  /** Default 120 s. */
  timeoutMs?: number;
  /** Releases uploaded after this instant may not come in (now minus `minimumReleaseAge`). */
  cutoff?: Date;
  /** The index to check upload times with, for tools that take no cut-off (Poetry, pipenv). */
  registry?: PackageRegistry;
  /** A PyPI mirror, for tools that do not record the index in the lock (pipenv, PDM). */
  indexUrl?: string;
  /** A persistent cache folder for the tools' downloads (default: none, each run starts cold). */
  cacheDir?: string;
  /** Where temporary directories are made (default os.tmpdir()). */
  tempRoot?: string;
}

/** RelockResult is the new lock, or why there is none. */
export type RelockResult =
  | {
      ok: true;
      /** The lock's path (in the folder of the given files) and its new text. */
      lockPath: string;
      lock: string;
      /** What changed, for the pull request body and the checks above. */
      diff: LockDiff;
      /** `django 4.2.5 → 4.2.10`… */
      changes: string[];
      /** The command that ran, without the tool's path. */
      command: string[];
      notes: string[];
    }
  | { ok: false; reason: string; command?: string[] };

const PARSERS: Record<RelockKind, (input: ManifestInput) => Manifest> = {
  'uv-lock': parseUvLock,
  'poetry-lock': parsePoetryLock,
  'pipfile-lock': parsePipfileLock,
  'pdm-lock': parsePdmLock,
};

const FILE_NAME = /^(?!\.{1,2}$)[A-Za-z0-9._-]+$/;

/** relock runs the native tool (see the module comment). */
export async function relock(request: RelockRequest): Promise<RelockResult> {
  const { kind } = request;
  if (!isRelockKind(kind)) return { ok: false, reason: `${kind} has no native lock tool pipwarden can run` };
  const tool = LOCK_TOOLS[kind];
  const allowed = new Set([tool.manifest, tool.lock, ...tool.config]);
  const byName = new Map<string, string>();
  const folders = new Set<string>();
  for (const [filePath, text] of request.files) {
    const name = path.posix.basename(filePath);
    folders.add(path.posix.dirname(filePath));
    if (!FILE_NAME.test(name) || !allowed.has(name) || filePath.split('/').includes('..')) {
      return { ok: false, reason: `${filePath} is not a file ${tool.binary} locks from; only ${[...allowed].join(', ')} are copied` };
    }
    byName.set(name, text);
  }
  if (folders.size > 1) return { ok: false, reason: `the files to re-lock are in several folders (${[...folders].join(', ')}): one project at a time` };
  const folder = [...folders][0] ?? '.';
  const manifestText = byName.get(tool.manifest);
  const lockText = byName.get(tool.lock);
  if (manifestText === undefined || lockText === undefined) return { ok: false, reason: `re-locking needs both ${tool.manifest} and ${tool.lock}` };
  if (request.targets.length === 0) return { ok: false, reason: 'no package to re-lock' };

  const env = request.env ?? process.env;
  const toolPath = request.toolPath ?? (await findLockTool(kind, env));
  if (!toolPath) return { ok: false, reason: `${tool.binary} is not installed (not found on PATH); a re-lock is needed` };
  const plan = relockCommand(kind, { targets: request.targets, cutoff: request.cutoff, indexUrl: request.indexUrl, lockText });
  const command = [tool.binary, ...plan.args];
  if (request.cutoff && !plan.enforcesCutoff && !request.registry) {
    return { ok: false, reason: `the release-age cut-off cannot be passed to ${tool.binary} here, and no package index was given to check it`, command };
  }

  const dir = await mkdtemp(path.join(request.tempRoot ?? os.tmpdir(), 'pipwarden-relock-'));
  try {
    const home = path.join(dir, '.home');
    const work = path.join(dir, 'project');
    await mkdir(home, { mode: 0o700 });
    await mkdir(work, { mode: 0o700 });
    for (const [name, text] of byName) await writeFile(path.join(work, name), text, { mode: 0o600 });
    const timeoutMs = request.timeoutMs ?? DEFAULT_RELOCK_TIMEOUT_MS;
    const run = await runTool(toolPath, plan.args, { cwd: work, env: toolEnvironment(env, home, { ...plan.env, ...cacheEnv(request.cacheDir) }), timeoutMs });
    if (run.timedOut) return { ok: false, reason: `${command.join(' ')} did not finish within ${formatSeconds(timeoutMs)} and was stopped; a re-lock is needed`, command };
    if (run.error) return { ok: false, reason: `${command.join(' ')} could not run: ${redact(run.error)}`, command };
    if (run.exitCode !== 0) {
      const detail = outputTail(run.stderr) || outputTail(run.stdout) || (run.signal ? `killed by ${run.signal}` : 'no output');
      return { ok: false, reason: `${command.join(' ')} failed (exit code ${run.exitCode ?? run.signal ?? 'unknown'}): ${detail}`, command };
    }
    let newLock: string;
    try {
      newLock = await readFile(path.join(work, tool.lock), 'utf8');
    } catch {
      return { ok: false, reason: `${command.join(' ')} wrote no ${tool.lock}`, command };
    }
    if (kind === 'uv-lock') newLock = removeAddedExcludeNewer(lockText, newLock);
    const checked = await checkResult(kind, request, lockText, newLock, manifestText, plan.enforcesCutoff);
    if (!checked.ok) return { ...checked, command };
    return { ok: true, lockPath: folder === '.' ? tool.lock : path.posix.join(folder, tool.lock), lock: newLock, diff: checked.diff, changes: describeLockDiff(checked.diff), command, notes: plan.notes };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** checkResult applies the acceptance rules of the module comment to the new lock. */
async function checkResult(
  kind: RelockKind,
  request: RelockRequest,
  before: string,
  after: string,
  manifest: string,
  toolEnforcedCutoff: boolean,
): Promise<{ ok: true; diff: LockDiff } | { ok: false; reason: string }> {
  const tool = LOCK_TOOLS[kind];
  const parsed = PARSERS[kind]({ path: tool.lock, content: after });
  if (parsed.errors.length > 0) {
    const first = parsed.errors[0];
    return { ok: false, reason: `the re-locked ${tool.lock} cannot be read (line ${first?.line ?? 1}: ${first?.message ?? 'invalid'})` };
  }
  for (const target of request.targets) {
    const name = normalizePackageName(target.package);
    const locked = parsed.requirements.filter((r) => r.normalizedName === name);
    if (locked.length === 0) return { ok: false, reason: `${target.package} is not in the re-locked ${tool.lock}` };
    const behind = locked.find((r) => r.version === null || !isValidVersion(r.version) || compareVersions(r.version, target.to) < 0);
    if (behind) return { ok: false, reason: `the re-lock left ${target.package} at ${behind.version ?? 'an unversioned source'} (wanted ${target.to} or later)` };
  }
  const inStep = manifestInStep(kind, after, manifest);
  if (!inStep.ok) return inStep;

  const diff = lockDiffPackages(before, after, kind);
  if (request.cutoff && !toolEnforcedCutoff && request.registry) {
    const age = await checkReleaseAge(introducedVersions(diff), request.registry, request.cutoff);
    if (age.problems.length > 0) return { ok: false, reason: describeReleaseAgeProblems(age.problems, request.cutoff) };
  }
  return { ok: true, diff };
}

/** manifestInStep checks the lock's record of its manifest where pipwarden can recompute it. */
function manifestInStep(kind: RelockKind, lock: string, manifest: string): { ok: true } | { ok: false; reason: string } {
  if (kind === 'poetry-lock') {
    const parsed = parseLockToml({ path: 'poetry.lock', content: lock });
    const recorded = parsed.ok ? stringField(tableField(parsed.data, 'metadata') ?? {}, 'content-hash') : undefined;
    const expected = poetryContentHash(manifest, { dependencyGroups: poetryLockHashesDependencyGroups(lock) });
    if (!recorded || expected === null || recorded.replace(/^sha256:/, '') !== expected) {
      return { ok: false, reason: 'the re-locked poetry.lock is out of step with pyproject.toml (content-hash differs)' };
    }
  }
  if (kind === 'pipfile-lock') {
    let recorded: unknown;
    try {
      const data: unknown = JSON.parse(lock.replace(/^\ufeff/, ''));
      recorded = (data as { _meta?: { hash?: { sha256?: unknown } } })._meta?.hash?.sha256;
    } catch {
      recorded = undefined;
    }
    if (typeof recorded !== 'string' || !pipfileContentHashes(manifest).includes(recorded)) {
      return { ok: false, reason: 'the re-locked Pipfile.lock is out of step with the Pipfile (_meta.hash differs)' };
    }
  }
  return { ok: true };
}

/** cacheEnv points every tool's cache at one persistent folder, when the caller has one. */
function cacheEnv(cacheDir: string | undefined): Record<string, string> {
  if (!cacheDir) return {};
  return {
    UV_CACHE_DIR: path.join(cacheDir, 'uv'),
    POETRY_CACHE_DIR: path.join(cacheDir, 'poetry'),
    PIPENV_CACHE_DIR: path.join(cacheDir, 'pipenv'),
    PIP_CACHE_DIR: path.join(cacheDir, 'pip'),
    PDM_CACHE_DIR: path.join(cacheDir, 'pdm'),
  };
}

/** outputTail is the end of a tool's output, for a reason: ANSI codes gone, credentials redacted. */
function outputTail(output: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = output.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').trim();
  if (clean === '') return '';
  const lines = clean.split(/\r?\n/).filter((line) => line.trim() !== '');
  let tail = lines.slice(-12).join('\n');
  if (tail.length > 1500) tail = `…${tail.slice(-1500)}`;
  return redact(tail);
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
