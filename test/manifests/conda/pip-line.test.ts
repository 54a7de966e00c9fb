import { describe, expect, it } from 'vitest';
import { readPipLine } from '../../../src/manifests/conda/pip-line.js';

const lines = { start: 4, end: 4 };

describe('readPipLine', () => {
  it('reads options glued to their value or written with "="', () => {
    expect(readPipLine('-rrequirements/base.txt', lines)).toEqual({
      kind: 'include',
      include: { target: 'requirements/base.txt', kind: 'requirement', line: 4 },
    });
    expect(readPipLine('--constraint=constraints.txt', lines)).toEqual({
      kind: 'include',
      include: { target: 'constraints.txt', kind: 'constraint', line: 4 },
    });
    expect(readPipLine('-ihttps://mirror.example/simple', lines)).toEqual({
      kind: 'index',
      index: { option: 'index-url', value: 'https://mirror.example/simple', line: 4 },
    });
    expect(readPipLine('-f ./wheels', lines)).toEqual({ kind: 'index', index: { option: 'find-links', value: './wheels', line: 4 } });
    expect(readPipLine('--no-index', lines)).toEqual({ kind: 'index', index: { option: 'no-index', value: '', line: 4 } });
  });

  it('reports options without their value', () => {
    expect(readPipLine('-r', lines)).toEqual({ kind: 'error', message: '-r needs a file name' });
    expect(readPipLine('--index-url', lines)).toEqual({ kind: 'error', message: '--index-url needs a value' });
    expect(readPipLine('-e', lines)).toEqual({ kind: 'error', message: '-e needs a path or URL' });
  });

  it('reads an editable PEP 508 direct reference as an editable source', () => {
    const result = readPipLine('--editable mylib @ file:///src/mylib', lines);
    expect(result).toMatchObject({
      kind: 'requirement',
      requirement: { name: 'mylib', source: { type: 'path', url: 'file:///src/mylib', editable: true }, lines },
    });
  });

  it('keeps a URL fragment and strips a trailing comment', () => {
    const result = readPipLine('git+https://example.com/x.git#egg=x-lib  # pinned later', lines);
    expect(result).toMatchObject({
      kind: 'requirement',
      requirement: { name: 'x-lib', source: { type: 'vcs', url: 'git+https://example.com/x.git#egg=x-lib' } },
    });
    expect(readPipLine('   # only a comment', lines)).toEqual({ kind: 'skipped', reason: 'empty line' });
  });

  it('collects every --hash of a requirement', () => {
    const result = readPipLine('six==1.16.0 --hash=sha256:aaa --hash sha256:bbb', lines);
    expect(result).toMatchObject({ kind: 'requirement', requirement: { name: 'six', version: '1.16.0', hashes: ['sha256:aaa', 'sha256:bbb'] } });
  });
});
