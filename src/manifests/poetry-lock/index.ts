/**
 * The poetry.lock format: Poetry's lock file, every lock version (1.x, 2.0, 2.1).
 * See https://python-poetry.org/docs/basic-usage/#installing-with-poetrylock
 */
import path from 'node:path';
import type { ManifestFormat } from '../types.js';
import { parsePoetryLock } from './parse.js';

export { parsePoetryLock } from './parse.js';
export { poetryContentHash, poetryLockHashesDependencyGroups, type PoetryContentHashOptions } from './content-hash.js';

/** poetryLockFormat reads files named `poetry.lock`. */
export const poetryLockFormat: ManifestFormat = {
  id: 'poetry-lock',
  matches: (filePath: string) => path.posix.basename(filePath) === 'poetry.lock',
  parse: parsePoetryLock,
};
