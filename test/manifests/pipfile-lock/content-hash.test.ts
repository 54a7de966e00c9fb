import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pipfileContentHash, pipfileContentHashes, pipfileHashWith } from '../../../src/manifests/pipfile-lock/content-hash.js';
import { parsePipfileLock } from '../../../src/manifests/pipfile-lock/index.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

const sphinxPipfile = (name: string): string =>
  `[[source]]\nname = "pypi"\nurl = "https://pypi.org/simple"\nverify_ssl = true\n\n[packages]\n${name} = "*"\n`;

describe('pipfileContentHash', () => {
  it('reproduces hashes written by pipenv itself', () => {
    // Recorded by `pipenv install` in https://github.com/pypa/pipenv/issues/4699 for these exact Pipfiles.
    expect(pipfileContentHash(sphinxPipfile('Sphinx'))).toBe('c99365b83495db0f676ba97f11db58b35955f8f5e7da5b56495dbf7044d303bf');
    expect(pipfileContentHash(sphinxPipfile('sphinx'))).toBe('d993d725f2bfe31e06c4a1f3716caf2d4b1a9a5d8cb8d24a140b58eabe90a3e3');
  });

  it('matches the _meta hash of the lock made from the Pipfile', () => {
    // pipenv is not installable offline: the lock's hash was computed with CPython 3.11's tomllib, json.dumps
    // (sort_keys=True, separators=(",", ":")) and hashlib, following plette's Pipfile.get_hash.
    const lock = parsePipfileLock({ path: 'Pipfile.lock', content: fixture('basic.Pipfile.lock') });
    const pipfile = fixture('basic.Pipfile');
    expect(lock.lock?.contentHash).toBe('4db3fe04dfd5e6523c1c283fe241cc77f2e9ec3fb146a77093322135a401ceec');
    expect(pipfileContentHash(pipfile)).toBe(lock.lock?.contentHash);
  });

  it('no longer matches once the Pipfile is edited', () => {
    const lock = parsePipfileLock({ path: 'Pipfile.lock', content: fixture('basic.Pipfile.lock') });
    const edited = fixture('basic.Pipfile').replace('requests = "*"', 'requests = "==2.31.0"');
    expect(pipfileContentHash(edited)).not.toBe(lock.lock?.contentHash);
    expect(pipfileContentHashes(edited)).not.toContain(lock.lock?.contentHash);
  });

  it('ignores comments, formatting and the sections pipenv leaves out of the hash', () => {
    const pipfile = fixture('basic.Pipfile');
    const reformatted = `# comment\n${pipfile.replace('requests = "*"', "requests   =   '*'   # any")}\n[scripts]\nserve = "python -m app"\n\n[pipenv]\nallow_prereleases = true\n`;
    expect(pipfileContentHash(reformatted)).toBe(pipfileContentHash(pipfile));
  });

  it('serialises values exactly as Python json.dumps does', () => {
    // Expected values computed offline with CPython 3.11 (tomllib + json.dumps + hashlib) on the fixture:
    // non-ASCII names, an astral extra, escapes, big integers, floats (3.10, 1e16, 1.5e-7, -0.0, -inf,
    // nan), an empty key, private-use vs astral key order, DEL, nested arrays, and no [[source]].
    const pipfile = fixture('hash-edge-cases.Pipfile');
    expect(pipfileHashWith(pipfile, 'plette')).toBe('d77a9f91977e69528fc9f2c036e0b9953fcebf9be7ce9f0ecf28f812fb717ea3');
    expect(pipfileHashWith(pipfile, 'normalized-names')).toBe('a7921d90e2aaf9b0e2118e386f496d9377adafcc77ab58681bec57b9418a6408');
    expect(pipfileHashWith(pipfile, 'plette-without-categories')).toBe(
      '3d438383892236b3ca86ee9ab30d980e2b94713e11f230768cc3bf424476b4b0',
    );
  });

  it('returns null when the Pipfile is not TOML, or holds a value pipenv cannot hash', () => {
    expect(pipfileContentHash('[packages\nrequests = "*"')).toBeNull();
    expect(pipfileContentHash('\u0000\u0001binary')).toBeNull();
    expect(pipfileContentHash('[packages]\nrequests = "*"\n\n[meta]\nwhen = 2024-01-01\n')).toBeNull();
    expect(pipfileContentHashes('[packages\n')).toEqual([]);
  });
});

describe('pipfileContentHashes', () => {
  it('accepts the hash of pipenv releases that normalise package names', () => {
    // pypa/pipenv PR #6609: `Sphinx` now hashes like `sphinx`.
    const hashes = pipfileContentHashes(sphinxPipfile('Sphinx'));
    expect(hashes).toEqual([
      'c99365b83495db0f676ba97f11db58b35955f8f5e7da5b56495dbf7044d303bf',
      'd993d725f2bfe31e06c4a1f3716caf2d4b1a9a5d8cb8d24a140b58eabe90a3e3',
    ]);
  });

  it('lists each distinct hash once', () => {
    expect(pipfileContentHashes(sphinxPipfile('sphinx'))).toEqual(['d993d725f2bfe31e06c4a1f3716caf2d4b1a9a5d8cb8d24a140b58eabe90a3e3']);
    expect(pipfileContentHashes(fixture('basic.Pipfile'))).toEqual([
      '4db3fe04dfd5e6523c1c283fe241cc77f2e9ec3fb146a77093322135a401ceec',
      '0dcb9b1a4eb22ab68f9246e6bcf256522cc9184740cb8e7ea4fcd0eed3ae59f2',
    ]);
  });

  it('hashes a 100,000-package Pipfile', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `pkg${i} = "==1.${i}"`);
    expect(pipfileContentHash(`[packages]\n${lines.join('\n')}\n`)).toMatch(/^[0-9a-f]{64}$/);
  });
});
