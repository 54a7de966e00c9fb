import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSetupPy, setupPyFormat } from '../../../src/manifests/setup-py/index.js';
import { loadPythonParser, withPythonTree } from '../../../src/python/parser.js';
import type { Manifest, Requirement } from '../../../src/manifests/types.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const parse = (content: string): Promise<Manifest> => parseSetupPy({ path: 'pkg/setup.py', content });
const parseFixture = (name: string): Promise<Manifest> => parse(fixture(name));

/** summary keeps the fields these tests check, in a form that reads like the source. */
const summary = (r: Requirement) => ({
  name: r.name,
  specifier: r.specifier,
  groups: r.groups,
  lines: [r.lines.start, r.lines.end],
  ...(r.markers ? { markers: r.markers } : {}),
  ...(r.extras.length > 0 ? { extras: r.extras } : {}),
});
const errorsOf = (m: Manifest) => m.errors.map((e) => [e.line, e.message]);

describe('setupPyFormat', () => {
  it('matches files named setup.py only', () => {
    expect(setupPyFormat.id).toBe('setup-py');
    expect(setupPyFormat.matches('setup.py')).toBe(true);
    expect(setupPyFormat.matches('libs/core/setup.py')).toBe(true);
    expect(setupPyFormat.matches('setup.cfg')).toBe(false);
    expect(setupPyFormat.matches('my_setup.py')).toBe(false);
    expect(setupPyFormat.matches('setup.py.orig')).toBe(false);
  });
});

describe('parseSetupPy: literal setup() calls', () => {
  it('reads every requirement keyword with groups, markers and exact lines', async () => {
    const m = await parseFixture('basic.py');
    expect(m.kind).toBe('setup-py');
    expect(m.path).toBe('pkg/setup.py');
    expect(m.errors).toEqual([]);
    expect(m.projectName).toBe('demo-project');
    expect(m.requiresPython).toBe('>=3.8, <4');
    expect(m.requirements.map(summary)).toEqual([
      { name: 'requests', specifier: '>=2.31,<3', groups: ['main'], lines: [11, 11] },
      { name: 'click', specifier: '==8.1.7', groups: ['main'], lines: [12, 12] },
      { name: 'importlib-metadata', specifier: '>=4', groups: ['main'], lines: [13, 13], markers: "python_version < '3.10'" },
      { name: 'Django', specifier: '>=4.2', groups: ['main'], lines: [14, 14], extras: ['argon2', 'bcrypt'] },
      { name: 'mylib', specifier: null, groups: ['main'], lines: [15, 15] },
      { name: 'pytest', specifier: '>=7', groups: ['test'], lines: [18, 18] },
      { name: 'coverage', specifier: null, groups: ['test'], lines: [18, 18], extras: ['toml'] },
      { name: 'sphinx', specifier: '>=7', groups: ['docs'], lines: [19, 19], markers: "python_version>='3.9'" },
      {
        name: 'furo',
        specifier: null,
        groups: ['docs'],
        lines: [19, 19],
        markers: "(platform_system != 'Windows') and (python_version>='3.9')",
      },
      // A key with an empty extra (":marker") holds conditional install requirements.
      { name: 'pywin32', specifier: '>=306', groups: ['main'], lines: [20, 20], markers: "sys_platform == 'win32'" },
      { name: 'pytest-mock', specifier: null, groups: ['test'], lines: [22, 22] },
      { name: 'setuptools_scm', specifier: '>=8', groups: ['build'], lines: [23, 23] },
    ]);
    const click = m.requirements[1];
    expect(click?.version).toBe('8.1.7');
    expect(click?.normalizedName).toBe('click');
    expect(m.requirements[4]?.source).toEqual({
      type: 'vcs',
      url: 'git+https://github.com/acme/mylib.git@v1.2',
      ref: 'v1.2',
    });
    expect(m.requirements.find((r) => r.name === 'setuptools_scm')?.normalizedName).toBe('setuptools-scm');
  });

  it('splits string values into lines, each requirement with its own line', async () => {
    const m = await parseFixture('string-requires.py');
    expect(m.errors).toEqual([]);
    expect(m.requirements.map(summary)).toEqual([
      { name: 'requests', specifier: '>=2', groups: ['main'], lines: [6, 6] },
      // The trailing " # comment" is dropped, as setuptools' drop_comment does.
      { name: 'click', specifier: null, groups: ['main'], lines: [9, 9] },
      // A line ending with a backslash continues on the next line.
      { name: 'rich', specifier: '>=13', groups: ['main'], lines: [10, 11], markers: "python_version >= '3.8'" },
      // "\n" escapes split lines inside one physical line.
      { name: 'pytest', specifier: '>=7', groups: ['test'], lines: [13, 13] },
      { name: 'pytest-cov', specifier: null, groups: ['test'], lines: [13, 13] },
      // Implicit concatenation over two lines is one requirement spanning both.
      { name: 'setuptools', specifier: '>=61', groups: ['build'], lines: [15, 16] },
      { name: 'typer', specifier: null, groups: ['cli'], lines: [19, 20], extras: ['all'] },
    ]);
  });

  it('follows names bound once to literals, sums, splats and dict(...)', async () => {
    const m = await parseFixture('names.py');
    expect(m.projectName).toBe('named-project');
    expect(m.requiresPython).toBe('>=3.9');
    expect(m.requirements.map(summary)).toEqual([
      { name: 'requests', specifier: '>=2', groups: ['main'], lines: [4, 4] },
      { name: 'urllib3', specifier: '<3', groups: ['main'], lines: [4, 4] },
      { name: 'click', specifier: null, groups: ['main'], lines: [6, 6] },
      // Bound in the body of the function that calls setup().
      { name: 'attrs', specifier: '>=23', groups: ['main'], lines: [17, 17] },
      { name: 'rich', specifier: null, groups: ['cli'], lines: [5, 5] },
      { name: 'typer', specifier: null, groups: ['cli'], lines: [7, 7] },
      // A chained assignment `TEST = TESTS = [...]`.
      { name: 'pytest', specifier: null, groups: ['test'], lines: [9, 9] },
      { name: 'sphinx', specifier: null, groups: ['docs'], lines: [22, 22] },
    ]);
    // LATER is assigned after the call that uses it: at run time it would not exist yet.
    expect(errorsOf(m)).toEqual([[23, 'dynamic value, not evaluated: setup_requires']]);
  });

  it('finds setup() under the names it is imported as; reads the first call and skips the others', async () => {
    const m = await parseFixture('aliases.py');
    expect(m.errors).toEqual([]);
    expect(m.projectName).toBe('alias-one');
    expect(m.requirements.map((r) => [r.name, r.lines.start])).toEqual([['one', 5]]);
    expect(m.skipped).toEqual([
      { line: 6, text: 'dc.setup(install_requires=["two"])', reason: 'another setup() call; only the first, at line 5, is read' },
      { line: 7, text: 'st.setup(install_requires=["three"])', reason: 'another setup() call; only the first, at line 5, is read' },
      {
        line: 8,
        text: 'distutils.core.setup(install_requires=["four"])',
        reason: 'another setup() call; only the first, at line 5, is read',
      },
    ]);
  });

  it('recognises each spelling of setup on its own', async () => {
    const spellings = [
      'from setuptools import setup as s\ns(install_requires=["x"])',
      'import setuptools\nsetuptools.setup(install_requires=["x"])',
      'import distutils.core\ndistutils.core.setup(install_requires=["x"])',
      'from distutils import core\ncore.setup(install_requires=["x"])',
      'from distutils.core import setup\nsetup(install_requires=["x"])',
    ];
    for (const source of spellings) {
      const m = await parse(source);
      expect(m.errors, source).toEqual([]);
      expect(m.requirements.map((r) => [r.name, r.lines.start]), source).toEqual([['x', 2]]);
    }
    const other = await parse('import mytool\nmytool.setup(install_requires=["x"])');
    expect(errorsOf(other)).toEqual([[1, 'no setup() call found']]);
  });

  it('reads the same first call when setup() is retried in an except branch', async () => {
    const m = await parseFixture('multiple-calls.py');
    expect(m.requirements.map((r) => [r.name, r.lines.start])).toEqual([['numpy', 4]]);
    expect(m.skipped?.map((s) => s.line)).toEqual([6]);
  });

  it('keeps CRLF line numbers', async () => {
    const m = await parseFixture('crlf.py');
    expect(m.errors).toEqual([]);
    expect(m.requirements.map((r) => [r.name, r.groups[0], r.lines.start, r.lines.end])).toEqual([
      ['requests', 'main', 6, 6],
      ['click', 'main', 7, 7],
      ['pytest', 'test', 9, 9],
      ['pytest-cov', 'test', 10, 10],
    ]);
  });

  it('decodes escapes, raw and unicode strings', async () => {
    const m = await parseFixture('escapes-and-unicode.py');
    expect(m.errors).toEqual([]);
    expect(m.projectName).toBe('café');
    expect(m.requirements.map((r) => [r.name, r.specifier, r.markers ?? null, r.lines.start])).toEqual([
      ['requests', null, null, 8],
      ['click', '>=8', null, 9],
      ['rich', null, null, 10],
      ['attrs', null, 'python_version >= "3.8"', 11],
      ['pytest', null, null, 13],
    ]);
  });

  it('reads a shim setup() with no arguments as no requirements and no error', async () => {
    const m = await parseFixture('shim.py');
    expect(m.requirements).toEqual([]);
    expect(m.errors).toEqual([]);
  });

  it('reads Python 2 print statements without complaint', async () => {
    const m = await parseFixture('python2-print.py');
    expect(m.errors).toEqual([]);
    expect(m.requirements.map((r) => [r.name, r.specifier, r.lines.start])).toEqual([
      ['six', '>=1.10', 7],
      ['requests', null, 7],
    ]);
  });

  it('accepts tuples, sets, nested lists, parentheses and comments inside lists', async () => {
    const m = await parse(
      [
        'from setuptools import setup',
        'setup(',
        '    install_requires=(["a", ("b",)], {"c"}),  # mixed',
        '    tests_require=[',
        '        # a comment between elements',
        '        ("d"),',
        '        "",',
        '        "  # only a comment",',
        '    ],',
        ')',
      ].join('\n'),
    );
    expect(m.errors).toEqual([]);
    expect(m.requirements.map((r) => [r.name, r.groups[0], r.lines.start])).toEqual([
      ['a', 'main', 3],
      ['b', 'main', 3],
      ['c', 'main', 3],
      ['d', 'test', 6],
    ]);
  });
});

describe('parseSetupPy: dynamic values', () => {
  it('reports each dynamic value at its line and still reads the literal ones', async () => {
    const m = await parseFixture('dynamic.py');
    expect(m.requiresPython).toBe('>=3.8');
    expect(m.projectName).toBeUndefined();
    expect(m.requirements.map((r) => [r.name, r.groups[0], r.lines.start])).toEqual([
      ['pytest', 'test', 25],
      ['coverage', 'test', 27],
      ['ok-pkg', 'g', 37],
    ]);
    expect(errorsOf(m)).toEqual([
      [22, 'dynamic value, not evaluated: name'], // a call
      [23, 'dynamic value, not evaluated: install_requires'], // a call
      [26, 'dynamic value, not evaluated: tests_require'], // an f-string among literals
      [29, 'dynamic value, not evaluated: setup_requires'], // a comprehension
      [31, 'dynamic value, not evaluated: extras_require'], // an imported name
      [32, 'dynamic value, not evaluated: extras_require'], // a name changed by .append()
      [33, 'dynamic value, not evaluated: extras_require'], // a name assigned twice
      [34, 'dynamic value, not evaluated: extras_require'], // a name changed by +=
      [35, 'dynamic value, not evaluated: extras_require'], // a conditional expression
      [36, 'dynamic value, not evaluated: extras_require'], // open(...).read()
      [17, 'dynamic value, not evaluated: extras_require'], // a name bound to a call: the call's line
      [39, 'dynamic value, not evaluated: extras_require'], // bound only inside an if block
      [40, 'dynamic value, not evaluated: extras_require'], // never bound
    ]);
    expect(m.errors.every((e) => e.path === 'pkg/setup.py')).toBe(true);
  });

  it('reports **kwargs spread into setup() and reads the literal keywords', async () => {
    const m = await parseFixture('kwargs.py');
    expect(errorsOf(m)).toEqual([[6, 'dynamic value, not evaluated: **metadata']]);
    expect(m.requirements.map((r) => [r.name, r.lines.start])).toEqual([['requests', 7]]);
    const plain = await parse('from setuptools import setup\nsetup(\n    **kwargs)');
    expect(errorsOf(plain)).toEqual([[3, 'dynamic value, not evaluated: **kwargs']]);
  });

  it('keeps the literal part of a list added to a dynamic value', async () => {
    const m = await parse(
      'from setuptools import setup\nsetup(\n    install_requires=["a"] + read("r.txt"),\n    tests_require=load() + [\n        "b",\n    ],\n)',
    );
    expect(m.requirements.map((r) => [r.name, r.groups[0], r.lines.start])).toEqual([
      ['a', 'main', 3],
      ['b', 'test', 5],
    ]);
    expect(errorsOf(m)).toEqual([
      [3, 'dynamic value, not evaluated: install_requires'],
      [4, 'dynamic value, not evaluated: tests_require'],
    ]);
  });

  it('shares one grammar load between callers and frees trees after use', async () => {
    expect(loadPythonParser()).toBe(loadPythonParser());
    const types = await withPythonTree('x = 1\n', (tree) => tree.rootNode.firstNamedChild?.type);
    expect(types).toBe('expression_statement');
  });

  it('does not follow a name that a function parameter or loop shadows', async () => {
    const m = await parse(
      [
        'from setuptools import setup',
        'REQS = ["a"]',
        'DEPS = ["b"]',
        'def build(REQS):',
        '    setup(install_requires=REQS)',
        'for DEPS in [["c"]]:',
        '    pass',
        'setup(tests_require=DEPS)',
      ].join('\n'),
    );
    expect(m.requirements).toEqual([]);
    expect(errorsOf(m)).toEqual([[5, 'dynamic value, not evaluated: install_requires']]);
  });

  it('treats a dict() call as dynamic when dict is rebound', async () => {
    const m = await parse('from setuptools import setup\ndict = lambda **k: k\nsetup(extras_require=dict(a=["x"]))');
    expect(errorsOf(m)).toEqual([[3, 'dynamic value, not evaluated: extras_require']]);
  });

  it('refuses a name that refers to itself, at the line of the unresolvable use', async () => {
    const m = await parse('from setuptools import setup\nA = A + ["x"]\nsetup(install_requires=A)');
    expect(errorsOf(m)).toEqual([[2, 'dynamic value, not evaluated: install_requires']]);
  });
});

describe('parseSetupPy: malformed input', () => {
  it('reports invalid requirements with their lines and keeps the valid ones', async () => {
    const m = await parseFixture('invalid-requirement.py');
    expect(m.requirements.map((r) => [r.name, r.lines.start])).toEqual([
      ['requests', 5],
      ['flask', 8],
    ]);
    expect(errorsOf(m)).toEqual([
      [6, 'install_requires: unexpected "a requirement!" after the name "not"'],
      [7, 'install_requires: invalid version specifier ">="'],
    ]);
  });

  it('reports values of the wrong type', async () => {
    const m = await parseFixture('wrong-types.py');
    expect(m.requirements).toEqual([]);
    expect(m.requiresPython).toBeUndefined();
    expect(errorsOf(m)).toEqual([
      [4, 'name: expected a string, found a number'],
      [5, 'install_requires: expected a string or a list of strings, found a dict'],
      [6, 'extras_require: expected a dict, found a list'],
    ]);
  });

  it('reports the first syntax error and still reads the setup() call', async () => {
    const m = await parseFixture('syntax-error.py');
    expect(errorsOf(m)).toEqual([[3, 'Python syntax error near "="']]);
    expect(m.projectName).toBe('broken-but-readable');
    expect(m.requirements.map((r) => [r.name, r.lines.start])).toEqual([
      ['requests', 7],
      ['click', 7],
    ]);
  });

  it('reports a syntax error after the call at its own line', async () => {
    const m = await parse('from setuptools import setup\nsetup(install_requires=["a"])\nif x:\n  a = (\n');
    expect(errorsOf(m)).toEqual([[3, 'Python syntax error near "if"']]);
    expect(m.requirements.map((r) => r.name)).toEqual(['a']);
  });

  it('reports an unclosed setup( call and that no call could be read', async () => {
    const m = await parseFixture('unclosed.py');
    expect(errorsOf(m)).toEqual([
      [3, 'Python syntax error near "("'],
      [1, 'no setup() call found'],
    ]);
  });

  it('reports a file without setup()', async () => {
    const m = await parseFixture('no-setup.py');
    expect(m.requirements).toEqual([]);
    expect(m.errors).toEqual([{ message: 'no setup() call found', path: 'pkg/setup.py', line: 1 }]);
  });

  it('reports a repeated keyword and reads the first', async () => {
    const m = await parse('from setuptools import setup\nsetup(\n  install_requires=["a"],\n  install_requires=["b"],\n)');
    expect(m.requirements.map((r) => r.name)).toEqual(['a']);
    expect(errorsOf(m)).toEqual([[4, 'keyword argument repeated: install_requires; only the first is read']]);
  });

  it('reads an empty file as a file without setup()', async () => {
    expect(errorsOf(await parse(''))).toEqual([[1, 'no setup() call found']]);
  });
});

describe('parseSetupPy: hostile input', () => {
  it('refuses binary content with NUL bytes, at the line of the first NUL', async () => {
    const m = await parse('PK\u0003\u0004\n\n\u0000\u0000\u00ff\u00fe garbage');
    expect(m.requirements).toEqual([]);
    expect(errorsOf(m)).toEqual([[3, 'binary file (contains NUL bytes); not read']]);
  });

  it('survives binary-looking garbage without NUL bytes', async () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 255;
    const garbage = Array.from({ length: 200_000 }, () => String.fromCharCode(random() + 1)).join('');
    const m = await parse(garbage);
    expect(m.requirements).toEqual([]);
    expect(m.errors.at(-1)?.message).toBe('no setup() call found');
    expect(m.errors[0]?.message).toMatch(/^Python syntax error/);
  });

  it('reads a 100,000-line requirement list with exact lines', async () => {
    const lines = ['from setuptools import setup', 'REQS = ['];
    for (let i = 0; i < 100_000; i++) lines.push(`    "pkg${i}>=1.${i}",  # comment ${i}`);
    lines.push(']', 'setup(name="big", install_requires=REQS)');
    const m = await parse(lines.join('\n'));
    expect(m.errors).toEqual([]);
    expect(m.requirements).toHaveLength(100_000);
    expect(summary(m.requirements[0] as Requirement)).toEqual({ name: 'pkg0', specifier: '>=1.0', groups: ['main'], lines: [3, 3] });
    expect(m.requirements[99_999]?.lines).toEqual({ start: 100_002, end: 100_002 });
  }, 60_000);

  it('reads a huge list literal on one very long line', async () => {
    const items = Array.from({ length: 20_000 }, (_, i) => `"p${i}"`).join(', ');
    const m = await parse(`from setuptools import setup\nsetup(install_requires=[${items}])`);
    expect(m.errors).toEqual([]);
    expect(m.requirements).toHaveLength(20_000);
    expect(m.requirements[19_999]?.lines).toEqual({ start: 2, end: 2 });
  }, 60_000);

  it('unwraps 100,000 nested parentheses without overflowing the stack', async () => {
    const value = `${'('.repeat(100_000)}["deep"]${')'.repeat(100_000)}`;
    const m = await parse(`setup(install_requires=${value})`);
    expect(m.errors).toEqual([]);
    expect(m.requirements.map((r) => r.name)).toEqual(['deep']);
  }, 60_000);

  it('gives up on deeply nested lists, sums and calls with an error', async () => {
    const lists = await parse(`setup(install_requires=${'['.repeat(50_000)}"x"${']'.repeat(50_000)})`);
    expect(errorsOf(lists)).toEqual([[1, 'value nested too deeply, not evaluated: install_requires']]);
    const sums = await parse(`setup(install_requires=["a"]${' + ["b"]'.repeat(50_000)})`);
    expect(errorsOf(sums)).toEqual([[1, 'value nested too deeply, not evaluated: install_requires']]);
    const calls = await parse(`setup(install_requires=${'f('.repeat(50_000)}${')'.repeat(50_000)})`);
    expect(errorsOf(calls)).toEqual([[1, 'dynamic value, not evaluated: install_requires']]);
    const names = Array.from({ length: 5_000 }, (_, i) => `A${i} = ${i === 0 ? '["x"]' : `A${i - 1}`}`);
    const chain = await parse(`${names.join('\n')}\nsetup(install_requires=A4999)`);
    expect(chain.errors[0]?.message).toBe('value nested too deeply, not evaluated: install_requires');
  }, 60_000);

  it('reports a deeply nested unclosed expression at its line', async () => {
    const m = await parse(`import os\nsetup(install_requires=${'('.repeat(100_000)}`);
    expect(m.errors[0]).toEqual({ message: 'Python syntax error near "("', path: 'pkg/setup.py', line: 2 });
  }, 60_000);

  it('reads a 2 MB string value', async () => {
    const m = await parse(`setup(name="${'x'.repeat(2_000_000)}", install_requires=["a"])`);
    expect(m.projectName).toHaveLength(2_000_000);
    expect(m.requirements.map((r) => r.name)).toEqual(['a']);
  }, 60_000);
});
