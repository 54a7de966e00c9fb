import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { condaEnvironmentFormat, parseCondaEnvironment } from '../../../src/manifests/conda/index.js';
import type { Manifest, Requirement } from '../../../src/manifests/types.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function parse(content: string): Manifest {
  return parseCondaEnvironment({ path: 'env/environment.yml', content });
}

function byName(manifest: Manifest, name: string): Requirement {
  const found = manifest.requirements.find((r) => r.name === name);
  if (!found) throw new Error(`no requirement ${name}`);
  return found;
}

const CONDA = 'a conda package (from a conda channel, not PyPI)';

describe('condaEnvironmentFormat', () => {
  it('matches environment.yml, environment.yaml and their named variants', () => {
    expect(condaEnvironmentFormat.id).toBe('conda-environment');
    for (const path of [
      'environment.yml',
      'environment.yaml',
      'ci/environment-dev.yml',
      'environment_cpu.yaml',
      'dev-environment.yml',
      'docs.environment.yml',
    ]) {
      expect(condaEnvironmentFormat.matches(path), path).toBe(true);
    }
    for (const path of ['environments.yml', 'environment.json', 'myenvironment.yml', 'config.yml', 'environment.yml/x']) {
      expect(condaEnvironmentFormat.matches(path), path).toBe(false);
    }
  });
});

describe('parseCondaEnvironment: basic', () => {
  const manifest = parse(fixture('basic.environment.yml'));

  it('makes requirements of the pip list only, each with its own lines', () => {
    expect(manifest.kind).toBe('conda-environment');
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => [r.name, r.specifier, r.groups, r.lines])).toEqual([
      ['requests', '==2.31.0', ['main'], { start: 12, end: 12 }],
      ['flask', '>=2.3', ['main'], { start: 13, end: 13 }],
      ['Django', '>=4.2', ['main'], { start: 14, end: 14 }],
      ['long-name-package', '>=1.0,<2', ['main'], { start: 16, end: 18 }],
    ]);
  });

  it('reads extras, markers, versions and per-requirement hashes', () => {
    expect(byName(manifest, 'requests').version).toBe('2.31.0');
    expect(byName(manifest, 'flask').extras).toEqual(['async']);
    expect(byName(manifest, 'flask').markers).toBe("python_version >= '3.9'");
    expect(byName(manifest, 'Django').normalizedName).toBe('django');
    expect(byName(manifest, 'Django').hashes).toEqual(['sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef']);
  });

  it('records conda packages as skipped and takes requiresPython from python=3.11', () => {
    expect(manifest.requiresPython).toBe('==3.11.*');
    expect(manifest.skipped).toEqual([
      { line: 6, text: 'python=3.11', reason: CONDA },
      { line: 7, text: 'numpy=1.26', reason: CONDA },
      { line: 8, text: 'pandas>=2.1', reason: CONDA },
      { line: 9, text: 'conda-forge::scipy', reason: CONDA },
      { line: 10, text: 'pip', reason: CONDA },
    ]);
  });

  it('does not read channels as package indexes', () => {
    expect(manifest.indexes).toBeUndefined();
  });
});

describe('parseCondaEnvironment: pip options', () => {
  const manifest = parse(fixture('pip-options.environment.yml'));

  it('reads index options with their lines', () => {
    expect(manifest.indexes).toEqual([
      { option: 'index-url', value: 'https://pypi.example.org/simple', line: 5 },
      { option: 'extra-index-url', value: 'https://extra.example.org/simple', line: 6 },
      { option: 'trusted-host', value: 'pypi.example.org', line: 7 },
    ]);
  });

  it('reads -r and -c as includes', () => {
    expect(manifest.includes).toEqual([
      { target: 'requirements.txt', kind: 'requirement', line: 8 },
      { target: 'constraints.txt', kind: 'constraint', line: 9 },
    ]);
  });

  it('reads named VCS URLs (editable or not) as requirements', () => {
    expect(byName(manifest, 'tool')).toMatchObject({
      source: { type: 'vcs', url: 'git+https://github.com/example/tool.git@v2.0#egg=tool', ref: 'v2.0' },
      specifier: null,
      lines: { start: 11, end: 11 },
    });
    expect(byName(manifest, 'examplelib').source).toEqual({
      type: 'vcs',
      url: 'git+https://github.com/example/lib.git@main#egg=examplelib',
      ref: 'main',
    });
    expect(byName(manifest, 'attrs').lines).toEqual({ start: 17, end: 17 });
  });

  it('skips what names no package, and says why', () => {
    expect(manifest.skipped).toEqual([
      { line: 3, text: 'python>=3.10,<3.13', reason: CONDA },
      { line: 10, text: '-e .', reason: 'editable install of a local project without a package name (#egg=)' },
      { line: 13, text: 'https://example.com/archive.tar.gz', reason: 'a URL or path without a package name (#egg=)' },
      { line: 14, text: '--pre', reason: 'pip option --pre does not declare a dependency' },
    ]);
    expect(manifest.requiresPython).toBe('>=3.10,<3.13');
  });

  it('reports entries that are not requirements at their lines', () => {
    expect(manifest.errors.map((e) => [e.line, e.message])).toEqual([
      [15, 'a pip requirement must be a string, found number 42'],
      [16, 'invalid pip requirement: unexpected "a valid requirement!!" after the name "not"'],
    ]);
  });
});

describe('parseCondaEnvironment: malformed input', () => {
  it('reports a YAML error with its line and still reads the rest', () => {
    const manifest = parse(fixture('invalid-yaml.environment.yml'));
    expect(manifest.errors.map((e) => [e.line, e.message])).toEqual([
      [6, 'a pip requirement must be a string, found a list'],
      [7, 'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ]);
    expect(manifest.requirements.map((r) => [r.name, r.lines.start])).toEqual([['requests', 5]]);
    expect(manifest.skipped?.map((s) => s.text)).toEqual(['numpy', 'scipy']);
  });

  it('refuses an alias bomb with an error instead of expanding it', () => {
    const started = Date.now();
    const manifest = parse(fixture('alias-bomb.environment.yml'));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors).toEqual([
      {
        message: 'YAML aliases expand beyond 100 nodes (an alias bomb?); the file is not read',
        path: 'env/environment.yml',
        line: 3,
      },
    ]);
  });

  it('reports a top level that is not a mapping', () => {
    expect(parse('name: x\n---\n').errors).toHaveLength(1);
    expect(parse('- numpy\n- pip:\n  - requests\n').errors).toEqual([
      { message: 'an environment file must be a mapping with a "dependencies" list', path: 'env/environment.yml', line: 1 },
    ]);
  });

  it('reports dependencies that are not a list, at the key', () => {
    expect(parse('name: x\ndependencies: numpy\n').errors).toEqual([
      { message: '"dependencies" must be a list', path: 'env/environment.yml', line: 2 },
    ]);
  });

  it('reports malformed entries and a pip key that is not a list', () => {
    const manifest = parse('dependencies:\n  - 3.10\n  - other: [a]\n  - pip: requests\n  - pip:\n    - six\n');
    expect(manifest.errors.map((e) => [e.line, e.message])).toEqual([
      [2, 'a dependency must be a conda package spec or a "pip:" list, found number 3.1'],
      [3, 'unexpected key "other" in dependencies: only "pip:" holds a list of PyPI requirements'],
      [4, '"pip" must be a list of requirement strings'],
    ]);
    expect(manifest.requirements.map((r) => [r.name, r.lines.start])).toEqual([['six', 6]]);
  });
});

describe('parseCondaEnvironment: unusual but valid input', () => {
  it('reads an empty file, and a file without dependencies, as empty manifests', () => {
    expect(parse('')).toEqual({ path: 'env/environment.yml', kind: 'conda-environment', requirements: [], errors: [] });
    expect(parse('name: x\nchannels: [conda-forge]\n').errors).toEqual([]);
    expect(parse('dependencies:\n').errors).toEqual([]);
  });

  it('reads flow style, quoted strings and aliases to single entries', () => {
    const manifest = parse('x: &req "attrs==23.1.0"\ndependencies: [python>=3.9, {pip: [*req, "six"]}]\n');
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => [r.name, r.version])).toEqual([
      ['attrs', '23.1.0'],
      ['six', null],
    ]);
    expect(manifest.requiresPython).toBe('>=3.9');
  });

  it('reads CRLF line endings with the same lines', () => {
    const manifest = parse(fixture('basic.environment.yml').replace(/\n/g, '\r\n'));
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => r.lines)).toEqual([
      { start: 12, end: 12 },
      { start: 13, end: 13 },
      { start: 14, end: 14 },
      { start: 16, end: 18 },
    ]);
  });
});

describe('parseCondaEnvironment: hostile input', () => {
  it('reports binary garbage with NUL bytes without throwing', () => {
    const manifest = parse('\u0000\u0001\u0002\u00ff\ufffe garbage: [\u0000');
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors.length).toBeGreaterThan(0);
    expect(manifest.errors[0]?.line).toBe(1);
  });

  it('reads a 100,000-line file', () => {
    const conda = Array.from({ length: 50_000 }, (_, i) => `  - conda${i}=1.${i}`);
    const pip = Array.from({ length: 50_000 }, (_, i) => `      - pkg${i}==1.${i}`);
    const manifest = parse(`dependencies:\n${conda.join('\n')}\n  - pip:\n${pip.join('\n')}\n`);
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements).toHaveLength(50_000);
    expect(manifest.skipped).toHaveLength(50_000);
    expect(manifest.requirements[49_999]).toMatchObject({ name: 'pkg49999', version: '1.49999', lines: { start: 100_002, end: 100_002 } });
  });

  it('survives deep nesting', () => {
    const manifest = parse(`dependencies: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors.length).toBeGreaterThan(0);
  });

  it('rejects a megabyte-long specifier quickly, at its line', () => {
    const manifest = parse(`dependencies:\n  - pip:\n    - six\n    - "requests${'>=1,'.repeat(250_000)}>=2"\n`);
    expect(manifest.requirements.map((r) => r.name)).toEqual(['six']);
    expect(manifest.errors).toEqual([
      { message: 'requirement (before its markers) longer than 10000 characters', path: 'env/environment.yml', line: 4 },
    ]);
  });

  it('reads a very long line', () => {
    const manifest = parse(`dependencies:\n  - pip:\n    - "six>=1.0 ; ${"os_name == 'x' or ".repeat(50_000)}os_name == 'y'"\n`);
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements[0]?.lines).toEqual({ start: 3, end: 3 });
  });
});
