import { describe, expect, it } from 'vitest';
import { urlSourceCheck } from '../../src/risks/checks/url-source.js';
import { contextOf, fixtureTree, riskInputOf } from './helpers.js';

describe('url-source', () => {
  it('grades URL and VCS dependencies by transport, reference and hash', async () => {
    const input = await riskInputOf(fixtureTree('url-sources'));
    const findings = await urlSourceCheck.run(contextOf(input));
    const byName = Object.fromEntries(findings.map((f) => [f.package, [f.severity, f.locations?.[0]?.startLine]]));
    expect(byName).toEqual({
      'plain-http': ['high', 1],
      'on-branch': ['medium', 2],
      'no-ref': ['medium', 3],
      'on-commit': ['low', 4],
      'git-protocol': ['high', 5],
      'hashed-archive': ['low', 6],
      'bare-archive': ['medium', 7],
    });
    const message = (name: string) => findings.find((f) => f.package === name)?.message ?? '';
    expect(message('plain-http')).toBe(
      'plain-http is installed from the URL http://downloads.example.com/plain_http-1.0.tar.gz over an unencrypted connection, ' +
        'so anyone on the network path can change what is installed. Use a release from the index, or pin an https URL to a ' +
        'full commit id or an archive with its hash.',
    );
    expect(message('on-branch')).toContain('at "main", a branch or tag that can move to other code at any time');
    expect(message('no-ref')).toContain('without a reference');
  });

  it('reads the commit uv.lock records for a git source as fixed, and hides credentials', async () => {
    const input = await riskInputOf({
      'requirements.txt': 'tool @ git+https://user:hunter2@github.com/acme/tool.git@4f2c1f0e6a0d9b1c3e5f7a9b2d4c6e8f0a1b3c5d\n',
    });
    const findings = await urlSourceCheck.run(contextOf(input));
    expect(findings.map((f) => f.severity)).toEqual(['low']);
    expect(findings[0]?.message).not.toContain('hunter2');
  });

  it('leaves index and local path dependencies alone', async () => {
    const input = await riskInputOf({ 'requirements.txt': 'requests==2.32.3\n./vendor/thing\n-e .\n' });
    expect(await urlSourceCheck.run(contextOf(input))).toEqual([]);
  });
});
