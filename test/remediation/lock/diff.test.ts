import { describe, expect, it } from 'vitest';
import { describeLockDiff, introducedVersions, lockDiffPackages } from '../../../src/remediation/lock/diff.js';
import { fixture } from './helpers.js';

describe('lockDiffPackages', () => {
  it('lists changed, added and removed packages of a uv.lock', () => {
    const before = fixture('uv-editable-project.lock');
    const after = before
      .replace('name = "sqlparse"\nversion = "0.5.2"', 'name = "sqlparse"\nversion = "0.5.3"')
      .replace(/\[\[package\]\]\nname = "tzdata"[\s\S]*$/, '[[package]]\nname = "typing-extensions"\nversion = "4.12.2"\nsource = { registry = "https://pypi.org/simple" }\n\n[[package]]\nname = "mylib"\nsource = { git = "https://github.com/example/mylib?rev=main#0123456789abcdef0123456789abcdef01234567" }\n');
    const diff = lockDiffPackages(before, after, 'uv-lock');
    expect(diff).toEqual({
      added: [
        { package: 'mylib', version: null, source: 'vcs' },
        { package: 'typing-extensions', version: '4.12.2', source: 'registry' },
      ],
      removed: [{ package: 'tzdata', version: '2024.2', source: 'registry' }],
      changed: [{ package: 'sqlparse', from: ['0.5.2'], to: ['0.5.3'], introduced: [{ package: 'sqlparse', version: '0.5.3', source: 'registry' }] }],
      errors: [],
    });
    expect(introducedVersions(diff)).toEqual([
      { package: 'mylib', version: null, source: 'vcs' },
      { package: 'typing-extensions', version: '4.12.2', source: 'registry' },
      { package: 'sqlparse', version: '0.5.3', source: 'registry' },
    ]);
    expect(describeLockDiff(diff)).toEqual(['sqlparse 0.5.2 → 0.5.3', 'mylib (vcs) added', 'typing-extensions 4.12.2 added', 'tzdata 2024.2 removed']);
  });

  it('compares the versions of forked packages as sets', () => {
    const before = fixture('uv-forked-versions.lock');
    const after = before.replace(/version = "1\.26\.4"/g, 'version = "1.26.5"');
    const diff = lockDiffPackages(before, after, 'uv-lock');
    expect(diff.changed).toEqual([
      { package: 'numpy', from: ['1.26.4', '2.1.3'], to: ['1.26.5', '2.1.3'], introduced: [{ package: 'numpy', version: '1.26.5', source: 'registry' }] },
    ]);
  });

  it('counts a package locked in two Pipfile.lock categories once, and sees no change in an identical lock', () => {
    const lock = fixture('pipfile-web.Pipfile.lock');
    expect(lockDiffPackages(lock, lock, 'pipfile-lock')).toEqual({ added: [], removed: [], changed: [], errors: [] });
    const after = lock.split('"version": "==2.31.0"').join('"version": "==2.32.3"');
    expect(lockDiffPackages(lock, after, 'pipfile-lock').changed.map((c) => [c.package, c.from, c.to])).toEqual([['requests', ['2.31.0'], ['2.32.3']]]);
  });

  it('treats PEP 440-equal spellings as the same version', () => {
    const lock = fixture('poetry-2.1-app.lock');
    expect(lockDiffPackages(lock, lock.replace('version = "3.10"', 'version = "3.10.0"'), 'poetry-lock').changed).toEqual([]);
  });

  it('reports unreadable locks instead of guessing', () => {
    const diff = lockDiffPackages(fixture('poetry-2.1-app.lock'), '[[package]\nname = "x"\n\u0000\u0001', 'poetry-lock');
    expect(diff.errors).toHaveLength(1);
    expect(diff.errors[0]).toMatch(/^after: invalid TOML: .* \(line 1\)$/);
    expect(lockDiffPackages('', '', 'requirements')).toEqual({ added: [], removed: [], changed: [], errors: ['requirements is not a lock format'] });
  });
});
