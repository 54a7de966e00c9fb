import { describe, expect, it } from 'vitest';
import { editLockInPlace, editLockInPlaceAll, isInPlaceLockKind } from '../../../src/remediation/lock/in-place.js';
import { distFile, fixture, update } from './helpers.js';

const DJANGO = update({ package: 'django', from: '5.1.4', to: '5.1.5', files: [distFile('django-5.1.5.tar.gz')] });

describe('editLockInPlace: common rules', () => {
  it('edits only uv.lock, poetry.lock and Pipfile.lock', () => {
    expect(isInPlaceLockKind('uv-lock')).toBe(true);
    expect(isInPlaceLockKind('pdm-lock')).toBe(false);
    expect(editLockInPlace('pdm-lock', fixture('pdm-app.lock'), DJANGO)).toEqual({ ok: false, reason: 'pdm-lock files are not edited in place; a re-lock is needed' });
    expect(editLockInPlace('requirements', 'django==5.1.4\n', DJANGO)).toEqual({ ok: false, reason: 'requirements files are not edited in place; a re-lock is needed' });
  });

  it('applies several updates in turn, and names the package that stops them', () => {
    const lock = fixture('uv-editable-project.lock');
    const sqlparse = update({ package: 'sqlparse', from: '0.5.2', to: '0.5.3', files: [distFile('sqlparse-0.5.3.tar.gz')] });
    const both = editLockInPlaceAll('uv-lock', lock, [DJANGO, sqlparse]);
    if (!both.ok) throw new Error(both.reason);
    expect(both.content).toContain('name = "django"\nversion = "5.1.5"');
    expect(both.content).toContain('name = "sqlparse"\nversion = "0.5.3"');
    const changed = update({ package: 'sqlparse', from: '0.5.2', to: '0.6.0', files: [distFile('sqlparse-0.6.0.tar.gz')], requiresDist: ['typing-extensions'], oldRequiresDist: [] });
    expect(editLockInPlaceAll('uv-lock', lock, [DJANGO, changed])).toEqual({
      ok: false,
      reason: 'sqlparse: dependencies changed: adds typing-extensions; a re-lock is needed',
    });
  });
});

describe('editLockInPlace: hostile input', () => {
  it('answers with a reason for binary garbage, whatever the format', () => {
    const garbage = '\u0000\u0001\u0002[[package]]\u0000name = "django"\u00ff\ufffd'.repeat(50);
    for (const kind of ['uv-lock', 'poetry-lock', 'pipfile-lock']) {
      const result = editLockInPlace(kind, garbage, DJANGO);
      expect(result.ok).toBe(false);
    }
    expect(editLockInPlace('pipfile-lock', '{"default": []', DJANGO)).toEqual({ ok: false, reason: 'Pipfile.lock is not valid JSON' });
    expect(editLockInPlace('pipfile-lock', '[1, 2]', DJANGO)).toEqual({ ok: false, reason: 'Pipfile.lock is not a JSON object' });
  });

  it('edits one entry of a 100,000-line uv.lock quickly', () => {
    const filler = Array.from({ length: 12_500 }, (_, i) =>
      `[[package]]\nname = "pkg${i}"\nversion = "1.0.${i}"\nsource = { registry = "https://pypi.org/simple" }\nsdist = { url = "https://files.pythonhosted.org/pkg${i}-1.0.${i}.tar.gz", hash = "sha256:${'a'.repeat(64)}", size = 1 }\n\n`,
    ).join('');
    const lock = `version = 1\nrequires-python = ">=3.12"\n\n${filler}[[package]]\nname = "django"\nversion = "5.1.4"\nsource = { registry = "https://pypi.org/simple" }\nsdist = { url = "https://files.pythonhosted.org/django-5.1.4.tar.gz", hash = "sha256:${'b'.repeat(64)}", size = 2 }\n`;
    expect(lock.split('\n').length).toBeGreaterThan(75_000);
    const started = Date.now();
    const result = editLockInPlace('uv-lock', lock, DJANGO);
    if (!result.ok) throw new Error(result.reason);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.content.length - lock.length).toBeLessThan(400);
    expect(result.content.slice(0, lock.length - 250)).toBe(lock.slice(0, lock.length - 250));
  });

  it('copes with very long lines and deep nesting', () => {
    const long = `# ${'x'.repeat(200_000)}\n${fixture('uv-editable-project.lock')}`;
    const result = editLockInPlace('uv-lock', long, DJANGO);
    expect(result.ok).toBe(true);
    const nested = `version = 1\nrequires-python = ">=3.12"\nx = ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    expect(editLockInPlace('uv-lock', nested, DJANGO).ok).toBe(false);
    const deepJson = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    expect(editLockInPlace('pipfile-lock', deepJson, DJANGO)).toEqual({ ok: false, reason: 'django 5.1.4 is not in Pipfile.lock' });
  });

  it('refuses entries written in a layout it does not know rather than guess', () => {
    const lock = fixture('uv-editable-project.lock');
    const subTable = lock.replace(/\nsdist = \{ url = "([^"]+django-5\.1\.4\.tar\.gz)", hash = "([^"]+)", size = (\d+), upload-time = "([^"]+)" \}\nwheels = \[\n[^\n]*\n\]\n/, '\n\n[package.sdist]\nurl = "$1"\nhash = "$2"\n');
    expect(subTable).toContain('[package.sdist]');
    const result = editLockInPlace('uv-lock', subTable, DJANGO);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^the edited uv\.lock did not check out \(invalid TOML: .*\); a re-lock is needed$/);
    const shared = fixture('poetry-2.1-app.lock').replace('version = "2.1.0"\n', 'version = "2.1.0" # pinned\n');
    const commented = editLockInPlace('poetry-lock', shared, update({ package: 'urllib3', from: '2.1.0', to: '2.2.2', requiresPython: '>=3.8', files: [distFile('urllib3-2.2.2.tar.gz')] }));
    if (!commented.ok) throw new Error(commented.reason);
    expect(commented.content).toContain('version = "2.2.2" # pinned\n');
  });
});
