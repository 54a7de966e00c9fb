import { describe, expect, it } from 'vitest';
import { extraIndexUrlCheck } from '../../src/risks/checks/extra-index-url.js';
import { contextOf, fixtureTree, riskInputOf } from './helpers.js';

describe('extra-index-url', () => {
  it("reports pip's --extra-index-url as high, says why, and never shows the token", async () => {
    const input = await riskInputOf(fixtureTree('extra-index-requirements'));
    const findings = await extraIndexUrlCheck.run(contextOf(input));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: 'extra-index-url',
      severity: 'high',
      locations: [{ path: 'requirements.txt', startLine: 2, endLine: 2 }],
    });
    const message = findings[0]?.message ?? '';
    expect(message).toContain('requirements.txt adds the index https://***@pkgs.acme.example/simple with --extra-index-url');
    expect(message).toContain('installs the highest version any of them offers');
    expect(message).not.toContain('ghp_');
  });

  it('reports a Poetry secondary source no package is pinned to (medium)', async () => {
    const input = await riskInputOf(fixtureTree('extra-index-poetry-unpinned'));
    const findings = await extraIndexUrlCheck.run(contextOf(input));
    expect(findings.map((f) => [f.severity, f.locations])).toEqual([['medium', [{ path: 'pyproject.toml', startLine: 12, endLine: 12 }]]]);
    expect(findings[0]?.message).toMatch(/^pyproject\.toml declares the secondary index https:\/\/pkgs\.acme\.example\/simple\/, but no package is pinned to it/);
  });

  it('accepts a secondary source that packages are pinned to', async () => {
    const input = await riskInputOf(fixtureTree('extra-index-poetry-pinned'));
    expect(await extraIndexUrlCheck.run(contextOf(input))).toEqual([]);
  });

  it('reports Pipfile secondary sources without index = pins, not the default source, not the lock', async () => {
    const pipfile = [
      '[[source]]',
      'name = "pypi"',
      'url = "https://pypi.org/simple"',
      'verify_ssl = true',
      '',
      '[[source]]',
      'name = "acme"',
      'url = "https://pkgs.acme.example/simple"',
      'verify_ssl = true',
      '',
      '[packages]',
      'requests = "==2.32.3"',
      '',
    ].join('\n');
    const input = await riskInputOf({ Pipfile: pipfile });
    const findings = await extraIndexUrlCheck.run(contextOf(input));
    expect(findings.map((f) => [f.severity, f.locations?.[0]?.path, f.locations?.[0]?.startLine])).toEqual([['medium', 'Pipfile', 8]]);
  });

  it('says nothing for a single index or --no-index', async () => {
    const single = await riskInputOf({ 'requirements.txt': '--index-url https://pkgs.acme.example/simple\nrequests==2.32.3\n' });
    expect(await extraIndexUrlCheck.run(contextOf(single))).toEqual([]);
    const noIndex = await riskInputOf({ 'requirements.txt': '--no-index\n--extra-index-url https://x.example/simple\n--find-links ./wheels\nrequests==2.32.3\n' });
    expect(await extraIndexUrlCheck.run(contextOf(noIndex))).toEqual([]);
  });
});
