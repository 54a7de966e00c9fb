/**
 * The Pipfile.lock format: pipenv's lock file, read by basename `Pipfile.lock`.
 * See https://github.com/pypa/pipfile#pipfilelock
 */
import type { ManifestFormat } from '../types.js';
import { parsePipfileLock } from './parse.js';

export { pipfileContentHash, pipfileContentHashes } from './content-hash.js';
export { parsePipfileLock } from './parse.js';

/** pipfileLockFormat reads files named exactly `Pipfile.lock`. */
export const pipfileLockFormat: ManifestFormat = {
  id: 'pipfile-lock',
  matches: (path) => path.split('/').pop() === 'Pipfile.lock',
  parse: parsePipfileLock,
};
