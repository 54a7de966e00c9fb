import { describe, expect, it } from 'vitest';
import { parsePyproject } from '../../../src/manifests/pyproject/index.js';
import type { Manifest, Requirement } from '../../../src/manifests/types.js';
import { editPyproject } from '../../../src/remediation/edit/pyproject.js';
import { changedLines, fixture } from './helpers.js';

function parse(content: string): Manifest {
  return parsePyproject({ path: 'pyproject.toml', content });
}

function declarations(content: string, name: string): Requirement[] {
  return parse(content).requirements.filter((r) => r.normalizedName === name);
}

describe('editPyproject: PEP 621, PEP 735 and build-system strings', () => {
  const text = fixture('pep621-quotes-comments.toml');
  const result = editPyproject(parse(text), text, [
    { package: 'django', to: '4.2.16' },
    { package: 'requests', to: '2.32.3' },
    { package: 'urllib3', to: '1.26.19' },
    { package: 'celery', to: '5.4.0' },
    { package: 'shop-utils', to: '1.1' },
    { package: 'hiredis', to: '2.3.2' },
    { package: 'setuptools', to: '70.0.0' },
  ]);

  it('edits only inside the strings, keeping double, literal and multi-line quotes and comments', () => {
    expect(changedLines(text, result.content)).toEqual([
      { line: 2, before: 'requires = ["setuptools>=61.0", "wheel"]\n', after: 'requires = ["setuptools>=70.0.0", "wheel"]\n' },
      {
        line: 11,
        before: `    "Django>=4.2,<5 ; python_version >= '3.10'",  # keep below 5\n`,
        after: `    "Django>=4.2.16,<5 ; python_version >= '3.10'",  # keep below 5\n`,
      },
      { line: 12, before: "    'requests[socks]==2.31.0',\n", after: "    'requests[socks]==2.32.3',\n" },
      { line: 13, before: "    '''urllib3 == 1.26.5''',\n", after: "    '''urllib3 == 1.26.19''',\n" },
      { line: 14, before: '    "celery~=5.3.0",\n', after: '    "celery~=5.4.0",\n' },
      { line: 19, before: `redis = ["redis>=4.5", 'hiredis']\n`, after: `redis = ["redis>=4.5", 'hiredis>=2.3.2']\n` },
      { line: 23, before: 'test = ["pytest==7.4.0", "django==4.2.5"]\n', after: 'test = ["pytest==7.4.0", "django==4.2.16"]\n' },
    ]);
  });

  it('edits every declaration of a package, and reports each', () => {
    expect(result.applied.filter((a) => a.package === 'django').map((a) => [a.line, a.from, a.to])).toEqual([
      [11, '>=4.2,<5', '>=4.2.16,<5'],
      [23, '==4.2.5', '==4.2.16'],
    ]);
    expect(result.applied.find((a) => a.package === 'celery')).toMatchObject({ breaking: true });
  });

  it('re-parses to exactly the intended constraints, groups and markers unchanged', () => {
    const django = declarations(result.content, 'django');
    expect(django.map((r) => [r.specifier, r.groups, r.markers])).toEqual([
      ['>=4.2.16,<5', ['main'], "python_version >= '3.10'"],
      ['==4.2.16', ['test', 'dev'], undefined],
    ]);
    expect(declarations(result.content, 'urllib3')[0]?.specifier).toBe('==1.26.19');
    expect(declarations(result.content, 'hiredis')[0]).toMatchObject({ specifier: '>=2.3.2', groups: ['redis', 'all'] });
  });

  it('leaves a URL requirement untouched, as a problem', () => {
    expect(result.problems).toEqual([
      {
        package: 'shop-utils',
        line: 15,
        message: 'declared with a url source (https://example.org/shop_utils-1.0-py3-none-any.whl), not an index version; left untouched',
      },
    ]);
  });

  it('edits two packages sharing one line, and shows the whole line after both', () => {
    const both = editPyproject(parse(text), text, [
      { package: 'pytest', to: '7.4.4' },
      { package: 'django', to: '4.2.16' },
    ]);
    const line23 = both.applied.filter((a) => a.line === 23);
    expect(line23.map((a) => a.after)).toEqual([
      'test = ["pytest==7.4.4", "django==4.2.16"]',
      'test = ["pytest==7.4.4", "django==4.2.16"]',
    ]);
  });

  it('refuses a requirement string holding an escape sequence in its specifier', () => {
    const escaped = '[project]\nname = "x"\ndependencies = ["django\\u003e=4.2"]\n';
    const outcome = editPyproject(parse(escaped), escaped, [{ package: 'django', to: '4.2.16' }]);
    expect(outcome.content).toBe(escaped);
    expect(outcome.problems).toEqual([
      { package: 'django', line: 3, message: 'the requirement string holds an escape sequence; edit it by hand' },
    ]);
  });

  it('edits a requirement inside a multi-line string item', () => {
    const multi = '[project]\nname = "x"\ndependencies = [\n  """\n  django==4.2.5\n  """,\n]\n';
    const outcome = editPyproject(parse(multi), multi, [{ package: 'django', to: '4.2.16' }]);
    expect(changedLines(multi, outcome.content)).toEqual([{ line: 5, before: '  django==4.2.5\n', after: '  django==4.2.16\n' }]);
    expect(outcome.applied[0]).toMatchObject({ line: 5, before: '  django==4.2.5', after: '  django==4.2.16' });
  });

  it('keeps escaped quotes in markers', () => {
    const quoted = '[project]\nname = "x"\ndependencies = ["django==4.2.5; python_version < \\"3.12\\""]\n';
    const outcome = editPyproject(parse(quoted), quoted, [{ package: 'django', to: '4.2.16' }]);
    expect(outcome.content).toBe('[project]\nname = "x"\ndependencies = ["django==4.2.16; python_version < \\"3.12\\""]\n');
    expect(declarations(outcome.content, 'django')[0]?.markers).toBe('python_version < "3.12"');
  });
});

describe('editPyproject: Poetry', () => {
  const text = fixture('poetry.toml');
  const manifest = parse(text);

  it('rewrites string and table forms with caret and tilde semantics', () => {
    const result = editPyproject(manifest, text, [
      { package: 'django', to: '4.2.16' },
      { package: 'flask', to: '2.3.3' },
      { package: 'zope-interface', to: '6.0' },
      { package: 'pytest', to: '7.4.4' },
      { package: 'sphinx', to: '7.1.2' },
      { package: 'black', to: '24.3.0' },
    ]);
    expect(changedLines(text, result.content)).toEqual([
      { line: 8, before: 'django = "^4.2.5"   # LTS\n', after: 'django = "^4.2.16"   # LTS\n' },
      {
        line: 9,
        before: 'Flask = { version = "~2.3.1", extras = ["async"] }\n',
        after: 'Flask = { version = "~2.3.3", extras = ["async"] }\n',
      },
      { line: 17, before: "'zope.interface' = '5.5.2'\n", after: "'zope.interface' = '6.0'\n" },
      { line: 20, before: 'pytest = ">=7.0,<8.0"\n', after: 'pytest = ">=7.4.4,<8.0"\n' },
      { line: 23, before: 'version = "7.1.0"\n', after: 'version = "7.1.2"\n' },
      { line: 27, before: 'black = "23.1.0"\n', after: 'black = "24.3.0"\n' },
    ]);
    const edited = parse(result.content);
    const of = (name: string) => edited.requirements.find((r) => r.normalizedName === name);
    expect(of('django')).toMatchObject({ writtenSpecifier: '^4.2.16', specifier: '>=4.2.16,<5.0.0' });
    expect(of('flask')).toMatchObject({ writtenSpecifier: '~2.3.3', extras: ['async'] });
    expect(of('sphinx')).toMatchObject({ version: '7.1.2', groups: ['docs'] });
    expect(of('black')).toMatchObject({ version: '24.3.0', groups: ['dev'] });
    expect(result.problems).toEqual([]);
  });

  it('says an update outside the caret range is breaking', () => {
    const result = editPyproject(manifest, text, [{ package: 'django', to: '5.0.1' }]);
    expect(result.applied).toEqual([
      {
        package: 'django',
        line: 8,
        before: 'django = "^4.2.5"   # LTS',
        after: 'django = "^5.0.1"   # LTS',
        from: '^4.2.5',
        to: '^5.0.1',
        breaking: true,
        notes: ['5.0.1 is outside the caret range of "^4.2.5" (<5.0.0): a breaking update'],
      },
    ]);
  });

  it('edits each table of a multiple-constraints array', () => {
    const result = editPyproject(manifest, text, [{ package: 'numpy', to: '1.26.4' }]);
    expect(changedLines(text, result.content)).toEqual([
      {
        line: 11,
        before: '    { version = "^1.24", python = "<3.12" },\n',
        after: '    { version = "^1.26.4", python = "<3.12" },\n',
      },
      {
        line: 12,
        before: '    { version = "^1.26", python = ">=3.12" },\n',
        after: '    { version = "^1.26.4", python = ">=3.12" },\n',
      },
    ]);
    expect(declarations(result.content, 'numpy').map((r) => r.markers)).toEqual([
      'python_version < "3.12"',
      'python_version >= "3.12"',
    ]);
  });

  it('refuses unconstrained, git and OR constraints', () => {
    const result = editPyproject(manifest, text, [
      { package: 'requests', to: '2.32.3' },
      { package: 'mylib', to: '1.1' },
      { package: 'pydantic', to: '2.7.0' },
    ]);
    expect(result.content).toBe(text);
    expect(result.problems).toEqual([
      { package: 'requests', line: 14, message: 'unconstrained ("*") in [tool.poetry]: the lock carries the version' },
      {
        package: 'mylib',
        line: 15,
        message: 'declared with a vcs source (https://github.com/org/mylib.git), not an index version; left untouched',
      },
      { package: 'pydantic', line: 16, message: '"^1.10 || ^2.0" is an OR of ranges; edit it by hand' },
    ]);
  });
});

describe('editPyproject: PDM and uv', () => {
  it('edits PDM dev-dependencies and resolution overrides', () => {
    const text = fixture('pdm.toml');
    const result = editPyproject(parse(text), text, [
      { package: 'ruff', to: '0.1.8' },
      { package: 'idna', to: '3.7' },
      { package: 'certifi', to: '2024.7.4' },
      { package: 'plugin', to: '2.0' },
    ]);
    expect(changedLines(text, result.content)).toEqual([
      { line: 4, before: 'dependencies = ["django>=4.2", "idna"]\n', after: 'dependencies = ["django>=4.2", "idna>=3.7"]\n' },
      { line: 11, before: 'lint = ["ruff==0.1.0"]\n', after: 'lint = ["ruff==0.1.8"]\n' },
      { line: 14, before: 'idna = "3.4"\n', after: 'idna = "3.7"\n' },
      { line: 15, before: 'certifi = ">=2023.7.22"\n', after: 'certifi = ">=2024.7.4"\n' },
    ]);
    const edited = parse(result.content);
    expect(edited.requirements.filter((r) => r.normalizedName === 'idna').map((r) => [r.specifier, r.constraintOnly])).toEqual([
      ['>=3.7', undefined],
      ['==3.7', true],
    ]);
    expect(result.problems.map((p) => p.package)).toEqual(['plugin']);
  });

  it('edits uv dev-dependencies and constraint-dependencies; a [tool.uv.sources] path is a problem', () => {
    const text = fixture('uv.toml');
    const result = editPyproject(parse(text), text, [
      { package: 'django-debug-toolbar', to: '4.4.6' },
      { package: 'urllib3', to: '1.26.19' },
      { package: 'idna', to: '3.7' },
      { package: 'localpkg', to: '2.0' },
    ]);
    expect(changedLines(text, result.content)).toEqual([
      {
        line: 10,
        before: 'dev-dependencies = ["pytest>=7.4", "django-debug-toolbar==4.2.0"]\n',
        after: 'dev-dependencies = ["pytest>=7.4", "django-debug-toolbar==4.4.6"]\n',
      },
      { line: 12, before: '    "urllib3<2",\n', after: '    "urllib3>=1.26.19,<2",\n' },
      { line: 14, before: 'override-dependencies = ["idna==3.4"]\n', after: 'override-dependencies = ["idna==3.7"]\n' },
    ]);
    expect(result.problems).toEqual([
      { package: 'localpkg', line: 6, message: 'declared with a path source (../localpkg), not an index version; left untouched' },
    ]);
    expect(declarations(result.content, 'urllib3')[0]).toMatchObject({ specifier: '>=1.26.19,<2', constraintOnly: true });
  });

  it('keeps CRLF line endings and a byte-order mark', () => {
    const text = '\ufeff[project]\r\nname = "x"\r\ndependencies = [\r\n\t"django==4.2.5",\r\n]\r\n';
    const result = editPyproject(parse(text), text, [{ package: 'django', to: '4.2.16' }]);
    expect(result.content).toBe('\ufeff[project]\r\nname = "x"\r\ndependencies = [\r\n\t"django==4.2.16",\r\n]\r\n');
  });
});
