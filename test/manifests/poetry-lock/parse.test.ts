import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePoetryLock, poetryLockFormat } from '../../../src/manifests/poetry-lock/index.js';
import type { Manifest, Requirement } from '../../../src/manifests/types.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function parse(content: string, path = 'poetry.lock'): Manifest {
  return parsePoetryLock({ path, content });
}

function byName(manifest: Manifest, name: string): Requirement {
  const found = manifest.requirements.find((r) => r.normalizedName === name);
  if (!found) throw new Error(`no requirement ${name}`);
  return found;
}

describe('poetryLockFormat', () => {
  it('matches poetry.lock by its basename only', () => {
    expect(poetryLockFormat.id).toBe('poetry-lock');
    expect(poetryLockFormat.matches('poetry.lock')).toBe(true);
    expect(poetryLockFormat.matches('services/api/poetry.lock')).toBe(true);
    expect(poetryLockFormat.matches('poetry.lock.bak')).toBe(false);
    expect(poetryLockFormat.matches('Poetry.lock')).toBe(false);
    expect(poetryLockFormat.matches('uv.lock')).toBe(false);
  });
});

describe('parsePoetryLock: lock-version 1.1 (Poetry 1.1)', () => {
  const manifest = parse(fixture('poetry-1.1-categories.lock'));

  it('reads the metadata', () => {
    expect(manifest.kind).toBe('poetry-lock');
    expect(manifest.errors).toEqual([]);
    expect(manifest.lock).toEqual({
      formatVersion: '1.1',
      contentHash: '3a1f9e6b2c7d4e8f0a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f',
    });
    expect(manifest.requiresPython).toBe('^3.8');
  });

  it('turns every package into one pinned requirement with its exact lines', () => {
    expect(manifest.requirements.map((r) => [r.name, r.version, r.lines.start, r.lines.end])).toEqual([
      ['certifi', '2021.10.8', 1, 7],
      ['charset-normalizer', '2.0.7', 9, 18],
      ['idna', '3.3', 20, 26],
      ['mylib', '0.3.0', 28, 44],
      ['PySocks', '1.7.1', 46, 52],
      ['pytest', '6.2.5', 54, 68],
      ['requests', '2.26.0', 70, 87],
      ['toml', '0.10.2', 89, 95],
      ['urllib3', '1.26.7', 97, 108],
    ]);
    const requests = byName(manifest, 'requests');
    expect(requests.specifier).toBe('==2.26.0');
    expect(requests.source).toEqual({ type: 'registry' });
  });

  it('takes groups from `category`', () => {
    expect(byName(manifest, 'pytest').groups).toEqual(['dev']);
    expect(byName(manifest, 'toml').groups).toEqual(['dev']);
    expect(byName(manifest, 'certifi').groups).toEqual(['main']);
  });

  it('puts an optional package listed in the project [extras] in that extra', () => {
    const pysocks = byName(manifest, 'pysocks');
    expect(pysocks.name).toBe('PySocks');
    expect(pysocks.groups).toEqual(['socks']);
  });

  it('reads hashes from [metadata.files], by written or normalised name', () => {
    expect(byName(manifest, 'certifi').hashes).toEqual([
      'sha256:d62a0163eb4c2344ac042ab2bdf75399a71a2d8c7d47eac2e2ee91b9d6339569',
      'sha256:78884e7c1d4b00ce3cea67b44566851c4343c120abd683433ce934a68ea58872',
    ]);
    // [metadata.files] writes "pysocks" for the package named "PySocks".
    expect(byName(manifest, 'pysocks').hashes).toHaveLength(3);
    expect(byName(manifest, 'mylib').hashes).toEqual([]);
  });

  it('records the resolved commit of a git source', () => {
    expect(byName(manifest, 'mylib').source).toEqual({
      type: 'vcs',
      url: 'git+https://github.com/example/mylib.git',
      ref: '8f2b9c1d4e5f60718293a4b5c6d7e8f901234567',
    });
  });

  it('lists normalised dependency names in `requires`, optional ones included', () => {
    expect(byName(manifest, 'requests').requires).toEqual(['certifi', 'charset-normalizer', 'idna', 'pysocks', 'urllib3']);
    expect(byName(manifest, 'pytest').requires).toEqual(['atomicwrites', 'colorama', 'toml']);
    expect(byName(manifest, 'certifi').requires).toEqual([]);
  });
});

describe('parsePoetryLock: lock-version 2.0 (Poetry 1.5–1.8)', () => {
  const manifest = parse(fixture('poetry-2.0-no-groups.lock'));

  it('puts every package in main when the lock records no group', () => {
    expect(manifest.errors).toEqual([]);
    expect(manifest.lock?.formatVersion).toBe('2.0');
    expect(manifest.requirements).toHaveLength(10);
    expect(new Set(manifest.requirements.flatMap((r) => r.groups))).toEqual(new Set(['main']));
  });

  it('reads hashes from each package\'s `files`', () => {
    expect(byName(manifest, 'anyio').hashes).toEqual([
      'sha256:c1b2d8f46a8a812513012e1107cb0e68c17159a7a594208005a57dc776e1bdc7',
      'sha256:5aadc6a1bbb7cdb0bede386cac5e2940f5e2ff3aa20277e991cf028e0585ce94',
    ]);
    expect(byName(manifest, 'local-utils').hashes).toEqual([]);
  });

  it('reads each kind of [package.source]', () => {
    expect(byName(manifest, 'internal-sdk').source).toEqual({ type: 'registry', url: 'https://pypi.example.com/simple' });
    expect(byName(manifest, 'local-utils').source).toEqual({ type: 'path', url: 'libs/local-utils', editable: true });
    expect(byName(manifest, 'vendored-wheel').source).toEqual({ type: 'path', url: 'vendor/vendored_wheel-0.9.0-py3-none-any.whl' });
    expect(byName(manifest, 'wheel-from-url').source).toEqual({
      type: 'url',
      url: 'https://downloads.example.com/wheel_from_url-1.0.0.tar.gz',
    });
  });

  it('reads dependencies written as strings, tables and arrays of tables', () => {
    expect(byName(manifest, 'anyio').requires).toEqual(['exceptiongroup', 'idna', 'sniffio', 'typing-extensions']);
    expect(byName(manifest, 'local-utils').requires).toEqual(['numpy']);
    expect(byName(manifest, 'local-utils').lines).toEqual({ start: 67, end: 84 });
    expect(byName(manifest, 'wheel-from-url').lines).toEqual({ start: 133, end: 145 });
  });

  it('reads a 2.0 lock of Poetry 1.2–1.4, which still wrote `category`', () => {
    const older = parse(`[[package]]
name = "pytest"
version = "7.1.2"
description = ""
category = "dev"
optional = false
python-versions = ">=3.7"
files = []

[metadata]
lock-version = "2.0"
`);
    expect(older.requirements[0]?.groups).toEqual(['dev']);
  });
});

describe('parsePoetryLock: lock-version 2.1 (Poetry 2)', () => {
  const manifest = parse(fixture('poetry-2.1-groups.lock'));

  it('reads `groups` as written', () => {
    expect(manifest.errors).toEqual([]);
    expect(byName(manifest, 'black').groups).toEqual(['dev']);
    expect(byName(manifest, 'click').groups).toEqual(['main', 'dev']);
    expect(byName(manifest, 'mkdocs-material').groups).toEqual(['docs']);
  });

  it('reads `markers` as a string and as a table per group', () => {
    expect(byName(manifest, 'tomli').markers).toBe('python_version < "3.11"');
    expect(byName(manifest, 'colorama').markers).toBe(
      '(platform_system == "Windows") or (sys_platform == "win32" or platform_system == "Windows")',
    );
    expect(byName(manifest, 'click').markers).toBeUndefined();
  });

  it('drops a per-group marker table when one group has no marker (any environment)', () => {
    const lock = parse(`[[package]]
name = "colorama"
version = "0.4.6"
optional = false
python-versions = "*"
groups = ["main", "dev"]
markers = {dev = "sys_platform == \\"win32\\""}
files = []
`);
    expect(lock.requirements[0]?.markers).toBeUndefined();
  });

  it('moves an optional package of the project\'s extras from main to the extra', () => {
    expect(byName(manifest, 'orjson').groups).toEqual(['fast']);
    expect(byName(manifest, 'orjson').markers).toBe('extra == "fast"');
  });

  it('reads a git source with its resolved reference and the lines of all sub-tables', () => {
    const webhooks = byName(manifest, 'webhooks');
    expect(webhooks.source).toEqual({
      type: 'vcs',
      url: 'git+https://github.com/example/webhooks.git',
      ref: '0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a69788796',
    });
    expect(webhooks.lines).toEqual({ start: 113, end: 134 });
    expect(webhooks.requires).toEqual(['click', 'orjson']);
  });

  it('records the content-hash as written', () => {
    expect(manifest.lock).toEqual({
      formatVersion: '2.1',
      contentHash: '0f415b5294bec903b43a720b2b1d2d46ef1ea741a10ace5ccf086feb41f01f7b',
    });
    expect(manifest.requiresPython).toBe('>=3.10,<4.0');
  });
});

describe('parsePoetryLock: older and unusual-but-valid locks', () => {
  it('reads lock-version 1.0 hashes from [metadata.hashes] (bare sha256 hex)', () => {
    const lock = parse(`[[package]]
category = "main"
description = "HTTP library"
name = "urllib3"
optional = false
python-versions = "*"
version = "1.25.3"

[metadata]
content-hash = "abc"
python-versions = "*"

[metadata.hashes]
urllib3 = ["b246607a25ac80bedac05c6f282e3cdaf3afb65420fd024ac94435cabe6e18d1", "dbe59173209418ae49d485b87d1681aefa36252ee85884c31346debd19463232"]
`);
    expect(lock.errors).toEqual([]);
    expect(lock.lock).toEqual({ contentHash: 'abc' });
    expect(lock.requirements[0]?.hashes).toEqual([
      'sha256:b246607a25ac80bedac05c6f282e3cdaf3afb65420fd024ac94435cabe6e18d1',
      'sha256:dbe59173209418ae49d485b87d1681aefa36252ee85884c31346debd19463232',
    ]);
  });

  it('reads an empty lock and a lock with CRLF line endings', () => {
    expect(parse('')).toMatchObject({ requirements: [], errors: [] });
    const crlf = parse('[[package]]\r\nname = "six"\r\nversion = "1.16.0"\r\nfiles = []\r\n\r\n[[package]]\r\nname = "attrs"\r\nversion = "23.2.0"\r\n');
    expect(crlf.requirements.map((r) => [r.name, r.lines])).toEqual([
      ['six', { start: 1, end: 4 }],
      ['attrs', { start: 6, end: 8 }],
    ]);
  });

  it('reads packages written as an inline array', () => {
    const lock = parse('package = [\n  { name = "six", version = "1.16.0" },\n  { name = "attrs", version = "23.2.0" },\n]\n');
    expect(lock.requirements.map((r) => [r.name, r.lines.start])).toEqual([
      ['six', 2],
      ['attrs', 3],
    ]);
  });

  it('records cyclic dependencies as plain data', () => {
    const lock = parse(`[[package]]
name = "a"
version = "1.0"

[package.dependencies]
b = "*"

[[package]]
name = "b"
version = "2.0"

[package.dependencies]
a = "*"
b = "*"
`);
    expect(lock.errors).toEqual([]);
    expect(lock.requirements.map((r) => [r.name, r.requires])).toEqual([
      ['a', ['b']],
      ['b', ['a']],
    ]);
  });
});

describe('parsePoetryLock: malformed input', () => {
  it('reports invalid TOML once, at smol-toml\'s line', () => {
    const manifest = parse(fixture('invalid-toml.lock'));
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors).toHaveLength(1);
    expect(manifest.errors[0]).toMatchObject({ path: 'poetry.lock', line: 14 });
    expect(manifest.errors[0]?.message).toMatch(/^invalid TOML: /);
  });

  it('reports each wrongly shaped package at its line and reads the rest', () => {
    const manifest = parse(fixture('wrong-shapes.lock'), 'app/poetry.lock');
    expect(manifest.requirements.map((r) => [r.name, r.version, r.groups])).toEqual([
      ['good-first', '1.0.0', ['main']],
      ['dependencies-not-a-table', '0.5.0', ['main']],
      ['good-last', '4.2.0', ['dev']],
    ]);
    expect(manifest.errors).toEqual([
      { message: 'package #2 has no name; not read', path: 'app/poetry.lock', line: 12 },
      { message: 'package "numeric-version": "version" must be a string, not a number; not read', path: 'app/poetry.lock', line: 22 },
      { message: 'package #4: invalid package name "bad name!"; not read', path: 'app/poetry.lock', line: 30 },
      { message: 'package "no-version" has no version; not read', path: 'app/poetry.lock', line: 38 },
      {
        message: 'package "dependencies-not-a-table": [package.dependencies] must be a table; its dependencies are not read',
        path: 'app/poetry.lock',
        line: 54,
      },
    ]);
    expect(manifest.lock?.contentHash).toBe('5555555555555555555555555555555555555555555555555555555555555555');
  });

  it('reports a package that is not a table, and a `package` that is not an array', () => {
    const notTables = parse('package = ["six", 1, { name = "attrs", version = "23.2.0" }]\n');
    expect(notTables.requirements.map((r) => r.name)).toEqual(['attrs']);
    expect(notTables.errors).toEqual([
      { message: 'package #1 is a string, not a table; not read', path: 'poetry.lock', line: 1 },
      { message: 'package #2 is a number, not a table; not read', path: 'poetry.lock', line: 1 },
    ]);
    const notArray = parse('[metadata]\nlock-version = "2.1"\n\n[package]\nname = "six"\n');
    expect(notArray.requirements).toEqual([]);
    expect(notArray.errors).toEqual([
      { message: '"package" must be an array of tables ([[package]]), not a table', path: 'poetry.lock', line: 4 },
    ]);
    expect(notArray.lock?.formatVersion).toBe('2.1');
  });
});

describe('parsePoetryLock: hostile input', () => {
  it('survives binary garbage with NUL bytes', () => {
    const garbage = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const manifest = parse(`[[package]]\nname = "x"\0\n${garbage}`);
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors).toHaveLength(1);
    expect(manifest.errors[0]?.line).toBeGreaterThanOrEqual(1);
  });

  it('reads a lock of 20,000 packages quickly, with exact lines', () => {
    const blocks: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      blocks.push(
        `[[package]]\nname = "pkg-${i}"\nversion = "1.0.${i}"\noptional = false\npython-versions = "*"\ngroups = ["main"]\nfiles = [\n    {file = "pkg_${i}-1.0.${i}.tar.gz", hash = "sha256:${i.toString(16).padStart(64, '0')}"},\n]\n\n[package.dependencies]\npkg-${(i + 1) % 20_000} = "*"\n`,
      );
    }
    const started = performance.now();
    const manifest = parse(`${blocks.join('\n')}\n[metadata]\nlock-version = "2.1"\n`);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements).toHaveLength(20_000);
    expect(manifest.requirements[19_999]).toMatchObject({
      name: 'pkg-19999',
      version: '1.0.19999',
      lines: { start: 19_999 * 13 + 1, end: 19_999 * 13 + 12 },
      requires: ['pkg-0'],
    });
  });

  it('survives very long lines and deeply nested values', () => {
    const longName = `a${'b'.repeat(200_000)}`;
    const long = parse(`[[package]]\nname = "${longName}"\nversion = "1.0"\ndescription = "${'x'.repeat(500_000)}"\n`);
    expect(long.requirements[0]?.name).toBe(longName);
    const deep = parse(`[[package]]\nname = "deep"\nversion = "1.0"\nextra = ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(deep.requirements).toEqual([]);
    expect(deep.errors).toHaveLength(1);
    const nested = parse(`[[package]]\nname = "nested"\nversion = "1.0"\nextra = ${'['.repeat(200)}1${']'.repeat(200)}\n`);
    expect(nested.requirements.map((r) => r.name)).toEqual(['nested']);
  });
});
