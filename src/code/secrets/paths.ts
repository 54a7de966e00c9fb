/**
 * Which files the secret scanner reads. Everything textual is a candidate (secrets end up in .env files,
 * YAML, notebooks, shell scripts and Dockerfiles as often as in Python), except files whose content is
 * random by construction or not text at all: lock files (their hashes and integrity strings would only
 * produce noise), images, archives, compiled and binary data, and minified or generated bundles.
 */

/** LOCK_FILES are matched on the file name, lower-cased. */
const LOCK_FILES: ReadonlySet<string> = new Set([
  'uv.lock', 'poetry.lock', 'pipfile.lock', 'pdm.lock', 'pylock.toml', 'pixi.lock', 'conda-lock.yml',
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb',
  'cargo.lock', 'gemfile.lock', 'composer.lock', 'go.sum', 'flake.lock', 'podfile.lock', 'mix.lock',
]);

/** SKIPPED_EXTENSIONS are binary or non-source formats, matched on the last extension, lower-cased. */
const SKIPPED_EXTENSIONS: ReadonlySet<string> = new Set([
  // images
  'png', 'jpg', 'jpeg', 'gif', 'bmp', 'ico', 'icns', 'webp', 'tif', 'tiff', 'psd', 'heic', 'avif', 'svg',
  // archives and packages
  'zip', 'tar', 'gz', 'tgz', 'bz2', 'xz', 'zst', 'lz4', '7z', 'rar', 'whl', 'egg', 'jar', 'war', 'ear',
  'deb', 'rpm', 'dmg', 'iso', 'apk', 'nupkg',
  // compiled code and native libraries
  'pyc', 'pyo', 'pyd', 'so', 'dll', 'dylib', 'exe', 'o', 'obj', 'a', 'lib', 'class', 'wasm', 'bin',
  // fonts, media, office documents
  'woff', 'woff2', 'ttf', 'otf', 'eot', 'mp3', 'mp4', 'wav', 'ogg', 'flac', 'avi', 'mov', 'mkv', 'webm',
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods',
  // data and model files
  'parquet', 'feather', 'arrow', 'npy', 'npz', 'pkl', 'pickle', 'joblib', 'h5', 'hdf5', 'db', 'sqlite',
  'sqlite3', 'onnx', 'pt', 'pth', 'ckpt', 'safetensors', 'tflite', 'pb',
  // source maps (generated, base64 VLQ mappings)
  'map',
]);

/** SKIPPED_DIRECTORIES hold other people's code or generated caches, never the repository's own secrets. */
const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  '.git', 'node_modules', '__pycache__', '.venv', 'venv', 'site-packages', '.tox', '.nox',
  '.mypy_cache', '.pytest_cache', '.ruff_cache',
]);

/**
 * isSecretCandidatePath says whether the file at `path` (relative, `/` or `\` separated) should be
 * scanned for secrets: not a lock file (`uv.lock`, `poetry.lock`, `Pipfile.lock`, `package-lock.json`,
 * any `*.lock`, `pylock.*.toml`), not a binary or media format by extension, not minified (`*.min.js`,
 * `*.min.css`, source maps), and not inside `.git`, `node_modules`, virtual environments or caches.
 * Key files (`*.pem`, `*.key`, `id_rsa`) are scanned: they are exactly what the scanner looks for.
 */
export function isSecretCandidatePath(path: string): boolean {
  const normalised = path.replace(/\\/g, '/');
  if (normalised.endsWith('/')) return false;
  const parts = normalised.split('/').filter((part) => part !== '' && part !== '.');
  const name = (parts.at(-1) ?? '').toLowerCase();
  if (name === '') return false;
  if (parts.slice(0, -1).some((directory) => SKIPPED_DIRECTORIES.has(directory.toLowerCase()))) return false;
  if (LOCK_FILES.has(name) || name.endsWith('.lock') || /^pylock\.[^/]+\.toml$/.test(name)) return false;
  if (/\.min\.(?:js|mjs|cjs|css)$/.test(name) || /[.-]min\.js$/.test(name)) return false;
  const dot = name.lastIndexOf('.');
  return !(dot > 0 && SKIPPED_EXTENSIONS.has(name.slice(dot + 1)));
}
