import { describe, expect, it } from 'vitest';
import { isSecretCandidatePath } from '../../../src/code/secrets/index.js';

describe('isSecretCandidatePath', () => {
  it.each([
    'app/settings.py',
    '.env',
    '.env.production',
    'config/secrets.yaml',
    'deploy/values.yml',
    'appsettings.json',
    'notebooks/explore.ipynb',
    'scripts/release.sh',
    'Dockerfile',
    'docker/Dockerfile.prod',
    'setup.cfg',
    'pyproject.toml',
    '.pypirc',
    'requirements.txt',
    'keys/deploy.pem',
    'id_rsa',
    'certs/server.key',
    'docs/configure.md',
    'static/app.js',
    'windows\\config\\settings.ini',
    './local.env',
  ])('scans %s', (path) => {
    expect(isSecretCandidatePath(path)).toBe(true);
  });

  it.each([
    'uv.lock',
    'poetry.lock',
    'Pipfile.lock',
    'pdm.lock',
    'pylock.toml',
    'pylock.dev.toml',
    'frontend/package-lock.json',
    'frontend/yarn.lock',
    'frontend/pnpm-lock.yaml',
    'go.sum',
    'Cargo.lock',
    'some/tool.lock',
    'docs/logo.png',
    'docs/diagram.SVG',
    'assets/photo.jpeg',
    'dist/pkg-1.0-py3-none-any.whl',
    'release.tar.gz',
    'vendor.zip',
    'model/weights.safetensors',
    'data/cache.sqlite3',
    'app/__pycache__/settings.cpython-312.pyc',
    'lib/native.so',
    'static/vendor.min.js',
    'static/site.min.css',
    'static/app.js.map',
    'static/jquery-min.js',
    'node_modules/left-pad/index.js',
    '.git/config',
    '.venv/lib/python3.12/site-packages/requests/api.py',
    'build/venv/bin/activate',
    '',
    'dir/',
  ])('skips %s', (path) => {
    expect(isSecretCandidatePath(path)).toBe(false);
  });
});
