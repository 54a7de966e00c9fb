import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePdmLock, pdmLockFormat } from '../../../src/manifests/pdm-lock/index.js';
import type { Manifest, Requirement } from '../../../src/manifests/types.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function parse(content: string, path = 'pdm.lock'): Manifest {
  return parsePdmLock({ path, content });
}

function byName(manifest: Manifest, name: string, extras: string[] = []): Requirement {
  const found = manifest.requirements.find((r) => r.normalizedName === name && r.extras.join() === extras.join());
  if (!found) throw new Error(`no requirement ${name}`);
  return found;
}

describe('pdmLockFormat', () => {
  it('matches pdm.lock by its basename only', () => {
    expect(pdmLockFormat.id).toBe('pdm-lock');
    expect(pdmLockFormat.matches('pdm.lock')).toBe(true);
    expect(pdmLockFormat.matches('apps/web/pdm.lock')).toBe(true);
    expect(pdmLockFormat.matches('pdm.lock.json')).toBe(false);
    expect(pdmLockFormat.matches('pdm.toml')).toBe(false);
  });
});

describe('parsePdmLock: lock_version 4.5 with groups, git, path and url packages', () => {
  const manifest = parse(fixture('pdm-4.5-groups-git-path.lock'));

  it('records the metadata: format version, content hash as written, targets\' Python', () => {
    expect(manifest.kind).toBe('pdm-lock');
    expect(manifest.errors).toEqual([]);
    expect(manifest.lock).toEqual({
      formatVersion: '4.5.0',
      contentHash: 'sha256:7b6a8b1e4f2d2c9e0b5a3f6d8c1e4a7b9d2f5c8e1a4b7d0f3c6e9a2b5d8f1c4e',
    });
    expect(manifest.requiresPython).toBe('>=3.9');
  });

  it('turns every package into a pinned requirement with its exact lines', () => {
    expect(manifest.requirements.map((r) => [r.name, r.specifier, r.extras, r.lines.start, r.lines.end])).toEqual([
      ['anyio', '==4.4.0', [], 13, 28],
      ['colorama', '==0.4.6', [], 30, 40],
      ['devtools', '==0.12.2', [], 42, 52],
      ['h2', '==4.1.0', [], 54, 66],
      ['httpx', '==0.27.0', [], 68, 84],
      ['httpx', '==0.27.0', ['http2'], 86, 100],
      ['internal-auth', '==1.4.0', [], 102, 113],
      ['pytest', '==8.2.2', [], 115, 132],
      ['vendored-parser', '==2.0.1', [], 134, 142],
    ]);
  });

  it('maps the `default` group to main and keeps the others', () => {
    expect(byName(manifest, 'anyio').groups).toEqual(['main']);
    expect(byName(manifest, 'colorama').groups).toEqual(['test']);
    expect(byName(manifest, 'pytest').groups).toEqual(['dev', 'test']);
  });

  it('takes dependency names from PEP 508 strings, markers and extras included', () => {
    expect(byName(manifest, 'anyio').requires).toEqual(['exceptiongroup', 'idna', 'sniffio', 'typing-extensions']);
    expect(byName(manifest, 'pytest').requires).toEqual(['colorama', 'exceptiongroup', 'iniconfig', 'packaging', 'pluggy', 'tomli']);
    expect(byName(manifest, 'internal-auth').requires).toEqual(['httpx']);
    // The `httpx[http2]` entry depends on httpx itself: that edge is dropped.
    expect(byName(manifest, 'httpx', ['http2']).requires).toEqual(['h2']);
  });

  it('reads hashes and markers', () => {
    expect(byName(manifest, 'anyio').hashes).toEqual([
      'sha256:c1b2d8f46a8a812513012e1107cb0e68c17159a7a594208005a57dc776e1bdc7',
      'sha256:5aadc6a1bbb7cdb0bede386cac5e2940f5e2ff3aa20277e991cf028e0585ce94',
    ]);
    expect(byName(manifest, 'vendored-parser').hashes).toEqual(['sha256:9999999999999999999999999999999999999999999999999999999999999999']);
    expect(byName(manifest, 'colorama').markers).toBe('sys_platform == "win32"');
    expect(byName(manifest, 'anyio').markers).toBeUndefined();
  });

  it('reads git, editable path and url sources', () => {
    expect(byName(manifest, 'internal-auth').source).toEqual({
      type: 'vcs',
      url: 'git+https://github.com/example/internal-auth.git',
      ref: '5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f',
    });
    expect(byName(manifest, 'devtools').source).toEqual({ type: 'path', url: './tools/devtools', editable: true });
    expect(byName(manifest, 'vendored-parser').source).toEqual({
      type: 'url',
      url: 'https://downloads.example.com/vendored_parser-2.0.1-py3-none-any.whl',
    });
    expect(byName(manifest, 'h2').source).toEqual({ type: 'registry' });
  });
});

describe('parsePdmLock: older locks', () => {
  it('reads hashes from [metadata.files] keyed "name version" and puts packages without groups in main', () => {
    const manifest = parse(fixture('pdm-legacy-metadata-files.lock'));
    expect(manifest.errors).toEqual([]);
    expect(manifest.lock).toEqual({
      formatVersion: '3.1',
      contentHash: 'sha256:3b0e6c0d4a5b9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706',
    });
    expect(manifest.requirements.map((r) => [r.name, r.extras, r.groups, r.hashes.length])).toEqual([
      ['certifi', [], ['main'], 2],
      ['requests', [], ['main'], 1],
      ['requests', ['socks'], ['main'], 1],
    ]);
    expect(byName(manifest, 'requests', ['socks']).requires).toEqual(['pysocks']);
  });

  it('reads the earliest `[package.dependencies]` table and `[metadata] requires_python`', () => {
    const manifest = parse(`[[package]]
name = "click"
version = "7.1.2"
summary = ""

[package.dependencies]
colorama = {version = "*", marker = "platform_system == 'Windows'"}

[metadata]
requires_python = ">=3.7"
`);
    expect(manifest.errors).toEqual([]);
    expect(manifest.requiresPython).toBe('>=3.7');
    expect(manifest.requirements[0]).toMatchObject({ name: 'click', requires: ['colorama'], lines: { start: 1, end: 7 } });
  });
});

describe('parsePdmLock: malformed input', () => {
  it('reports invalid TOML once, at smol-toml\'s line', () => {
    const manifest = parse('[metadata]\nlock_version = "4.5.0"\n\n[[package]]\nname = "idna"\nversion = "3.7\n');
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors).toHaveLength(1);
    expect(manifest.errors[0]).toMatchObject({ path: 'pdm.lock', line: 6 });
    expect(manifest.errors[0]?.message).toMatch(/^invalid TOML: /);
  });

  it('reports each wrongly shaped package or dependency at its line and reads the rest', () => {
    const manifest = parse(fixture('wrong-shapes.lock'));
    expect(manifest.requirements.map((r) => [r.name, r.requires])).toEqual([
      ['good-first', ['idna']],
      ['deps-is-a-string', []],
      ['good-last', []],
    ]);
    expect(manifest.errors).toEqual([
      { message: 'package "good-first": a dependency is not a string; ignored', path: 'pdm.lock', line: 16 },
      { message: 'package "good-first": unreadable dependency "!!! not a requirement"; ignored', path: 'pdm.lock', line: 17 },
      { message: 'package #2 has no name; not read', path: 'pdm.lock', line: 20 },
      { message: 'package "numeric-version": "version" must be a string, not a number; not read', path: 'pdm.lock', line: 27 },
      { message: 'package "deps-is-a-string": "dependencies" must be an array of strings; not read', path: 'pdm.lock', line: 36 },
    ]);
  });

  it('reports a package that is not a table', () => {
    const manifest = parse('package = [true, { name = "idna", version = "3.7" }]\n');
    expect(manifest.requirements.map((r) => r.name)).toEqual(['idna']);
    expect(manifest.errors).toEqual([{ message: 'package #1 is a boolean, not a table; not read', path: 'pdm.lock', line: 1 }]);
  });
});

describe('parsePdmLock: hostile and unusual input', () => {
  it('survives binary garbage with NUL bytes', () => {
    const garbage = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 31) % 256));
    const manifest = parse(`[metadata]\0${garbage}`);
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors).toHaveLength(1);
  });

  it('records cyclic requirements a → b → a as data', () => {
    const manifest = parse(`[[package]]
name = "a"
version = "1.0"
groups = ["default"]
dependencies = ["b>=1"]

[[package]]
name = "b"
version = "1.0"
groups = ["default"]
dependencies = ["a>=1"]
`);
    expect(manifest.requirements.map((r) => [r.name, r.requires])).toEqual([
      ['a', ['b']],
      ['b', ['a']],
    ]);
  });

  it('reads a lock of 20,000 packages with exact lines', () => {
    const blocks = ['[metadata]\ngroups = ["default"]\nlock_version = "4.5.0"\n'];
    for (let i = 0; i < 20_000; i++) {
      blocks.push(
        `[[package]]\nname = "pkg-${i}"\nversion = "2.${i}"\nsummary = ""\ngroups = ["default"]\ndependencies = [\n    "pkg-${(i + 1) % 20_000}>=1",\n]\nfiles = [\n    {file = "pkg-${i}.tar.gz", hash = "sha256:${i.toString(16).padStart(64, '0')}"},\n]\n`,
      );
    }
    const started = performance.now();
    const manifest = parse(blocks.join('\n'));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements).toHaveLength(20_000);
    expect(manifest.requirements[0]).toMatchObject({ name: 'pkg-0', lines: { start: 5, end: 15 }, requires: ['pkg-1'] });
  });

  it('survives very long lines and deep nesting', () => {
    const dependencies = Array.from({ length: 5000 }, (_, i) => `"dep-${i}>=1"`).join(', ');
    const wide = parse(`[[package]]\nname = "wide"\nversion = "1"\ndependencies = [${dependencies}]\n`);
    expect(wide.requirements[0]?.requires).toHaveLength(5000);
    const deep = parse(`[[package]]\nname = "deep"\nversion = "1"\nfiles = ${'['.repeat(2000)}${']'.repeat(2000)}\n`);
    expect(deep.errors).toHaveLength(1);
  });
});
