import { describe, expect, it } from 'vitest';
import { only, parseFixture, parseText, summary } from './parse-fixture.js';

describe('Poetry [tool.poetry]', () => {
  it('reads a Poetry 1 file: dependencies, dev-dependencies, extras, python, sources', () => {
    const manifest = parseFixture('poetry-1.toml');
    expect(manifest.kind).toBe('pyproject-poetry');
    expect(manifest.dialects).toEqual(['pyproject-poetry']);
    expect(manifest.projectName).toBe('legacy-app');
    // `python` is the supported Pythons, not a package.
    expect(manifest.requiresPython).toBe('>=3.8,<4.0');
    expect(manifest.requirements.some((r) => r.normalizedName === 'python')).toBe(false);
    expect(manifest.errors).toEqual([]);
    expect(summary(manifest)).toEqual([
      ['requests', '>=2.31,<3.0', ['main'], 8, 8],
      ['PyYAML', '>=6.0,<6.1', ['main'], 9, 9],
      // optional = true: installed only through the extras that list it.
      ['mysqlclient', '>=2.2,<3.0', ['mysql', 'databases'], 10, 10],
      ['psycopg2', '==2.9.9', ['databases'], 11, 11],
      // Not optional: still main, and also in the extra.
      ['redis', null, ['main', 'databases'], 12, 12],
      ['pytest', '>=7.4,<8.0', ['dev'], 15, 15],
      ['black', '>=23.1,<24', ['dev'], 16, 16],
      ['poetry-core', '>=1.0.0', ['build'], 33, 33],
    ]);
    expect(only(manifest, 'requests').writtenSpecifier).toBe('^2.31');
    expect(only(manifest, 'black').writtenSpecifier).toBe('>= 23.1, < 24');
    expect(only(manifest, 'psycopg2').version).toBe('2.9.9');
    expect(only(manifest, 'redis').writtenSpecifier).toBe('*');
    expect(manifest.indexes).toEqual([
      { option: 'index-url', value: 'https://pypi.internal.example/simple/', line: 24 },
      { option: 'extra-index-url', value: 'https://mirror.example/simple/', line: 29 },
    ]);
  });

  it('reads a Poetry 2 file: [project] first, [tool.poetry] enriching it, groups', () => {
    const manifest = parseFixture('poetry-2.toml');
    expect(manifest.kind).toBe('pyproject-poetry');
    expect(manifest.dialects).toEqual(['pyproject-pep621', 'pyproject-poetry']);
    expect(manifest.projectName).toBe('modern-app');
    // [project] requires-python wins over Poetry's python.
    expect(manifest.requiresPython).toBe('>=3.10,<4');
    expect(manifest.errors).toEqual([]);
    expect(summary(manifest)).toEqual([
      ['requests', '>=2.31,<3.0', ['main'], 6, 6],
      ['tomli', '>=2.0.1,<3.0.0', ['main'], 7, 7],
      ['torch', '==2.3.1', ['main'], 8, 8],
      ['orjson', '>=3.9,<4.0', ['fast'], 12, 12],
      // Its own constraint: Poetry locks with it, so it is a declaration too.
      ['requests', '>=2.31,<3.0', ['main'], 20, 20],
      ['pytest', '>=8.0,<9.0', ['test'], 24, 24],
      // optional groups are still listed.
      ['mkdocs', '>=1.5,<2.0', ['docs'], 30, 30],
    ]);
    const [projectRequests, poetryRequests] = manifest.requirements.filter((r) => r.name === 'requests');
    expect(projectRequests?.source).toEqual({ type: 'registry', url: 'https://private.example/simple/' });
    expect(poetryRequests?.source).toEqual({ type: 'registry', url: 'https://private.example/simple/' });
    expect(poetryRequests?.writtenSpecifier).toBe('^2.31');
    expect(only(manifest, 'torch').source).toEqual({ type: 'registry', url: 'https://download.pytorch.org/whl/cpu' });
    expect(manifest.skipped).toEqual([
      {
        line: 19,
        text: 'tomli = { allow-prereleases = true }',
        reason: 'enriches the [project] dependency on line 7 (Poetry 2: locking details only)',
      },
      {
        line: 21,
        text: 'torch = { source = "pytorch" }',
        reason: 'enriches the [project] dependency on line 8 (Poetry 2: locking details only)',
      },
    ]);
    expect(manifest.indexes).toEqual([
      { option: 'index-url', value: 'https://private.example/simple/', line: 34 },
      { option: 'extra-index-url', value: 'https://download.pytorch.org/whl/cpu', line: 39 },
    ]);
  });

  describe('dependency tables', () => {
    const manifest = parseFixture('poetry-tables.toml');

    it('reads every form with its line', () => {
      expect(manifest.errors).toEqual([]);
      expect(manifest.requirements.map((r) => [r.name, r.lines.start, r.lines.end])).toEqual([
        ['gunicorn', 6, 6],
        ['pathlib2', 7, 7],
        ['tomli', 8, 8],
        ['requests', 9, 9],
        ['flask', 10, 10],
        ['numpy', 11, 11],
        ['my-lib', 12, 12],
        ['my-wheel', 13, 13],
        ['remote', 14, 14],
        ['foo', 16, 16],
        ['foo', 17, 17],
        ['either', 19, 19],
        ['typed', 20, 20],
      ]);
    });

    it('reads version, extras and markers', () => {
      const gunicorn = only(manifest, 'gunicorn');
      expect([gunicorn.specifier, gunicorn.writtenSpecifier, gunicorn.extras]).toEqual(['>=20.1,<21.0', '^20.1', ['gevent']]);
      expect(only(manifest, 'pathlib2').markers).toBe("python_version <= '3.4' or sys_platform == 'win32'");
      expect(only(manifest, 'tomli').markers).toBe('python_version < "3.11"');
      expect(only(manifest, 'typed').markers).toBe(
        '((python_version >= "3.8" and python_version < "4.0") or (python_version >= "3.10" and python_version < "4.0"))' +
          ' and sys_platform == "darwin" and implementation_name == \'cpython\'',
      );
    });

    it('reads git, path and url sources', () => {
      expect(only(manifest, 'requests').source).toEqual({ type: 'vcs', url: 'https://github.com/psf/requests.git', ref: 'main' });
      expect(only(manifest, 'flask').source).toEqual({ type: 'vcs', url: 'https://github.com/pallets/flask.git', ref: '38eb5d3b' });
      expect(only(manifest, 'numpy').source).toEqual({ type: 'vcs', url: 'https://github.com/numpy/numpy.git', ref: 'v0.13.2' });
      expect(only(manifest, 'my-lib').source).toEqual({ type: 'path', url: '../my-lib/', editable: true });
      expect(only(manifest, 'my-wheel').source).toEqual({ type: 'path', url: '../dist/my_wheel-0.1.0-py3-none-any.whl' });
      expect(only(manifest, 'remote').source).toEqual({ type: 'url', url: 'https://example.com/remote-1.0.tar.gz' });
      expect(only(manifest, 'requests').specifier).toBeNull();
    });

    it('reads an array of constraints as one requirement per element', () => {
      const foo = manifest.requirements.filter((r) => r.name === 'foo');
      expect(foo.map((r) => [r.specifier, r.markers, r.lines.start])).toEqual([
        ['<=1.9', 'python_version >= "3.6" and python_version < "3.8"', 16],
        ['>=2.0,<3.0', 'python_version >= "3.8" and sys_platform == "linux"', 17],
      ]);
    });

    it('keeps an OR constraint as written with no PEP 440 specifier', () => {
      const either = only(manifest, 'either');
      expect([either.specifier, either.writtenSpecifier, either.version]).toEqual([null, '^1.0 || ^2.0', null]);
      // requiresPython keeps an OR as written: PEP 440 cannot express it.
      expect(manifest.requiresPython).toBe('^3.8 || ^3.10');
    });
  });

  it('reads the expanded table form with the lines of its section', () => {
    const manifest = parseText(
      [
        '[tool.poetry.group.dev.dependencies.black]',
        'version = "19.10b0"',
        'allow-prereleases = true',
        'python = "^3.7"',
        "markers = \"platform_python_implementation == 'CPython'\"",
        '',
        '[[tool.poetry.dependencies.multi]]',
        'version = "<2"',
        'python = "<3.8"',
        '',
        '[[tool.poetry.dependencies.multi]]',
        'version = ">=2"',
        'python = ">=3.8"',
      ].join('\n'),
    );
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => [r.name, r.specifier, r.groups, r.lines, r.markers])).toEqual([
      [
        'black',
        '==19.10b0',
        ['dev'],
        { start: 1, end: 5 },
        'python_version >= "3.7" and python_version < "4.0" and platform_python_implementation == \'CPython\'',
      ],
      ['multi', '<2', ['main'], { start: 7, end: 9 }, 'python_version < "3.8"'],
      ['multi', '>=2', ['main'], { start: 11, end: 13 }, 'python_version >= "3.8"'],
    ]);
  });

  it('reports invalid entries at their lines and still reads the rest', () => {
    const manifest = parseFixture('poetry-invalid.toml');
    expect(manifest.errors.map((e) => [e.line, e.message])).toEqual([
      [5, '[tool.poetry.dependencies] python: invalid version constraint "^3.x"'],
      [6, '[tool.poetry.dependencies] requests: invalid version constraint "^2.x"'],
      [7, '[tool.poetry.dependencies] flask: version must be a string, not a number'],
      [8, '[tool.poetry.dependencies]: "bad name!" is not a valid package name'],
      [9, '[tool.poetry.dependencies] private: source "nowhere" is not declared in [[tool.poetry.source]]'],
      [10, '[tool.poetry.dependencies] multi: constraint 1 must be a table, not a string'],
      [11, '[tool.poetry.dependencies] number must be a version constraint or a table, not a number'],
      [15, '[tool.poetry.extras] extra: "not-declared" is not in [tool.poetry.dependencies]'],
    ]);
    expect(manifest.requiresPython).toBeUndefined();
    // The package of an unreadable constraint is still a dependency, with no specifier.
    const requests = only(manifest, 'requests');
    expect([requests.specifier, requests.writtenSpecifier, requests.lines.start]).toEqual([null, '^2.x', 6]);
    expect(only(manifest, 'good').groups).toEqual(['main', 'extra']);
  });

  it('maps Poetry source priorities onto index options', () => {
    const manifest = parseText(
      [
        '[[tool.poetry.source]]',
        'name = "first"',
        'url = "https://first.example/simple"',
        '',
        '[[tool.poetry.source]]',
        'name = "second"',
        'url = "https://second.example/simple"',
        'priority = "primary"',
        '',
        '[[tool.poetry.source]]',
        'name = "supp"',
        'url = "https://supp.example/simple"',
        'priority = "supplemental"',
        '',
        '[[tool.poetry.source]]',
        'name = "PyPI"',
        'priority = "primary"',
        '',
        '[[tool.poetry.source]]',
        'name = "odd"',
        'url = "https://odd.example/simple"',
        'priority = "sometimes"',
      ].join('\n'),
    );
    expect(manifest.indexes).toEqual([
      { option: 'index-url', value: 'https://first.example/simple', line: 3 },
      { option: 'extra-index-url', value: 'https://second.example/simple', line: 7 },
      { option: 'extra-index-url', value: 'https://supp.example/simple', line: 12 },
      { option: 'extra-index-url', value: 'https://odd.example/simple', line: 21 },
    ]);
    expect(manifest.errors.map((e) => [e.line, e.message])).toEqual([[22, '[[tool.poetry.source]] odd: unknown priority "sometimes"']]);
  });

  it('uses [tool.poetry] name when [project] has none, and a named pypi source as the default index', () => {
    const manifest = parseText('[tool.poetry]\nname = "only-poetry"\n\n[tool.poetry.dependencies]\nrequests = { version = "^2", source = "pypi" }\n');
    expect(manifest.projectName).toBe('only-poetry');
    expect(only(manifest, 'requests').source).toEqual({ type: 'registry' });
    expect(manifest.errors).toEqual([]);
  });

  it('is the primary dialect even without dependencies', () => {
    const manifest = parseText('[tool.poetry]\nname = "empty"\n');
    expect([manifest.kind, manifest.dialects, manifest.requirements, manifest.errors]).toEqual([
      'pyproject-poetry',
      ['pyproject-poetry'],
      [],
      [],
    ]);
  });

  it('reports tables that are not tables', () => {
    const manifest = parseText('[tool.poetry]\ndependencies = ["requests"]\ngroup = 1\nextras = "x"\n');
    expect(manifest.errors.map((e) => [e.line, e.message])).toEqual([
      [2, '[tool.poetry.dependencies] must be a table, not an array'],
      [3, '[tool.poetry.group] must be a table, not a number'],
      [4, '[tool.poetry.extras] must be a table, not a string'],
    ]);
  });
});
