import { describe, expect, it } from 'vitest';
import { changelogFileOf, githubRepositoryOf, parseGitHubFileUrl, parseGitHubUrl } from '../../../src/remediation/notes/source.js';

describe('parseGitHubUrl', () => {
  it('reads owner and repository from the usual spellings', () => {
    for (const url of [
      'https://github.com/psf/requests',
      'https://github.com/psf/requests/',
      'http://www.github.com/psf/requests.git',
      'https://github.com/psf/requests/tree/main/src/requests',
      'https://github.com/psf/requests/blob/main/HISTORY.md#L10',
      'https://github.com/psf/requests#readme',
      'https://github.com/psf/requests?tab=readme-ov-file',
      'git+https://github.com/psf/requests.git@v2.32.3',
      'git://github.com/psf/requests.git',
      'git@github.com:psf/requests.git',
      'ssh://git@github.com/psf/requests',
      '  https://GitHub.com/psf/requests/releases  ',
    ]) {
      expect(parseGitHubUrl(url), url).toEqual({ owner: 'psf', repo: 'requests', url: 'https://github.com/psf/requests' });
    }
  });

  it('keeps dots, dashes and underscores of repository names', () => {
    expect(parseGitHubUrl('https://github.com/pallets-eco/flask-sqlalchemy')?.repo).toBe('flask-sqlalchemy');
    expect(parseGitHubUrl('https://github.com/aio-libs/async_timeout.git')?.repo).toBe('async_timeout');
    expect(parseGitHubUrl('https://github.com/jquast/wcwidth.py')?.repo).toBe('wcwidth.py');
  });

  it('refuses GitHub pages that are not repositories, other hosts and junk', () => {
    expect(parseGitHubUrl('https://github.com/sponsors/tiangolo')).toBeNull();
    expect(parseGitHubUrl('https://github.com/orgs/pallets/discussions')).toBeNull();
    expect(parseGitHubUrl('https://github.com/psf')).toBeNull();
    expect(parseGitHubUrl('https://gitlab.com/psf/requests')).toBeNull();
    expect(parseGitHubUrl('https://github.com.evil.example/psf/requests')).toBeNull();
    expect(parseGitHubUrl('https://notgithub.com/psf/requests')).toBeNull();
    expect(parseGitHubUrl('https://psf.github.io/requests')).toBeNull();
    expect(parseGitHubUrl('https://github.com/psf/..')).toBeNull();
    expect(parseGitHubUrl('')).toBeNull();
    expect(parseGitHubUrl(`https://github.com/${'a'.repeat(5_000)}/b`)).toBeNull();
  });
});

describe('githubRepositoryOf', () => {
  it('prefers the source labels over the home page and reads any label as a last resort', () => {
    const repository = githubRepositoryOf({
      Homepage: 'https://github.com/old-owner/project',
      Documentation: 'https://project.readthedocs.io',
      'Source Code': 'https://github.com/new-owner/project',
    });
    expect(repository).toEqual({ owner: 'new-owner', repo: 'project', url: 'https://github.com/new-owner/project' });
    expect(githubRepositoryOf({ Funding: 'https://github.com/sponsors/x', 'Issue tracker': 'https://github.com/x/y/issues' })?.repo).toBe('y');
    expect(githubRepositoryOf({ 'Some label': 'https://github.com/a/b' })?.owner).toBe('a');
  });

  it('skips a source label that is not a GitHub URL', () => {
    expect(githubRepositoryOf({ Source: 'https://foss.heptapod.net/pypy/pypy', Homepage: 'https://github.com/pypy/pypy' })?.repo).toBe('pypy');
  });

  it('is null without a GitHub URL', () => {
    expect(githubRepositoryOf({})).toBeNull();
    expect(githubRepositoryOf({ Homepage: 'https://www.djangoproject.com/', Source: 'https://gitlab.com/a/b' })).toBeNull();
  });
});

describe('changelogFileOf and parseGitHubFileUrl', () => {
  it('reads a blob URL of the Changelog label', () => {
    expect(changelogFileOf({ Changelog: 'https://github.com/pallets/flask/blob/main/CHANGES.rst' })).toEqual({
      repository: { owner: 'pallets', repo: 'flask', url: 'https://github.com/pallets/flask' },
      ref: 'main',
      path: 'CHANGES.rst',
      url: 'https://github.com/pallets/flask/blob/main/CHANGES.rst',
    });
  });

  it('reads raw.githubusercontent.com URLs, with refs/heads and nested paths', () => {
    expect(parseGitHubFileUrl('https://raw.githubusercontent.com/o/r/refs/heads/dev/docs/changes.md')).toMatchObject({ ref: 'refs/heads/dev', path: 'docs/changes.md' });
    expect(parseGitHubFileUrl('https://github.com/o/r/raw/v1.0/doc%20s/NEWS.txt')).toMatchObject({ ref: 'v1.0', path: 'doc s/NEWS.txt' });
  });

  it('ignores changelog URLs that are not files on GitHub', () => {
    expect(changelogFileOf({ Changelog: 'https://flask.palletsprojects.com/changes/' })).toBeNull();
    expect(changelogFileOf({ Changelog: 'https://github.com/pallets/flask/releases' })).toBeNull();
    expect(changelogFileOf({ Source: 'https://github.com/pallets/flask/blob/main/CHANGES.rst' })).toBeNull();
    expect(parseGitHubFileUrl('https://github.com/o/r/blob/main')).toBeNull();
    expect(parseGitHubFileUrl('https://github.com/o/r/blob/main/../../etc/passwd')).toBeNull();
    expect(parseGitHubFileUrl('https://github.com/o/r/blob/main/%E0%A4%A')).toBeNull();
  });
});
