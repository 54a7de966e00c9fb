import { describe, expect, it } from 'vitest';
import { only, parseFixture, parseText, summary } from './parse-fixture.js';

describe('PEP 735 [dependency-groups]', () => {
  it('expands nested includes: one requirement listing every group that reaches it', () => {
    const manifest = parseFixture('dependency-groups-include.toml');
    expect(manifest.errors).toEqual([]);
    expect(manifest.kind).toBe('pyproject-pep621');
    expect(summary(manifest)).toEqual([
      ['httpx', null, ['main'], 3, 3],
      ['pytest', '>=8', ['test', 'dev'], 6, 6],
      ['coverage', null, ['test', 'dev'], 6, 6],
      // typing ← lint ← dev, with names compared normalised ("Typing", "typing", "TEST").
      ['mypy', '==1.10.0', ['Typing', 'lint', 'dev'], 7, 7],
      ['ruff', null, ['lint', 'dev'], 9, 9],
      ['ipython', null, ['dev'], 15, 15],
    ]);
    expect(only(manifest, 'mypy').version).toBe('1.10.0');
  });

  it('reports include cycles with the line of the include that closes them', () => {
    const manifest = parseFixture('dependency-groups-cycle.toml');
    expect(manifest.errors).toEqual([
      { message: 'dependency group include cycle: a → b → a', path: 'pyproject.toml', line: 5 },
      { message: 'dependency group include cycle: c → c', path: 'pyproject.toml', line: 7 },
    ]);
    // The groups are still read and expanded as far as the cycle allows.
    expect(summary(manifest)).toEqual([
      ['alpha', null, ['a', 'b'], 2, 2],
      ['beta', null, ['b', 'a'], 4, 4],
      ['gamma', null, ['c'], 7, 7],
    ]);
  });

  it('reports unknown includes and malformed entries, and reads the rest', () => {
    const manifest = parseFixture('dependency-groups-unknown.toml');
    expect(manifest.errors.map((e) => [e.line, e.message])).toEqual([
      [4, 'dependency group "dev" includes unknown group "missing"'],
      [5, '[dependency-groups] dev: item 3 must be a requirement string or {include-group = "name"}, not a table'],
      [6, '[dependency-groups] dev: item 4 must be a requirement string or {include-group = "name"}, not a number'],
    ]);
    expect(summary(manifest)).toEqual([['pytest', null, ['dev'], 3, 3]]);
  });

  it('reports groups whose names collide once normalised, and non-array groups', () => {
    const manifest = parseText('[dependency-groups]\ntest_suite = ["a"]\nTest-Suite = ["b"]\nbad = "c"\n');
    expect(manifest.errors.map((e) => [e.line, e.message])).toEqual([
      [3, 'dependency group "Test-Suite" is defined twice (also as "test_suite"); names compare normalised'],
      [4, '[dependency-groups] bad must be an array, not a string'],
    ]);
    expect(summary(manifest)).toEqual([['a', null, ['test_suite'], 2, 2]]);
  });

  it('reports invalid PEP 508 strings at their line', () => {
    const manifest = parseText('[dependency-groups]\ndev = [\n  "ok",\n  "bad ===",\n]\n');
    expect(manifest.errors.map((e) => [e.line, e.message])).toEqual([[4, '[dependency-groups] dev: invalid version specifier "==="']]);
    expect(summary(manifest)).toEqual([['ok', null, ['dev'], 3, 3]]);
  });

  it('bounds very long include chains instead of recursing without end', () => {
    const chain = Array.from({ length: 2000 }, (_, i) => `g${i} = ["p${i}", { include-group = "g${i + 1}" }]`).join('\n');
    const manifest = parseText(`[dependency-groups]\n${chain}\ng2000 = ["last"]\n`);
    expect(manifest.requirements).toHaveLength(2001);
    expect(manifest.errors).toEqual([
      {
        message: 'dependency group includes nested more than 64 deep; "g65" not expanded into "g0"',
        path: 'pyproject.toml',
        line: 66,
      },
    ]);
    // p1 is reached from g0 directly; p64 is 64 includes away from g0.
    expect(only(manifest, 'p1').groups).toEqual(['g1', 'g0']);
    expect(only(manifest, 'p64').groups[0]).toBe('g64');
    expect(only(manifest, 'p64').groups).toContain('g0');
    expect(only(manifest, 'p65').groups).not.toContain('g0');
  });
});
