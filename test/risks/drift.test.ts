import { describe, expect, it } from 'vitest';
import { driftCheck } from '../../src/risks/checks/drift.js';
import { contextOf, fixtureTree, riskInputOf } from './helpers.js';

describe('drift', () => {
  it('reports .in requirements missing from the compiled .txt and pins the .in does not allow', async () => {
    const input = await riskInputOf(fixtureTree('drift-pip-compile'));
    const findings = await driftCheck.run(contextOf(input));
    expect(findings.map((f) => [f.package, f.version ?? null, f.locations])).toEqual([
      [
        'flask',
        '2.3.3',
        [
          { path: 'requirements.txt', startLine: 9, endLine: 9 },
          { path: 'requirements.in', startLine: 2, endLine: 2 },
        ],
      ],
      ['celery', null, [{ path: 'requirements.in', startLine: 3, endLine: 3 }]],
    ]);
    expect(findings[0]?.message).toMatch(/^requirements\.txt pins flask==2\.3\.3, which requirements\.in does not allow \(">=3\.0"\)/);
    expect(findings[1]?.message).toMatch(/^celery is required by requirements\.in but missing from requirements\.txt/);
  });

  it('follows -r into included .in files, and finds the pair by stem without a header', async () => {
    const input = await riskInputOf({
      'requirements.in': '-r base.in\n',
      'base.in': 'requests>=2.32\nidna\n',
      'requirements.txt': 'idna==3.10\n',
    });
    const findings = await driftCheck.run(contextOf(input));
    expect(findings.map((f) => [f.package, f.locations?.[0]?.path])).toEqual([['requests', 'base.in']]);
  });

  it('reports a lock out of step with its manifest, with the command to re-lock', async () => {
    const input = await riskInputOf(fixtureTree('drift-uv-lock'));
    const findings = await driftCheck.run(contextOf(input));
    expect(findings).toEqual([
      {
        kind: 'drift',
        severity: 'medium',
        locations: [{ path: 'uv.lock', startLine: 1, endLine: 1 }],
        message:
          'uv.lock is out of step with pyproject.toml (pyproject.toml changed since the lock was made (+flask>=3)): installs ' +
          'from the lock do not give what the manifest declares. Re-lock (uv lock) and commit both files together.',
      },
    ]);
  });

  it('says nothing for an up-to-date pair, markers left out by pip-compile, or a .txt without an .in', async () => {
    const input = await riskInputOf({
      'requirements.in': 'flask>=3\npywin32 ; sys_platform == "win32"\n',
      'requirements.txt': '# pip-compile requirements.in\nflask==3.0.3\n',
      'docs/requirements.txt': 'sphinx==8.0.0\n',
    });
    expect(await driftCheck.run(contextOf(input))).toEqual([]);
  });
});
