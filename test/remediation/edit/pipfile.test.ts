import { describe, expect, it } from 'vitest';
import { parsePipfile } from '../../../src/manifests/pipfile/index.js';
import type { Manifest } from '../../../src/manifests/types.js';
import { editPipfile } from '../../../src/remediation/edit/pipfile.js';
import { changedLines, fixture } from './helpers.js';

function parse(content: string): Manifest {
  return parsePipfile({ path: 'Pipfile', content });
}

describe('editPipfile', () => {
  const text = fixture('pipfile-strings-and-tables.toml');
  const result = editPipfile(parse(text), text, [
    { package: 'django', to: '4.2.16' },
    { package: 'requests', to: '2.32.3' },
    { package: 'pytest', to: '7.4.4' },
    { package: 'black', to: '24.3.0' },
    { package: 'flask', to: '3.0.3' },
    { package: 'celery', to: '5.3.6' },
    { package: 'mylib', to: '1.1' },
  ]);

  it('rewrites the string and table forms and sub-tables, keeping quotes and comments', () => {
    expect(changedLines(text, result.content)).toEqual([
      { line: 7, before: 'django = "==4.2.5"  # LTS\n', after: 'django = "==4.2.16"  # LTS\n' },
      {
        line: 8,
        before: 'requests = {version = ">=2.0,<3", extras = ["socks"]}\n',
        after: 'requests = {version = ">=2.32.3,<3", extras = ["socks"]}\n',
      },
      { line: 14, before: "'pytest' = '~=7.4.0'\n", after: "'pytest' = '~=7.4.4'\n" },
      { line: 17, before: 'version = "==23.1.0"\n', after: 'version = "==24.3.0"\n' },
    ]);
    const edited = parse(result.content);
    expect(edited.requirements.map((r) => [r.normalizedName, r.specifier])).toEqual([
      ['django', '==4.2.16'],
      ['requests', '>=2.32.3,<3'],
      ['flask', null],
      ['celery', null],
      ['mylib', null],
      ['pytest', '~=7.4.4'],
      ['black', '==24.3.0'],
    ]);
    expect(edited.requirements.find((r) => r.normalizedName === 'black')?.markers).toBe("python_version >= '3.8'");
  });

  it('leaves "*" untouched: the lock carries the version', () => {
    expect(result.problems).toEqual([
      { package: 'flask', line: 9, message: 'unpinned in Pipfile: the lock carries the version' },
      { package: 'celery', line: 10, message: 'unpinned in Pipfile: the lock carries the version' },
      {
        package: 'mylib',
        line: 11,
        message: 'declared with a vcs source (https://github.com/org/mylib.git), not an index version; left untouched',
      },
    ]);
  });
});
