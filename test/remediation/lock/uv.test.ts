import { describe, expect, it } from 'vitest';
import { parseUvLock } from '../../../src/manifests/uv-lock/parse.js';
import { editLockInPlace } from '../../../src/remediation/lock/in-place.js';
import { differingLines, distFile, fixture, sha256Of, update } from './helpers.js';

const LOCK = fixture('uv-editable-project.lock');
const DJANGO_DEPS = ['asgiref<4,>=3.8.1', 'sqlparse>=0.3.1', "tzdata; sys_platform == 'win32'", 'argon2-cffi>=19.1.0; extra == "argon2"', 'bcrypt; extra == "bcrypt"'];
const DJANGO_FILES = [
  distFile('django-5.1.5.tar.gz', { size: 10740123, uploadTime: '2025-01-14T11:30:00.123456Z' }),
  distFile('Django-5.1.5-py3-none-any.whl', { size: 8277008, uploadTime: '2025-01-14T11:29:50Z' }),
];

function djangoUpdate(overrides: Partial<Parameters<typeof update>[0]> = {}) {
  return update({ package: 'Django', from: '5.1.4', to: '5.1.5', requiresDist: DJANGO_DEPS, requiresPython: '>=3.10', files: DJANGO_FILES, ...overrides });
}

describe('editLockInPlace: uv.lock', () => {
  it('rewrites the version, sdist and wheels of the entry and nothing else', () => {
    const result = editLockInPlace('uv-lock', LOCK, djangoUpdate());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(differingLines(LOCK, result.content)).toEqual([16, 23, 25]);
    const lines = result.content.split('\n');
    expect(lines[15]).toBe('version = "5.1.5"');
    expect(lines[22]).toBe(
      `sdist = { url = "${DJANGO_FILES[0]?.url}", hash = "sha256:${sha256Of('django-5.1.5.tar.gz')}", size = 10740123, upload-time = "2025-01-14T11:30:00.123Z" }`,
    );
    expect(lines[23]).toBe('wheels = [');
    expect(lines[24]).toBe(
      `    { url = "${DJANGO_FILES[1]?.url}", hash = "sha256:${sha256Of('Django-5.1.5-py3-none-any.whl')}", size = 8277008, upload-time = "2025-01-14T11:29:50Z" },`,
    );
    expect(result.notes).toEqual([]);
  });

  it('re-parses to the new version with exactly the new hashes', () => {
    const result = editLockInPlace('uv-lock', LOCK, djangoUpdate());
    if (!result.ok) throw new Error(result.reason);
    const django = parseUvLock({ path: 'uv.lock', content: result.content }).requirements.find((r) => r.normalizedName === 'django');
    expect(django?.version).toBe('5.1.5');
    expect(django?.hashes.sort()).toEqual([`sha256:${sha256Of('Django-5.1.5-py3-none-any.whl')}`, `sha256:${sha256Of('django-5.1.5.tar.gz')}`].sort());
    expect(django?.lines).toEqual({ start: 14, end: 26 });
  });

  it('carries an edited pyproject.toml specifier over to [package.metadata] requires-dist', () => {
    const manifest = { before: fixture('uv-editable-project.pyproject.toml'), after: fixture('uv-editable-project.edited.pyproject.toml') };
    const result = editLockInPlace('uv-lock', LOCK, djangoUpdate(), { manifest });
    if (!result.ok) throw new Error(result.reason);
    expect(differingLines(LOCK, result.content)).toEqual([16, 23, 25, 54]);
    expect(result.content.split('\n')[53]).toBe('    { name = "django", specifier = ">=5.1.5,<6" },');
  });

  it('refuses when the edited pyproject.toml changed a requirement the lock does not record', () => {
    const before = fixture('uv-editable-project.pyproject.toml');
    const manifest = { before, after: before.replace('"markupsafe>=3"', '"markupsafe>=3.0.2"') };
    const result = editLockInPlace('uv-lock', LOCK, djangoUpdate(), { manifest });
    expect(result.ok).toBe(true);
    const markup = update({ package: 'markupsafe', from: '3.0.1', to: '3.0.2', files: [distFile('markupsafe-3.0.2.tar.gz')] });
    const stale = LOCK.replace('{ name = "markupsafe", specifier = ">=3" }', '{ name = "markupsafe", specifier = ">=2.1" }');
    expect(editLockInPlace('uv-lock', stale, markup, { manifest })).toEqual({
      ok: false,
      reason: "pyproject.toml's requirement on markupsafe changed, but uv.lock records no matching requirement; a re-lock is needed",
    });
  });

  it('refuses a version the project requirement recorded in the lock excludes', () => {
    const result = editLockInPlace('uv-lock', LOCK, djangoUpdate({ to: '6.0' }));
    expect(result).toEqual({
      ok: false,
      reason: "uv.lock records the project's requirement django>=5.1,<6, which excludes 6.0: pyproject.toml must allow it first; a re-lock is needed",
    });
  });

  it('refuses when the new version declares other dependencies', () => {
    const result = editLockInPlace('uv-lock', LOCK, djangoUpdate({ requiresDist: [...DJANGO_DEPS.slice(1), 'asgiref<4,>=3.8.2', 'typing-extensions>=4.6'], oldRequiresDist: DJANGO_DEPS }));
    expect(result).toEqual({ ok: false, reason: 'dependencies changed: adds asgiref<4,>=3.8.2 and typing-extensions>=4.6, drops asgiref<4,>=3.8.1; a re-lock is needed' });
  });

  it('keeps only the wheels a Python allowed by requires-python can install, sorted by file name', () => {
    const files = [
      distFile('markupsafe-3.0.2.tar.gz'),
      distFile('MarkupSafe-3.0.2-cp39-cp39-manylinux_2_17_x86_64.manylinux2014_x86_64.whl'),
      distFile('MarkupSafe-3.0.2-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl'),
      distFile('MarkupSafe-3.0.2-cp312-cp312-win_amd64.whl'),
      distFile('MarkupSafe-3.0.2-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl'),
      distFile('MarkupSafe-3.0.2-pp310-pypy310_pp73-manylinux_2_17_x86_64.whl'),
      distFile('MarkupSafe-3.0.2-cp38-abi3-macosx_11_0_arm64.whl'),
    ];
    const result = editLockInPlace('uv-lock', LOCK, update({ package: 'MarkupSafe', from: '3.0.1', to: '3.0.2', files, requiresPython: '>=3.9' }));
    if (!result.ok) throw new Error(result.reason);
    const wheelLines = result.content.split('\n').slice(33, 39);
    expect(wheelLines.map((l) => /\/([^/"]+\.whl)"/.exec(l)?.[1] ?? l)).toEqual([
      'MarkupSafe-3.0.2-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
      'MarkupSafe-3.0.2-cp312-cp312-win_amd64.whl',
      'MarkupSafe-3.0.2-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
      'MarkupSafe-3.0.2-cp38-abi3-macosx_11_0_arm64.whl',
      ']',
      '',
    ]);
    expect(result.notes).toEqual(['uv.lock: 2 wheel(s) of MarkupSafe 3.0.2 for Pythons outside >=3.12 left out, as uv does']);
  });

  it('refuses a Requires-Python that leaves out Pythons the lock is for', () => {
    const result = editLockInPlace('uv-lock', LOCK, djangoUpdate({ requiresPython: '>=3.13', oldRequiresPython: '>=3.10' }));
    expect(result).toEqual({ ok: false, reason: "Django 5.1.5 requires Python >=3.13, which leaves out some of the lock's >=3.12; a re-lock is needed" });
  });

  it('writes entries without size when the index does not give it, and says so', () => {
    const files = [distFile('sqlparse-0.5.3.tar.gz', { size: null }), distFile('sqlparse-0.5.3-py3-none-any.whl', { size: null, uploadTime: null })];
    const result = editLockInPlace('uv-lock', LOCK, update({ package: 'sqlparse', from: '0.5.2', to: '0.5.3', files }));
    if (!result.ok) throw new Error(result.reason);
    expect(result.content).toContain(`sdist = { url = "${files[0]?.url}", hash = "sha256:${sha256Of('sqlparse-0.5.3.tar.gz')}", upload-time = "2025-01-08T15:46:41.207Z" }`);
    expect(result.content).toContain(`    { url = "${files[1]?.url}", hash = "sha256:${sha256Of('sqlparse-0.5.3-py3-none-any.whl')}" },`);
    expect(result.notes).toEqual([
      'uv.lock: the index gave no size for 2 file(s) of sqlparse 0.5.3: written without "size"',
      'uv.lock: the index gave no upload time for 1 file(s) of sqlparse 0.5.3: written without "upload-time"',
    ]);
  });

  it('adds wheels to an entry that had only an sdist, and drops the sdist a release no longer has', () => {
    const onlySdist = LOCK.replace(/(name = "tzdata"[\s\S]*?)\nwheels = \[\n[^\n]*\n\]/, '$1');
    const files = [distFile('tzdata-2025.1-py2.py3-none-any.whl', { size: 346762 })];
    const result = editLockInPlace('uv-lock', onlySdist, update({ package: 'tzdata', from: '2024.2', to: '2025.1', files }));
    if (!result.ok) throw new Error(result.reason);
    expect(result.content.endsWith(`version = "2025.1"\nsource = { registry = "https://pypi.org/simple" }\nwheels = [\n    { url = "${files[0]?.url}", hash = "sha256:${sha256Of('tzdata-2025.1-py2.py3-none-any.whl')}", size = 346762, upload-time = "2025-01-08T15:46:41.207Z" },\n]\n`)).toBe(true);
  });

  it('moves dependency edges that name the old version in a forked lock', () => {
    const lock = fixture('uv-forked-versions.lock');
    const files = [distFile('numpy-1.26.5.tar.gz')];
    const result = editLockInPlace('uv-lock', lock, update({ package: 'numpy', from: '1.26.4', to: '1.26.5', files }));
    if (!result.ok) throw new Error(result.reason);
    expect(differingLines(lock, result.content)).toEqual([11, 16, 32]);
    expect(result.content.split('\n')[31]).toBe(`    { name = "numpy", version = "1.26.5", source = { registry = "https://pypi.org/simple" }, marker = "python_full_version < '3.10'" },`);
    expect(editLockInPlace('uv-lock', lock, update({ package: 'numpy', from: '1.26.4', to: '2.1.3', files }))).toEqual({
      ok: false,
      reason: 'uv.lock already holds numpy 2.1.3 for other environments; a re-lock is needed',
    });
    expect(editLockInPlace('uv-lock', lock, update({ package: 'numpy', from: null, to: '2.2.0', files }))).toEqual({
      ok: false,
      reason: 'uv.lock holds 2 entries of numpy: name the version to replace',
    });
  });

  it('refuses packages that are not from the index the files come from', () => {
    expect(editLockInPlace('uv-lock', LOCK, update({ package: 'shop', from: '0.1.0', to: '0.2.0', files: [distFile('shop-0.2.0.tar.gz')] }))).toEqual({
      ok: false,
      reason: 'shop 0.1.0 is locked from a editable source, not from a package index; a re-lock is needed',
    });
    const mirrored = djangoUpdate({ index: 'https://mirror.example.com/simple/' });
    expect(editLockInPlace('uv-lock', LOCK, mirrored)).toEqual({
      ok: false,
      reason: 'Django 5.1.4 is locked from https://pypi.org/simple, but the release files come from https://mirror.example.com/simple/; a re-lock is needed',
    });
    expect(editLockInPlace('uv-lock', LOCK, djangoUpdate({ index: 'HTTPS://PYPI.ORG/simple/' })).ok).toBe(true);
  });

  it('refuses a package or version the lock does not hold', () => {
    expect(editLockInPlace('uv-lock', LOCK, djangoUpdate({ from: '4.2.0' }))).toEqual({ ok: false, reason: 'Django 4.2.0 is not in uv.lock' });
    expect(editLockInPlace('uv-lock', LOCK, djangoUpdate({ package: 'flask' }))).toEqual({ ok: false, reason: 'flask 5.1.4 is not in uv.lock' });
  });

  it('keeps CRLF line endings and a missing final newline', () => {
    const crlf = LOCK.replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    const result = editLockInPlace('uv-lock', crlf, djangoUpdate());
    if (!result.ok) throw new Error(result.reason);
    expect(result.content.split('\r\n').length).toBe(crlf.split('\r\n').length);
    expect(result.content.replace(/\r\n/g, '')).not.toContain('\n');
    expect(result.content.endsWith('\r\n')).toBe(false);
  });

  it('is a no-op when the lock already holds the target', () => {
    expect(editLockInPlace('uv-lock', LOCK, djangoUpdate({ from: '5.1.4', to: '5.1.4.0' }))).toEqual({ ok: true, content: LOCK, notes: [] });
  });

  it('refuses files without a sha256 digest and releases with every file yanked', () => {
    expect(editLockInPlace('uv-lock', LOCK, djangoUpdate({ files: [distFile('django-5.1.5.tar.gz', { sha256: null })] }))).toEqual({
      ok: false,
      reason: 'the index gives no sha256 digest for django-5.1.5.tar.gz: its hash cannot be locked; a re-lock is needed',
    });
    expect(editLockInPlace('uv-lock', LOCK, djangoUpdate({ files: [distFile('django-5.1.5.tar.gz', { yanked: true })] }))).toEqual({
      ok: false,
      reason: 'every file of Django 5.1.5 is yanked; a re-lock is needed',
    });
  });
});
