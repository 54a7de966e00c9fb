/**
 * setup.py: setuptools' (and distutils') imperative build script, read statically, never executed.
 */
import type { ManifestFormat } from '../types.js';
import { parseSetupPy } from './parse.js';

export { parseSetupPy } from './parse.js';

/** setupPyFormat reads files named `setup.py`, anywhere in the tree. */
export const setupPyFormat: ManifestFormat = {
  id: 'setup-py',
  matches: (path) => path.split('/').pop() === 'setup.py',
  parse: parseSetupPy,
};
