import { describe, expect, it } from 'vitest';
import { only, parseFixture, parseText, summary } from './parse-fixture.js';

describe('PEP 621 [project]', () => {
  const manifest = parseFixture('pep621-basic.toml');

  it('reads name, requires-python, dependencies, extras and build requirements with their lines', () => {
    expect(manifest.kind).toBe('pyproject-pep621');
    expect(manifest.dialects).toEqual(['pyproject-pep621']);
    expect(manifest.projectName).toBe('Demo_App');
    expect(manifest.requiresPython).toBe('>=3.9');
    expect(manifest.errors).toEqual([]);
    expect(summary(manifest)).toEqual([
      ['setuptools', '>=61', ['build'], 2, 2],
      ['wheel', null, ['build'], 2, 2],
      ['requests', '>=2.28,<3', ['main'], 10, 10],
      ['Django', '==4.2.11', ['main'], 11, 11],
      ['attrs', null, ['main'], 12, 12],
      ['click', '>=8.0', ['main'], 13, 14],
      ['private-pkg', null, ['main'], 15, 15],
      ['pytest', '>=7', ['test'], 20, 20],
      ['pytest-cov', null, ['test'], 21, 21],
      ['sphinx', '~=7.2', ['docs'], 23, 23],
    ]);
  });

  it('keeps extras, markers, pins and direct references', () => {
    expect(only(manifest, 'requests').extras).toEqual(['security', 'socks']);
    const django = only(manifest, 'django');
    expect(django.version).toBe('4.2.11');
    expect(django.markers).toBe('python_version >= "3.10"');
    expect(only(manifest, 'private-pkg').source).toEqual({ type: 'url', url: 'https://example.com/private-pkg-1.0.tar.gz' });
    expect(only(manifest, 'attrs').source).toEqual({ type: 'registry' });
  });

  it('records dynamic dependencies as skips, not errors', () => {
    const dynamic = parseFixture('pep621-dynamic.toml');
    expect(dynamic.errors).toEqual([]);
    expect(dynamic.requirements).toEqual([]);
    expect(dynamic.projectName).toBe('dynamic-demo');
    expect(dynamic.skipped).toEqual([
      {
        line: 3,
        text: 'dynamic = ["version", "dependencies", "optional-dependencies"]',
        reason: 'dependencies are dynamic: the build backend computes them, they are not listed here',
      },
      {
        line: 3,
        text: 'dynamic = ["version", "dependencies", "optional-dependencies"]',
        reason: 'optional-dependencies are dynamic: the build backend computes them, they are not listed here',
      },
    ]);
  });

  it('says when Poetry provides the dynamic dependencies', () => {
    const manifest = parseText('[project]\nname = "p"\ndynamic = ["dependencies"]\n\n[tool.poetry.dependencies]\nrequests = "^2.0"\n');
    expect(manifest.skipped?.[0]?.reason).toBe(
      'dependencies are dynamic: the build backend computes them, they are not listed here; [tool.poetry.dependencies] declares them',
    );
    expect(only(manifest, 'requests').specifier).toBe('>=2.0,<3.0');
  });

  it('reports a field both dynamic and given, and still reads it', () => {
    const manifest = parseText('[project]\ndynamic = ["dependencies"]\ndependencies = ["six"]\n');
    expect(manifest.errors).toEqual([
      { message: '[project] dependencies is listed in dynamic but is also given', path: 'pyproject.toml', line: 2 },
    ]);
    expect(only(manifest, 'six').lines).toEqual({ start: 3, end: 3 });
  });

  it('reports wrong types and invalid PEP 508 at their lines and reads the rest', () => {
    const invalid = parseFixture('invalid-items.toml');
    expect(summary(invalid)).toEqual([
      ['requests', '>=2', ['main'], 5, 5],
      ['attrs', null, ['main'], 10, 10],
      ['sphinx', null, ['docs'], 15, 15],
    ]);
    expect(invalid.requiresPython).toBeUndefined();
    expect(invalid.errors.map((e) => [e.line, e.message])).toEqual([
      [3, '[project] requires-python must be a string, not a number'],
      [6, '[project] dependencies: item 2 must be a string, not a number'],
      [7, '[project] dependencies: unexpected "a requirement!" after the name "not"'],
      [8, '[project] dependencies: invalid version specifier ">=4,<<5"'],
      [9, '[project] dependencies: item 5 must be a string, not a table'],
      [14, '[project.optional-dependencies] test must be an array of strings, not a string'],
      [18, '[build-system] requires must be an array of strings, not a string'],
    ]);
    expect(invalid.errors.every((e) => e.path === 'pyproject.toml')).toBe(true);
  });

  it('reports a [project] that is not a table, or dependencies that are not an array', () => {
    expect(parseText('project = "x"\n').errors).toEqual([
      { message: '[project] must be a table, not a string', path: 'pyproject.toml', line: 1 },
    ]);
    expect(parseText('[project]\nname = "x"\ndependencies = "requests"\n').errors.map((e) => [e.line, e.message])).toEqual([
      [3, '[project] dependencies must be an array of strings, not a string'],
    ]);
    expect(parseText('[project]\nname = 7\noptional-dependencies = 1\n').errors.map((e) => [e.line, e.message])).toEqual([
      [2, '[project] name must be a string, not a number'],
      [3, '[project] optional-dependencies must be a table, not a number'],
    ]);
  });
});
