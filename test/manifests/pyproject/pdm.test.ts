import { describe, expect, it } from 'vitest';
import { only, parseFixture, parseText, summary } from './parse-fixture.js';

describe('PDM [tool.pdm]', () => {
  const manifest = parseFixture('pdm.toml');

  it('reads legacy dev-dependencies by group, editable entries included', () => {
    expect(manifest.kind).toBe('pyproject-pdm');
    expect(manifest.dialects).toEqual(['pyproject-pep621', 'pyproject-pdm']);
    expect(manifest.errors).toEqual([]);
    expect(summary(manifest)).toEqual([
      ['flask', '>=3', ['main'], 4, 4],
      ['pytest', '>=8', ['test'], 8, 8],
      ['foo-core', null, ['test'], 9, 9],
      ['click', null, ['lint'], 12, 12],
      ['my-plugin', null, ['lint'], 14, 14],
      ['ruff', '==0.4.1', ['lint'], 15, 15],
      ['asgiref', '>=3.2.10', ['override'], 19, 19],
      ['urllib3', '==1.26.18', ['override'], 20, 20],
    ]);
  });

  it('gives editable entries their source', () => {
    expect(only(manifest, 'foo-core').source).toEqual({
      type: 'path',
      url: 'file:///${PROJECT_ROOT}/packages/foo-core',
      editable: true,
    });
    expect(only(manifest, 'click').source).toEqual({
      type: 'vcs',
      url: 'git+https://github.com/pallets/click.git@main',
      ref: 'main',
    });
    expect(only(manifest, 'my-plugin').source).toEqual({
      type: 'path',
      url: 'file:///${PROJECT_ROOT}/plugins/my-plugin',
      editable: true,
    });
  });

  it('skips an editable path without a package name', () => {
    expect(manifest.skipped).toEqual([
      {
        line: 13,
        text: '"-e ./local-tool",',
        reason: 'editable local project without a package name (no #egg=): it is installed from the repository itself',
      },
    ]);
  });

  it('reads resolution overrides as constraint-only requirements', () => {
    expect(only(manifest, 'asgiref').constraintOnly).toBe(true);
    expect(only(manifest, 'urllib3')).toMatchObject({ constraintOnly: true, version: '1.26.18' });
    expect(only(manifest, 'flask').constraintOnly).toBeUndefined();
  });

  it('maps sources onto index options', () => {
    expect(manifest.indexes).toEqual([
      { option: 'index-url', value: 'https://mirror.example/simple', line: 24 },
      { option: 'extra-index-url', value: 'https://internal.example/simple', line: 28 },
      { option: 'trusted-host', value: 'internal.example', line: 28 },
      { option: 'find-links', value: 'https://links.example/wheels/', line: 33 },
    ]);
  });

  it('reports malformed editable entries and non-table sections', () => {
    const bad = parseText('[tool.pdm]\ndev-dependencies = 3\n\n[tool.pdm.resolution.overrides]\nx = 1\n');
    expect(bad.errors.map((e) => [e.line, e.message])).toEqual([
      [2, '[tool.pdm.dev-dependencies] must be a table, not a number'],
      [5, '[tool.pdm.resolution.overrides] x must be a string, not a number'],
    ]);
    const editable = parseText('[tool.pdm.dev-dependencies]\ndev = ["-e ", "-e git+https://h/r.git#egg=bad!name"]\n');
    expect(editable.errors.map((e) => [e.line, e.message])).toEqual([
      [2, '[tool.pdm.dev-dependencies] dev: editable entry without a path or URL'],
      [2, '[tool.pdm.dev-dependencies] dev: invalid package name "bad!name" in #egg='],
    ]);
  });
});
