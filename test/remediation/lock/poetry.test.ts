import { describe, expect, it } from 'vitest';
import { poetryContentHash } from '../../../src/manifests/poetry-lock/content-hash.js';
import { parsePoetryLock } from '../../../src/manifests/poetry-lock/parse.js';
import { editLockInPlace } from '../../../src/remediation/lock/in-place.js';
import { differingLines, distFile, fixture, sha256Of, update } from './helpers.js';

const LOCK = fixture('poetry-2.1-app.lock');
const URLLIB3_DEPS = [
  'brotli>=1.0.9; platform_python_implementation == "CPython" and extra == "brotli"',
  'brotlicffi>=0.8.0; platform_python_implementation != "CPython" and extra == "brotli"',
  'h2<5,>=4; extra == "h2"',
  'pysocks!=1.5.7,<2.0,>=1.5.6; extra == "socks"',
  'zstandard>=0.18.0; extra == "zstd"',
];
const URLLIB3_FILES = [distFile('urllib3-2.2.2.tar.gz'), distFile('urllib3-2.2.2-py3-none-any.whl')];

function urllib3(overrides: Partial<Parameters<typeof update>[0]> = {}) {
  return update({ package: 'urllib3', from: '2.1.0', to: '2.2.2', requiresDist: URLLIB3_DEPS, requiresPython: '>=3.8', files: URLLIB3_FILES, ...overrides });
}

describe('editLockInPlace: poetry.lock', () => {
  it('rewrites version and files (sorted by name) and nothing else', () => {
    const result = editLockInPlace('poetry-lock', LOCK, urllib3());
    if (!result.ok) throw new Error(result.reason);
    expect(differingLines(LOCK, result.content)).toEqual([98, 104, 105]);
    expect(result.content.split('\n').slice(97, 106)).toEqual([
      'version = "2.2.2"',
      'description = "HTTP library with thread-safe connection pooling, file post, and more."',
      'optional = false',
      'python-versions = ">=3.8"',
      'groups = ["main"]',
      'files = [',
      `    {file = "urllib3-2.2.2-py3-none-any.whl", hash = "sha256:${sha256Of('urllib3-2.2.2-py3-none-any.whl')}"},`,
      `    {file = "urllib3-2.2.2.tar.gz", hash = "sha256:${sha256Of('urllib3-2.2.2.tar.gz')}"},`,
      ']',
    ]);
    const parsed = parsePoetryLock({ path: 'poetry.lock', content: result.content });
    expect(parsed.errors).toEqual([]);
    expect(parsed.requirements.find((r) => r.name === 'urllib3')?.version).toBe('2.2.2');
  });

  it('recomputes the content-hash only when pyproject.toml changed', () => {
    const before = fixture('poetry-app.pyproject.toml');
    const after = fixture('poetry-app.edited.pyproject.toml');
    const unchanged = editLockInPlace('poetry-lock', LOCK, urllib3(), { manifest: { before, after: before } });
    if (!unchanged.ok) throw new Error(unchanged.reason);
    expect(differingLines(LOCK, unchanged.content)).toEqual([98, 104, 105]);

    const changed = editLockInPlace('poetry-lock', LOCK, urllib3(), { manifest: { before, after } });
    if (!changed.ok) throw new Error(changed.reason);
    expect(differingLines(LOCK, changed.content)).toEqual([98, 104, 105, 116]);
    expect(changed.content.split('\n')[115]).toBe(`content-hash = "${poetryContentHash(after)}"`);
  });

  it('refuses to refresh a content-hash that was already stale', () => {
    const stale = LOCK.replace(/content-hash = "[0-9a-f]+"/, `content-hash = "${'0'.repeat(64)}"`);
    const manifest = { before: fixture('poetry-app.pyproject.toml'), after: fixture('poetry-app.edited.pyproject.toml') };
    expect(editLockInPlace('poetry-lock', stale, urllib3(), { manifest })).toEqual({
      ok: false,
      reason: 'poetry.lock was already out of step with pyproject.toml (content-hash differs); a re-lock is needed',
    });
  });

  it("refuses a version another package's constraint excludes", () => {
    expect(editLockInPlace('poetry-lock', LOCK, urllib3({ to: '3.0.0' }))).toEqual({
      ok: false,
      reason: 'requests 2.32.3 requires urllib3 >=1.21.1,<3, which excludes 3.0.0; a re-lock is needed',
    });
  });

  it('updates python-versions when the new Requires-Python still covers the lock, refuses it when narrower', () => {
    const moved = editLockInPlace('poetry-lock', LOCK, urllib3({ requiresPython: '>=3.9', oldRequiresPython: '>=3.8' }));
    if (!moved.ok) throw new Error(moved.reason);
    expect(moved.content.split('\n')[100]).toBe('python-versions = ">=3.9"');
    expect(editLockInPlace('poetry-lock', LOCK, urllib3({ requiresPython: '>=3.10', oldRequiresPython: '>=3.8' }))).toEqual({
      ok: false,
      reason: "urllib3 2.2.2 requires Python >=3.10, which leaves out some of the lock's ^3.9; a re-lock is needed",
    });
    expect(editLockInPlace('poetry-lock', LOCK, urllib3({ requiresPython: '!=3.8.1,>=3.8', oldRequiresPython: '>=3.8' }))).toEqual({
      ok: false,
      reason: 'urllib3 2.2.2 changes Requires-Python to "!=3.8.1,>=3.8", which Poetry writes in its own form; a re-lock is needed',
    });
  });

  it('keeps python-versions written in another clause order', () => {
    const result = editLockInPlace(
      'poetry-lock',
      LOCK,
      update({ package: 'colorama', from: '0.4.6', to: '0.4.7', files: [distFile('colorama-0.4.7.tar.gz'), distFile('colorama-0.4.7-py2.py3-none-any.whl')], requiresPython: '>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*, !=3.5.*, !=3.6.*' }),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(differingLines(LOCK, result.content)).toEqual([30, 37, 38]);
  });

  it('updates the description when the new summary differs', () => {
    const result = editLockInPlace('poetry-lock', LOCK, urllib3({ release: { files: [], requiresDist: [], requiresPython: null, summary: 'HTTP library with "pooling" \\ more.' } }));
    if (!result.ok) throw new Error(result.reason);
    expect(result.content.split('\n')[98]).toBe('description = "HTTP library with \\"pooling\\" \\\\ more."');
    expect(parsePoetryLock({ path: 'poetry.lock', content: result.content }).errors).toEqual([]);
  });

  it('edits lock 1.1 files in [metadata.files]', () => {
    const legacy = fixture('poetry-1.1-metadata-files.lock');
    const files = [distFile('urllib3-1.26.19.tar.gz'), distFile('urllib3-1.26.19-py2.py3-none-any.whl')];
    const result = editLockInPlace(
      'poetry-lock',
      legacy,
      update({ package: 'urllib3', from: '1.26.4', to: '1.26.19', files, requiresPython: '!=3.0.*,!=3.1.*,!=3.2.*,!=3.3.*,!=3.4.*,<4,>=2.7' }),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(differingLines(legacy, result.content)).toEqual([14, 31, 32]);
    expect(result.content.split('\n').slice(29, 33)).toEqual([
      'urllib3 = [',
      `    {file = "urllib3-1.26.19-py2.py3-none-any.whl", hash = "sha256:${sha256Of('urllib3-1.26.19-py2.py3-none-any.whl')}"},`,
      `    {file = "urllib3-1.26.19.tar.gz", hash = "sha256:${sha256Of('urllib3-1.26.19.tar.gz')}"},`,
      ']',
    ]);
    expect(editLockInPlace('poetry-lock', legacy, update({ package: 'urllib3', from: '1.26.4', to: '1.27.0', files }))).toEqual({
      ok: false,
      reason: 'requests 2.25.1 requires urllib3 >=1.21.1,<1.27, which excludes 1.27.0; a re-lock is needed',
    });
  });

  it('refuses a package from a [package.source]', () => {
    const sourced = LOCK.replace(
      '[package.extras]\nbrotli',
      '[package.source]\ntype = "legacy"\nurl = "https://pkgs.example.com/simple"\nreference = "internal"\n\n[package.extras]\nbrotli',
    );
    expect(editLockInPlace('poetry-lock', sourced, urllib3())).toEqual({ ok: false, reason: 'urllib3 2.1.0 comes from a legacy source (internal); a re-lock is needed' });
  });

  it('refuses changed dependencies', () => {
    const result = editLockInPlace('poetry-lock', LOCK, urllib3({ requiresDist: [...URLLIB3_DEPS, 'h2<5,>=4; extra == "http2"'], oldRequiresDist: URLLIB3_DEPS }));
    expect(result).toEqual({ ok: false, reason: 'dependencies changed: adds h2<5,>=4; extra == "http2"; a re-lock is needed' });
  });
});
