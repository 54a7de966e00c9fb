/**
 * The native lock tools and where they are. Each lock format has one tool (uv, Poetry, pipenv, PDM), a
 * manifest it locks from and the few files of its own configuration it may read; `relock` copies only
 * these into its temporary directory. findLockTool looks the binary up on PATH (IO: file checks only).
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RelockKind } from './types.js';

/** LockTool describes one native tool. */
export interface LockTool {
  /** The executable's name on PATH. */
  binary: string;
  /** The manifest the lock is made from. */
  manifest: string;
  /** The lock file the tool writes. */
  lock: string;
  /** Other files of the tool's own configuration that may sit beside them (never code). */
  config: readonly string[];
}

/** LOCK_TOOLS maps each re-lockable format to its tool. */
export const LOCK_TOOLS: Readonly<Record<RelockKind, LockTool>> = {
  'uv-lock': { binary: 'uv', manifest: 'pyproject.toml', lock: 'uv.lock', config: ['uv.toml', '.python-version'] },
  'poetry-lock': { binary: 'poetry', manifest: 'pyproject.toml', lock: 'poetry.lock', config: ['poetry.toml'] },
  'pipfile-lock': { binary: 'pipenv', manifest: 'Pipfile', lock: 'Pipfile.lock', config: [] },
  'pdm-lock': { binary: 'pdm', manifest: 'pyproject.toml', lock: 'pdm.lock', config: ['pdm.toml', '.python-version'] },
};

/** isRelockKind tells whether `relock` handles a manifest kind. */
export function isRelockKind(kind: string): kind is RelockKind {
  return Object.hasOwn(LOCK_TOOLS, kind);
}

/**
 * findLockTool finds the tool of a lock format on `env.PATH`: the absolute path of the first executable
 * file of that name, or null. Relative PATH entries (`.`, empty) are skipped: a binary must never be
 * picked up from the directory being audited. On Windows, PATHEXT extensions are tried.
 */
export async function findLockTool(kind: RelockKind, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<string | null> {
  const binary = LOCK_TOOLS[kind].binary;
  const delimiter = platform === 'win32' ? ';' : ':';
  const dirs = (env['PATH'] ?? env['Path'] ?? '').split(delimiter).filter((dir) => dir !== '' && path.isAbsolute(dir));
  const extensions = platform === 'win32' ? ['', ...(env['PATHEXT'] ?? '.EXE;.CMD;.BAT').split(';').filter((e) => e !== '')] : [''];
  for (const dir of dirs) {
    for (const extension of extensions) {
      const candidate = path.join(dir, `${binary}${extension}`);
      if (await isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return null;
}

async function isExecutableFile(file: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
    if (platform !== 'win32') await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
