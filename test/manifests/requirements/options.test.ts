import { describe, expect, it } from 'vitest';
import { hashOptionError, readOptions, REQUIREMENTS_FILE_OPTIONS } from '../../../src/manifests/requirements/options.js';
import { shellSplit } from '../../../src/manifests/requirements/shell-split.js';
import { splitRequirementAndOptions } from '../../../src/manifests/requirements/line-reader.js';

function read(tokens: string[]) {
  const result = readOptions(tokens);
  return {
    options: result.options.map((option) => [option.spec.id, option.name, option.value]),
    leftovers: result.leftovers,
    errors: result.errors,
  };
}

describe('shellSplit', () => {
  it('splits like POSIX shlex', () => {
    expect(shellSplit(`--a "x y" 'p q' r\\ s "e\\"q" 'no\\esc'`)).toEqual({
      ok: true,
      tokens: ['--a', 'x y', 'p q', 'r s', 'e"q', 'no\\esc'],
    });
    expect(shellSplit('--c="--build-option=--x y"')).toEqual({ ok: true, tokens: ['--c=--build-option=--x y'] });
    expect(shellSplit('  ')).toEqual({ ok: true, tokens: [] });
    expect(shellSplit('a ""')).toEqual({ ok: true, tokens: ['a', ''] });
  });

  it('reports an unclosed quote and a final backslash', () => {
    expect(shellSplit('--a "x')).toEqual({ ok: false, error: 'no closing quotation (") in the options' });
    expect(shellSplit('--a x\\')).toEqual({ ok: false, error: 'no escaped character after the final backslash' });
  });
});

describe('readOptions', () => {
  it('reads long options with = or a separate value, and short options glued or separate', () => {
    expect(read(['--index-url=https://a', '--extra-index-url', 'https://b', '-rbase.txt', '-c', 'c.txt', '-i', 'https://c'])).toEqual({
      options: [
        ['index-url', '--index-url', 'https://a'],
        ['extra-index-url', '--extra-index-url', 'https://b'],
        ['requirement', '-r', 'base.txt'],
        ['constraint', '-c', 'c.txt'],
        ['index-url', '-i', 'https://c'],
      ],
      leftovers: [],
      errors: [],
    });
  });

  it('knows every option of pip’s requirements-file format', () => {
    const names = REQUIREMENTS_FILE_OPTIONS.flatMap((spec) => spec.names);
    for (const name of [
      '-i', '--index-url', '--extra-index-url', '--no-index', '-f', '--find-links', '--trusted-host', '-r', '--requirement',
      '-c', '--constraint', '-e', '--editable', '--no-binary', '--only-binary', '--prefer-binary', '--require-hashes',
      '--pre', '--use-feature', '--hash', '--config-settings', '-C', '--global-option', '--install-option', '--pypi-url',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('accepts unambiguous abbreviations and prefers an exact match', () => {
    expect(read(['--extra', 'x', '--pre', '--prefer', '--find=y']).options).toEqual([
      ['extra-index-url', '--extra-index-url', 'x'],
      ['pre', '--pre', ''],
      ['prefer-binary', '--prefer-binary', ''],
      ['find-links', '--find-links', 'y'],
    ]);
    expect(read(['--req', 'x']).errors).toEqual(['ambiguous option --req (--requirement, --require-hashes)']);
  });

  it('reports unknown options, swallowing their value, and flags given values', () => {
    expect(read(['--foo', 'bar', '-x', 'y', '--pre=1', '--zap=1', 'left'])).toEqual({
      options: [['pre', '--pre', '']],
      leftovers: ['left'],
      errors: ['unknown option --foo', 'unknown option -x', 'option --pre takes no value', 'unknown option --zap'],
    });
  });

  it('reports a missing value and keeps what follows -- as leftovers', () => {
    expect(read(['--hash'])).toEqual({ options: [], leftovers: [], errors: ['option --hash requires a value'] });
    expect(read(['--hash=', '--', '--pre']).leftovers).toEqual(['--pre']);
  });
});

describe('hashOptionError', () => {
  it('accepts strong algorithm:digest values only', () => {
    expect(hashOptionError('sha256:abcd')).toBeNull();
    expect(hashOptionError('sha512:abcd')).toBeNull();
    expect(hashOptionError('sha256')).toMatch(/expected algorithm:digest/);
    expect(hashOptionError('sha256:')).toMatch(/expected algorithm:digest/);
    expect(hashOptionError('md5:abcd')).toMatch(/only sha256, sha384 and sha512/);
  });
});

describe('splitRequirementAndOptions', () => {
  it('splits at the first token starting with -', () => {
    expect(splitRequirementAndOptions('foo ; python_version < "3" --hash=sha256:a')).toEqual({
      requirement: 'foo ; python_version < "3"',
      options: '--hash=sha256:a',
    });
    expect(splitRequirementAndOptions('-r x.txt')).toEqual({ requirement: '', options: '-r x.txt' });
    expect(splitRequirementAndOptions('foo-bar>=1')).toEqual({ requirement: 'foo-bar>=1', options: '' });
  });
});
