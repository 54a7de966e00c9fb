import { describe, expect, it } from 'vitest';
import { pyprojectFormat } from '../../../src/manifests/pyproject/index.js';
import { only, parseFixture, parseText, summary } from './parse-fixture.js';

describe('pyprojectFormat', () => {
  it('matches pyproject.toml at any depth, and nothing else', () => {
    expect(pyprojectFormat.id).toBe('pyproject');
    expect(pyprojectFormat.matches('pyproject.toml')).toBe(true);
    expect(pyprojectFormat.matches('services/api/pyproject.toml')).toBe(true);
    expect(pyprojectFormat.matches('pyproject.toml.bak')).toBe(false);
    expect(pyprojectFormat.matches('mypyproject.toml')).toBe(false);
    expect(pyprojectFormat.matches('Pyproject.toml')).toBe(false);
  });

  it('parses through the format with the input path', async () => {
    const manifest = await pyprojectFormat.parse({ path: 'libs/a/pyproject.toml', content: '[project]\ndependencies = ["x", 1]\n' });
    expect(manifest.path).toBe('libs/a/pyproject.toml');
    expect(manifest.errors).toEqual([
      { message: '[project] dependencies: item 2 must be a string, not a number', path: 'libs/a/pyproject.toml', line: 2 },
    ]);
  });
});

describe('kind and dialects', () => {
  it.each([
    ['[project]\nname = "a"\n', 'pyproject-pep621', ['pyproject-pep621']],
    ['[dependency-groups]\ndev = []\n', 'pyproject-pep621', ['pyproject-pep621']],
    ['[tool.uv]\n', 'pyproject-uv', ['pyproject-uv']],
    ['[tool.pdm]\n[tool.uv]\n', 'pyproject-pdm', ['pyproject-pdm', 'pyproject-uv']],
    ['[project]\n[tool.poetry]\n[tool.pdm]\n[tool.uv]\n', 'pyproject-poetry', ['pyproject-pep621', 'pyproject-poetry', 'pyproject-pdm', 'pyproject-uv']],
    ['', 'pyproject-pep621', ['pyproject-pep621']],
  ])('%j → %s', (content, kind, dialects) => {
    const manifest = parseText(content);
    expect(manifest.kind).toBe(kind);
    expect(manifest.dialects).toEqual(dialects);
  });

  it('returns an empty manifest, without error, for a file with no dependency information', () => {
    expect(parseFixture('no-dependencies.toml')).toEqual({
      path: 'pyproject.toml',
      kind: 'pyproject-pep621',
      dialects: ['pyproject-pep621'],
      requirements: [],
      errors: [],
    });
  });

  it('reports a [tool] or [tool.x] that is not a table', () => {
    expect(parseText('tool = 1\n').errors.map((e) => [e.line, e.message])).toEqual([[1, '[tool] must be a table, not a number']]);
    const manifest = parseText('[tool]\npoetry = "yes"\n');
    expect(manifest.errors.map((e) => [e.line, e.message])).toEqual([[2, '[tool.poetry] must be a table, not a string']]);
    expect(manifest.kind).toBe('pyproject-pep621');
  });
});

describe('invalid TOML', () => {
  it('is one error at the line smol-toml reports, with no requirements', () => {
    const manifest = parseFixture('invalid-toml.toml');
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors).toEqual([{ message: 'invalid TOML: illegal character in key', path: 'pyproject.toml', line: 7 }]);
  });

  it('reports a redefined key at its line', () => {
    const manifest = parseText('[project]\nname = "a"\nname = "b"\n');
    expect(manifest.errors).toHaveLength(1);
    expect(manifest.errors[0]?.line).toBe(3);
    expect(manifest.errors[0]?.message).toMatch(/^invalid TOML: /);
  });
});

describe('unusual but valid input', () => {
  it('reads dotted keys, quoted keys and inline tables', () => {
    const manifest = parseFixture('unusual-valid.toml');
    expect(manifest.errors).toEqual([]);
    expect(manifest.projectName).toBe('dotted');
    expect(manifest.dialects).toEqual(['pyproject-pep621', 'pyproject-poetry', 'pyproject-uv']);
    expect(summary(manifest)).toEqual([
      ['requests', null, ['main'], 3, 3],
      ['PySocks', null, ['socks-proxy'], 4, 4],
      ['ruff', '==0.4.*', ['lint'], 7, 7],
      ['mypy', '>=1.8', ['lint'], 7, 7],
      ['coverage', '>=7', ['dev'], 15, 15],
    ]);
    expect(only(manifest, 'mypy').markers).toBe('python_version == "3.11.*"');
    expect(only(manifest, 'coverage').extras).toEqual(['toml']);
    expect(manifest.indexes).toEqual([{ option: 'extra-index-url', value: 'https://inline.example/simple', line: 11 }]);
  });

  it('reads CRLF line endings and a byte-order mark', () => {
    const manifest = parseFixture('crlf-bom.toml');
    expect(manifest.errors).toEqual([]);
    expect(summary(manifest)).toEqual([
      ['requests', '>=2', ['main'], 5, 5],
      ['six', null, ['main'], 6, 6],
    ]);
  });

  it('resolves the project naming itself with extras', () => {
    const manifest = parseFixture('self-reference.toml');
    expect(manifest.errors).toEqual([]);
    expect(summary(manifest)).toEqual([
      ['click', null, ['main'], 3, 3],
      ['numpy', null, ['base', 'test', 'all', 'dev'], 6, 6],
      ['pytest', null, ['test', 'all', 'dev'], 7, 7],
      ['ipython', null, ['dev'], 11, 11],
    ]);
    expect(manifest.skipped?.map((s) => [s.line, s.reason])).toEqual([
      [7, 'the project itself with extras base, not a package to audit; their requirements also count in test'],
      [8, 'the project itself with extras test, not a package to audit; their requirements also count in all'],
      [11, 'the project itself with extras all, not a package to audit; their requirements also count in dev'],
    ]);
  });

  it('ends self-referencing extra cycles', () => {
    const manifest = parseText('[project]\nname = "p"\n[project.optional-dependencies]\na = ["x", "p[b]"]\nb = ["y", "p[a]"]\n');
    expect(summary(manifest)).toEqual([
      ['x', null, ['a', 'b'], 4, 4],
      ['y', null, ['b', 'a'], 5, 5],
    ]);
  });

  it('accepts nesting up to the limit with exact lines after it', () => {
    const manifest = parseText(`[project]\nname = "x"\nfoo = ${'['.repeat(100)}${']'.repeat(100)}\ndependencies = ["a"]\n`);
    expect(manifest.errors).toEqual([]);
    expect(only(manifest, 'a').lines).toEqual({ start: 4, end: 4 });
  });
});

describe('hostile input', () => {
  it('survives binary garbage with NUL bytes', () => {
    const bytes = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
    const manifest = parseText(`\u0000\u0001${bytes}`);
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors).toHaveLength(1);
    expect(manifest.errors[0]?.line).toBe(1);
  });

  it('rejects an array nested 10,000 deep with one error', () => {
    const manifest = parseText(`[project]\nname = "x"\ndependencies = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    expect(manifest.requirements).toEqual([]);
    expect(manifest.errors).toEqual([
      { message: 'invalid TOML: document contains excessively nested structures. aborting.', path: 'pyproject.toml', line: 3 },
    ]);
  });

  it('rejects nesting just beyond what the line locator follows', () => {
    const manifest = parseText(`[project]\nfoo = ${'['.repeat(300)}${']'.repeat(300)}\ndependencies = ["a"]\n`);
    expect(manifest.errors).toHaveLength(1);
    expect(manifest.errors[0]?.line).toBe(2);
  });

  it('reads 100,000 dependencies with exact lines', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `  "pkg${i}>=1.${i}",`);
    const manifest = parseText(`[project]\ndependencies = [\n${lines.join('\n')}\n]\n`);
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements).toHaveLength(100_000);
    expect(manifest.requirements[99_999]).toMatchObject({ name: 'pkg99999', specifier: '>=1.99999', lines: { start: 100_002, end: 100_002 } });
  }, 60_000);

  it('reads 100,000 Poetry dependencies with exact lines', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `pkg${i} = "^1.${i}"`);
    const manifest = parseText(`[tool.poetry.dependencies]\n${lines.join('\n')}\n`);
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements).toHaveLength(100_000);
    expect(manifest.requirements[99_999]).toMatchObject({ name: 'pkg99999', specifier: '>=1.99999,<2.0', lines: { start: 100_001, end: 100_001 } });
  }, 60_000);

  it('reads 10,000 expanded Poetry tables without slowing down', () => {
    const sections = Array.from({ length: 10_000 }, (_, i) => `[tool.poetry.dependencies.pkg${i}]\nversion = "^1.${i}"`);
    const manifest = parseText(sections.join('\n'));
    expect(manifest.requirements).toHaveLength(10_000);
    expect(manifest.requirements[9_999]?.lines).toEqual({ start: 19_999, end: 20_000 });
  }, 60_000);

  it('survives very long lines', () => {
    const long = 'x'.repeat(1_000_000);
    const manifest = parseText(`# ${long}\n[project]\ndependencies = ["a${long}>=1", "b"]\n`);
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => [r.name.length, r.lines.start])).toEqual([
      [1_000_001, 3],
      [1, 3],
    ]);
  });
});
