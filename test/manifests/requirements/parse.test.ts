import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRequirementsFile, requirementsFormat } from '../../../src/manifests/requirements/index.js';
import type { Manifest, Requirement } from '../../../src/manifests/types.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function parseFixture(name: string, path = 'requirements.txt'): Manifest {
  return parseRequirementsFile({ path, content: fixture(name) });
}

function byLine(manifest: Manifest, line: number): Requirement {
  const found = manifest.requirements.find((requirement) => requirement.lines.start === line);
  if (!found) throw new Error(`no requirement starts on line ${line}`);
  return found;
}

function errorLines(manifest: Manifest): [number | undefined, string][] {
  return manifest.errors.map((error) => [error.line, error.message]);
}

describe('parseRequirementsFile: normal cases', () => {
  const manifest = parseFixture('basic.txt');

  it('reads names, normalised names, specifiers, versions and lines', () => {
    expect(manifest.kind).toBe('requirements');
    expect(manifest.path).toBe('requirements.txt');
    expect(manifest.errors).toEqual([]);
    expect(
      manifest.requirements.map((r) => [r.name, r.normalizedName, r.specifier, r.version, r.lines.start, r.lines.end]),
    ).toEqual([
      ['requests', 'requests', '==2.31.0', '2.31.0', 2, 2],
      ['Django', 'django', '>=4.2,<5.0', null, 3, 3],
      ['flask', 'flask', null, null, 4, 4],
      ['SQLAlchemy', 'sqlalchemy', '~=2.0.25', null, 5, 5],
      ['python-dateutil', 'python-dateutil', '==2.8.2', '2.8.2', 6, 6],
      ['zope.interface', 'zope-interface', '==6.1', '6.1', 8, 8],
      ['Pillow', 'pillow', null, null, 9, 9],
    ]);
  });

  it('gives registry requirements the main group, no hashes, no extras', () => {
    for (const requirement of manifest.requirements) {
      expect(requirement.groups).toEqual(['main']);
      expect(requirement.source).toEqual({ type: 'registry' });
      expect(requirement.hashes).toEqual([]);
      expect(requirement.extras).toEqual([]);
      expect(requirement.constraintOnly).toBeUndefined();
    }
    expect(manifest.includes).toEqual([]);
    expect(manifest.indexes).toEqual([]);
    expect(manifest.skipped).toEqual([]);
  });

  it('takes the group from the file name', () => {
    const content = 'pytest==8.0\n';
    const groupOf = (path: string) => parseRequirementsFile({ path, content }).requirements[0]?.groups;
    expect(groupOf('requirements-dev.txt')).toEqual(['dev']);
    expect(groupOf('requirements/docs.txt')).toEqual(['docs']);
    expect(groupOf('test-requirements.txt')).toEqual(['test']);
    expect(groupOf('requirements_lint.in')).toEqual(['lint']);
    expect(groupOf('constraints.txt')).toEqual(['main']);
  });

  it('leaves constraintOnly to the caller, which knows whether the file is reached by -c', () => {
    const manifest = parseRequirementsFile({ path: 'constraints.txt', content: 'urllib3<2\n' });
    expect(manifest.requirements[0]?.constraintOnly).toBeUndefined();
    expect(manifest.requirements[0]?.groups).toEqual(['main']);
  });

  it('is registered as a ManifestFormat', () => {
    expect(requirementsFormat.id).toBe('requirements');
    expect(requirementsFormat.matches('requirements.txt')).toBe(true);
    expect(requirementsFormat.matches('MANIFEST.in')).toBe(false);
    const parsed = requirementsFormat.parse({ path: 'requirements.txt', content: 'six\n' });
    expect(parsed).toEqual(parseRequirementsFile({ path: 'requirements.txt', content: 'six\n' }));
  });

  it('returns an empty manifest for an empty or comment-only file', () => {
    for (const content of ['', '\n\n', '# only a comment\n   # another\n', '\ufeff']) {
      const manifest = parseRequirementsFile({ path: 'requirements.txt', content });
      expect(manifest.requirements).toEqual([]);
      expect(manifest.errors).toEqual([]);
    }
  });
});

describe('parseRequirementsFile: pip-compile output with multi-line hashes', () => {
  const manifest = parseFixture('hashes-multiline.txt');

  it('spans each requirement over its continuation lines, not its "# via" comments', () => {
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => [r.name, r.version, r.lines.start, r.lines.end])).toEqual([
      ['certifi', '2024.2.2', 7, 9],
      ['charset-normalizer', '3.3.2', 11, 14],
      ['idna', '3.6', 16, 18],
      ['requests', '2.31.0', 20, 22],
      ['urllib3', '2.2.1', 24, 26],
      ['setuptools', '69.1.1', 30, 32],
      ['zipp', '3.17.0', 34, 35],
    ]);
  });

  it('collects every --hash as algorithm:hex, in order', () => {
    expect(byLine(manifest, 11).hashes).toEqual([
      'sha256:06435b539f889b1f6f4ac1758871aae42dc3a8c0e24ac9e60c2384973ad73027',
      'sha256:06a81e93cd441c56a9b65d8e1d043daeb97a3d0856d177d5c90ba85acb3db087',
      'sha256:0a55554a2fa0d408816b3b5cedf0045f4b8e1a6065aec45849de2d6f3f8e9786',
    ]);
    // `--hash=` on the requirement's own line, then `--hash value` (space form) on the next.
    expect(byLine(manifest, 34).hashes).toEqual([
      'sha256:0e923e726174922dce09c53c59ad483ff7bbb8e572e00c7f7c46b88556409f31',
      'sha256:84e64a1c28cf7e91ed2078bb8cc8c259cb19b76942096c8d7b84947690cabaf0',
    ]);
    for (const requirement of manifest.requirements) expect(requirement.hashes.length).toBeGreaterThanOrEqual(2);
  });
});

describe('parseRequirementsFile: VCS, URLs and local paths', () => {
  const manifest = parseFixture('vcs-and-urls.txt');

  it('reads editable and bare VCS requirements named by #egg= or "name @"', () => {
    expect(byLine(manifest, 2)).toMatchObject({
      name: 'editable-pkg',
      specifier: null,
      version: null,
      source: { type: 'vcs', url: 'git+https://github.com/org/editable-pkg.git@v1.2#egg=editable-pkg', ref: 'v1.2' },
    });
    expect(byLine(manifest, 3)).toMatchObject({
      name: 'other_pkg',
      normalizedName: 'other-pkg',
      source: { type: 'vcs', url: 'git+ssh://git@github.com/org/other.git@abc123#egg=other_pkg', ref: 'abc123' },
    });
    expect(byLine(manifest, 4)).toMatchObject({ name: 'bare-pkg', source: { type: 'vcs', ref: 'main' } });
    expect(byLine(manifest, 6)).toMatchObject({
      name: 'vcs-named',
      source: { type: 'vcs', url: 'git+https://github.com/org/vcs-named.git@v2.0', ref: 'v2.0' },
    });
    expect(byLine(manifest, 7).source).toEqual({ type: 'vcs', url: 'hg+https://hg.example.com/repo#egg=hgpkg' });
    // A bare git:// URL is a VCS checkout for pip too.
    expect(byLine(manifest, 8)).toMatchObject({ name: 'plain', source: { type: 'vcs', url: 'git://github.com/org/plain.git#egg=plain' } });
  });

  it('reads URL requirements, with the version of a wheel or sdist file name and #sha256= hashes', () => {
    expect(byLine(manifest, 11)).toMatchObject({
      name: 'urllib3',
      version: null,
      source: { type: 'url', url: 'https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip' },
    });
    expect(byLine(manifest, 12)).toMatchObject({ name: 'pkg', version: '1.0', specifier: null });
    expect(byLine(manifest, 13)).toMatchObject({
      name: 'Flask_Login',
      normalizedName: 'flask-login',
      version: '0.6.3',
      source: { type: 'url', url: 'https://files.example.com/packages/Flask_Login-0.6.3-py3-none-any.whl' },
    });
    expect(byLine(manifest, 14)).toMatchObject({
      name: 'simplejson',
      version: '3.19.2',
      hashes: ['sha256:9eb442a2442ce417801c912df68e1f6ccfcd41577ae7274953ab3ad24ef7d82c'],
    });
    expect(byLine(manifest, 15)).toMatchObject({ name: 'thing', version: null });
    expect(byLine(manifest, 17)).toMatchObject({
      name: 'pkg',
      version: '2.0',
      markers: 'python_version >= "3.8"',
      source: { type: 'url', url: 'https://files.example.com/pkg-2.0.tar.gz' },
    });
  });

  it('reads local archives and file: URLs as path sources', () => {
    expect(byLine(manifest, 24)).toMatchObject({ name: 'bar', version: '1.0', source: { type: 'path', url: '../bar-1.0.tar.gz' } });
    expect(byLine(manifest, 25)).toMatchObject({ name: 'numpy', version: '1.9.2' });
    expect(byLine(manifest, 26)).toMatchObject({
      name: 'six',
      version: '1.16.0',
      source: { type: 'path', url: 'file:///opt/wheels/six-1.16.0-py2.py3-none-any.whl' },
    });
    expect(byLine(manifest, 27)).toMatchObject({ name: 'localproj', version: null, source: { type: 'path' } });
    expect(byLine(manifest, 28)).toMatchObject({ name: 'six', version: '1.16.0', source: { type: 'path', url: 'six-1.16.0-py2.py3-none-any.whl' } });
    expect(byLine(manifest, 29)).toMatchObject({
      name: 'editable_file',
      source: { type: 'path', url: 'file:///opt/src/editable#egg=editable_file', editable: true },
    });
  });

  it('skips what has no knowable name, with a reason, and reports no error', () => {
    expect(manifest.errors).toEqual([]);
    expect(manifest.skipped?.map((s) => [s.line, s.text])).toEqual([
      [5, 'git+https://github.com/org/nameless.git@main'],
      [16, 'https://files.example.com/download?id=42'],
      [20, '-e .'],
      [21, '-e ./libs/editable_local'],
      [22, './libs/foo'],
      [23, './libs/foo[extra1]'],
    ]);
    expect(manifest.skipped?.[2]?.reason).toBe('local project without a name; not audited');
    expect(manifest.skipped?.[0]?.reason).toMatch(/VCS URL without #egg=name/);
    expect(manifest.requirements).toHaveLength(18);
  });
});

describe('parseRequirementsFile: markers and extras', () => {
  const manifest = parseFixture('markers-and-extras.txt');

  it('reads extras and markers, with spaces wherever pip allows them', () => {
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => [r.name, r.specifier, r.extras, r.markers ?? null])).toEqual([
      ['requests', '>=2.28', ['socks', 'security'], null],
      ['requests', '>=2.28', ['socks', 'security'], 'python_version >= "3.8"'],
      ['pywin32', '==306', [], 'sys_platform == "win32"'],
      ['importlib-metadata', '>=4.0', [], 'python_version<"3.10"'],
      ['uvicorn', '>=0.20,<1.0', ['standard'], 'platform_system != "Windows" and python_version >= "3.8"'],
      ['Flask', null, ['async'], null],
      ['black', null, [], "implementation_name == 'cpython'"],
      ['typing_extensions', '>=4.0', [], 'python_version < "3.11"'],
    ]);
  });

  it('separates markers from the options that follow them', () => {
    expect(byLine(manifest, 8).hashes).toEqual(['sha256:8f92fc8806f9a6b641eaa5318da32b44d401efaac0f6678c9bc448ba3605faa0']);
  });
});

describe('parseRequirementsFile: options', () => {
  const manifest = parseFixture('options.txt');

  it('records index options as written, with their lines', () => {
    expect(manifest.indexes).toEqual([
      { option: 'index-url', value: 'https://pypi.example.com/simple', line: 2 },
      { option: 'extra-index-url', value: 'https://extra.example.com/simple', line: 3 },
      { option: 'find-links', value: './wheels', line: 4 },
      { option: 'find-links', value: 'https://download.example.com/links.html', line: 5 },
      { option: 'trusted-host', value: 'pypi.example.com', line: 6 },
      { option: 'index-url', value: 'https://late.example.com/simple', line: 32 },
      // `--extra` is an unambiguous optparse abbreviation of --extra-index-url.
      { option: 'extra-index-url', value: 'https://abbrev.example.com/simple', line: 36 },
    ]);
  });

  it('records -r and -c includes without resolving them', () => {
    expect(manifest.includes).toEqual([
      { target: 'base.txt', kind: 'requirement', line: 15 },
      { target: 'dev/extra.txt', kind: 'requirement', line: 16 },
      { target: 'test.txt', kind: 'requirement', line: 17 },
      { target: 'constraints.txt', kind: 'constraint', line: 18 },
      { target: '../shared/constraints.txt', kind: 'constraint', line: 19 },
      { target: 'glued.txt', kind: 'requirement', line: 20 },
    ]);
  });

  it('gives registry requirements the last --index-url, as pip does', () => {
    expect(byLine(manifest, 23).source).toEqual({ type: 'registry', url: 'https://late.example.com/simple' });
    expect(byLine(manifest, 23).hashes).toEqual(['sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f']);
    expect(byLine(manifest, 26).source).toMatchObject({ type: 'vcs', ref: 'v3' });
  });

  it('accepts the per-requirement options pip knows', () => {
    expect(byLine(manifest, 24)).toMatchObject({ name: 'lxml', specifier: '>=5' });
    expect(byLine(manifest, 25)).toMatchObject({ name: 'legacy', version: '1.0' });
  });

  it('reports unknown, misplaced and ignored options with their lines, and still reads the line', () => {
    expect(errorLines(manifest)).toEqual([
      [29, 'unknown option --foo'],
      [30, 'unknown option --frobnicate'],
      [31, 'unknown option --bar'],
      [
        33,
        'option --hash belongs to a requirement, but this line has none (pip ignores it); is a trailing backslash missing on the line before?',
      ],
      [34, 'unexpected "somepackage" after the options (pip ignores it)'],
      [35, 'option --trusted-host has no effect on a requirement line (pip ignores it)'],
      [37, 'ambiguous option --no (--no-index, --no-binary)'],
    ]);
    expect(byLine(manifest, 31).name).toBe('requests-toolbelt');
    expect(byLine(manifest, 35).name).toBe('httpx');
    for (const error of manifest.errors) expect(error.path).toBe('requirements.txt');
  });

  it('leaves the registry URL unset when the file says --no-index', () => {
    const manifest = parseRequirementsFile({
      path: 'requirements.txt',
      content: '--no-index\n--find-links ./wheels\n-i https://pypi.example.com/simple\nrequests\n',
    });
    expect(manifest.indexes).toEqual([
      { option: 'no-index', value: '', line: 1 },
      { option: 'find-links', value: './wheels', line: 2 },
      { option: 'index-url', value: 'https://pypi.example.com/simple', line: 3 },
    ]);
    expect(manifest.requirements[0]?.source).toEqual({ type: 'registry' });
  });

  it('reads several options on one line, and quoted values', () => {
    const manifest = parseRequirementsFile({
      path: 'requirements.txt',
      content: "--index-url 'https://pypi.example.com/simple' --trusted-host \"pypi.example.com\" --pre\n",
    });
    expect(manifest.errors).toEqual([]);
    expect(manifest.indexes?.map((index) => index.value)).toEqual(['https://pypi.example.com/simple', 'pypi.example.com']);
  });

  it('follows only the first -r of a line, as pip does', () => {
    const manifest = parseRequirementsFile({ path: 'requirements.txt', content: '-r a.txt -r b.txt\n' });
    expect(manifest.includes).toEqual([{ target: 'a.txt', kind: 'requirement', line: 1 }]);
    expect(errorLines(manifest)).toEqual([[1, 'pip follows only the first -r/-c of a line; "b.txt" is ignored']]);
  });

  it('applies --config-settings to an editable but reports --hash on it', () => {
    const manifest = parseRequirementsFile({
      path: 'requirements.txt',
      content: '-e git+https://h/o/r.git#egg=r --config-settings editable_mode=compat --hash=sha256:abcd\n',
    });
    expect(manifest.requirements[0]).toMatchObject({ name: 'r', hashes: [] });
    expect(errorLines(manifest)).toEqual([[1, 'option --hash has no effect on an editable requirement (pip ignores it)']]);
  });
});

describe('parseRequirementsFile: CRLF, CR and a byte-order mark', () => {
  it('reads the CRLF + BOM fixture with exact lines', () => {
    const content = fixture('crlf-bom.txt');
    expect(content.charCodeAt(0)).toBe(0xfeff);
    expect(content).toContain('\r\n');
    const manifest = parseRequirementsFile({ path: 'requirements.txt', content });
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => [r.name, r.specifier, r.lines.start, r.lines.end, r.hashes])).toEqual([
      ['requests', '==2.31.0', 1, 1, []],
      ['flask', '>=2', 3, 4, ['sha256:abcd']],
      ['django', '<5', 6, 6, []],
    ]);
  });

  it('reads bytes decoded from a Buffer with BOM and old-Mac CR line endings', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('requests==2.31.0\r# comment\rflask>=2 \\\r  --hash=sha256:abcd\rdjango<5\r', 'utf8'),
    ]);
    const manifest = parseRequirementsFile({ path: 'requirements.txt', content: bytes.toString('utf8') });
    expect(manifest.requirements.map((r) => [r.name, r.lines.start, r.lines.end])).toEqual([
      ['requests', 1, 1],
      ['flask', 3, 4],
      ['django', 5, 5],
    ]);
  });
});

describe('parseRequirementsFile: ${VAR} environment placeholders', () => {
  const manifest = parseFixture('env-placeholders.txt');

  it('keeps placeholders in index options verbatim', () => {
    expect(manifest.indexes).toEqual([
      { option: 'index-url', value: 'https://${PIP_USER}:${PIP_TOKEN}@pypi.example.com/simple', line: 1 },
      { option: 'extra-index-url', value: '${EXTRA_INDEX_URL}', line: 2 },
    ]);
    expect(byLine(manifest, 3).source).toEqual({ type: 'registry', url: 'https://${PIP_USER}:${PIP_TOKEN}@pypi.example.com/simple' });
  });

  it('keeps a placeholder version as writtenSpecifier, with no specifier, no version and no error', () => {
    expect(byLine(manifest, 3)).toMatchObject({ name: 'django', specifier: null, version: null, writtenSpecifier: '==${DJANGO_VERSION}' });
    expect(byLine(manifest, 4)).toMatchObject({ name: 'celery', specifier: null, writtenSpecifier: '>= ${CELERY_MIN} , < 6' });
    expect(byLine(manifest, 7)).toMatchObject({ name: 'numpy', specifier: null, writtenSpecifier: '==1.${NUMPY_MINOR}.*' });
  });

  it('keeps placeholders in URLs and markers', () => {
    expect(byLine(manifest, 5).source).toEqual({
      type: 'vcs',
      url: 'git+https://${GITHUB_TOKEN}@github.com/org/private-pkg.git@v1.0',
      ref: 'v1.0',
    });
    expect(byLine(manifest, 8)).toMatchObject({ specifier: '==2.0', version: '2.0', markers: 'python_version >= "${MIN_PY}"' });
  });

  it('skips a placeholder name, and rejects what pip would not expand', () => {
    expect(manifest.skipped).toEqual([
      { line: 6, text: '${PACKAGE_NAME}==1.0', reason: 'the package name is an environment placeholder; not audited' },
    ]);
    // pip expands only ${UPPER_CASE_NAMES}; a lowercase one stays literal and is no version.
    expect(errorLines(manifest)).toEqual([
      [9, 'invalid requirement "lowercase==${not_expanded}": invalid version specifier "==${not_expanded}"'],
    ]);
  });
});

describe('parseRequirementsFile: every PEP 440 operator', () => {
  const manifest = parseFixture('operators.txt');

  it('keeps specifiers and pins exact versions only for == without wildcard and ===', () => {
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => [r.name, r.specifier, r.version])).toEqual([
      ['a', '==1.0', '1.0'],
      ['b', '!=1.5', null],
      ['c', '<=2.0', null],
      ['d', '>=1.0', null],
      ['e', '<3', null],
      ['f', '>1', null],
      ['g', '~=1.4.2', null],
      ['h', '===1.0-custom', '1.0-custom'],
      ['i', '==1.*', null],
      ['j', '!=2.0.*', null],
      ['k', '==1.0+local.7', '1.0+local.7'],
      ['l', '>=1.0,<2.0,!=1.3.*', null],
      ['m', '==1.0', '1.0'],
      ['n', '==2.0', '2.0'],
      ['o', '==1!2.0', '1!2.0'],
      ['p', '==1.0.post1', '1.0.post1'],
      ['q', '==2.0rc1', '2.0rc1'],
      ['r', '===foobar', 'foobar'],
    ]);
    expect(manifest.requirements.map((r) => r.lines.start)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
  });
});

describe('parseRequirementsFile: invalid lines', () => {
  const manifest = parseFixture('invalid-lines.txt');

  it('reports each invalid line with its number and a clear message', () => {
    expect(errorLines(manifest)).toEqual([
      [1, 'invalid requirement "requests==": invalid version specifier "=="'],
      [2, 'invalid requirement "foo bar": unexpected "bar" after the name "foo"'],
      [3, 'invalid requirement "==1.0": it does not start with a package name'],
      [5, 'invalid requirement "flask=2.0": unexpected "=2.0" after the name "flask" (did you mean "=="?)'],
      [6, 'invalid requirement "django>=": invalid version specifier ">="'],
      [7, 'invalid requirement "numpy[unclosed>=1": unclosed extras in "numpy[unclosed>=1"'],
      [8, 'invalid requirement "pkg==1.0 ;": empty environment marker in "pkg==1.0 ;"'],
      [
        9,
        '"https://example.com/pkg.tar.gz" is not a valid editable requirement: use a local project path or a VCS URL (git+https://…)',
      ],
      [10, 'cannot tell the project name of editable "git+https://github.com/org/noegg.git": add #egg=name (pip requires it)'],
      [11, 'invalid requirement ""quoted"==1.0": it does not start with a package name'],
      [12, '"bad_wheel-py3.whl" is not a valid wheel file name'],
      [
        14,
        'option --hash belongs to a requirement, but this line has none (pip ignores it); is a trailing backslash missing on the line before?',
      ],
      [15, 'invalid --hash "md5:abc": pip allows only sha256, sha384 and sha512'],
      [16, 'invalid --config-settings "novalue": expected KEY=VALUE'],
      [17, 'option --index-url requires a value'],
      [18, 'option -e requires a value'],
      [19, 'invalid requirement "pkg @": missing URL after "@" in "pkg @"'],
      [20, '"x.whl" is not a valid wheel file name'],
    ]);
  });

  it('still reads the valid lines around them', () => {
    expect(manifest.requirements.map((r) => [r.name, r.lines.start, r.hashes])).toEqual([
      ['valid-one', 4, []],
      ['last-valid', 13, []],
      ['ok-with-bad-hash', 15, []],
      ['x', 16, []],
    ]);
    expect(manifest.skipped).toEqual([]);
  });
});

describe('parseRequirementsFile: line continuations', () => {
  const manifest = parseFixture('continuations.txt');

  it('joins lines exactly as pip does and records the physical range', () => {
    expect(manifest.requirements.map((r) => [r.name, r.specifier, r.lines.start, r.lines.end, r.hashes])).toEqual([
      ['alpha', '==1.0', 1, 2, ['sha256:aaaa']],
      // A comment line ends the continuation; the --hash after it stands alone.
      ['beta', '==2.0', 3, 3, []],
      // On a joined line an inline comment runs to the end of the logical line (pip's COMMENT_RE).
      ['gamma', '==3.0', 6, 6, ['sha256:cccc']],
      // Continuations join without a space.
      ['delta', '==4.0', 8, 9, []],
      // A blank line ends a continuation and is not part of the range.
      ['epsilon', '==5.0', 10, 10, []],
      ['eta', '==7.0', 13, 13, []],
      ['theta', '==8.0', 15, 15, []],
      // A backslash on the last line of the file.
      ['iota', '==9.0', 16, 16, []],
    ]);
  });

  it('reports a stray --hash and a backslash followed by a space', () => {
    expect(errorLines(manifest)).toEqual([
      [
        5,
        'option --hash belongs to a requirement, but this line has none (pip ignores it); is a trailing backslash missing on the line before?',
      ],
      [
        12,
        'invalid requirement "zeta==6.0 \\": invalid version specifier "==6.0 \\" (a continuation backslash must be the last character of its line)',
      ],
    ]);
  });
});

describe('parseRequirementsFile: unusual but valid input', () => {
  it('reads the parenthesised form, spaces around operators and commas, tabs and name@url', () => {
    const content = [
      'requests (>=2.0, <3)',
      'requests >= 2.0 , < 3',
      'six\t==\t1.16.0',
      'pip@https://github.com/pypa/pip/archive/22.0.2.zip',
      'Name.With_Mixed-Separators==1.0',
      'UPPER[Extra_One]==2',
    ].join('\n');
    const manifest = parseRequirementsFile({ path: 'requirements.txt', content });
    expect(manifest.errors).toEqual([]);
    expect(manifest.requirements.map((r) => [r.name, r.normalizedName, r.specifier, r.version, r.extras])).toEqual([
      ['requests', 'requests', '>=2.0,<3', null, []],
      ['requests', 'requests', '>=2.0,<3', null, []],
      ['six', 'six', '==1.16.0', '1.16.0', []],
      ['pip', 'pip', null, null, []],
      ['Name.With_Mixed-Separators', 'name-with-mixed-separators', '==1.0', '1.0', []],
      ['UPPER', 'upper', '==2', '2', ['Extra_One']],
    ]);
    expect(manifest.requirements[3]?.source).toEqual({ type: 'url', url: 'https://github.com/pypa/pip/archive/22.0.2.zip' });
  });

  it('treats a # inside a URL as a fragment and a # after whitespace as a comment', () => {
    const content = 'https://h.example/p-1.0.tar.gz#sha256=abcdef01 # the archive\nx==1 #comment\ny==2#not-a-comment\n';
    const manifest = parseRequirementsFile({ path: 'requirements.txt', content });
    expect(manifest.requirements[0]).toMatchObject({ name: 'p', version: '1.0', hashes: ['sha256:abcdef01'] });
    expect(manifest.requirements[1]).toMatchObject({ name: 'x', specifier: '==1' });
    // `y==2#not-a-comment` is not a comment for pip either, so the version is invalid.
    expect(manifest.errors.map((e) => e.line)).toEqual([3]);
  });

  it('reads -e with a space-less value, an abbreviated long option and a --requirement= form', () => {
    const content = '-e.\n--edit git+https://h/o/r.git@v1#egg=r\n--requirement=base.txt\n';
    const manifest = parseRequirementsFile({ path: 'requirements.txt', content });
    expect(manifest.errors).toEqual([]);
    expect(manifest.skipped).toEqual([{ line: 1, text: '-e.', reason: 'local project without a name; not audited' }]);
    expect(manifest.requirements[0]).toMatchObject({ name: 'r', source: { type: 'vcs', ref: 'v1' } });
    expect(manifest.includes).toEqual([{ target: 'base.txt', kind: 'requirement', line: 3 }]);
  });
});
