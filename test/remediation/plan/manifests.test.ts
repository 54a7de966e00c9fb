/**
 * Which files an update changes: locks always, declarations only when they pin or their range refuses the
 * target, and a constraint file for a transitive dependency no lock holds.
 */
import { describe, expect, it } from 'vitest';
import type { Manifest, ManifestKind } from '../../../src/manifests/types.js';
import { constraintFile, filesToEdit, manifestIndex } from '../../../src/remediation/plan/manifests.js';
import { dependency } from './helpers.js';

function listed(...entries: Array<[string, ManifestKind]>): Array<{ path: string; kind: ManifestKind }> {
  return entries.map(([path, kind]) => ({ path, kind }));
}

const UV = manifestIndex(listed(['pyproject.toml', 'pyproject-uv'], ['uv.lock', 'uv-lock']));

describe('filesToEdit', () => {
  it('a transitive dependency changes in the lock files that hold it', () => {
    const dep = dependency({ name: 'idna', version: '3.4', direct: false, specifier: null, manifests: ['uv.lock'] });
    expect(filesToEdit(dep, '3.7', UV, ['pyproject.toml', 'uv.lock'])).toEqual(['uv.lock']);
  });

  it('a declared range that allows the target stays; the lock moves', () => {
    const dep = dependency({ name: 'django', version: '4.2.1', specifier: '>=4.2', manifests: ['pyproject.toml', 'uv.lock'] });
    expect(filesToEdit(dep, '4.2.16', UV, [])).toEqual(['uv.lock']);
  });

  it('a declared range that refuses the target changes too', () => {
    const dep = dependency({ name: 'django', version: '4.2.1', specifier: '>=4.2,<5', manifests: ['pyproject.toml', 'uv.lock'] });
    expect(filesToEdit(dep, '5.0.1', UV, [])).toEqual(['pyproject.toml', 'uv.lock']);
  });

  it('with parsed manifests, each declaration is judged by its own requirement', () => {
    const requirement = (name: string, line: number, specifier: string | null, version: string | null) => ({
      name,
      normalizedName: name,
      specifier,
      version,
      extras: [],
      groups: ['main'],
      source: { type: 'registry' as const },
      hashes: [],
      lines: { start: line, end: line },
    });
    const parsed: Manifest[] = [
      { path: 'requirements.in', kind: 'requirements', errors: [], requirements: [requirement('django', 3, '>=4.2', null)] },
      { path: 'requirements.txt', kind: 'requirements', errors: [], requirements: [requirement('django', 7, '==4.2.1', '4.2.1')] },
    ];
    const index = manifestIndex(listed(['requirements.in', 'requirements'], ['requirements.txt', 'requirements']), parsed);
    const dep = dependency({
      name: 'django',
      version: '4.2.1',
      specifier: '>=4.2',
      manifests: ['requirements.in', 'requirements.txt'],
      locations: [
        { path: 'requirements.in', startLine: 3, endLine: 3 },
        { path: 'requirements.txt', startLine: 7, endLine: 7 },
      ],
    });
    expect(filesToEdit(dep, '4.2.16', index, [])).toEqual(['requirements.txt']);
    expect(filesToEdit(dep, '5.0', { ...index, requirementAt: () => undefined }, [])).toEqual(['requirements.in', 'requirements.txt']);
  });
});

describe('constraintFile (a transitive dependency without a lock holding it)', () => {
  const index = manifestIndex(
    listed(
      ['requirements.txt', 'requirements'],
      ['requirements/constraints.txt', 'requirements'],
      ['requirements-dev.txt', 'requirements'],
      ['pyproject.toml', 'pyproject-pep621'],
      ['environment.yml', 'conda-environment'],
    ),
  );

  it('prefers a constraints file, then a requirements file, then pyproject.toml, then the first manifest', () => {
    expect(constraintFile(['pyproject.toml', 'requirements.txt', 'requirements/constraints.txt'], index)).toBe('requirements/constraints.txt');
    expect(constraintFile(['pyproject.toml', 'requirements-dev.txt'], index)).toBe('requirements-dev.txt');
    expect(constraintFile(['environment.yml', 'pyproject.toml'], index)).toBe('pyproject.toml');
    expect(constraintFile(['environment.yml'], index)).toBe('environment.yml');
    expect(constraintFile([], index)).toBeNull();
  });

  it('is where filesToEdit sends a transitive dependency no lock of the project holds', () => {
    const dep = dependency({ name: 'idna', version: '3.4', direct: false, specifier: null, manifests: ['elsewhere/uv.lock'], locations: [] });
    expect(filesToEdit(dep, '3.7', index, ['pyproject.toml', 'requirements.txt'])).toEqual(['requirements.txt']);
  });
});
