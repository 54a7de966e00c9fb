import { describe, expect, it } from 'vitest';
import { dependencyConfusionCheck } from '../../src/risks/checks/dependency-confusion.js';
import { config, contextOf, fixtureTree, projectInfo, riskInputOf, snapshotOf } from './helpers.js';

describe('dependency-confusion', () => {
  it('reports packages pinned to a private index whose name a different PyPI project holds (high)', async () => {
    const input = await riskInputOf(fixtureTree('confusion-uv-sources'));
    const projects = {
      'acme-utils': projectInfo('acme-utils', [{ version: '0.0.1' }, { version: '99.0.0' }]),
      'acme-auth': null,
    };
    const context = contextOf(input, { registry: snapshotOf(projects) });
    expect(dependencyConfusionCheck.registry?.names?.(context)).toEqual(['acme-utils', 'acme-auth']);
    const findings = await dependencyConfusionCheck.run(context);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: 'dependency-confusion',
      severity: 'high',
      package: 'acme-utils',
      version: '1.2.0',
      locations: [{ path: 'pyproject.toml', startLine: 6, endLine: 6 }],
    });
    expect(findings[0]?.message).toMatch(
      /^acme-utils is configured to come from the private index https:\/\/pkgs\.acme\.example\/simple, but a different project of the same name exists on PyPI \(PyPI has no 1\.2\.0 but has other versions \(latest 99\.0\.0\)\)/,
    );
  });

  it('judges a private --index-url: same version is low, a matching hash or a popular name is nothing', async () => {
    const input = await riskInputOf(fixtureTree('confusion-private-index-url'));
    const projects = {
      'acme-tools': projectInfo('acme-tools', [{ version: '2.0.0' }]),
      'mirrored-lib': projectInfo('mirrored-lib', [
        { version: '1.1.0', files: [{ type: 'wheel', sha256: '1111111111111111111111111111111111111111111111111111111111111111' }] },
      ]),
      six: projectInfo('six', [{ version: '1.16.0' }]),
    };
    const findings = await dependencyConfusionCheck.run(contextOf(input, { registry: snapshotOf(projects) }));
    expect(findings.map((f) => [f.package, f.severity])).toEqual([['acme-tools', 'low']]);
    expect(findings[0]?.message).toContain('The private index probably mirrors PyPI');
  });

  it('is high when the pinned hashes differ from the files PyPI has for that version', async () => {
    const input = await riskInputOf(fixtureTree('confusion-private-index-url'));
    const projects = { 'mirrored-lib': projectInfo('mirrored-lib', [{ version: '1.1.0', files: [{ type: 'wheel', sha256: 'f'.repeat(64) }] }]) };
    const findings = await dependencyConfusionCheck.run(contextOf(input, { registry: snapshotOf(projects) }));
    expect(findings.map((f) => [f.package, f.severity])).toEqual([['mirrored-lib', 'high']]);
    expect(findings[0]?.message).toContain('its files for 1.1.0 differ from the hashes you pin');
  });

  it('reports a name free on PyPI that a private --extra-index-url serves (high)', async () => {
    const input = await riskInputOf(fixtureTree('confusion-extra-index'));
    const projects = { 'acme-internal': null, requests: projectInfo('requests', [{ version: '2.32.3' }]) };
    const findings = await dependencyConfusionCheck.run(contextOf(input, { registry: snapshotOf(projects) }));
    expect(findings.map((f) => [f.package, f.severity, f.locations?.[0]?.startLine])).toEqual([['acme-internal', 'high', 2]]);
    expect(findings[0]?.message).toMatch(/^acme-internal is not on PyPI, so it comes from the private extra index https:\/\/pkgs\.acme\.example\/simple/);
  });

  it('treats only privateIndexes as private when they are configured', async () => {
    const input = await riskInputOf(fixtureTree('confusion-private-index-url'));
    const projects = { 'acme-tools': projectInfo('acme-tools', [{ version: '2.0.0' }]) };
    const mirrorOnly = contextOf(input, { registry: snapshotOf(projects), config: config({ privateIndexes: ['pkgs.other.example'] }) });
    expect(await dependencyConfusionCheck.run(mirrorOnly)).toEqual([]);
    const listed = contextOf(input, { registry: snapshotOf(projects), config: config({ privateIndexes: ['https://pkgs.acme.example/simple'] }) });
    expect((await dependencyConfusionCheck.run(listed)).map((f) => f.package)).toEqual(['acme-tools']);
  });

  it('says nothing for public indexes, or when the lookup failed', async () => {
    const input = await riskInputOf({ 'requirements.txt': '--index-url https://download.pytorch.org/whl/cpu\ntorch==2.4.0\n' });
    expect(dependencyConfusionCheck.registry?.names?.(contextOf(input))).toEqual([]);
    const unknown = await riskInputOf(fixtureTree('confusion-uv-sources'));
    expect(await dependencyConfusionCheck.run(contextOf(unknown, { registry: snapshotOf({}) }))).toEqual([]);
  });
});
