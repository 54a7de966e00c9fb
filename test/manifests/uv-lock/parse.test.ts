import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUvLock, uvLockFormat } from '../../../src/manifests/uv-lock/index.js';
import { requiresDistToPep508 } from '../../../src/manifests/uv-lock/requires-dist.js';
import { gitSource } from '../../../src/manifests/uv-lock/source.js';
import type { Manifest, Requirement } from '../../../src/manifests/types.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function parse(content: string, path = 'uv.lock'): Manifest {
  return parseUvLock({ path, content });
}

function byName(manifest: Manifest, name: string, version?: string): Requirement {
  const found = manifest.requirements.find((r) => r.normalizedName === name && (version === undefined || r.version === version));
  if (!found) throw new Error(`no requirement ${name}`);
  return found;
}

describe('uvLockFormat', () => {
  it('matches uv.lock by its basename only', () => {
    expect(uvLockFormat.id).toBe('uv-lock');
    expect(uvLockFormat.matches('uv.lock')).toBe(true);
    expect(uvLockFormat.matches('backend/uv.lock')).toBe(true);
    expect(uvLockFormat.matches('uv.lock.orig')).toBe(false);
    expect(uvLockFormat.matches('poetry.lock')).toBe(false);
  });
});

describe('parseUvLock: a workspace with git, editable, path and url sources and dev groups', () => {
  const manifest = parse(fixture('workspace-git-editable-dev.lock'));

  it('reads the lock metadata', () => {
    expect(manifest.kind).toBe('uv-lock');
    expect(manifest.errors).toEqual([]);
    expect(manifest.lock?.formatVersion).toBe('1');
    expect(manifest.requiresPython).toBe('>=3.10');
    expect(manifest.projectName).toBe('acme-api');
  });

  it('does not emit the project or its workspace members, and says why', () => {
    const names = manifest.requirements.map((r) => r.normalizedName);
    expect(names).not.toContain('acme-api');
    expect(names).not.toContain('acme-core');
    expect(manifest.skipped).toEqual([
      { line: 15, text: 'acme-api (editable = ".")', reason: 'the project itself, not a dependency' },
      { line: 60, text: 'acme-core (editable = "packages/core")', reason: 'a workspace member: the project’s own code, not a dependency' },
    ]);
  });

  it('records the dependency names of the project and its members (main, optional and dev)', () => {
    expect(manifest.lock?.rootRequirements).toEqual([
      'httpx',
      'numpy',
      'pywin32',
      'shared-lib',
      'orjson',
      'devkit',
      'pytest',
      'vendored-theme',
      'anyio',
    ]);
  });

  it('records the project\'s requires-dist as PEP 508 strings', () => {
    expect(manifest.lock?.recordedRequirements).toEqual([
      'acme-core @ packages/core',
      'httpx @ git+https://github.com/encode/httpx@master',
      'numpy>=1.26',
      "orjson>=3.10 ; extra == 'fast'",
      "pywin32>=306 ; sys_platform == 'win32'",
      'shared-lib @ ../shared-lib',
    ]);
  });

  it('turns every other package into a pinned requirement with its lines and hashes', () => {
    expect(manifest.requirements.map((r) => [r.name, r.version, r.lines.start, r.lines.end])).toEqual([
      ['anyio', '4.6.2.post1', 71, 83],
      ['certifi', '2024.8.30', 85, 92],
      ['colorama', '0.4.6', 94, 98],
      ['devkit', '0.0.1', 100, 103],
      ['exceptiongroup', '1.2.2', 105, 111],
      ['httpx', '0.28.0.dev0', 113, 122],
      ['httpcore', '1.0.7', 124, 133],
      ['idna', '3.10', 135, 141],
      ['numpy', '1.26.4', 143, 150],
      ['numpy', '2.1.3', 152, 159],
      ['orjson', '3.10.11', 161, 165],
      ['pytest', '8.3.3', 167, 177],
      ['pywin32', '308', 179, 185],
      ['shared-lib', null, 187, 192],
      ['sniffio', '1.3.1', 194, 198],
      ['vendored-theme', '1.2.0', 200, 206],
    ]);
    const anyio = byName(manifest, 'anyio');
    expect(anyio.specifier).toBe('==4.6.2.post1');
    expect(anyio.groups).toEqual(['main']);
    expect(anyio.hashes).toEqual([
      'sha256:4c8bc31ccdb51c7f7bd251f51c609e038d63e34219b44aa86e47576389880b4c',
      'sha256:6d170c36fba3bdd840c73d3868c1e777e33676a69c3a72cf0a0d5d6d8009b61d',
    ]);
    expect(anyio.requires).toEqual(['exceptiongroup', 'idna', 'sniffio']);
  });

  it('reads each kind of source', () => {
    expect(byName(manifest, 'anyio').source).toEqual({ type: 'registry', url: 'https://pypi.org/simple' });
    expect(byName(manifest, 'httpx').source).toEqual({
      type: 'vcs',
      url: 'git+https://github.com/encode/httpx',
      ref: '326b9431c761e1ef1e00b9f760d1f654c8db48c6',
    });
    expect(byName(manifest, 'httpcore').source).toEqual({ type: 'url', url: 'https://downloads.example.com/httpcore-1.0.7-py3-none-any.whl' });
    expect(byName(manifest, 'shared-lib').source).toEqual({ type: 'path', url: '../shared-lib' });
    expect(byName(manifest, 'devkit').source).toEqual({ type: 'path', url: '../tools/devkit', editable: true });
    expect(byName(manifest, 'vendored-theme').source).toEqual({ type: 'path', url: 'vendor/vendored_theme-1.2.0-py3-none-any.whl' });
  });

  it('accepts a source tree without version (uv omits dynamic versions)', () => {
    expect(byName(manifest, 'shared-lib')).toMatchObject({ version: null, specifier: null, requires: ['idna'] });
  });

  it('gives a package the markers of the edges that reach it, per locked version', () => {
    expect(byName(manifest, 'pywin32').markers).toBe("sys_platform == 'win32'");
    expect(byName(manifest, 'colorama').markers).toBe("sys_platform == 'win32'");
    // Reached from anyio and pytest under the same marker.
    expect(byName(manifest, 'exceptiongroup').markers).toBe("python_full_version < '3.11'");
    expect(byName(manifest, 'numpy', '1.26.4').markers).toBe("python_full_version < '3.12'");
    expect(byName(manifest, 'numpy', '2.1.3').markers).toBe("python_full_version >= '3.12'");
    // idna is reached unconditionally by httpx, shared-lib and anyio.
    expect(byName(manifest, 'idna').markers).toBeUndefined();
  });
});

describe('parseUvLock: a virtual project root', () => {
  const manifest = parse(fixture('virtual-root.lock'));

  it('skips the virtual root and records its requirements', () => {
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => r.name)).toEqual(['django', 'asgiref', 'sqlparse', 'tzdata']);
    expect(manifest.skipped).toEqual([{ line: 22, text: 'shop (virtual = ".")', reason: 'the project itself, not a dependency' }]);
    expect(manifest.projectName).toBe('shop');
    expect(manifest.lock).toEqual({
      formatVersion: '1',
      rootRequirements: ['django', 'sqlparse'],
      recordedRequirements: ['django>=5.1,<6'],
    });
    expect(byName(manifest, 'sqlparse').lines).toEqual({ start: 41, end: 45 });
    expect(byName(manifest, 'tzdata').markers).toBe("sys_platform == 'win32'");
  });

  it('records no root data for a lock without a project package', () => {
    const lock = parse('version = 1\n\n[[package]]\nname = "six"\nversion = "1.16.0"\nsource = { registry = "https://pypi.org/simple" }\n');
    expect(lock.lock).toEqual({ formatVersion: '1' });
    expect(lock.projectName).toBeUndefined();
    expect(lock.skipped).toBeUndefined();
  });

  it('treats a virtual member and a dynamic-version member as the project\'s own', () => {
    const lock = parse(`version = 1

[manifest]
members = ["root", "Member_B"]

[[package]]
name = "root"
version = "0"
source = { virtual = "." }

[[package]]
name = "member-b"
source = { virtual = "packages/b" }
dependencies = [{ name = "idna" }]

[[package]]
name = "idna"
version = "3.10"
source = { registry = "https://pypi.org/simple" }
`);
    expect(lock.errors).toEqual([]);
    expect(lock.requirements.map((r) => r.name)).toEqual(['idna']);
    expect(lock.skipped?.map((s) => s.text)).toEqual(['root (virtual = ".")', 'member-b (virtual = "packages/b")']);
    expect(lock.lock?.rootRequirements).toEqual(['idna']);
  });
});

describe('parseUvLock: source and requires-dist helpers', () => {
  it('reads uv git sources', () => {
    expect(gitSource('https://github.com/pallets/flask?tag=3.0.0#a1b2c3')).toEqual({ type: 'vcs', url: 'git+https://github.com/pallets/flask', ref: 'a1b2c3' });
    expect(gitSource('https://github.com/org/lib.git#abc')).toEqual({ type: 'vcs', url: 'git+https://github.com/org/lib.git', ref: 'abc' });
    expect(gitSource('https://github.com/org/lib?branch=main')).toEqual({ type: 'vcs', url: 'git+https://github.com/org/lib', ref: 'main' });
    expect(gitSource('ssh://git@github.com/org/lib')).toEqual({ type: 'vcs', url: 'git+ssh://git@github.com/org/lib' });
  });

  it('writes requires-dist entries as PEP 508', () => {
    expect(requiresDistToPep508({ name: 'httpx', extras: ['http2', 'brotli'], specifier: '>=0.27', marker: "python_version >= '3.9'" })).toBe(
      "httpx[http2,brotli]>=0.27 ; python_version >= '3.9'",
    );
    expect(requiresDistToPep508({ name: 'lib', git: 'https://github.com/org/lib?rev=v1&subdirectory=py' })).toBe(
      'lib @ git+https://github.com/org/lib@v1#subdirectory=py',
    );
    expect(requiresDistToPep508({ name: 'pkg', url: 'https://example.com/pkg-1.0.tar.gz' })).toBe('pkg @ https://example.com/pkg-1.0.tar.gz');
    expect(requiresDistToPep508({ name: 'torch', specifier: '==2.5.1', index: 'https://download.pytorch.org/whl/cpu' })).toBe('torch==2.5.1');
    expect(requiresDistToPep508({ name: 'plain' })).toBe('plain');
    expect(requiresDistToPep508({ specifier: '>=1' })).toBeNull();
    expect(requiresDistToPep508('requests>=2')).toBeNull();
  });
});

describe('parseUvLock: malformed input', () => {
  it('reports invalid TOML once, at smol-toml\'s line', () => {
    const manifest = parse('version = 1\n\n[[package]]\nname = "six"\nversion = 1.16.0\nsource = { registry = "https://pypi.org/simple" }\n');
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors).toHaveLength(1);
    expect(manifest.errors[0]).toMatchObject({ path: 'uv.lock', line: 5 });
    expect(manifest.errors[0]?.message).toMatch(/^invalid TOML: /);
  });

  it('reports each wrongly shaped package or entry at its line and reads the rest', () => {
    const manifest = parse(fixture('wrong-shapes.lock'), 'svc/uv.lock');
    expect(manifest.requirements.map((r) => r.name)).toEqual(['good-first', 'good-last']);
    expect(manifest.lock?.rootRequirements).toEqual(['good-first']);
    expect(manifest.errors).toEqual([
      { message: 'package "app": an entry of "dependencies" names no package; ignored', path: 'svc/uv.lock', line: 10 },
      { message: 'package "app": an entry of "dependencies" names no package; ignored', path: 'svc/uv.lock', line: 11 },
      { message: 'package #3 has no name; not read', path: 'svc/uv.lock', line: 19 },
      { message: 'package "numeric-version": "version" must be a string, not a number; not read', path: 'svc/uv.lock', line: 25 },
      { message: 'package "registry-without-version" has no version; not read', path: 'svc/uv.lock', line: 28 },
      { message: 'package "source-not-a-table": "source" must be a table; not read', path: 'svc/uv.lock', line: 35 },
      { message: 'package "good-last": "dependencies" must be an array of tables; not read', path: 'svc/uv.lock', line: 41 },
    ]);
  });

  it('reports a package that is not a table', () => {
    const manifest = parse('version = 1\npackage = [\n  "six",\n  { name = "idna", version = "3.10" },\n]\n');
    expect(manifest.requirements.map((r) => [r.name, r.lines.start])).toEqual([['idna', 4]]);
    expect(manifest.errors).toEqual([{ message: 'package #1 is a string, not a table; not read', path: 'uv.lock', line: 3 }]);
  });
});

describe('parseUvLock: hostile and unusual input', () => {
  it('survives binary garbage with NUL bytes', () => {
    const garbage = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 104_729) % 256));
    const manifest = parse(`version = 1\n${garbage}`);
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors).toHaveLength(1);
  });

  it('records cyclic requirements a → b → a as data', () => {
    const manifest = parse(`version = 1

[[package]]
name = "a"
version = "1.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "b" }, { name = "a" }]

[[package]]
name = "b"
version = "1.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "a" }]
`);
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => [r.name, r.requires])).toEqual([
      ['a', ['b']],
      ['b', ['a']],
    ]);
  });

  it('reads a lock of 20,000 packages with exact lines', () => {
    const blocks = ['version = 1\nrequires-python = ">=3.9"\n'];
    for (let i = 0; i < 20_000; i++) {
      blocks.push(
        `[[package]]\nname = "pkg-${i}"\nversion = "1.${i}"\nsource = { registry = "https://pypi.org/simple" }\ndependencies = [\n    { name = "pkg-${(i + 1) % 20_000}" },\n]\nsdist = { url = "https://files.example/pkg-${i}.tar.gz", hash = "sha256:${i.toString(16).padStart(64, '0')}" }\n`,
      );
    }
    const started = performance.now();
    const manifest = parse(blocks.join('\n'));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements).toHaveLength(20_000);
    expect(manifest.requirements[1]).toMatchObject({ name: 'pkg-1', lines: { start: 13, end: 20 }, requires: ['pkg-2'] });
  });

  it('survives very long lines and deep nesting', () => {
    const long = parse(`version = 1\n[[package]]\nname = "x"\nversion = "1"\nsource = { registry = "${'h'.repeat(300_000)}" }\n`);
    expect(long.requirements[0]?.source).toEqual({ type: 'registry', url: 'h'.repeat(300_000) });
    const deep = parse(`version = 1\n[[package]]\nname = "x"\nversion = "1"\nwheels = ${'['.repeat(3000)}${']'.repeat(3000)}\n`);
    expect(deep.errors).toHaveLength(1);
  });
});
