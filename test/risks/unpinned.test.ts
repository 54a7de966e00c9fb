import { describe, expect, it } from 'vitest';
import { unpinnedCheck } from '../../src/risks/checks/unpinned.js';
import { contextOf, fixtureTree, riskInputOf } from './helpers.js';

describe('unpinned', () => {
  it('reports range-only direct dependencies of an application, runtime ones as medium', async () => {
    const input = await riskInputOf(fixtureTree('unpinned-application'));
    const findings = await unpinnedCheck.run(contextOf(input));
    expect(findings.map((f) => [f.package, f.severity, f.locations])).toEqual([
      ['flask', 'medium', [{ path: 'requirements.txt', startLine: 1, endLine: 1 }]],
      ['gunicorn', 'medium', [{ path: 'requirements.txt', startLine: 3, endLine: 3 }]],
      ['pytest', 'low', [{ path: 'requirements-dev.txt', startLine: 1, endLine: 1 }]],
    ]);
    expect(findings[0]?.message).toMatch(/^flask is declared as ">=2\.0,<4" by the application in the repository root, with no exact pin and no lock/);
    expect(findings[1]?.message).toMatch(/^gunicorn is declared without any version/);
  });

  it('leaves libraries alone: they should declare ranges', async () => {
    const input = await riskInputOf(fixtureTree('unpinned-library'));
    expect(await unpinnedCheck.run(contextOf(input))).toEqual([]);
  });

  it('counts a lock or a constraints pin as a pin', async () => {
    const input = await riskInputOf({
      'requirements.txt': '-c constraints.txt\nflask>=2\n',
      'constraints.txt': 'flask==3.0.3\n',
    });
    expect(await unpinnedCheck.run(contextOf(input))).toEqual([]);
  });
});
