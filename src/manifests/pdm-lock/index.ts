/**
 * The pdm.lock format: PDM's lock file.
 * See https://pdm-project.org/en/latest/usage/lockfile/
 */
import path from 'node:path';
import type { ManifestFormat } from '../types.js';
import { parsePdmLock } from './parse.js';

export { parsePdmLock } from './parse.js';

/** pdmLockFormat reads files named `pdm.lock`. */
export const pdmLockFormat: ManifestFormat = {
  id: 'pdm-lock',
  matches: (filePath: string) => path.posix.basename(filePath) === 'pdm.lock',
  parse: parsePdmLock,
};
