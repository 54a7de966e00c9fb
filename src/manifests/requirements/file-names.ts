/**
 * Which files are pip requirements files, and which dependency group a file's name implies.
 *
 * pip itself reads any file given to `-r`, whatever its name; these conventions are the ones projects
 * use (`requirements.txt`, `requirements-dev.txt`, `dev-requirements.txt`, `requirements/test.txt`,
 * pip-tools' `requirements.in`, pip's `constraints.txt`). Files reached through `-r`/`-c` are read by
 * the caller whatever their name.
 */

const EXTENSION = /\.(txt|in)$/;

/**
 * Words that, as the group part of a file name, still mean the runtime dependencies: `requirements/base.txt`
 * and `requirements-prod.txt` are what the application installs, not a dev or docs set. Version-only
 * words (`requirements-py38.txt`, `requirements-3.11.txt`) are runtime variants too.
 */
const MAIN_WORDS: ReadonlySet<string> = new Set([
  'base',
  'common',
  'core',
  'default',
  'main',
  'prod',
  'production',
  'runtime',
  'install',
  'requirements',
  'lock',
  'locked',
  'frozen',
  'freeze',
  'pinned',
]);

interface PathParts {
  /** Lowercased file name. */
  base: string;
  /** Lowercased name of the folder holding the file, '' at the root. */
  parent: string;
}

function pathParts(path: string): PathParts {
  const parts = path.replace(/\\/g, '/').split('/').filter((part) => part !== '' && part !== '.');
  return { base: (parts[parts.length - 1] ?? '').toLowerCase(), parent: (parts[parts.length - 2] ?? '').toLowerCase() };
}

/**
 * isRequirementsFileName tells whether discovery should read a path as a requirements file:
 * `requirements*.txt|in`, `*-requirements.txt|in`, `*_requirements.txt|in`, `constraints*.txt`, or any
 * `.txt`/`.in` file in a folder named `requirements`; never `MANIFEST.in` (a setuptools file).
 * Case-insensitive, as Windows and macOS checkouts are.
 */
export function isRequirementsFileName(path: string): boolean {
  const { base, parent } = pathParts(path);
  if (base === 'manifest.in' || !EXTENSION.test(base)) return false;
  if (base.startsWith('requirements')) return true;
  if (/^.+[-_]requirements\.(txt|in)$/.test(base)) return true;
  if (base.startsWith('constraints') && base.endsWith('.txt')) return true;
  return parent === 'requirements';
}

/** isConstraintsFileName tells whether a file is, by its name, a pip constraints file (`constraints*.txt`). */
export function isConstraintsFileName(path: string): boolean {
  const { base } = pathParts(path);
  return base.startsWith('constraints') && EXTENSION.test(base);
}

/**
 * groupOfRequirementsFile is the dependency group a file's name says: `main` for `requirements.txt`,
 * `requirements.in` and `constraints*.txt`; otherwise the word after `requirements` or before
 * `-requirements` (`requirements-dev.txt`, `dev-requirements.txt`, `requirements_dev.in` → `dev`), or the
 * file's stem inside a `requirements/` folder (`requirements/docs.txt` → `docs`), lowercased. Words that
 * mean the runtime set (`base`, `prod`, `common`…) and other files give `main`.
 */
export function groupOfRequirementsFile(path: string): string {
  const { base, parent } = pathParts(path);
  const stem = base.replace(EXTENSION, '');
  let word = '';
  if (stem.startsWith('constraints')) word = '';
  else if (stem.startsWith('requirements')) word = stem.slice('requirements'.length);
  else {
    const prefixed = /^(.+?)[-_.]requirements$/.exec(stem);
    if (prefixed?.[1]) word = prefixed[1];
    else if (parent === 'requirements') word = stem;
  }
  word = word.replace(/^[-_.]+|[-_.]+$/g, '');
  if (word === '' || MAIN_WORDS.has(word) || /^(py|python)?[-_.]?\d[\d._-]*$/.test(word)) return 'main';
  return word;
}
