import { describe, expect, it } from 'vitest';
import { pipfileContentHash, pipfileHashWith } from '../../../src/manifests/pipfile-lock/content-hash.js';
import { parsePipfileLock } from '../../../src/manifests/pipfile-lock/parse.js';
import { editLockInPlace } from '../../../src/remediation/lock/in-place.js';
import { differingLines, distFile, fixture, sha256Of, update } from './helpers.js';

const LOCK = fixture('pipfile-web.Pipfile.lock');
const REQUESTS_DEPS = ['charset-normalizer<4,>=2', 'idna<4,>=2.5', 'urllib3<3,>=1.21.1', 'certifi>=2017.4.17', 'PySocks!=1.5.7,>=1.5.6; extra == "socks"', 'chardet<6,>=3.0.2; extra == "use_chardet_on_py3"'];
const FILES = [distFile('requests-2.32.3.tar.gz'), distFile('requests-2.32.3-py3-none-any.whl'), distFile('requests-2.32.3-py2.py3-none-any.whl')];
const OLD_HASHES = `            "hashes": [
                "sha256:${sha256Of('requests-2.31.0-py3-none-any.whl')}",
                "sha256:${sha256Of('requests-2.31.0.tar.gz')}"
            ],`;

function requests(overrides: Partial<Parameters<typeof update>[0]> = {}) {
  return update({ package: 'requests', from: '2.31.0', to: '2.32.3', requiresDist: REQUESTS_DEPS, requiresPython: '>=3.8', oldRequiresPython: '>=3.8', files: FILES, ...overrides });
}

describe('editLockInPlace: Pipfile.lock', () => {
  it('rewrites version and sorted hashes in every category that pins the old version, keeping the layout', () => {
    const result = editLockInPlace('pipfile-lock', LOCK, requests());
    if (!result.ok) throw new Error(result.reason);
    const hashes = FILES.map((f) => `sha256:${sha256Of(f.filename)}`).sort();
    const newHashes = `            "hashes": [\n${hashes.map((h) => `                "${h}"`).join(',\n')}\n            ],`;
    const expected = LOCK.split(OLD_HASHES).join(newHashes).split('"version": "==2.31.0"').join('"version": "==2.32.3"');
    expect(LOCK.split(OLD_HASHES).length).toBe(3);
    expect(result.content).toBe(expected);
    const parsed = parsePipfileLock({ path: 'Pipfile.lock', content: result.content });
    expect(parsed.errors).toEqual([]);
    expect(parsed.requirements.filter((r) => r.name === 'requests').map((r) => [r.groups, r.version, r.hashes])).toEqual([
      [['main'], '2.32.3', hashes],
      [['dev'], '2.32.3', hashes],
    ]);
  });

  it('recomputes _meta.hash only when the Pipfile changed, with the algorithm that made it', () => {
    const before = fixture('pipfile-web.Pipfile');
    const after = fixture('pipfile-web.edited.Pipfile');
    const same = editLockInPlace('pipfile-lock', LOCK, requests(), { manifest: { before, after: before } });
    const changed = editLockInPlace('pipfile-lock', LOCK, requests(), { manifest: { before, after } });
    if (!same.ok || !changed.ok) throw new Error('edit failed');
    expect(differingLines(same.content, changed.content)).toEqual([4]);
    expect(changed.content.split('\n')[3]).toBe(`            "sha256": "${pipfileContentHash(after)}"`);

    const normalized = pipfileHashWith(before, 'normalized-names') ?? '';
    const byNewPipenv = LOCK.replace(pipfileContentHash(before) ?? '', normalized);
    const rehashed = editLockInPlace('pipfile-lock', byNewPipenv, requests(), { manifest: { before, after } });
    if (!rehashed.ok) throw new Error(rehashed.reason);
    expect(rehashed.content.split('\n')[3]).toBe(`            "sha256": "${pipfileHashWith(after, 'normalized-names')}"`);
  });

  it('refuses to refresh a _meta.hash that was already stale', () => {
    const stale = LOCK.replace(/"sha256": "1cc27de8[0-9a-f]+"/, `"sha256": "${'f'.repeat(64)}"`);
    const manifest = { before: fixture('pipfile-web.Pipfile'), after: fixture('pipfile-web.edited.Pipfile') };
    expect(editLockInPlace('pipfile-lock', stale, requests(), { manifest })).toEqual({
      ok: false,
      reason: 'Pipfile.lock was already out of step with the Pipfile (_meta.hash differs); a re-lock is needed',
    });
  });

  it('refuses a release whose Requires-Python changed (pipenv writes markers from it)', () => {
    expect(editLockInPlace('pipfile-lock', LOCK, requests({ requiresPython: '>=3.9' }))).toEqual({
      ok: false,
      reason: 'requests 2.32.3 changes Requires-Python from ">=3.8" to ">=3.9", which pipenv writes into markers; a re-lock is needed',
    });
    expect(editLockInPlace('pipfile-lock', LOCK, requests({ requiresPython: '>= 3.8' })).ok).toBe(true);
    const unknownOld = requests();
    delete unknownOld.oldRelease.requiresPython;
    expect(editLockInPlace('pipfile-lock', LOCK, unknownOld)).toEqual({
      ok: false,
      reason: 'the Requires-Python of requests 2.31.0 is not known, and pipenv derives markers from it; a re-lock is needed',
    });
  });

  it('refuses editable, path and VCS entries, and entries from another index', () => {
    expect(editLockInPlace('pipfile-lock', LOCK, update({ package: 'mylib', from: null, to: '2.0', files: [distFile('mylib-2.0.tar.gz')] }))).toEqual({
      ok: false,
      reason: 'mylib in "develop" is installed from a path reference; a re-lock is needed',
    });
    const private_ = LOCK.replace('"url": "https://pypi.org/simple"', '"url": "https://pkgs.example.com/simple"');
    expect(editLockInPlace('pipfile-lock', private_, requests())).toEqual({
      ok: false,
      reason: 'requests 2.31.0 is locked from https://pkgs.example.com/simple, but the release files come from https://pypi.org/simple; a re-lock is needed',
    });
  });

  it('refuses changed dependencies and absent packages', () => {
    expect(editLockInPlace('pipfile-lock', LOCK, requests({ requiresDist: REQUESTS_DEPS.slice(1), oldRequiresDist: REQUESTS_DEPS }))).toEqual({
      ok: false,
      reason: 'dependencies changed: drops charset-normalizer<4,>=2; a re-lock is needed',
    });
    expect(editLockInPlace('pipfile-lock', LOCK, requests({ from: '2.30.0' }))).toEqual({ ok: false, reason: 'requests 2.30.0 is not in Pipfile.lock' });
  });

  it('keeps a byte order mark and CRLF line endings', () => {
    const windows = `\ufeff${LOCK.replace(/\n/g, '\r\n')}`;
    const result = editLockInPlace('pipfile-lock', windows, requests());
    if (!result.ok) throw new Error(result.reason);
    expect(result.content.startsWith('\ufeff{\r\n')).toBe(true);
    expect(result.content.replace(/\r\n/g, '')).not.toContain('\n');
    expect(JSON.parse(result.content.slice(1)).default.requests.version).toBe('==2.32.3');
  });
});
