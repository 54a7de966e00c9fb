import { describe, expect, it } from 'vitest';
import { normalizePackageName, parsePep508, pinnedVersion, sourceOfUrl } from '../../src/manifests/pep508.js';

describe('parsePep508', () => {
  it.each([
    ['requests', { name: 'requests', extras: [], specifier: null }],
    ['requests>=2.0,<3', { name: 'requests', extras: [], specifier: '>=2.0,<3' }],
    ['requests >= 2.0 , < 3', { name: 'requests', extras: [], specifier: '>=2.0,<3' }],
    ['requests (>=2.0)', { name: 'requests', extras: [], specifier: '>=2.0' }],
    ['Requests[Socks, security]~=2.31', { name: 'Requests', extras: ['Socks', 'security'], specifier: '~=2.31' }],
    ['foo===1.0-weird', { name: 'foo', extras: [], specifier: '===1.0-weird' }],
    ['django==4.*', { name: 'django', extras: [], specifier: '==4.*' }],
    ['zope.interface!=5.0.*', { name: 'zope.interface', extras: [], specifier: '!=5.0.*' }],
  ])('reads %s', (input, expected) => {
    expect(parsePep508(input)).toEqual({ ok: true, value: expected });
  });

  it('reads environment markers', () => {
    expect(parsePep508('importlib-metadata>=4; python_version < "3.8"')).toEqual({
      ok: true,
      value: { name: 'importlib-metadata', extras: [], specifier: '>=4', markers: 'python_version < "3.8"' },
    });
  });

  it('reads direct references, with markers only after whitespace', () => {
    expect(parsePep508('pip @ https://example.com/pip-1.0.zip ; os_name == "nt"')).toEqual({
      ok: true,
      value: { name: 'pip', extras: [], specifier: null, url: 'https://example.com/pip-1.0.zip', markers: 'os_name == "nt"' },
    });
    // Without whitespace the ';' belongs to the URL (PEP 508).
    const glued = parsePep508('pip @ https://example.com/a;b');
    expect(glued.ok && glued.value.url).toBe('https://example.com/a;b');
  });

  it.each([
    ['', 'not a requirement'],
    ['==1.0', 'not a requirement'],
    ['requests==', 'invalid version specifier'],
    ['foo bar', 'unexpected "bar"'],
    ['foo[bar', 'unclosed extras'],
    ['foo; ', 'empty environment marker'],
    ['foo @ ', 'missing URL'],
  ])('rejects %j', (input, message) => {
    const result = parsePep508(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });
});

describe('normalizePackageName', () => {
  it('follows PEP 503', () => {
    expect(normalizePackageName('Friendly-Bard')).toBe('friendly-bard');
    expect(normalizePackageName('FRIENDLY__bard')).toBe('friendly-bard');
    expect(normalizePackageName('friendly.-_bard')).toBe('friendly-bard');
  });
});

describe('pinnedVersion', () => {
  it('is the version of a single == or === clause without wildcard', () => {
    expect(pinnedVersion('==1.2.3')).toBe('1.2.3');
    expect(pinnedVersion('===1.0-weird')).toBe('1.0-weird');
    expect(pinnedVersion('==1.*')).toBeNull();
    expect(pinnedVersion('==1.0,!=1.0.1')).toBeNull();
    expect(pinnedVersion('>=1.0')).toBeNull();
    expect(pinnedVersion(null)).toBeNull();
  });
});

describe('sourceOfUrl', () => {
  it('classifies VCS, path and URL references', () => {
    expect(sourceOfUrl('git+https://github.com/org/repo.git@v1.2#egg=repo')).toEqual({
      type: 'vcs',
      url: 'git+https://github.com/org/repo.git@v1.2#egg=repo',
      ref: 'v1.2',
    });
    expect(sourceOfUrl('git+ssh://git@github.com/org/repo.git')).toEqual({ type: 'vcs', url: 'git+ssh://git@github.com/org/repo.git' });
    expect(sourceOfUrl('./libs/foo', true)).toEqual({ type: 'path', url: './libs/foo', editable: true });
    expect(sourceOfUrl('file:///tmp/x.whl')).toEqual({ type: 'path', url: 'file:///tmp/x.whl' });
    expect(sourceOfUrl('https://example.com/x-1.0.tar.gz')).toEqual({ type: 'url', url: 'https://example.com/x-1.0.tar.gz' });
  });
});
