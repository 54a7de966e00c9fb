/**
 * setup.cfg: setuptools' declarative configuration (an INI file).
 */
import type { ManifestFormat } from '../types.js';
import { parseSetupCfg } from './parse.js';

export { parseSetupCfg } from './parse.js';

/** setupCfgFormat reads files named `setup.cfg`, anywhere in the tree. */
export const setupCfgFormat: ManifestFormat = {
  id: 'setup-cfg',
  matches: (path) => path.split('/').pop() === 'setup.cfg',
  parse: parseSetupCfg,
};
