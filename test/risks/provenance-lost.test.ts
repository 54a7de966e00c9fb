import { describe, expect, it } from 'vitest';
import { provenanceLostCheck } from '../../src/risks/checks/provenance-lost.js';
import { contextOf, riskInputOf, simplePage, snapshotOf } from './helpers.js';
import { PAGES } from './registry-data.js';

async function run(requirements: string, pages = PAGES) {
  const input = await riskInputOf({ 'requirements.txt': requirements });
  return provenanceLostCheck.run(contextOf(input, { registry: snapshotOf({}, pages) }));
}

describe('provenance-lost', () => {
  it('reports a version in use published without the attestations its predecessor had (medium)', async () => {
    const findings = await run('attrs==25.3.0\n');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'provenance-lost', severity: 'medium', package: 'attrs', version: '25.3.0' });
    // 25.2.0 is yanked: the predecessor that counts is 25.1.0.
    expect(findings[0]?.message).toMatch(/^attrs 25\.3\.0 was published without PEP 740 attestations, while the release before it \(25\.1\.0\) had them/);
  });

  it('reports a latest release that lost the attestations the version in use has (low)', async () => {
    const findings = await run('attrs==25.1.0\n');
    expect(findings.map((f) => [f.severity, f.version])).toEqual([['low', '25.1.0']]);
    expect(findings[0]?.message).toBe(
      'The latest release of attrs, 25.3.0, was published without PEP 740 attestations, while 25.1.0, the version you use, ' +
        'had them. Before upgrading to 25.3.0, check that it really comes from the project.',
    );
  });

  it('reports a latest release that lost the attestations of releases before the version in use (low)', async () => {
    const pages = {
      pkg: simplePage('pkg', [
        { version: '1.0', provenance: true },
        { version: '1.1', files: [{ type: 'wheel', provenance: true }, { type: 'sdist', provenance: null }] },
        { version: '2.0', provenance: false },
      ]),
    };
    const findings = await run('pkg==1.1\n', pages);
    expect(findings.map((f) => f.severity)).toEqual(['low']);
  });

  it('says nothing when attestations never existed, are kept, or the index does not say', async () => {
    expect(await run('requests==2.32.0\n')).toEqual([]);
    const pages = {
      kept: simplePage('kept', [{ version: '1.0', provenance: true }, { version: '1.1', provenance: true }]),
      unknown: simplePage('unknown', [{ version: '1.0', provenance: true }, { version: '1.1', provenance: null }]),
      latest: simplePage('latest', [{ version: '1.0', provenance: true }, { version: '1.1', provenance: false }]),
    };
    expect(await run('kept==1.1\nunknown==1.1\nlatest==1.1\nkept>=1\n', pages)).toEqual([
      expect.objectContaining({ package: 'latest', severity: 'medium' }),
    ]);
  });
});
