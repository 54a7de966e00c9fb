import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePylock, pylockFormat } from '../../../src/manifests/pylock/index.js';
import type { Manifest, Requirement } from '../../../src/manifests/types.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function parse(content: string, path = 'pylock.toml'): Manifest {
  return parsePylock({ path, content });
}

function byName(manifest: Manifest, name: string): Requirement {
  const found = manifest.requirements.find((r) => r.normalizedName === name);
  if (!found) throw new Error(`no requirement ${name}`);
  return found;
}

describe('pylockFormat', () => {
  it('matches pylock.toml and pylock.<name>.toml (PEP 751 file names)', () => {
    expect(pylockFormat.id).toBe('pylock');
    expect(pylockFormat.matches('pylock.toml')).toBe(true);
    expect(pylockFormat.matches('deploy/pylock.toml')).toBe(true);
    expect(pylockFormat.matches('pylock.dev.toml')).toBe(true);
    expect(pylockFormat.matches('pylock.win-py312.toml')).toBe(true);
    expect(pylockFormat.matches('pylock.a.b.toml')).toBe(false);
    expect(pylockFormat.matches('pylock..toml')).toBe(false);
    expect(pylockFormat.matches('mypylock.toml')).toBe(false);
    expect(pylockFormat.matches('pylock.toml.bak')).toBe(false);
    expect(pylockFormat.matches('pyproject.toml')).toBe(false);
  });
});

describe('parsePylock: a lock with index, vcs, directory and archive packages', () => {
  const manifest = parse(fixture('pylock-vcs-sdist-wheels.toml'));

  it('reads the lock metadata', () => {
    expect(manifest.kind).toBe('pylock');
    expect(manifest.errors).toEqual([]);
    expect(manifest.lock).toEqual({ formatVersion: '1.0' });
    expect(manifest.requiresPython).toBe('>=3.10');
  });

  it('skips the project itself (a directory package at ".")', () => {
    expect(manifest.skipped).toEqual([{ line: 9, text: 'acme-api (directory = ".")', reason: 'the project itself, not a dependency' }]);
    expect(manifest.requirements.map((r) => r.name)).not.toContain('acme-api');
  });

  it('turns every other [[packages]] entry into a requirement with its exact lines', () => {
    expect(manifest.requirements.map((r) => [r.name, r.specifier, r.version, r.lines.start, r.lines.end])).toEqual([
      ['attrs', '==25.1.0', '25.1.0', 13, 30],
      ['cattrs', '==24.1.2', '24.1.2', 32, 44],
      ['exceptiongroup', '==1.2.2', '1.2.2', 46, 53],
      ['pip', null, null, 55, 63],
      ['local-plugin', null, null, 65, 70],
      ['vendored', '==1.0', '1.0', 72, 79],
      ['pytest', '==8.3.4', '8.3.4', 81, 88],
    ]);
    expect(new Set(manifest.requirements.flatMap((r) => r.groups))).toEqual(new Set(['main']));
  });

  it('reads the hashes of sdist, wheels and archive, every algorithm', () => {
    expect(byName(manifest, 'attrs').hashes).toEqual(['sha256:c75a69e28a550a7e93789579c22aa26b0f5b83b75dc4e08fe092980051e1090a']);
    expect(byName(manifest, 'cattrs').hashes).toEqual([
      'sha256:8028cfe1ff5382df59dd36474a86e02d817b06eaf8af84555441bac915d2ef85',
      'sha256:67c7495b760168d931a10233f979b28dc04daf853b30752246f4f8471c6d68d0',
    ]);
    expect(byName(manifest, 'vendored').hashes).toEqual([
      'sha256:6a1b0f6b4a9e2c3d5e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5',
      'sha512:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
    ]);
    expect(byName(manifest, 'pip').hashes).toEqual([]);
  });

  it('reads each kind of source', () => {
    expect(byName(manifest, 'attrs').source).toEqual({ type: 'registry', url: 'https://pypi.org/simple' });
    expect(byName(manifest, 'pip').source).toEqual({
      type: 'vcs',
      url: 'git+https://github.com/pypa/pip.git',
      ref: '4b0bc6c0c8dfab2ecbfdc4f5e6ccb4f1e7c8dd74',
    });
    expect(byName(manifest, 'local-plugin').source).toEqual({ type: 'path', url: 'plugins/local-plugin' });
    expect(byName(manifest, 'vendored').source).toEqual({ type: 'url', url: 'https://downloads.example.com/vendored-1.0.tar.gz' });
  });

  it('reads markers and dependency names', () => {
    expect(byName(manifest, 'exceptiongroup').markers).toBe("python_full_version < '3.11'");
    expect(byName(manifest, 'pytest').markers).toBe("'dev' in dependency_groups");
    expect(byName(manifest, 'cattrs').requires).toEqual(['attrs', 'exceptiongroup']);
    expect(byName(manifest, 'pip').requires).toEqual([]);
  });
});

describe('parsePylock: lock-version', () => {
  it('refuses an unknown major version, as PEP 751 requires', () => {
    const manifest = parse('# next format\nlock-version = "2.0"\ncreated-by = "future-tool"\n\n[[packages]]\nname = "attrs"\nversion = "25.1.0"\n');
    expect(manifest.requirements).toEqual([]);
    expect(manifest.lock).toEqual({ formatVersion: '2.0' });
    expect(manifest.errors).toEqual([
      {
        message: 'unsupported lock-version "2.0": only 1.x is supported, and PEP 751 requires refusing other major versions; packages not read',
        path: 'pylock.toml',
        line: 2,
      },
    ]);
  });

  it('reads a newer minor version of the same major', () => {
    const manifest = parse('lock-version = "1.3"\ncreated-by = "x"\n\n[[packages]]\nname = "attrs"\nversion = "25.1.0"\n');
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => r.name)).toEqual(['attrs']);
  });

  it('refuses a version that is not a version number', () => {
    expect(parse('lock-version = "one"\n').errors[0]?.message).toMatch(/^unsupported lock-version "one"/);
  });

  it('reports a missing or non-string lock-version and still reads the packages', () => {
    const missing = parse('created-by = "x"\n\n[[packages]]\nname = "attrs"\nversion = "25.1.0"\n');
    expect(missing.errors).toEqual([{ message: 'missing "lock-version" (PEP 751 requires it); read as 1.0', path: 'pylock.toml', line: 1 }]);
    expect(missing.requirements.map((r) => r.name)).toEqual(['attrs']);
    const number = parse('created-by = "x"\nlock-version = 1.0\n');
    expect(number.errors).toEqual([{ message: '"lock-version" must be a string, not a number; read as 1.0', path: 'pylock.toml', line: 2 }]);
  });
});

describe('parsePylock: malformed input', () => {
  it('reports invalid TOML once, at smol-toml\'s line', () => {
    const manifest = parse('lock-version = "1.0"\n\n[[packages]]\nname = "attrs"\nversion = "25.1.0"\n[[packages]\nname = "b"\n');
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors).toHaveLength(1);
    expect(manifest.errors[0]).toMatchObject({ path: 'pylock.toml', line: 6 });
    expect(manifest.errors[0]?.message).toMatch(/^invalid TOML: /);
  });

  it('reports each wrongly shaped package at its line and reads the rest', () => {
    const manifest = parse(fixture('wrong-shapes.toml'), 'deploy/pylock.prod.toml');
    expect(manifest.requirements.map((r) => [r.name, r.requires])).toEqual([
      ['good-first', []],
      ['good-last', ['good-first']],
    ]);
    expect(manifest.errors).toEqual([
      { message: 'package #2 has no name; not read', path: 'deploy/pylock.prod.toml', line: 9 },
      { message: 'package "numeric-version": "version" must be a string, not a number; not read', path: 'deploy/pylock.prod.toml', line: 15 },
      { message: 'package "vcs-not-a-table": "vcs" must be a table, not a string; not read', path: 'deploy/pylock.prod.toml', line: 20 },
      { message: 'package "good-last": an entry of "dependencies" names no package; ignored', path: 'deploy/pylock.prod.toml', line: 25 },
      { message: 'package "good-last": an entry of "dependencies" names no package; ignored', path: 'deploy/pylock.prod.toml', line: 25 },
    ]);
  });

  it('reports packages that are not tables, and `packages` that is not an array', () => {
    const notTables = parse('lock-version = "1.0"\npackages = [\n  "attrs",\n  { name = "six", version = "1.16.0" },\n]\n');
    expect(notTables.requirements.map((r) => [r.name, r.lines.start])).toEqual([['six', 4]]);
    expect(notTables.errors).toEqual([{ message: 'package #1 is a string, not a table; not read', path: 'pylock.toml', line: 3 }]);
    const notArray = parse('lock-version = "1.0"\npackages = "attrs"\n');
    expect(notArray.errors).toEqual([{ message: '"packages" must be an array of tables ([[packages]]), not a string', path: 'pylock.toml', line: 2 }]);
  });

  it('does not read the singular [[package]] of other lock formats', () => {
    const manifest = parse('lock-version = "1.0"\n\n[[package]]\nname = "attrs"\nversion = "25.1.0"\n');
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors).toEqual([]);
  });
});

describe('parsePylock: hostile and unusual input', () => {
  it('survives binary garbage with NUL bytes', () => {
    const garbage = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 131) % 256));
    const manifest = parse(`lock-version = "1.0"\n\0${garbage}`);
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors).toHaveLength(1);
  });

  it('records cyclic requirements a → b → a as data', () => {
    const manifest = parse(`lock-version = "1.0"

[[packages]]
name = "a"
version = "1.0"
dependencies = [{name = "b"}]

[[packages]]
name = "b"
version = "1.0"
dependencies = [{name = "a"}, {name = "b"}]
`);
    expect(manifest.requirements.map((r) => [r.name, r.requires])).toEqual([
      ['a', ['b']],
      ['b', ['a']],
    ]);
  });

  it('reads a lock of 20,000 packages with exact lines', () => {
    const blocks = ['lock-version = "1.0"\ncreated-by = "bench"\n'];
    for (let i = 0; i < 20_000; i++) {
      blocks.push(
        `[[packages]]\nname = "pkg-${i}"\nversion = "3.${i}"\nindex = "https://pypi.org/simple"\ndependencies = [{name = "pkg-${(i + 1) % 20_000}"}]\n\n[[packages.wheels]]\nurl = "https://files.example/pkg_${i}-3.${i}-py3-none-any.whl"\nhashes = {sha256 = "${i.toString(16).padStart(64, '0')}"}\n`,
      );
    }
    const started = performance.now();
    const manifest = parse(blocks.join('\n'));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements).toHaveLength(20_000);
    expect(manifest.requirements[0]).toMatchObject({ name: 'pkg-0', lines: { start: 4, end: 12 }, requires: ['pkg-1'] });
    expect(manifest.requirements[0]?.hashes).toEqual([`sha256:${'0'.repeat(64)}`]);
  });

  it('survives very long lines and deep nesting', () => {
    const long = parse(`lock-version = "1.0"\n[[packages]]\nname = "x"\nversion = "1"\nmarker = "${"python_version >= '3.8' and ".repeat(20_000)}True"\n`);
    expect(long.requirements[0]?.markers?.length).toBeGreaterThan(500_000);
    const deep = parse(`lock-version = "1.0"\n[[packages]]\nname = "x"\nversion = "1"\ntool = ${'{ a = '.repeat(3000)}1${' }'.repeat(3000)}\n`);
    expect(deep.errors).toHaveLength(1);
  });
});
