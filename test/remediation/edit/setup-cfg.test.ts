import { describe, expect, it } from 'vitest';
import { parseSetupCfg } from '../../../src/manifests/setup-cfg/index.js';
import type { Manifest } from '../../../src/manifests/types.js';
import { editSetupCfg } from '../../../src/remediation/edit/setup-cfg.js';
import { changedLines, fixture } from './helpers.js';

function parse(content: string): Manifest {
  return parseSetupCfg({ path: 'setup.cfg', content });
}

describe('editSetupCfg', () => {
  const text = fixture('setup-multiline.cfg');
  const result = editSetupCfg(parse(text), text, [
    { package: 'django', to: '4.2.16' },
    { package: 'requests', to: '2.32.3' },
    { package: 'celery', to: '5.3.6' },
    { package: 'hiredis', to: '2.3.2' },
    { package: 'mylib', to: '1.1' },
  ]);

  it('rewrites multi-line install_requires, a one-line value split at ";", and extras', () => {
    expect(changedLines(text, result.content)).toEqual([
      { line: 8, before: '    Django>=4.2,<5  # web\n', after: '    Django>=4.2.16,<5  # web\n' },
      {
        line: 9,
        before: '    requests[socks]==2.31.0; python_version<"3.12"\n',
        after: '    requests[socks]==2.32.3; python_version<"3.12"\n',
      },
      { line: 10, before: '\tcelery ~= 5.3.0\n', after: '\tcelery ~= 5.3.6\n' },
      { line: 12, before: 'tests_require = pytest>=7; django==4.2.5\n', after: 'tests_require = pytest>=7; django==4.2.16\n' },
      { line: 17, before: '    hiredis\n', after: '    hiredis>=2.3.2\n' },
    ]);
  });

  it('re-parses to the intended constraints', () => {
    const edited = parse(result.content);
    const specs = edited.requirements.map((r) => [r.normalizedName, r.specifier, r.groups[0]]);
    expect(specs).toEqual([
      ['django', '>=4.2.16,<5', 'main'],
      ['requests', '==2.32.3', 'main'],
      ['celery', '~=5.3.6', 'main'],
      ['mylib', null, 'main'],
      ['pytest', '>=7', 'test'],
      ['django', '==4.2.16', 'test'],
      ['redis', '>=4.5', 'redis'],
      ['hiredis', '>=2.3.2', 'redis'],
    ]);
    expect(result.applied.filter((a) => a.package === 'django').map((a) => a.line)).toEqual([8, 12]);
  });

  it('leaves a URL requirement, as a problem', () => {
    expect(result.problems).toEqual([
      {
        package: 'mylib',
        line: 11,
        message: 'declared with a vcs source (git+https://github.com/org/mylib.git), not an index version; left untouched',
      },
    ]);
  });

  it('edits a one-line install_requires value', () => {
    const oneLine = '[options]\ninstall_requires = django==4.2.5\n';
    const outcome = editSetupCfg(parse(oneLine), oneLine, [{ package: 'django', to: '4.2.16' }]);
    expect(outcome.content).toBe('[options]\ninstall_requires = django==4.2.16\n');
  });

  it('keeps CRLF line endings', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const outcome = editSetupCfg(parse(crlf), crlf, [{ package: 'django', to: '4.2.16' }]);
    expect(outcome.content).toBe(crlf.replace('Django>=4.2,<5', 'Django>=4.2.16,<5').replace('django==4.2.5', 'django==4.2.16'));
  });
});
