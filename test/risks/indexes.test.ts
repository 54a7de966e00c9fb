import { describe, expect, it } from 'vitest';
import { describedByPypi, hostOfUrl, isPrivateIndex, isPypiUrl, showUrl, withoutCredentials } from '../../src/risks/indexes.js';
import { config } from './helpers.js';

describe('index URLs', () => {
  it('reads hosts, credentials and placeholders included', () => {
    expect(hostOfUrl('https://user:pass@PKGS.Acme.example:8443/simple/')).toBe('pkgs.acme.example');
    expect(hostOfUrl('https://${TOKEN}@pkgs.acme.example/simple')).toBe('pkgs.acme.example');
    expect(hostOfUrl('${PIP_INDEX_URL}')).toBeUndefined();
    expect(withoutCredentials('HTTPS://user:pass@Pkgs.Acme.example/simple/')).toBe('https://pkgs.acme.example/simple');
    expect(showUrl('https://ci:ghp_abcdefghijklmnopqrstuvwxyz0123@pkgs.acme.example/simple')).toBe('https://***@pkgs.acme.example/simple');
  });

  it('knows PyPI and public indexes, and takes the rest as private unless privateIndexes says', () => {
    const none = config();
    expect(isPypiUrl('https://pypi.org/simple')).toBe(true);
    expect(isPypiUrl('https://files.pythonhosted.org/packages/x.whl')).toBe(true);
    expect(isPypiUrl('https://mirror.example/pypi', 'https://mirror.example')).toBe(true);
    expect(isPrivateIndex('https://pypi.org/simple', none)).toBe(false);
    expect(isPrivateIndex('https://download.pytorch.org/whl/cu121', none)).toBe(false);
    expect(isPrivateIndex('https://pkgs.acme.example/simple', none)).toBe(true);
    expect(isPrivateIndex('${INDEX}', none)).toBe(true);
    const listed = config({ privateIndexes: ['pkgs.acme.example', 'https://artifacts.example/api/pypi/internal'] });
    expect(isPrivateIndex('https://u:p@pkgs.acme.example/simple', listed)).toBe(true);
    expect(isPrivateIndex('https://artifacts.example/api/pypi/internal/simple', listed)).toBe(true);
    expect(isPrivateIndex('https://artifacts.example/api/pypi/pypi-remote/simple', listed)).toBe(false);
  });

  it('lets PyPI data describe index packages that are not private', () => {
    const none = config();
    expect(describedByPypi(undefined, none)).toBe(true);
    expect(describedByPypi({ type: 'registry' }, none)).toBe(true);
    expect(describedByPypi({ type: 'registry', url: 'https://pypi.org/simple' }, none)).toBe(true);
    expect(describedByPypi({ type: 'registry', url: 'https://pkgs.acme.example/simple' }, none)).toBe(false);
    expect(describedByPypi({ type: 'registry', url: 'https://mirror.example/simple' }, config({ privateIndexes: ['pkgs.acme.example'] }))).toBe(true);
    expect(describedByPypi({ type: 'vcs', url: 'git+https://github.com/a/b' }, none)).toBe(false);
  });
});
