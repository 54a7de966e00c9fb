import { describe, expect, it } from 'vitest';
import { packageTypeOfFilename, versionOfFilename } from '../../src/registry/filenames.js';

describe('packageTypeOfFilename', () => {
  it.each([
    ['requests-2.32.3-py3-none-any.whl', 'bdist_wheel'],
    ['numpy-2.1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.WHL', 'bdist_wheel'],
    ['setuptools-0.6c11-py2.7.egg', 'bdist_egg'],
    ['pywin32-214.win32-py2.6.exe', 'bdist_wininst'],
    ['requests-2.32.3.tar.gz', 'sdist'],
    ['Django-1.0.zip', 'sdist'],
  ])('%s is %s', (filename, type) => {
    expect(packageTypeOfFilename(filename)).toBe(type);
  });
});

describe('versionOfFilename', () => {
  it.each([
    ['requests-2.32.3-py3-none-any.whl', 'requests', '2.32.3'],
    ['python_dateutil-2.9.0.post0-py2.py3-none-any.whl', 'python-dateutil', '2.9.0.post0'],
    ['torch-2.1.0+cpu-cp311-cp311-linux_x86_64.whl', 'torch', '2.1.0+cpu'],
    ['pkg-1.0-1-py3-none-any.whl', 'pkg', '1.0'],
    ['setuptools-0.6c11-py2.7.egg', 'setuptools', '0.6c11'],
    ['requests-2.32.3.tar.gz', 'requests', '2.32.3'],
    // Older sdists keep the written name, dashes and case included.
    ['python-dateutil-2.8.2.tar.gz', 'python_dateutil', '2.8.2'],
    ['Django-1.0.zip', 'django', '1.0'],
    ['zope.interface-5.4.0.tar.gz', 'zope-interface', '5.4.0'],
    ['foo-bar-1.0-rc1.tar.bz2', 'foo-bar', '1.0-rc1'],
    // A project renamed since: the part after the last dash still looks like a version.
    ['oldname-3.1.tar.gz', 'newname', '3.1'],
  ])('%s of %s is %s', (filename, project, version) => {
    expect(versionOfFilename(filename, project)).toBe(version);
  });

  it.each([
    ['README.txt', 'pkg'],
    ['pkg.tar.gz', 'pkg'],
    ['pkg-latest.tar.gz', 'other'],
    ['pywin32-214.win32-py2.6.exe', 'pywin32'],
  ])('%s of %s has no version it can tell', (filename, project) => {
    expect(versionOfFilename(filename, project)).toBeNull();
  });
});
