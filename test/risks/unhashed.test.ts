import { describe, expect, it } from 'vitest';
import { unhashedCheck } from '../../src/risks/checks/unhashed.js';
import { contextOf, fixtureTree, riskInputOf } from './helpers.js';

describe('unhashed', () => {
  it('reports each requirement without a hash in a file where others have one (medium)', async () => {
    const input = await riskInputOf(fixtureTree('unhashed-mixed'));
    const findings = await unhashedCheck.run(contextOf(input));
    expect(findings).toEqual([
      {
        kind: 'unhashed',
        severity: 'medium',
        package: 'urllib3',
        version: '2.2.3',
        locations: [{ path: 'requirements.txt', startLine: 5, endLine: 5 }],
        message: expect.stringMatching(/^urllib3 has no --hash in requirements\.txt, while 2 other requirements have one\./) as unknown as string,
      },
    ]);
  });

  it('reports a fully pinned file without any hash once (low), and never its .in', async () => {
    const input = await riskInputOf(fixtureTree('unhashed-none'));
    const findings = await unhashedCheck.run(contextOf(input));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'unhashed', severity: 'low', locations: [{ path: 'requirements.txt', startLine: 7, endLine: 7 }] });
    expect(findings[0]?.message).toMatch(/^requirements\.txt pins 3 requirements to exact versions without any --hash/);
  });

  it('says nothing when every pin is hashed, when some requirements are ranges, or for a library', async () => {
    const hashed = await riskInputOf({ 'requirements.txt': 'idna==3.10 --hash=sha256:946d195a0d259cbba61165e88e65941f16e9b36ea6ddb97f00452bae8b1287d3\n' });
    expect(await unhashedCheck.run(contextOf(hashed))).toEqual([]);
    const ranges = await riskInputOf({ 'requirements.txt': 'idna==3.10\nflask>=3\n' });
    expect(await unhashedCheck.run(contextOf(ranges))).toEqual([]);
    const library = await riskInputOf({
      'pyproject.toml': '[project]\nname = "lib"\nversion = "1"\n',
      'requirements.txt': 'idna==3.10\n',
    });
    expect(await unhashedCheck.run(contextOf(library))).toEqual([]);
  });
});
