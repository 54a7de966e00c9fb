/**
 * Folders discovery never enters: version control, installed packages, caches and build output. A
 * dependency file inside them is not the project's own (a vendored package's setup.py, a venv's
 * site-packages), and walking them is the slowest part of discovery.
 */
const IGNORED_FOLDERS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '.venv',
  'venv',
  'site-packages',
  '__pycache__',
  '.tox',
  '.nox',
  'build',
  'dist',
  '.eggs',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
]);

/** VIRTUAL_ENV_NAMES are folder names that hold a virtual environment when committed. */
const VIRTUAL_ENV_NAMES = new Set(['.venv', 'venv', 'env', '.env', 'virtualenv']);

/** isIgnoredFolder tells whether discovery skips a folder, by its name. */
export function isIgnoredFolder(name: string): boolean {
  return IGNORED_FOLDERS.has(name) || name.endsWith('.egg-info');
}

/**
 * isVirtualEnv tells whether a folder is a virtual environment: it holds `pyvenv.cfg` (every venv and
 * virtualenv since Python 3.3 writes one), or it has a venv's name and a `bin/activate` or `Scripts`.
 */
export function isVirtualEnv(name: string, childNames: ReadonlySet<string>): boolean {
  if (childNames.has('pyvenv.cfg')) return true;
  return VIRTUAL_ENV_NAMES.has(name) && (childNames.has('bin') || childNames.has('Scripts')) && childNames.has('lib');
}
