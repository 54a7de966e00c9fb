import { describe, expect, it } from 'vitest';
import {
  groupOfRequirementsFile,
  isConstraintsFileName,
  isRequirementsFileName,
} from '../../../src/manifests/requirements/file-names.js';

describe('isRequirementsFileName', () => {
  it.each([
    'requirements.txt',
    'requirements.in',
    'requirements-dev.txt',
    'requirements_dev.in',
    'requirements.dev.txt',
    'REQUIREMENTS.TXT',
    'Requirements-Test.txt',
    'dev-requirements.txt',
    'test_requirements.txt',
    'dev-requirements.in',
    'constraints.txt',
    'constraints-py311.txt',
    'requirements/dev.txt',
    'requirements/base.in',
    'Requirements/Docs.TXT',
    'services/api/requirements.txt',
    'services/api/requirements/prod.txt',
  ])('matches %s', (path) => {
    expect(isRequirementsFileName(path)).toBe(true);
  });

  it.each([
    'MANIFEST.in',
    'requirements/MANIFEST.in',
    'setup.py',
    'pyproject.toml',
    'requirements.txt.bak',
    'requirements.lock',
    'notes.txt',
    'docs/dev.txt',
    'requirements/README.md',
    'requirementstxt',
    'constraints.in',
    '-requirements.txt',
    'requirements',
  ])('does not match %s', (path) => {
    expect(isRequirementsFileName(path)).toBe(false);
  });
});

describe('groupOfRequirementsFile', () => {
  it.each([
    ['requirements.txt', 'main'],
    ['requirements.in', 'main'],
    ['requirements-dev.txt', 'dev'],
    ['dev-requirements.txt', 'dev'],
    ['requirements/dev.txt', 'dev'],
    ['requirements_dev.in', 'dev'],
    ['requirements.dev.txt', 'dev'],
    ['requirements-test.txt', 'test'],
    ['test_requirements.txt', 'test'],
    ['requirements/docs.in', 'docs'],
    ['Requirements-LINT.txt', 'lint'],
    ['requirements-tests.txt', 'tests'],
    ['constraints.txt', 'main'],
    ['constraints-dev.txt', 'main'],
    ['requirements/base.txt', 'main'],
    ['requirements/prod.txt', 'main'],
    ['requirements-production.txt', 'main'],
    ['requirements/requirements.txt', 'main'],
    ['requirements/requirements-dev.txt', 'dev'],
    ['requirements-py38.txt', 'main'],
    ['requirements-3.11.txt', 'main'],
    ['sub/dir/requirements-docs.txt', 'docs'],
    ['base.txt', 'main'],
  ])('%s → %s', (path, group) => {
    expect(groupOfRequirementsFile(path)).toBe(group);
  });
});

describe('isConstraintsFileName', () => {
  it('tells constraints files by name', () => {
    expect(isConstraintsFileName('constraints.txt')).toBe(true);
    expect(isConstraintsFileName('ci/Constraints-py312.txt')).toBe(true);
    expect(isConstraintsFileName('requirements.txt')).toBe(false);
    expect(isConstraintsFileName('requirements/constraints.txt')).toBe(true);
  });
});
