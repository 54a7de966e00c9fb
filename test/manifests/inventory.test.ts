import { describe, expect, it } from 'vitest';
import { buildInventory, projectInventory } from '../../src/manifests/inventory.js';
import { layoutProjects } from '../../src/manifests/projects.js';
import { makeRequirement } from '../../src/manifests/requirement.js';
import type { Manifest, ManifestKind, Requirement } from '../../src/manifests/types.js';

function manifest(path: string, kind: ManifestKind, requirements: Requirement[], extra: Partial<Manifest> = {}): Manifest {
  return { path, kind, requirements, errors: [], ...extra };
}

function req(name: string, specifier: string | null, line: number, extra: Partial<Parameters<typeof makeRequirement>[0]> = {}): Requirement {
  return makeRequirement({ name, specifier, groups: ['main'], lines: { start: line, end: line }, ...extra });
}

function locked(name: string, version: string, line: number, requires: string[] = [], groups = ['main']): Requirement {
  return makeRequirement({ name, specifier: `==${version}`, version, groups, lines: { start: line, end: line + 3 }, requires });
}

describe('projectInventory', () => {
  it('pairs a manifest with its lock: declared names are direct, the rest transitive with dependents', () => {
    const pyproject = manifest('pyproject.toml', 'pyproject-poetry', [req('Django', '>=4.2,<5', 8), req('pytest', '>=7', 12, { groups: ['dev'] })]);
    const lock = manifest('poetry.lock', 'poetry-lock', [
      locked('django', '4.2.7', 1, ['asgiref', 'sqlparse']),
      locked('asgiref', '3.7.2', 10),
      locked('sqlparse', '0.4.4', 20),
      locked('pytest', '7.4.3', 30, ['pluggy'], ['dev']),
      locked('pluggy', '1.3.0', 40, [], ['dev']),
    ]);
    const deps = projectInventory([pyproject, lock]);
    const byName = Object.fromEntries(deps.map((d) => [d.name, d]));
    expect(deps.map((d) => d.name)).toEqual(['asgiref', 'django', 'pluggy', 'pytest', 'sqlparse']);
    expect(byName.django).toMatchObject({
      version: '4.2.7',
      specifier: '>=4.2,<5',
      direct: true,
      manifests: ['pyproject.toml', 'poetry.lock'],
      locations: [
        { path: 'pyproject.toml', startLine: 8, endLine: 8 },
        { path: 'poetry.lock', startLine: 1, endLine: 4 },
      ],
    });
    expect(byName.asgiref).toMatchObject({ direct: false, specifier: null, dependents: ['django'], manifests: ['poetry.lock'] });
    expect(byName.pluggy).toMatchObject({ direct: false, groups: ['dev'], dependents: ['pytest'] });
  });

  it('keeps a pin that disagrees with the lock as its own entry', () => {
    const requirements = manifest('requirements.txt', 'requirements', [req('django', '==4.1.0', 1)]);
    const lock = manifest('poetry.lock', 'poetry-lock', [locked('django', '4.2.7', 1)]);
    const deps = projectInventory([requirements, lock]);
    expect(deps.map((d) => [d.name, d.version, d.direct])).toEqual([
      ['django', '4.1.0', true],
      ['django', '4.2.7', true],
    ]);
  });

  it('merges versions that are equal under PEP 440 but keeps the written string', () => {
    const a = manifest('requirements.txt', 'requirements', [req('flask', '==2.0', 1)]);
    const b = manifest('requirements-dev.txt', 'requirements', [req('Flask', '==2.0.0', 3, { groups: ['dev'] })]);
    const deps = projectInventory([a, b]);
    expect(deps).toHaveLength(1);
    expect(deps[0]).toMatchObject({ name: 'flask', version: '2.0', groups: ['dev', 'main'], manifests: ['requirements.txt', 'requirements-dev.txt'] });
  });

  it('keeps range-only requirements with a null version, and applies -c constraint pins to them', () => {
    const constraints = manifest('constraints.txt', 'requirements', [{ ...req('urllib3', '==2.0.7', 1), constraintOnly: true }, { ...req('idna', '==3.4', 2), constraintOnly: true }]);
    const requirements = manifest('requirements.txt', 'requirements', [req('urllib3', '>=2', 2), req('requests', '>=2', 3)]);
    const deps = projectInventory([constraints, requirements]);
    expect(deps.map((d) => [d.name, d.version, d.specifier])).toEqual([
      ['requests', null, '>=2'],
      ['urllib3', '2.0.7', '>=2'],
    ]);
    expect(deps.find((d) => d.name === 'urllib3')?.manifests).toEqual(['requirements.txt', 'constraints.txt']);
  });

  it('without a manifest, treats lock packages nobody requires as direct', () => {
    const lock = manifest('pylock.toml', 'pylock', [locked('app-dep', '1.0', 1, ['child']), locked('child', '2.0', 5)]);
    const deps = projectInventory([lock]);
    expect(deps.map((d) => [d.name, d.direct])).toEqual([
      ['app-dep', true],
      ['child', false],
    ]);
  });

  it('gives uv.lock transitive packages the groups of the direct dependencies that reach them, through cycles', () => {
    const pyproject = manifest('pyproject.toml', 'pyproject-uv', [req('httpx', '>=0.27', 5), req('pytest', '>=8', 9, { groups: ['dev'] })]);
    const lock = manifest('uv.lock', 'uv-lock', [
      locked('httpx', '0.27.0', 1, ['anyio']),
      locked('anyio', '4.4.0', 10, ['sniffio', 'httpx']),
      locked('sniffio', '1.3.1', 20),
      locked('pytest', '8.2.0', 30, ['sniffio']),
    ], { lock: { rootRequirements: ['httpx', 'pytest'] } });
    const groups = Object.fromEntries(projectInventory([pyproject, lock]).map((d) => [d.name, d.groups]));
    expect(groups).toEqual({ anyio: ['main'], httpx: ['main'], pytest: ['dev'], sniffio: ['dev', 'main'] });
  });
});

describe('buildInventory', () => {
  it('assigns manifests to project roots and merges equal packages across projects', () => {
    const manifests = [
      manifest('requirements.txt', 'requirements', [req('requests', '==2.31.0', 1)]),
      manifest('requirements/dev.txt', 'requirements', [req('pytest', '==8.0.0', 1, { groups: ['dev'] })]),
      manifest('services/api/pyproject.toml', 'pyproject-pep621', [req('requests', '==2.31.0', 7)]),
      manifest('services/api/uv.lock', 'uv-lock', [locked('requests', '2.31.0', 3)]),
    ];
    const layout = layoutProjects(manifests, new Map());
    expect(layout.projects.map((p) => [p.root, p.manifests.map((m) => m.path)])).toEqual([
      ['', ['requirements.txt', 'requirements/dev.txt']],
      ['services/api', ['services/api/pyproject.toml', 'services/api/uv.lock']],
    ]);
    const deps = buildInventory(layout);
    expect(deps.map((d) => [d.name, d.version, d.manifests])).toEqual([
      ['pytest', '8.0.0', ['requirements/dev.txt']],
      ['requests', '2.31.0', ['requirements.txt', 'services/api/pyproject.toml', 'services/api/uv.lock']],
    ]);
  });

  it('puts a file reached by -r in the project of the file that includes it', () => {
    const manifests = [
      manifest('app/requirements.txt', 'requirements', [req('a', '==1', 1)]),
      manifest('shared/base.txt', 'requirements', [req('b', '==1', 1)]),
    ];
    const layout = layoutProjects(manifests, new Map([['shared/base.txt', ['app/requirements.txt']]]));
    expect(layout.projects.map((p) => p.root)).toEqual(['app']);
  });
});
