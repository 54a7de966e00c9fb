/**
 * The uv.lock format: uv's universal lock file.
 * See https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile
 */
import path from 'node:path';
import type { ManifestFormat } from '../types.js';
import { parseUvLock } from './parse.js';

export { parseUvLock } from './parse.js';

/** uvLockFormat reads files named `uv.lock`. */
export const uvLockFormat: ManifestFormat = {
  id: 'uv-lock',
  matches: (filePath: string) => path.posix.basename(filePath) === 'uv.lock',
  parse: parseUvLock,
};
