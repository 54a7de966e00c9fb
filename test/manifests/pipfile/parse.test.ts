import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePipfile, pipfileFormat } from '../../../src/manifests/pipfile/index.js';
import type { Manifest, Requirement } from '../../../src/manifests/types.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function parse(content: string): Manifest {
  return parsePipfile({ path: 'app/Pipfile', content });
}

function byName(manifest: Manifest, name: string, group?: string): Requirement {
  const found = manifest.requirements.find((r) => r.name === name && (group === undefined || r.groups.includes(group)));
  if (!found) throw new Error(`no requirement ${name}`);
  return found;
}

describe('pipfileFormat', () => {
  it('matches files named exactly Pipfile', () => {
    expect(pipfileFormat.id).toBe('pipfile');
    expect(pipfileFormat.matches('Pipfile')).toBe(true);
    expect(pipfileFormat.matches('services/api/Pipfile')).toBe(true);
    expect(pipfileFormat.matches('Pipfile.lock')).toBe(false);
    expect(pipfileFormat.matches('pipfile')).toBe(false);
    expect(pipfileFormat.matches('docs/Pipfile.md')).toBe(false);
  });
});

describe('parsePipfile: basic', () => {
  const manifest = parse(fixture('basic.Pipfile'));

  it('reads [packages] as main and [dev-packages] as dev, with exact lines', () => {
    expect(manifest.kind).toBe('pipfile');
    expect(manifest.path).toBe('app/Pipfile');
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => [r.name, r.groups, r.lines])).toEqual([
      ['requests', ['main'], { start: 7, end: 7 }],
      ['Django', ['main'], { start: 8, end: 8 }],
      ['flask', ['main'], { start: 9, end: 9 }],
      ['pytest', ['dev'], { start: 12, end: 12 }],
      ['black', ['dev'], { start: 13, end: 13 }],
    ]);
  });

  it('translates "*" to no specifier and keeps what was written', () => {
    const requests = byName(manifest, 'requests');
    expect(requests.specifier).toBeNull();
    expect(requests.writtenSpecifier).toBe('*');
    expect(requests.version).toBeNull();
    expect(requests.source).toEqual({ type: 'registry' });
  });

  it('keeps the written name, normalises it, and pins exact versions', () => {
    const django = byName(manifest, 'Django');
    expect(django.normalizedName).toBe('django');
    expect(django.specifier).toBe('==4.2.7');
    expect(django.version).toBe('4.2.7');
    expect(django.writtenSpecifier).toBeUndefined();
  });

  it('removes whitespace from ranges and keeps the original spelling', () => {
    const flask = byName(manifest, 'flask');
    expect(flask.specifier).toBe('>=2.0,<3');
    expect(flask.writtenSpecifier).toBe('>=2.0, <3');
    expect(flask.version).toBeNull();
    expect(byName(manifest, 'pytest').specifier).toBe('~=7.4');
  });

  it('reads [[source]] as the index and [requires] python_version as a series', () => {
    expect(manifest.indexes).toEqual([{ option: 'index-url', value: 'https://pypi.org/simple', line: 2 }]);
    expect(manifest.requiresPython).toBe('==3.11.*');
  });
});

describe('parsePipfile: table values', () => {
  const manifest = parse(fixture('tables.Pipfile'));

  it('reads every entry without errors', () => {
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements).toHaveLength(15);
  });

  it('reads version and extras', () => {
    const requests = byName(manifest, 'requests');
    expect(requests.specifier).toBe('>=2.31');
    expect(requests.extras).toEqual(['socks', 'security']);
    expect(requests.lines).toEqual({ start: 13, end: 13 });
  });

  it('turns marker-variable keys into PEP 508 markers, joined with markers', () => {
    expect(byName(manifest, 'pywin32').markers).toBe("sys_platform == 'win32'");
    expect(byName(manifest, 'pywin32').specifier).toBeNull();
    expect(byName(manifest, 'uvloop').markers).toBe("python_version >= '3.8' and os_name != 'nt'");
    expect(byName(manifest, 'uvloop').version).toBe('0.19.0');
    expect(byName(manifest, 'either').markers).toBe(
      "(sys_platform == 'linux' or sys_platform == 'darwin') and python_version >= '3.9'",
    );
  });

  it('resolves index = "name" to that source URL', () => {
    const zope = byName(manifest, 'zope.interface');
    expect(zope.normalizedName).toBe('zope-interface');
    expect(zope.source).toEqual({ type: 'registry', url: 'http://mirror.internal:8080/simple' });
    expect(zope.version).toBe('6.1');
    const privateLib = byName(manifest, 'private_lib');
    expect(privateLib.normalizedName).toBe('private-lib');
    expect(privateLib.source).toEqual({ type: 'registry', url: 'http://mirror.internal:8080/simple' });
    expect(privateLib.specifier).toBeNull();
  });

  it('reads git and hg entries as VCS sources with their ref', () => {
    expect(byName(manifest, 'mylib').source).toEqual({
      type: 'vcs',
      url: 'https://github.com/example/mylib.git',
      ref: 'v1.2.0',
    });
    expect(byName(manifest, 'hglib').source).toEqual({ type: 'vcs', url: 'https://hg.example.org/hglib' });
  });

  it('reads path and file entries as path or URL sources', () => {
    expect(byName(manifest, 'localpkg').source).toEqual({ type: 'path', url: './libs/localpkg', editable: true });
    expect(byName(manifest, 'wheelpkg').source).toEqual({
      type: 'url',
      url: 'https://files.example.com/wheelpkg-1.0-py3-none-any.whl',
    });
    expect(byName(manifest, 'archive').source).toEqual({ type: 'path', url: './vendor/archive-2.0.tar.gz' });
  });

  it('strips parentheses like pipenv and accepts an empty table as any version', () => {
    expect(byName(manifest, 'parens').specifier).toBe('>=1.0');
    expect(byName(manifest, 'parens').writtenSpecifier).toBe('(>=1.0)');
    expect(byName(manifest, 'anything').specifier).toBeNull();
  });

  it('gives a [packages.name] sub-table its header-to-last-key range, without trailing comments', () => {
    const numpy = byName(manifest, 'numpy');
    expect(numpy.specifier).toBe('>=1.26');
    expect(numpy.extras).toEqual([]);
    expect(numpy.lines).toEqual({ start: 27, end: 29 });
  });

  it('reads quoted keys and keeps their spelling', () => {
    const theme = byName(manifest, 'Sphinx_RTD.Theme');
    expect(theme.normalizedName).toBe('sphinx-rtd-theme');
    expect(theme.groups).toEqual(['dev']);
    expect(theme.lines).toEqual({ start: 34, end: 34 });
  });

  it('lists extra sources as extra-index-url and verify_ssl = false as a trusted host', () => {
    expect(manifest.indexes).toEqual([
      { option: 'index-url', value: 'https://pypi.org/simple', line: 3 },
      { option: 'extra-index-url', value: 'http://mirror.internal:8080/simple', line: 9 },
      { option: 'trusted-host', value: 'mirror.internal:8080', line: 10 },
    ]);
  });

  it('prefers python_full_version as an exact pin', () => {
    expect(manifest.requiresPython).toBe('==3.11.4');
  });
});

describe('parsePipfile: package categories', () => {
  const manifest = parse(fixture('categories.Pipfile'));

  it('reads custom category tables as groups named after the table', () => {
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => [r.name, r.groups[0], r.lines.start])).toEqual([
      ['requests', 'main', 7],
      ['pytest', 'dev', 10],
      ['sphinx', 'docs', 13],
      ['sphinx-rtd-theme', 'docs', 14],
      ['requests', 'tests-integration', 17],
    ]);
  });

  it('keeps a package of two categories as two requirements with their own lines', () => {
    const requests = manifest.requirements.filter((r) => r.normalizedName === 'requests');
    expect(requests.map((r) => [r.groups, r.specifier, r.lines.start])).toEqual([
      [['main'], null, 7],
      [['tests-integration'], '==2.31.0', 17],
    ]);
  });

  it('does not read [scripts] or [pipenv] as packages', () => {
    expect(manifest.requirements.some((r) => r.name === 'test' || r.name === 'allow_prereleases')).toBe(false);
  });
});

describe('parsePipfile: malformed input', () => {
  it('reports invalid TOML once, with its line', () => {
    const manifest = parse(fixture('invalid-toml.Pipfile'));
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors).toEqual([{ message: 'invalid TOML: invalid value', path: 'app/Pipfile', line: 3 }]);
  });

  it('reports each malformed entry at its line and still reads the others', () => {
    const manifest = parse(fixture('malformed-entries.Pipfile'));
    expect(manifest.requirements.map((r) => [r.name, r.lines.start])).toEqual([
      ['good', 8],
      ['unknown-index', 12],
      ['last', 17],
    ]);
    expect(manifest.errors.map((e) => [e.line, e.message])).toEqual([
      [1, 'top-level key "orphan" is not a table of packages (found "not a table")'],
      [9, '[packages] numeric: expected a version string or a table, found the number 1.5'],
      [10, '[packages] bad-spec: invalid version specifier "1.2.3"'],
      [11, '[packages] invalid package name "bad name!"'],
      [12, '[packages] unknown-index: index "nowhere" is not the name of any [[source]]'],
      [13, '[packages] bad-extras: "extras" must be a list of extra names'],
      [14, '[packages] bad-version: "version" must be a string, found the number 2'],
      [15, `[packages] bad-marker: "sys_platform" must be a comparison string like "== 'value'"`],
      [16, '[packages] listed: expected a version string or a table, found an array'],
      [20, 'python_version must be a version string like "3.11", not the number 3.1'],
    ]);
    expect(manifest.errors.every((e) => e.path === 'app/Pipfile')).toBe(true);
    expect(byName(manifest, 'unknown-index').source).toEqual({ type: 'registry' });
    expect(manifest.requiresPython).toBeUndefined();
  });

  it('reports a source without a url and keeps the valid ones', () => {
    const manifest = parse('[[source]]\nname = "broken"\n\n[[source]]\nurl = "https://ok.example/simple"\nverify_ssl = "no"\n');
    expect(manifest.errors.map((e) => [e.line, e.message])).toEqual([
      [1, 'source #1 has no "url" string'],
      [6, 'source "https://ok.example/simple": verify_ssl must be true or false'],
    ]);
    expect(manifest.indexes).toEqual([{ option: 'index-url', value: 'https://ok.example/simple', line: 5 }]);
  });
});

describe('parsePipfile: unusual but valid input', () => {
  it('reads an empty Pipfile as an empty manifest', () => {
    expect(parse('')).toEqual({ path: 'app/Pipfile', kind: 'pipfile', requirements: [], errors: [] });
  });

  it('reads dotted keys and inline tables in the root table', () => {
    const manifest = parse('packages.requests = "==2.31.0"\n"dev-packages" = { pytest = "*" }\n');
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => [r.name, r.groups[0], r.version, r.lines])).toEqual([
      ['requests', 'main', '2.31.0', { start: 1, end: 1 }],
      ['pytest', 'dev', null, { start: 2, end: 2 }],
    ]);
  });

  it('reads CRLF line endings with the same lines', () => {
    const manifest = parse(fixture('basic.Pipfile').replace(/\n/g, '\r\n'));
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => r.lines.start)).toEqual([7, 8, 9, 12, 13]);
  });

  it('reads a multi-line table value with its whole range', () => {
    const manifest = parse('[packages]\nrequests = {version = ">=2", extras = [\n  "socks",\n  "security",\n]}\nidna = "*"\n');
    expect(manifest.errors).toEqual([]);
    expect(byName(manifest, 'requests').extras).toEqual(['socks', 'security']);
    expect(byName(manifest, 'requests').lines).toEqual({ start: 2, end: 5 });
    expect(byName(manifest, 'idna').lines).toEqual({ start: 6, end: 6 });
  });

  it('reads python_version with a wildcard and a bare major version', () => {
    expect(parse('[requires]\npython_version = "3"\n').requiresPython).toBe('==3.*');
    expect(parse('[requires]\npython_version = "3.12.*"\n').requiresPython).toBe('==3.12.*');
  });
});

describe('parsePipfile: hostile input', () => {
  it('reports binary garbage with NUL bytes as one error', () => {
    const manifest = parse('\u0000\u0001\u0002\ufffd\u0000[packages]\n\u0000');
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors).toHaveLength(1);
    expect(manifest.errors[0]?.line).toBe(1);
    expect(manifest.errors[0]?.message).toMatch(/^invalid TOML: /);
  });

  it('reads 100,000 packages with their lines', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `pkg${i} = "==1.${i}"`);
    const manifest = parse(`[packages]\n${lines.join('\n')}\n`);
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements).toHaveLength(100_000);
    expect(manifest.requirements[99_999]).toMatchObject({ name: 'pkg99999', version: '1.99999', lines: { start: 100_001, end: 100_001 } });
  });

  it('reads a 100,000-line file of [packages.x] sub-tables in linear time', () => {
    const tables = Array.from({ length: 50_000 }, (_, i) => `[packages.pkg${i}]\nversion = "==2.${i}"`);
    const started = Date.now();
    const manifest = parse(tables.join('\n'));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(manifest.requirements).toHaveLength(50_000);
    expect(manifest.requirements[49_999]?.lines).toEqual({ start: 99_999, end: 100_000 });
  });

  it('rejects a megabyte-long version specifier quickly, at its line', () => {
    const manifest = parse(`[packages]\nok = "*"\nrequests = "${'>=1,'.repeat(250_000)}>=2"\n`);
    expect(manifest.requirements.map((r) => r.name)).toEqual(['ok']);
    expect(manifest.errors).toEqual([
      { message: '[packages] requests: version specifier longer than 10000 characters', path: 'app/Pipfile', line: 3 },
    ]);
  });

  it('survives deeply nested arrays', () => {
    const manifest = parse(`[packages]\nx = ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors).toHaveLength(1);
    expect(manifest.errors[0]?.line).toBe(2);
  });
});
