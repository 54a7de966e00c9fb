import { describe, expect, it } from 'vitest';
import type { DistributionFile } from '../../../src/registry/types.js';
import { coversCPython, platformsOfTag, tagCoversCPython, wheelCoverage, wheelTagsOf } from '../../../src/remediation/notes/wheels.js';

function file(filename: string): DistributionFile {
  const wheel = filename.endsWith('.whl');
  return {
    filename,
    packageType: wheel ? 'bdist_wheel' : 'sdist',
    url: `https://files.pythonhosted.org/packages/${filename}`,
    digests: { sha256: '0'.repeat(64) },
    uploadTime: '2024-01-01T00:00:00Z',
    requiresPython: null,
    yanked: false,
    yankedReason: null,
    hasProvenance: null,
  };
}

describe('wheelTagsOf', () => {
  it('expands compressed tag sets and skips the build tag', () => {
    expect(wheelTagsOf('six-1.16.0-py2.py3-none-any.whl')).toEqual([
      { python: 'py2', abi: 'none', platform: 'any' },
      { python: 'py3', abi: 'none', platform: 'any' },
    ]);
    expect(wheelTagsOf('numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl')).toHaveLength(2);
    expect(wheelTagsOf('pkg-1.0-1build-cp38-abi3-win_amd64.whl')).toEqual([{ python: 'cp38', abi: 'abi3', platform: 'win_amd64' }]);
  });

  it('refuses names that are not wheels', () => {
    expect(wheelTagsOf('numpy-1.26.4.tar.gz')).toBeNull();
    expect(wheelTagsOf('broken.whl')).toBeNull();
    expect(wheelTagsOf(`a-1.0-${'x.'.repeat(1_000)}x-${'y.'.repeat(1_000)}y-${'z.'.repeat(1_000)}z.whl`)).toBeNull();
  });
});

describe('tagCoversCPython', () => {
  it('follows the compatible-tags rules', () => {
    expect(tagCoversCPython({ python: 'cp38', abi: 'cp38', platform: 'x' }, '3.8')).toBe(true);
    expect(tagCoversCPython({ python: 'cp38', abi: 'cp38', platform: 'x' }, '3.9')).toBe(false);
    expect(tagCoversCPython({ python: 'cp38', abi: 'abi3', platform: 'x' }, '3.12')).toBe(true);
    expect(tagCoversCPython({ python: 'cp38', abi: 'abi3', platform: 'x' }, '3.7')).toBe(false);
    expect(tagCoversCPython({ python: 'py3', abi: 'none', platform: 'any' }, '3.13')).toBe(true);
    expect(tagCoversCPython({ python: 'py3', abi: 'none', platform: 'any' }, '2.7')).toBe(false);
    expect(tagCoversCPython({ python: 'py39', abi: 'none', platform: 'any' }, '3.10')).toBe(true);
    expect(tagCoversCPython({ python: 'py310', abi: 'none', platform: 'any' }, '3.9')).toBe(false);
    expect(tagCoversCPython({ python: 'pp39', abi: 'pypy39_pp73', platform: 'x' }, '3.9')).toBe(false);
  });
});

describe('platformsOfTag', () => {
  it('names platforms whatever the tag spelling', () => {
    expect(platformsOfTag('manylinux1_x86_64')).toEqual(['manylinux x86_64']);
    expect(platformsOfTag('manylinux_2_28_aarch64')).toEqual(['manylinux aarch64']);
    expect(platformsOfTag('musllinux_1_1_x86_64')).toEqual(['musllinux x86_64']);
    expect(platformsOfTag('win32')).toEqual(['windows x86']);
    expect(platformsOfTag('win_amd64')).toEqual(['windows x86_64']);
    expect(platformsOfTag('macosx_10_9_universal2')).toEqual(['macos arm64', 'macos x86_64']);
    expect(platformsOfTag('macosx_11_0_arm64')).toEqual(['macos arm64']);
    expect(platformsOfTag('macosx_10_9_intel')).toEqual(['macos x86_64']);
    expect(platformsOfTag('any')).toEqual(['any']);
    expect(platformsOfTag('emscripten_3_1_58_wasm32')).toEqual(['emscripten_3_1_58_wasm32']);
  });
});

describe('wheelCoverage', () => {
  it('collects Pythons and platforms of a release', () => {
    const coverage = wheelCoverage([
      file('markupsafe-2.1.5-cp38-cp38-manylinux_2_17_x86_64.manylinux2014_x86_64.whl'),
      file('markupsafe-2.1.5-cp38-cp38-musllinux_1_1_x86_64.whl'),
      file('markupsafe-2.1.5-cp38-cp38-win32.whl'),
      file('markupsafe-2.1.5-cp312-cp312-macosx_10_9_universal2.whl'),
      file('MarkupSafe-2.1.5.tar.gz'),
    ]);
    expect(coverage.hasWheels).toBe(true);
    expect(coverage.hasSdist).toBe(true);
    expect(coverage.pure).toBe(false);
    expect([...coverage.platforms].sort()).toEqual(['macos arm64', 'macos x86_64', 'manylinux x86_64', 'musllinux x86_64', 'windows x86']);
    expect(coversCPython(coverage, '3.8')).toBe(true);
    expect(coversCPython(coverage, '3.9')).toBe(false);
    expect(coversCPython(coverage, '3.12')).toBe(true);
  });

  it('knows a pure release and one without wheels', () => {
    expect(wheelCoverage([file('requests-2.32.3-py3-none-any.whl')]).pure).toBe(true);
    const sdistOnly = wheelCoverage([file('pkg-1.0.tar.gz')]);
    expect(sdistOnly).toMatchObject({ hasWheels: false, hasSdist: true, pure: false });
  });
});
