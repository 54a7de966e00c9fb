import { describe, expect, it } from 'vitest';
import { only, parseFixture, parseText, summary } from './parse-fixture.js';

describe('uv [tool.uv]', () => {
  const manifest = parseFixture('uv-sources.toml');

  it('reads dev, constraint and override dependencies', () => {
    expect(manifest.kind).toBe('pyproject-uv');
    expect(manifest.dialects).toEqual(['pyproject-pep621', 'pyproject-uv']);
    expect(manifest.errors).toEqual([]);
    expect(summary(manifest)).toEqual([
      ['httpx', '>=0.27', ['main'], 4, 4],
      ['torch', '>=2.3', ['main'], 5, 5],
      ['shared-lib', null, ['main'], 6, 6],
      ['local-utils', null, ['main'], 7, 7],
      ['rich', null, ['git'], 11, 11],
      ['pytest', '>=8', ['dev'], 14, 14],
      ['remote-pkg', null, ['dev'], 14, 14],
      ['ruff', '>=0.4', ['dev'], 17, 17],
      ['grpcio', '<1.65', ['constraint'], 18, 18],
      ['werkzeug', '==2.3.8', ['override'], 19, 19],
    ]);
    expect(only(manifest, 'grpcio').constraintOnly).toBe(true);
    expect(only(manifest, 'werkzeug')).toMatchObject({ constraintOnly: true, version: '2.3.8' });
    expect(only(manifest, 'ruff').constraintOnly).toBeUndefined();
  });

  it('applies [tool.uv.sources] to the requirements of that name, in any group', () => {
    expect(only(manifest, 'rich').source).toEqual({ type: 'vcs', url: 'https://github.com/Textualize/rich', ref: 'v13.7.1' });
    expect(only(manifest, 'httpx').source).toEqual({ type: 'vcs', url: 'https://github.com/encode/httpx', ref: '4b5a92e' });
    expect(only(manifest, 'torch').source).toEqual({ type: 'registry', url: 'https://download.pytorch.org/whl/cpu' });
    expect(only(manifest, 'shared-lib').source).toEqual({ type: 'path', url: '<workspace>' });
    expect(only(manifest, 'local-utils').source).toEqual({ type: 'path', url: '../local-utils', editable: true });
    expect(only(manifest, 'remote-pkg').source).toEqual({ type: 'url', url: 'https://example.com/remote_pkg-1.0-py3-none-any.whl' });
    expect(only(manifest, 'pytest').source).toEqual({ type: 'registry' });
  });

  it('records a source for a package nothing declares as a skip', () => {
    expect(manifest.skipped).toEqual([
      {
        line: 28,
        text: 'unused = { git = "https://github.com/x/unused" }',
        reason: 'a source for "unused", which no requirement of this file declares',
      },
    ]);
  });

  it('maps indexes: default = true is the index-url, the others extra-index-url', () => {
    expect(manifest.indexes).toEqual([
      { option: 'extra-index-url', value: 'https://download.pytorch.org/whl/cpu', line: 32 },
      { option: 'index-url', value: 'https://corp.example/simple', line: 37 },
    ]);
  });

  it('reads the pip-style index settings', () => {
    const pip = parseText(
      '[tool.uv]\nindex-url = "https://a.example/simple"\nextra-index-url = [\n  "https://b.example/simple",\n]\nfind-links = ["./wheels"]\nno-index = true\n',
    );
    expect(pip.indexes).toEqual([
      { option: 'index-url', value: 'https://a.example/simple', line: 2 },
      { option: 'extra-index-url', value: 'https://b.example/simple', line: 4 },
      { option: 'find-links', value: './wheels', line: 6 },
      { option: 'no-index', value: '', line: 7 },
    ]);
  });

  it('reports unreadable sources at their lines', () => {
    const bad = parseText(
      [
        '[project]',
        'dependencies = ["a", "b", "c"]',
        '[tool.uv.sources]',
        'a = { index = "nope" }',
        'b = { something = "else" }',
        'c = "git"',
        '[tool.uv]',
        'dev-dependencies = "ruff"',
      ].join('\n'),
    );
    expect(bad.errors.map((e) => [e.line, e.message])).toEqual([
      [4, '[tool.uv.sources] a: index "nope" is not declared in [[tool.uv.index]]'],
      [5, '[tool.uv.sources] b: expected one of git, path, url, index or workspace = true'],
      [6, '[tool.uv.sources] c: must be a table, not a string'],
      [8, '[tool.uv] dev-dependencies must be an array of strings, not a string'],
    ]);
    expect(bad.requirements.map((r) => r.source)).toEqual([{ type: 'registry' }, { type: 'registry' }, { type: 'registry' }]);
  });

  it('takes the first of a marker-chosen list of sources', () => {
    const list = parseText(
      [
        '[project]',
        'dependencies = ["torch"]',
        '[tool.uv.sources]',
        'torch = [',
        '  { index = "cpu", marker = "sys_platform != \'linux\'" },',
        '  { index = "cu124", marker = "sys_platform == \'linux\'" },',
        ']',
        '[[tool.uv.index]]',
        'name = "cpu"',
        'url = "https://cpu.example/simple"',
        '[[tool.uv.index]]',
        'name = "cu124"',
        'url = "https://cu124.example/simple"',
      ].join('\n'),
    );
    expect(list.errors).toEqual([]);
    expect(only(list, 'torch').source).toEqual({ type: 'registry', url: 'https://cpu.example/simple' });
  });
});
