import { describe, expect, it } from 'vitest';
import { runRiskChecks } from '../../src/risks/runner.js';
import { FakeRegistry, riskInputOf } from './helpers.js';

const NOW = new Date('2025-06-01T00:00:00Z');

describe('risk checks on hostile input', () => {
  it('survive binary garbage, a 100,000-line requirements file, a megabyte-long line and deep -r chains', async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 37) % 256);
    const lines = Array.from({ length: 100_000 }, (_, i) => `pkg${i}==1.${i % 50}.0`);
    const chain: Record<string, string> = {};
    for (let i = 0; i < 100; i++) chain[`reqs/r${i}.txt`] = `-r r${i + 1}.txt\nlevel${i}==1.0\n`;
    const input = await riskInputOf({
      'requirements.txt': `${lines.join('\n')}\n`,
      'requirements-garbage.txt': new TextDecoder('latin1').decode(garbage),
      'requirements-long.txt': `${'a'.repeat(1_000_000)}==1.0\nflask>=3\n`,
      'requirements.in': `${'x-'.repeat(10_000)}y>=1\n`,
      ...chain,
    });
    const started = Date.now();
    const result = await runRiskChecks(input, { registry: new FakeRegistry(), now: NOW, concurrency: 64, config: undefined });
    expect(Date.now() - started).toBeLessThan(120_000);
    expect(result.errors).toEqual([]);
    expect(Array.isArray(result.risks)).toBe(true);
  }, 180_000);

  it('survive an empty audit', async () => {
    const result = await runRiskChecks({ manifests: [], dependencies: [], projects: [] }, { registry: new FakeRegistry(), now: NOW });
    expect(result).toEqual({ risks: [], errors: [], skipped: [] });
  });
});
