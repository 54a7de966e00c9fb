import { describe, expect, it } from 'vitest';
import type { DistributionFile, PackageMetadata } from '../../../src/registry/types.js';
import { breakingChanges, breakingReasons, extrasInMarkers, flaggedLines, isBreaking, type BreakingInput, type ReleaseSide } from '../../../src/remediation/notes/breaking.js';
import type { ReleaseNotes } from '../../../src/remediation/notes/types.js';

function metadata(version: string, fields: Partial<PackageMetadata> = {}): PackageMetadata {
  return {
    name: 'widgets',
    version,
    summary: 'Widgets for everyone',
    licenseExpression: null,
    license: null,
    classifiers: [],
    requiresPython: null,
    requiresDist: [],
    projectUrls: { Source: 'https://github.com/acme/widgets' },
    ...fields,
  };
}

function file(filename: string): DistributionFile {
  return {
    filename,
    packageType: filename.endsWith('.whl') ? 'bdist_wheel' : 'sdist',
    url: `https://files.pythonhosted.org/packages/${filename}`,
    digests: { sha256: 'a'.repeat(64) },
    uploadTime: '2024-01-01T00:00:00Z',
    requiresPython: null,
    yanked: false,
    yankedReason: null,
    hasProvenance: null,
  };
}

function side(version: string, fields: Partial<PackageMetadata> = {}, files: string[] = []): ReleaseSide {
  return { metadata: metadata(version, fields), files: files.map(file) };
}

function input(overrides: Partial<BreakingInput>): BreakingInput {
  return { package: 'widgets', from: '1.4.0', to: '1.5.0', ...overrides };
}

const kinds = (i: BreakingInput) => breakingChanges(i).map((w) => [w.kind, w.level]);

describe('major version', () => {
  it('flags a new major version, a 0.x minor bump and an epoch change, not a minor bump', () => {
    expect(breakingChanges(input({ from: '3.2.25', to: '4.2.16' }))).toEqual([
      { package: 'widgets', kind: 'major-version', level: 'warning', message: 'major version 3 → 4', details: [] },
    ]);
    expect(breakingChanges(input({ from: '0.3.1', to: '0.4.0' }))[0]?.message).toBe('0.x minor version 0.3 → 0.4 (before 1.0, a minor release may break the API)');
    expect(breakingChanges(input({ from: '2023.1', to: '1!1.0' }))[0]?.message).toContain('version epoch changed (0 → 1)');
    expect(breakingChanges(input({ from: '1.4.0', to: '1.5.0' }))).toEqual([]);
    expect(breakingChanges(input({ from: '0.3.1', to: '0.3.2' }))).toEqual([]);
    expect(breakingChanges(input({ from: null, to: '5.0' }))).toEqual([]);
    expect(breakingChanges(input({ from: 'not-a-version', to: '5.0' }))).toEqual([]);
  });
});

describe('Requires-Python', () => {
  it('is an error when a Python the project supports is left out', () => {
    const warnings = breakingChanges(
      input({ before: side('1.4.0', { requiresPython: '>=3.7' }), after: side('1.5.0', { requiresPython: '>=3.10' }), projectRequiresPython: '>=3.8' }),
    );
    expect(warnings).toEqual([
      {
        package: 'widgets',
        kind: 'requires-python',
        level: 'error',
        message: 'Requires-Python changed from `>=3.7` to `>=3.10`: the project supports Python 3.8–3.9 (requires-python `>=3.8`), which 1.5.0 no longer does',
        details: [],
      },
    ]);
    expect(isBreaking(warnings)).toBe(true);
    expect(breakingReasons(warnings)).toEqual([warnings[0]?.message]);
  });

  it('is information when the project is still covered, and reads the files when the metadata says nothing', () => {
    const before: ReleaseSide = { metadata: metadata('1.4.0'), files: [{ ...file('widgets-1.4.0.tar.gz'), requiresPython: '>=3.7' }] };
    const warnings = breakingChanges(input({ before, after: side('1.5.0', { requiresPython: '>=3.9' }), projectRequiresPython: '>=3.11' }));
    expect(warnings.map((w) => [w.level, w.message])).toEqual([['info', "Requires-Python changed from `>=3.7` to `>=3.9`; the project's requires-python `>=3.11` is still covered"]]);
    expect(isBreaking(warnings)).toBe(false);
  });

  it('is a warning when the project declares nothing, and silent when nothing changed', () => {
    expect(kinds(input({ before: side('1.4.0', { requiresPython: '>=3.7' }), after: side('1.5.0', { requiresPython: '>=3.8' }) }))).toEqual([['requires-python', 'warning']]);
    expect(kinds(input({ before: side('1.4.0', { requiresPython: '>= 3.8' }), after: side('1.5.0', { requiresPython: '>=3.8' }) }))).toEqual([]);
  });

  it('judges the target alone when the version in use is unknown', () => {
    const warnings = breakingChanges(input({ from: null, after: side('1.5.0', { requiresPython: '>=3.12' }), projectRequiresPython: '>=3.9' }));
    expect(warnings.map((w) => [w.level, w.message])).toEqual([
      ['error', '1.5.0 requires Python `>=3.12`: the project supports Python 3.9–3.11 (requires-python `>=3.9`), which 1.5.0 no longer does'],
    ]);
  });
});

describe('dependencies and extras', () => {
  const before = side('1.4.0', {
    requiresDist: ['charset-normalizer<4,>=2', 'chardet<6,>=3.0.2', 'PySocks!=1.5.7,>=1.5.6; extra == "socks"', 'brotli; extra == "brotli"', "simplejson; extra == 'speedups'"],
  });
  const after = side('1.5.0', {
    requiresDist: ['charset_normalizer<4,>=2', 'idna<4,>=2.5', 'urllib3<3,>=1.21.1', 'PySocks!=1.5.7,>=1.5.6; extra == "socks"', 'zstandard; extra == "socks"', "simplejson; 'speedups' == extra"],
  });

  it('lists dependencies added and removed, by PEP 503 name', () => {
    const warnings = breakingChanges(input({ before, after }));
    const byKind = Object.fromEntries(warnings.map((w) => [`${w.kind}/${w.level}`, w.message]));
    expect(byKind['dependencies-added/warning']).toBe('1.5.0 adds 2 dependencies: `idna`, `urllib3`');
    expect(byKind['dependencies-added/info']).toBe('1.5.0 adds 1 optional dependency: `zstandard` (extra `socks`)');
    expect(byKind['dependencies-removed/warning']).toBe('1.5.0 no longer depends on `chardet`: code that imports it without declaring it will break');
  });

  it('flags a removed extra, as an error when the project installs it', () => {
    expect(breakingChanges(input({ before, after })).find((w) => w.kind === 'extra-removed')).toMatchObject({ level: 'warning', message: '1.5.0 removes the extra `brotli`' });
    const used = breakingChanges(input({ before, after, usedExtras: ['Brotli'] })).find((w) => w.kind === 'extra-removed');
    expect(used).toMatchObject({ level: 'error', message: '1.5.0 removes the extra `brotli`, which the project installs (`widgets[brotli]`)' });
  });

  it('counts Provides-Extra when the registry gives it: an extra without dependencies can be removed too', () => {
    const withDeclared: ReleaseSide = { metadata: { ...metadata('1.4.0'), providesExtra: ['Typing', 'socks'] }, files: [] };
    const warnings = breakingChanges(input({ before: withDeclared, after: side('1.5.0', { requiresDist: ['PySocks; extra == "socks"'] }), usedExtras: ['typing'] }));
    expect(warnings.map((w) => [w.kind, w.level, w.message])).toEqual([
      ['extra-removed', 'error', '1.5.0 removes the extra `typing`, which the project installs (`widgets[typing]`)'],
      ['dependencies-added', 'info', '1.5.0 adds 1 optional dependency: `pysocks` (extra `socks`)'],
    ]);
  });

  it('reads extras from markers either way round', () => {
    expect(extrasInMarkers('python_version >= "3.8" and extra == "Socks_Proxy"')).toEqual(['socks-proxy']);
    expect(extrasInMarkers("'test' == extra or extra == \"docs\"")).toEqual(['test', 'docs']);
    expect(extrasInMarkers('sys_platform == "win32"')).toEqual([]);
  });
});

describe('wheels', () => {
  const oldFiles = [
    'widgets-1.4.0-cp38-cp38-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
    'widgets-1.4.0-cp38-cp38-musllinux_1_1_x86_64.whl',
    'widgets-1.4.0-cp38-cp38-win32.whl',
    'widgets-1.4.0-cp39-cp39-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
    'widgets-1.4.0-cp39-cp39-macosx_11_0_arm64.whl',
    'widgets-1.4.0.tar.gz',
  ];
  const newFiles = ['widgets-1.5.0-cp39-cp39-manylinux_2_17_x86_64.manylinux2014_x86_64.whl', 'widgets-1.5.0-cp39-cp39-win_amd64.whl', 'widgets-1.5.0.tar.gz'];

  it('flags Pythons the project supports and platforms that lost their wheels', () => {
    const warnings = breakingChanges(input({ before: side('1.4.0', {}, oldFiles), after: side('1.5.0', {}, newFiles), projectRequiresPython: '>=3.8' }));
    expect(warnings.filter((w) => w.kind === 'wheels-dropped').map((w) => w.message)).toEqual([
      '1.5.0 has no wheels for CPython 3.8, which the project supports (1.4.0 had them): pip would build 1.5.0 from its sdist there (a compiler and build dependencies needed)',
      '1.5.0 has no wheels for macos arm64, musllinux x86_64, windows x86 (1.4.0 had them): pip would build 1.5.0 from its sdist there (a compiler and build dependencies needed)',
    ]);
  });

  it('leaves out Pythons the project does not support, and platforms it does not run on', () => {
    const warnings = breakingChanges(
      input({ before: side('1.4.0', {}, oldFiles), after: side('1.5.0', {}, newFiles.slice(0, 2)), projectRequiresPython: '>=3.9', platforms: ['manylinux x86_64', 'windows x86'] }),
    );
    expect(warnings.map((w) => w.message)).toEqual(['1.5.0 has no wheels for windows x86 (1.4.0 had them): 1.5.0 has no sdist either, so it cannot be installed there']);
  });

  it('says nothing when the new release is pure Python, or when files are unknown', () => {
    expect(breakingChanges(input({ before: side('1.4.0', {}, oldFiles), after: side('1.5.0', {}, ['widgets-1.5.0-py3-none-any.whl']) }))).toEqual([]);
    expect(breakingChanges(input({ before: side('1.4.0', {}, oldFiles), after: side('1.5.0', {}, []) }))).toEqual([]);
  });
});

describe('license', () => {
  it('flags a change of license, not a change of spelling', () => {
    const mit = side('1.4.0', { classifiers: ['License :: OSI Approved :: MIT License'] });
    expect(breakingChanges(input({ before: mit, after: side('1.5.0', { licenseExpression: 'MIT' }) }))).toEqual([]);
    const gpl = breakingChanges(input({ before: mit, after: side('1.5.0', { licenseExpression: 'GPL-3.0-or-later' }) }));
    expect(gpl.map((w) => [w.kind, w.message])).toEqual([['license-changed', 'license changed from MIT to GPL-3.0-or-later']]);
    const unknown = breakingChanges(input({ before: side('1.4.0', { license: 'Custom terms v1' }), after: side('1.5.0', { license: 'Custom terms v2' }) }));
    expect(unknown[0]?.message).toBe('license changed from "Custom terms v1" to "Custom terms v2"');
  });
});

describe('release notes', () => {
  const notes: ReleaseNotes = {
    package: 'widgets',
    from: '1.4.0',
    to: '2.0.0',
    repository: { owner: 'acme', repo: 'widgets', url: 'https://github.com/acme/widgets' },
    origin: 'releases',
    url: 'https://github.com/acme/widgets/releases',
    releases: [
      {
        version: '2.0.0',
        title: 'v2.0.0',
        url: null,
        publishedAt: null,
        body: [
          '## Breaking changes',
          '',
          '- `load()` returns a dict (thanks @alice)',
          '- The CLI moved to `widgets-cli`',
          '',
          '## Fixes',
          '',
          '- Fixed a crash',
          '```python',
          '# removed in code, not a note',
          '```',
        ].join('\n'),
      },
      { version: '1.5.0', title: '1.5.0', url: null, publishedAt: null, body: '* Dropped support for Python 3.7\n* `Widget.old()` is deprecated\n* New feature' },
    ],
  };

  it('quotes the lines about breaking, removed or deprecated changes, and the items under such headings', () => {
    const warning = breakingChanges(input({ from: '1.4.0', to: '2.0.0', notes })).find((w) => w.kind === 'release-notes');
    expect(warning).toEqual({
      package: 'widgets',
      kind: 'release-notes',
      level: 'warning',
      message: 'the release notes mention 4 breaking, removed or deprecated changes',
      details: [
        '2.0.0: `load()` returns a dict (thanks [@&#8203;alice](https://github.com/alice))',
        '2.0.0: The CLI moved to `widgets-cli`',
        '1.5.0: Dropped support for Python 3.7',
        '1.5.0: `Widget.old()` is deprecated',
      ],
    });
  });

  it('bounds the quoted lines and counts the rest', () => {
    const body = Array.from({ length: 40 }, (_, i) => `- Removed thing ${i}`).join('\n');
    const warning = breakingChanges(input({ notes: { ...notes, releases: [{ ...notes.releases[1]!, body }] } })).find((w) => w.kind === 'release-notes');
    expect(warning?.details).toHaveLength(12);
    expect(warning?.message).toBe('the release notes mention 40 breaking, removed or deprecated changes (28 more in the notes)');
  });

  it('reads headings of every style', () => {
    expect(flaggedLines('**Deprecations**\n- old API\n\nOther\n-----\n- fine')).toEqual(['old API']);
    expect(flaggedLines('Backwards incompatible changes:\n- a\n- b')).toEqual(['a', 'b']);
    expect(flaggedLines(`${'x'.repeat(5_000)} removed\nno longer needed`)).toEqual(['no longer needed']);
  });
});

describe('order', () => {
  it('puts errors first, then warnings, then information', () => {
    const warnings = breakingChanges(
      input({
        from: '1.4.0',
        to: '2.0.0',
        before: side('1.4.0', { requiresPython: '>=3.8', requiresDist: ['a'] }),
        after: side('2.0.0', { requiresPython: '>=3.12', requiresDist: ['a', 'b; extra == "x"'] }),
        projectRequiresPython: '>=3.8',
      }),
    );
    expect(warnings.map((w) => [w.kind, w.level])).toEqual([
      ['requires-python', 'error'],
      ['major-version', 'warning'],
      ['dependencies-added', 'info'],
    ]);
  });
});
