/**
 * The Pipfile format: pipenv's manifest, read by basename `Pipfile`.
 * See https://pipenv.pypa.io/en/latest/pipfile.html
 */
import type { ManifestFormat } from '../types.js';
import { parsePipfile } from './parse.js';

export { parsePipfile } from './parse.js';

/** pipfileFormat reads files named exactly `Pipfile` (pipenv looks for no other name). */
export const pipfileFormat: ManifestFormat = {
  id: 'pipfile',
  matches: (path) => path.split('/').pop() === 'Pipfile',
  parse: parsePipfile,
};
