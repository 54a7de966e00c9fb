/**
 * The pylock.toml format: the standard lock file of PEP 751, named `pylock.toml` or `pylock.<name>.toml`.
 * See https://packaging.python.org/en/latest/specifications/pylock-toml/#file-name
 */
import path from 'node:path';
import type { ManifestFormat } from '../types.js';
import { parsePylock } from './parse.js';

export { parsePylock } from './parse.js';

/** PYLOCK_NAME is the file name PEP 751 mandates: `pylock.toml` or `pylock.<name>.toml` (no dot in the name). */
const PYLOCK_NAME = /^pylock\.(?:[^.]+\.)?toml$/;

/** pylockFormat reads `pylock.toml` and `pylock.<name>.toml` files. */
export const pylockFormat: ManifestFormat = {
  id: 'pylock',
  matches: (filePath: string) => PYLOCK_NAME.test(path.posix.basename(filePath)),
  parse: parsePylock,
};
