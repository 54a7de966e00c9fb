import { describe, expect, it } from 'vitest';
import { inVersionRange, versionInTitle, versionOfReleaseName, versionOfTag } from '../../../src/remediation/notes/versions.js';

const NAMES = ['Flask-SQLAlchemy', 'flask-sqlalchemy'];

describe('versionOfTag', () => {
  it('reads the usual tag spellings', () => {
    expect(versionOfTag('v1.2.3', NAMES)).toBe('1.2.3');
    expect(versionOfTag('1.2.3', NAMES)).toBe('1.2.3');
    expect(versionOfTag('V2.0', NAMES)).toBe('2.0');
    expect(versionOfTag('flask-sqlalchemy-3.1.1', NAMES)).toBe('3.1.1');
    expect(versionOfTag('Flask_SQLAlchemy-v3.1.1', NAMES)).toBe('3.1.1');
    expect(versionOfTag('flask-sqlalchemy==3.0.0', NAMES)).toBe('3.0.0');
    expect(versionOfTag('release/3.0.5', NAMES)).toBe('3.0.5');
    expect(versionOfTag('release-3.0.5', NAMES)).toBe('3.0.5');
    expect(versionOfTag('version-3.0.5', NAMES)).toBe('3.0.5');
  });

  it('normalises PEP 440 spellings', () => {
    expect(versionOfTag('v2.0.0-rc.1', NAMES)).toBe('2.0.0rc1');
    expect(versionOfTag('1.0-post1', NAMES)).toBe('1.0.post1');
    expect(versionOfTag('2024.01.05', NAMES)).toBe('2024.1.5');
  });

  it("refuses another package's tags in a monorepo, and non-versions", () => {
    expect(versionOfTag('flask-login-0.6.3', NAMES)).toBeNull();
    expect(versionOfTag('otherpkg==1.2.3', NAMES)).toBeNull();
    expect(versionOfTag('nightly', NAMES)).toBeNull();
    expect(versionOfTag('latest', NAMES)).toBeNull();
    expect(versionOfTag('', NAMES)).toBeNull();
    expect(versionOfTag('1.2.3-not-a-version', NAMES)).toBeNull();
    expect(versionOfTag(`v${'1.'.repeat(150)}1`, NAMES)).toBeNull();
  });
});

describe('versionInTitle and versionOfReleaseName', () => {
  it('finds the version of a heading or a release name', () => {
    expect(versionInTitle('Version 2.0.1 (2024-01-01)')).toBe('2.0.1');
    expect(versionInTitle('[1.2.3] - 2024-05-01')).toBe('1.2.3');
    expect(versionInTitle('v3.1.0rc2')).toBe('3.1.0rc2');
    expect(versionInTitle('Django 4.2.1 release notes')).toBe('4.2.1');
    expect(versionInTitle('Unreleased')).toBeNull();
    expect(versionInTitle('2024-01-01')).toBeNull();
    expect(versionInTitle('Support for py3.8 removed')).toBeNull();
    expect(versionInTitle('Fixed #1.2')).toBeNull();
  });

  it('accepts release names whose words name no package or this one', () => {
    expect(versionOfReleaseName('Flask-SQLAlchemy 3.1.1', NAMES)).toBe('3.1.1');
    expect(versionOfReleaseName('Release 3.1.1 — the big one', NAMES)).toBe('3.1.1');
    expect(versionOfReleaseName('🎉 3.1.1', NAMES)).toBe('3.1.1');
    expect(versionOfReleaseName('Flask-Login 0.6.3', NAMES)).toBeNull();
    expect(versionOfReleaseName('The great rewrite', NAMES)).toBeNull();
  });
});

describe('inVersionRange', () => {
  it('takes releases after `from` up to and including `to`', () => {
    const range = { from: '1.0.0', to: '2.0.0' };
    expect(inVersionRange('1.0.0', range)).toBe(false);
    expect(inVersionRange('1.0', range)).toBe(false);
    expect(inVersionRange('1.0.1', range)).toBe(true);
    expect(inVersionRange('2.0', range)).toBe(true);
    expect(inVersionRange('2.0.1', range)).toBe(false);
    expect(inVersionRange('not a version', range)).toBe(false);
  });

  it('leaves pre-releases out unless the target is one', () => {
    expect(inVersionRange('2.0.0rc1', { from: '1.0', to: '2.0.0' })).toBe(false);
    expect(inVersionRange('2.0.0rc1', { from: '1.0', to: '2.0.0rc2' })).toBe(true);
    expect(inVersionRange('2.0.0rc2', { from: '1.0', to: '2.0.0rc2' })).toBe(true);
  });

  it('takes only the target without a version in use', () => {
    expect(inVersionRange('2.0.0', { from: null, to: '2.0' })).toBe(true);
    expect(inVersionRange('1.9.0', { from: null, to: '2.0' })).toBe(false);
  });
});
