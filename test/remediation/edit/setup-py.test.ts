import { describe, expect, it } from 'vitest';
import { parseSetupPy } from '../../../src/manifests/setup-py/index.js';
import type { Manifest } from '../../../src/manifests/types.js';
import { editSetupPy } from '../../../src/remediation/edit/setup-py.js';
import { changedLines, fixture } from './helpers.js';

function parse(content: string): Promise<Manifest> {
  return parseSetupPy({ path: 'setup.py', content });
}

describe('editSetupPy', () => {
  const text = fixture('setup-literal-lists.py');

  it('rewrites inside the string literals, keeping quotes, prefixes, comments and list layout', async () => {
    const result = await editSetupPy(await parse(text), text, [
      { package: 'django', to: '4.2.16' },
      { package: 'requests', to: '2.32.3' },
      { package: 'redis', to: '4.5.4' },
      { package: 'sphinx', to: '7.1.2' },
      { package: 'setuptools-scm', to: '8.0.0' },
    ]);
    expect(changedLines(text, result.content)).toEqual([
      { line: 9, before: '        "Django>=4.2,<5",  # web\n', after: '        "Django>=4.2.16,<5",  # web\n' },
      {
        line: 10,
        before: `        'requests[socks]==2.31.0; python_version < "3.12"',\n`,
        after: `        'requests[socks]==2.32.3; python_version < "3.12"',\n`,
      },
      { line: 11, before: '        "celery~=5.3.0", "redis==4.5.0",\n', after: '        "celery~=5.3.0", "redis==4.5.4",\n' },
      {
        line: 14,
        before: '        "test": ["pytest>=7", "django==4.2.5"],\n',
        after: '        "test": ["pytest>=7", "django==4.2.16"],\n',
      },
      { line: 16, before: '            sphinx==7.1.0\n', after: '            sphinx==7.1.2\n' },
      { line: 19, before: "    setup_requires=[r'setuptools_scm>=7'],\n", after: "    setup_requires=[r'setuptools_scm>=8.0.0'],\n" },
    ]);
    expect(result.problems).toEqual([]);
    const edited = await parse(result.content);
    expect(edited.requirements.map((r) => [r.normalizedName, r.specifier])).toEqual([
      ['django', '>=4.2.16,<5'],
      ['requests', '==2.32.3'],
      ['celery', '~=5.3.0'],
      ['redis', '==4.5.4'],
      ['pytest', '>=7'],
      ['django', '==4.2.16'],
      ['sphinx', '==7.1.2'],
      ['setuptools-scm', '>=8.0.0'],
    ]);
  });

  it('refuses a specifier with an escape sequence, and a requirement built at run time', async () => {
    const escaped = 'from setuptools import setup\nsetup(install_requires=["django\\x3d=4.2.5", "flask==" + VERSION])\n';
    const manifest = await parse(escaped);
    const result = await editSetupPy(manifest, escaped, [
      { package: 'django', to: '4.2.16' },
      { package: 'flask', to: '3.0.3' },
    ]);
    expect(result.content).toBe(escaped);
    expect(result.problems).toEqual([
      { package: 'django', line: 2, message: 'the requirement goes on after a backslash (a continuation or an escape); edit it by hand' },
      { package: 'flask', message: 'flask is not declared in setup.py' },
    ]);
  });

  it('keeps CRLF line endings', async () => {
    const crlf = 'from setuptools import setup\r\nsetup(\r\n    install_requires=["django==4.2.5"],\r\n)\r\n';
    const result = await editSetupPy(await parse(crlf), crlf, [{ package: 'django', to: '4.2.16' }]);
    expect(result.content).toBe(crlf.replace('4.2.5', '4.2.16'));
  });
});
