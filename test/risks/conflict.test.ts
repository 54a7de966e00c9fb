import { describe, expect, it } from 'vitest';
import { conflictCheck } from '../../src/risks/checks/conflict.js';
import { contextOf, fixtureTree, riskInputOf } from './helpers.js';

describe('conflict', () => {
  it('reports one package pinned to different versions by files of one project', async () => {
    const input = await riskInputOf(fixtureTree('conflict-pins'));
    const findings = await conflictCheck.run(contextOf(input));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: 'conflict',
      severity: 'medium',
      package: 'django',
      locations: [
        { path: 'requirements-prod.txt', startLine: 1, endLine: 1 },
        { path: 'requirements.txt', startLine: 1, endLine: 1 },
      ],
    });
    expect(findings[0]?.message).toMatch(
      /^django is pinned to different versions by files of the project at the repository root \(requirements-prod\.txt: 4\.2\.7; requirements\.txt: 4\.2\.16\)/,
    );
  });

  it('accepts PEP 440-equal pins, marker-guarded pins and separate projects', async () => {
    const input = await riskInputOf({
      'requirements.txt': 'requests==2.32.3\n',
      'constraints.txt': 'requests==2.32.03\n',
      'tools/requirements.txt': 'requests==2.31.0\n',
    });
    expect(await conflictCheck.run(contextOf(input))).toEqual([]);
  });

  it('compares a lock by the set of versions it holds', async () => {
    const lock = [
      'version = 1',
      'requires-python = ">=3.8"',
      '',
      '[[package]]',
      'name = "numpy"',
      'version = "1.24.4"',
      'source = { registry = "https://pypi.org/simple" }',
      '',
      '[[package]]',
      'name = "numpy"',
      'version = "2.0.2"',
      'source = { registry = "https://pypi.org/simple" }',
      '',
    ].join('\n');
    const ok = await riskInputOf({ 'uv.lock': lock, 'requirements.txt': 'numpy==2.0.2\n' });
    expect(await conflictCheck.run(contextOf(ok))).toEqual([]);
    const clash = await riskInputOf({ 'uv.lock': lock, 'requirements.txt': 'numpy==1.26.4\n' });
    expect((await conflictCheck.run(contextOf(clash))).map((f) => f.package)).toEqual(['numpy']);
  });
});
