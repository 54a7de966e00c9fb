import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePipfileLock, pipfileLockFormat } from '../../../src/manifests/pipfile-lock/index.js';
import type { Manifest, Requirement } from '../../../src/manifests/types.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function parse(content: string): Manifest {
  return parsePipfileLock({ path: 'app/Pipfile.lock', content });
}

function entry(manifest: Manifest, name: string, group = 'main'): Requirement {
  const found = manifest.requirements.find((r) => r.name === name && r.groups.includes(group));
  if (!found) throw new Error(`no requirement ${name} in ${group}`);
  return found;
}

describe('pipfileLockFormat', () => {
  it('matches files named exactly Pipfile.lock', () => {
    expect(pipfileLockFormat.id).toBe('pipfile-lock');
    expect(pipfileLockFormat.matches('Pipfile.lock')).toBe(true);
    expect(pipfileLockFormat.matches('backend/Pipfile.lock')).toBe(true);
    expect(pipfileLockFormat.matches('Pipfile')).toBe(false);
    expect(pipfileLockFormat.matches('Pipfile.lock.bak')).toBe(false);
  });
});

describe('parsePipfileLock: realistic pipenv output', () => {
  const manifest = parse(fixture('basic.Pipfile.lock'));

  it('reads every package of default, develop and a custom category', () => {
    expect(manifest.kind).toBe('pipfile-lock');
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => `${r.groups[0]}:${r.name}==${r.version}`)).toEqual([
      'main:certifi==2023.11.17',
      'main:charset-normalizer==3.3.2',
      'main:idna==3.6',
      'main:requests==2.31.0',
      'main:urllib3==2.1.0',
      'dev:certifi==2023.11.17',
      'dev:iniconfig==2.0.0',
      'dev:packaging==23.2',
      'dev:pluggy==1.3.0',
      'dev:pytest==7.4.3',
      'dev:requests==2.31.0',
      'docs:sphinx==7.2.6',
    ]);
  });

  it('gives each entry the lines from its key to its closing brace', () => {
    expect(entry(manifest, 'certifi').lines).toEqual({ start: 19, end: 26 });
    expect(entry(manifest, 'charset-normalizer').lines).toEqual({ start: 27, end: 35 });
    expect(entry(manifest, 'requests').lines).toEqual({ start: 44, end: 52 });
    expect(entry(manifest, 'sphinx', 'docs').lines).toEqual({ start: 115, end: 123 });
  });

  it('keeps a package of default and develop as two requirements, one per group and line range', () => {
    const certifi = manifest.requirements.filter((r) => r.name === 'certifi');
    expect(certifi.map((r) => [r.groups, r.lines])).toEqual([
      [['main'], { start: 19, end: 26 }],
      [['dev'], { start: 63, end: 70 }],
    ]);
  });

  it('reads version, hashes, markers and index', () => {
    const requests = entry(manifest, 'requests');
    expect(requests.specifier).toBe('==2.31.0');
    expect(requests.version).toBe('2.31.0');
    expect(requests.hashes).toEqual([
      'sha256:563bd07a7ef27a5a345b34ec12466fdb8900104191bfb7101d2cf6d2bf25b242',
      'sha256:a7e14799daf5af98a6eb32d5f44260031bf2665ff634f666fd9c8e2bee3a12c6',
    ]);
    expect(requests.markers).toBe("python_version >= '3.7'");
    expect(requests.source).toEqual({ type: 'registry', url: 'https://pypi.org/simple' });
    expect(entry(manifest, 'charset-normalizer').hashes).toHaveLength(3);
    expect(entry(manifest, 'idna').source).toEqual({ type: 'registry' });
  });

  it('records no dependency graph', () => {
    expect(manifest.requirements.every((r) => r.requires === undefined)).toBe(true);
  });

  it('reads _meta: content hash, format version, sources and requires', () => {
    expect(manifest.lock).toEqual({
      contentHash: '4db3fe04dfd5e6523c1c283fe241cc77f2e9ec3fb146a77093322135a401ceec',
      formatVersion: '6',
    });
    expect(manifest.indexes).toEqual([{ option: 'index-url', value: 'https://pypi.org/simple', line: 13 }]);
    expect(manifest.requiresPython).toBe('==3.11.*');
  });
});

describe('parsePipfileLock: VCS, editable, path and file entries', () => {
  const manifest = parse(fixture('vcs-and-editable.Pipfile.lock'));

  it('reads every entry without errors', () => {
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => r.name)).toEqual([
      'localpkg',
      'mylib',
      'newstyle',
      'private-lib',
      'project',
      'requests',
      'wheelpkg',
    ]);
  });

  it('reads git entries as VCS sources with the locked ref', () => {
    expect(entry(manifest, 'mylib')).toMatchObject({
      version: null,
      specifier: null,
      source: { type: 'vcs', url: 'https://github.com/example/mylib.git', ref: '0123456789abcdef0123456789abcdef01234567' },
      lines: { start: 29, end: 33 },
    });
    expect(entry(manifest, 'newstyle')).toMatchObject({
      source: { type: 'vcs', url: 'git+https://github.com/example/newstyle.git', ref: 'v2.0.0' },
      markers: "python_version >= '3.8'",
    });
  });

  it('reads editable paths, including the project itself, as path sources', () => {
    expect(entry(manifest, 'localpkg').source).toEqual({ type: 'path', url: './libs/localpkg', editable: true });
    expect(entry(manifest, 'project').source).toEqual({ type: 'path', url: '.', editable: true });
    expect(entry(manifest, 'project').lines).toEqual({ start: 47, end: 50 });
  });

  it('reads file entries as URL sources with their version', () => {
    expect(entry(manifest, 'wheelpkg')).toMatchObject({
      version: '1.0',
      source: { type: 'url', url: 'https://files.example.com/wheelpkg-1.0-py3-none-any.whl' },
    });
  });

  it('resolves the index of each entry and reads extras', () => {
    expect(entry(manifest, 'private-lib').source).toEqual({ type: 'registry', url: 'http://pypi.internal.example:8080/simple' });
    expect(entry(manifest, 'requests').extras).toEqual(['socks']);
    expect(entry(manifest, 'requests').lines).toEqual({ start: 51, end: 61 });
  });

  it('lists both sources and trusts the host of the unverified one', () => {
    expect(manifest.indexes).toEqual([
      { option: 'index-url', value: 'https://pypi.org/simple', line: 14 },
      { option: 'extra-index-url', value: 'http://pypi.internal.example:8080/simple', line: 19 },
      { option: 'trusted-host', value: 'pypi.internal.example:8080', line: 20 },
    ]);
    expect(manifest.requiresPython).toBe('==3.12.1');
  });
});

describe('parsePipfileLock: malformed input', () => {
  it('reports invalid JSON once, at the line V8 points to', () => {
    const manifest = parse(fixture('invalid-json.Pipfile.lock'));
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors).toEqual([
      { message: `invalid JSON: expected "," or "}" after a property value, found '"'`, path: 'app/Pipfile.lock', line: 9 },
    ]);
  });

  it('finds the line itself when V8 gives no position', () => {
    // V8: `Unexpected token '}', ..." is not valid JSON`, with no position.
    const manifest = parse('{\n  "default": {\n    "requests": }\n}\n');
    expect(manifest.errors).toEqual([
      { message: `invalid JSON: unexpected '}', expected a value`, path: 'app/Pipfile.lock', line: 3 },
    ]);
  });

  it('reports truncated JSON at its last line', () => {
    const manifest = parse('{\n  "default": {\n    "requests": {"version": "==2.31.0"}');
    expect(manifest.errors).toHaveLength(1);
    expect(manifest.errors[0]?.line).toBe(3);
  });

  it('reports wrong shapes at their lines and still reads the rest', () => {
    const manifest = parse(fixture('wrong-shapes.Pipfile.lock'));
    expect(manifest.requirements.map((r) => [r.name, r.version, r.lines])).toEqual([
      ['good', '1.0.0', { start: 20, end: 25 }],
      ['after', '2.0.0', { start: 35, end: 38 }],
    ]);
    expect(manifest.errors.map((e) => [e.line, e.message])).toEqual([
      [8, '_meta: python_version must be a version string like "3.11", not the number 3.11'],
      [16, '_meta: source #2 is not a table'],
      [26, 'default: stringy: expected an object, found "==1.0"'],
      [27, 'default: numeric-version: "version" must be a string, found the number 1.5'],
      [30, 'default: bad-hashes: "hashes" must be a list of "algorithm:digest" strings'],
      [34, 'default: null-entry: expected an object, found null'],
      [40, '"develop" must be an object of packages, found an array'],
      [41, '"stray" must be an object of packages, found the number 42'],
    ]);
    expect(manifest.indexes).toEqual([{ option: 'index-url', value: 'https://pypi.org/simple', line: 13 }]);
    expect(manifest.lock?.contentHash).toBe('1'.repeat(64));
  });

  it('reports a top level that is not an object', () => {
    expect(parse('[]').errors).toEqual([
      { message: 'a Pipfile.lock must be a JSON object, found an array', path: 'app/Pipfile.lock', line: 1 },
    ]);
  });

  it('reports a malformed _meta and still reads the packages', () => {
    const manifest = parse('{\n  "_meta": {"hash": "abc", "pipfile-spec": [6]},\n  "default": {"six": {"version": "==1.16.0"}}\n}');
    expect(manifest.errors.map((e) => [e.line, e.message])).toEqual([
      [2, '_meta: "hash" must be an object with a "sha256" string'],
      [2, '_meta: "pipfile-spec" must be a number'],
    ]);
    expect(manifest.requirements.map((r) => r.version)).toEqual(['1.16.0']);
  });
});

describe('parsePipfileLock: unusual but valid input', () => {
  it('reads a minified lock on one line', () => {
    const manifest = parse('{"_meta":{"pipfile-spec":6},"default":{"six":{"version":"==1.16.0"}},"develop":{}}');
    expect(manifest.requirements.map((r) => [r.name, r.lines])).toEqual([['six', { start: 1, end: 1 }]]);
    expect(manifest.lock).toEqual({ formatVersion: '6' });
  });

  it('reads keys with escapes and strings holding quotes and braces', () => {
    const content = [
      '{',
      '  "default": {',
      '    "we\\u0069rd": {',
      '      "markers": "os_name == \\"}{\\" and \\\\ \\"[\\"",',
      '      "version": "==1.0"',
      '    },',
      '    "next": {"version": "==2.0"}',
      '  }',
      '}',
    ].join('\n');
    const manifest = parse(content);
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => [r.name, r.lines, r.markers])).toEqual([
      ['weird', { start: 3, end: 6 }, 'os_name == "}{" and \\ "["'],
      ['next', { start: 7, end: 7 }, undefined],
    ]);
  });

  it('reads a lock with a byte order mark', () => {
    const manifest = parse('\ufeff{"default": {"six": {"version": "==1.16.0"}}}');
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements).toHaveLength(1);
  });

  it('reads CRLF line endings with the same lines', () => {
    const manifest = parse(fixture('basic.Pipfile.lock').replace(/\n/g, '\r\n'));
    expect(manifest.errors).toEqual([]);
    expect(entry(manifest, 'requests').lines).toEqual({ start: 44, end: 52 });
  });
});

describe('parsePipfileLock: hostile input', () => {
  it('reports binary garbage with NUL bytes as one error on line 1', () => {
    const manifest = parse('\u0000\u0001\u0002garbage\u0000{');
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors).toEqual([
      { message: 'invalid JSON: unexpected character U+0000, expected a value', path: 'app/Pipfile.lock', line: 1 },
    ]);
  });

  it('reads a 100,000-line lock', () => {
    const entries = Array.from({ length: 100_000 }, (_, i) => `    "pkg${i}": {"hashes": ["sha256:${'a'.repeat(64)}"], "version": "==1.${i}"}`);
    const manifest = parse(`{\n  "default": {\n${entries.join(',\n')}\n  }\n}\n`);
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements).toHaveLength(100_000);
    expect(manifest.requirements[99_999]).toMatchObject({ name: 'pkg99999', version: '1.99999', lines: { start: 100_002, end: 100_002 } });
  });

  it('survives deep nesting, valid and truncated', () => {
    const deep = parse(`{"default": {"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}`);
    expect(deep.errors.map((e) => e.message)).toEqual(['default: a: expected an object, found an array']);
    const truncated = parse(`{"default": {"a": ${'['.repeat(100_000)}`);
    expect(truncated.errors).toEqual([
      { message: 'invalid JSON: unexpected end of input inside an array', path: 'app/Pipfile.lock', line: 1 },
    ]);
  });

  it('reads a very long line', () => {
    const markers = `python_version >= '3.8'${" or os_name == 'x'".repeat(50_000)}`;
    const manifest = parse(`{"default": {"six": {"markers": "${markers}", "version": "==1.16.0"}}}`);
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements[0]?.markers).toHaveLength(markers.length);
  });
});
