import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIni } from '../../../src/manifests/setup-cfg/ini.js';
import { parseSetupCfg, setupCfgFormat } from '../../../src/manifests/setup-cfg/index.js';
import type { Manifest, Requirement } from '../../../src/manifests/types.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const parse = (content: string): Manifest => parseSetupCfg({ path: 'pkg/setup.cfg', content });
const parseFixture = (name: string): Manifest => parse(fixture(name));

const summary = (r: Requirement) => ({
  name: r.name,
  specifier: r.specifier,
  groups: r.groups,
  lines: [r.lines.start, r.lines.end],
  ...(r.markers ? { markers: r.markers } : {}),
  ...(r.extras.length > 0 ? { extras: r.extras } : {}),
});
const errorsOf = (m: Manifest) => m.errors.map((e) => [e.line, e.message]);

describe('setupCfgFormat', () => {
  it('matches files named setup.cfg only', () => {
    expect(setupCfgFormat.id).toBe('setup-cfg');
    expect(setupCfgFormat.matches('setup.cfg')).toBe(true);
    expect(setupCfgFormat.matches('a/b/setup.cfg')).toBe(true);
    expect(setupCfgFormat.matches('setup.py')).toBe(false);
    expect(setupCfgFormat.matches('tox.cfg')).toBe(false);
  });

  it('parses synchronously', () => {
    expect(setupCfgFormat.parse({ path: 'setup.cfg', content: '' })).toEqual({
      path: 'setup.cfg',
      kind: 'setup-cfg',
      requirements: [],
      errors: [],
    });
  });
});

describe('parseSetupCfg', () => {
  it('reads metadata, options and extras with exact lines', () => {
    const m = parseFixture('basic.cfg');
    expect(m.kind).toBe('setup-cfg');
    expect(m.path).toBe('pkg/setup.cfg');
    expect(m.errors).toEqual([]);
    expect(m.projectName).toBe('demo-cfg');
    expect(m.requiresPython).toBe('>=3.8');
    expect(m.requirements.map(summary)).toEqual([
      { name: 'requests', specifier: '>=2.31,<3', groups: ['main'], lines: [10, 10] },
      { name: 'click', specifier: '==8.1.7', groups: ['main'], lines: [11, 11] },
      { name: 'importlib-metadata', specifier: '>=4', groups: ['main'], lines: [12, 12], markers: 'python_version < "3.10"' },
      { name: 'Django', specifier: '>=4.2', groups: ['main'], lines: [13, 13], extras: ['argon2'] },
      { name: 'mylib', specifier: null, groups: ['main'], lines: [14, 14] },
      { name: 'pytest', specifier: '>=7', groups: ['test'], lines: [16, 16] },
      { name: 'setuptools_scm', specifier: '>=8', groups: ['build'], lines: [17, 17] },
      { name: 'pytest', specifier: '>=7', groups: ['test'], lines: [21, 21] },
      { name: 'coverage', specifier: null, groups: ['test'], lines: [22, 22], extras: ['toml'] },
      // An extra's name is kept as written.
      { name: 'sphinx', specifier: '>=7', groups: ['Docs'], lines: [23, 23] },
    ]);
    expect(m.requirements[1]?.version).toBe('8.1.7');
    expect(m.requirements[4]?.source).toEqual({ type: 'vcs', url: 'git+https://github.com/acme/mylib.git@v1.2', ref: 'v1.2' });
    // `version = attr: …` is not a requirement option: nothing is skipped or reported for it.
    expect(m.skipped).toBeUndefined();
  });

  it('drops full-line comments, inline " #" comments and blank lines inside lists', () => {
    const m = parseFixture('comments.cfg');
    expect(m.errors).toEqual([]);
    expect(m.projectName).toBe('commented');
    expect(m.requiresPython).toBe('>=3.9');
    expect(m.requirements.map(summary)).toEqual([
      { name: 'requests', specifier: '>=2', groups: ['main'], lines: [9, 9] },
      { name: 'click', specifier: null, groups: ['main'], lines: [12, 12] },
      { name: 'rich', specifier: null, groups: ['main'], lines: [14, 14], markers: 'python_version >= "3.8"' },
    ]);
  });

  it('splits a one-line value at ";" as setuptools does, and explains a marker split off', () => {
    const m = parseFixture('single-line.cfg');
    expect(m.requirements.map(summary)).toEqual([
      { name: 'requests', specifier: '>=2', groups: ['main'], lines: [2, 2] },
      { name: 'click', specifier: null, groups: ['main'], lines: [2, 2] },
      { name: 'rich', specifier: null, groups: ['main'], lines: [2, 2] },
      { name: 'pytest', specifier: null, groups: ['test'], lines: [3, 3] },
    ]);
    expect(errorsOf(m)).toEqual([
      [
        3,
        'tests_require: a one-line value is split at ";", so "python_version >= "3.8"" is read as a requirement; ' +
          'put the requirement and its environment marker on a line of their own',
      ],
    ]);
  });

  it('records file: and attr: directives as skipped entries, not errors', () => {
    const m = parseFixture('directives.cfg');
    expect(m.errors).toEqual([]);
    expect(m.requirements.map((r) => [r.name, r.groups[0], r.lines.start])).toEqual([['typer', 'cli', 8]]);
    expect(m.skipped).toEqual([
      {
        line: 2,
        text: 'install_requires = file: requirements.txt',
        reason: 'declared through file: requirements.txt; not evaluated',
      },
      {
        line: 3,
        text: 'tests_require = file: requirements-test.txt, requirements-extra.txt',
        reason: 'declared through file: requirements-test.txt, requirements-extra.txt; not evaluated',
      },
      {
        line: 4,
        text: 'setup_requires = attr: build_helpers.SETUP_REQUIRES',
        reason: 'declared through attr: build_helpers.SETUP_REQUIRES; not evaluated',
      },
      { line: 7, text: 'dev = file: requirements-dev.txt', reason: 'declared through file: requirements-dev.txt; not evaluated' },
    ]);
  });

  it('keeps CRLF line numbers', () => {
    const m = parseFixture('crlf.cfg');
    expect(m.errors).toEqual([]);
    expect(m.projectName).toBe('crlf');
    expect(m.requiresPython).toBe('>=3.8');
    expect(m.requirements.map((r) => [r.name, r.specifier, r.lines.start])).toEqual([
      ['requests', null, 6],
      ['click', '>=8', 7],
    ]);
  });

  it('reads unusual but valid spellings: ":" delimiters, mixed-case and dashed keys, tabs, continuations', () => {
    const m = parseFixture('unusual.cfg');
    expect(m.errors).toEqual([]);
    expect(m.projectName).toBe('colon-style');
    expect(m.requiresPython).toBe('>=3.10 ,<4');
    expect(m.requirements.map(summary)).toEqual([
      { name: 'requests', specifier: '>=2', groups: ['main'], lines: [6, 6] },
      // A line ending with a backslash continues on the next (setuptools' join_continuation).
      { name: 'urllib3', specifier: '>=2', groups: ['main'], lines: [7, 8] },
      { name: 'mypkg', specifier: null, groups: ['main'], lines: [9, 9] },
      { name: 'rich', specifier: null, groups: ['with-dash'], lines: [14, 14] },
      { name: 'tomli', specifier: '>=2', groups: ['Upper_Case'], lines: [17, 17], markers: 'python_version < "3.11"' },
    ]);
    // configparser interpolation: "%%" is a literal "%".
    expect(m.requirements[2]?.source).toEqual({ type: 'url', url: 'https://example.com/mypkg-1.0.tar.gz%23sha256=abc' });
  });

  it('ignores the sections of other tools', () => {
    const m = parse('[flake8]\nexclude =\n    .git\n    build\n\n[tool:pytest]\naddopts = -q\n');
    expect(m).toEqual({ path: 'pkg/setup.cfg', kind: 'setup-cfg', requirements: [], errors: [] });
  });
});

describe('parseSetupCfg: malformed input', () => {
  it('reports malformed lines with their line and reads the rest', () => {
    const m = parseFixture('malformed.cfg');
    expect(errorsOf(m)).toEqual([
      [1, 'line outside any [section]: "orphan = before any section"'],
      [5, 'expected "key = value", found "this line has no delimiter"'],
      [6, 'expected "key = value", found "= no key"'],
      [9, 'expected "key = value", found "[unclosed"'],
      [10, 'duplicate option "install_requires" in [options] (first at line 3); the first is read'],
    ]);
    // As in configparser, a malformed line does not end the value above it: "click" continues it.
    expect(m.requirements.map((r) => [r.name, r.lines.start])).toEqual([
      ['requests', 4],
      ['click', 7],
    ]);
    expect(m.requiresPython).toBe('>=3.8');
  });

  it('reports repeated sections and options, merging sections and reading the first option', () => {
    const m = parseFixture('duplicates.cfg');
    expect(errorsOf(m)).toEqual([
      [3, 'duplicate option "Install-Requires" in [options] (first at line 2); the first is read'],
      [8, 'duplicate section [options] (first at line 1); merged'],
      [10, 'duplicate option "install_requires" in [options] (first at line 2); the first is read'],
    ]);
    expect(m.requirements.map((r) => [r.name, r.groups[0], r.lines.start])).toEqual([
      ['requests', 'main', 2],
      ['pytest', 'test', 9],
    ]);
    expect(m.projectName).toBe('first');
  });

  it('reports invalid requirements with their lines and keeps the valid ones', () => {
    const m = parseFixture('invalid-requirement.cfg');
    expect(m.requirements.map((r) => [r.name, r.lines.start])).toEqual([
      ['requests', 3],
      ['flask', 6],
    ]);
    expect(errorsOf(m)).toEqual([
      [4, 'install_requires: unexpected "a requirement!" after the name "not"'],
      [5, 'install_requires: invalid version specifier ">="'],
      [9, 'extras_require["bad"]: not a requirement: "==="'],
    ]);
    expect(m.errors.every((e) => e.path === 'pkg/setup.cfg')).toBe(true);
  });
});

describe('parseSetupCfg: hostile input', () => {
  it('refuses binary content with NUL bytes, at the line of the first NUL', () => {
    const m = parse('[options]\ninstall_requires = a\n\u0000\u0001\u00ff');
    expect(m.requirements).toEqual([]);
    expect(errorsOf(m)).toEqual([[3, 'binary file (contains NUL bytes); not read']]);
  });

  it('survives binary-looking garbage without NUL bytes', () => {
    let seed = 11;
    const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 255;
    const garbage = Array.from({ length: 200_000 }, () => String.fromCharCode(random() + 1)).join('');
    const m = parse(garbage);
    expect(m.errors.length).toBeGreaterThan(0);
    expect(m.errors.every((e) => typeof e.line === 'number' && e.line >= 1)).toBe(true);
  });

  it('reads a 100,000-line dangling list with exact lines', () => {
    const lines = ['[options]', 'install_requires ='];
    for (let i = 0; i < 100_000; i++) lines.push(`    pkg${i}>=1.${i}  # comment ${i}`);
    const m = parse(lines.join('\n'));
    expect(m.errors).toEqual([]);
    expect(m.requirements).toHaveLength(100_000);
    expect(summary(m.requirements[0] as Requirement)).toEqual({ name: 'pkg0', specifier: '>=1.0', groups: ['main'], lines: [3, 3] });
    expect(m.requirements[99_999]?.lines).toEqual({ start: 100_002, end: 100_002 });
  }, 60_000);

  it('reads 100,000 sections and malformed lines without slowing down', () => {
    const lines: string[] = [];
    for (let i = 0; i < 50_000; i++) lines.push(`[s${i}]`, `no delimiter ${i}`);
    const m = parse(lines.join('\n'));
    expect(m.errors).toHaveLength(50_000);
    expect(m.errors[49_999]).toEqual({ message: 'expected "key = value", found "no delimiter 49999"', path: 'pkg/setup.cfg', line: 100_000 });
  }, 60_000);

  it('handles very long lines, including long blank runs, in linear time', () => {
    const blank = `[options]\ninstall_requires = a${' '.repeat(1_000_000)}b\nx${' '.repeat(1_000_000)}y\n`;
    const m = parse(blank);
    // INI-level problems come first, then what the options' values hold.
    expect(errorsOf(m)).toEqual([
      [3, 'expected "key = value", found "' + `x${' '.repeat(56)}...` + '"'],
      [2, 'install_requires: unexpected "b" after the name "a"'],
    ]);
    const long = parse(`[options]\ninstall_requires = ${'a'.repeat(1_000_000)}>=1`);
    expect(long.requirements[0]?.name).toHaveLength(1_000_000);
  }, 60_000);
});

describe('parseIni', () => {
  it('keeps each value line with its number, drops comments and trailing blank lines', () => {
    const doc = parseIni('[a]\nk = v\n  # c\n  w\n\n  x\n\n\n[b]\nq: r\n');
    expect(doc.errors).toEqual([]);
    expect(doc.sections).toEqual([
      {
        name: 'a',
        line: 1,
        options: [
          {
            key: 'k',
            line: 2,
            value: [
              { text: 'v', line: 2 },
              { text: 'w', line: 4 },
              { text: '', line: 5 },
              { text: 'x', line: 6 },
            ],
          },
        ],
      },
      { name: 'b', line: 9, options: [{ key: 'q', line: 10, value: [{ text: 'r', line: 10 }] }] },
    ]);
  });

  it('splits at the first "=" or ":" and keeps the rest in the value', () => {
    const doc = parseIni('[a]\nurl = https://x/?a=b\nkey: a = b\n');
    expect(doc.sections[0]?.options.map((o) => [o.key, o.value[0]?.text])).toEqual([
      ['url', 'https://x/?a=b'],
      ['key', 'a = b'],
    ]);
  });
});
