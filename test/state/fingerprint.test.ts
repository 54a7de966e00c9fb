import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditFingerprint, gitBlobSha, hashConfig } from '../../src/state/fingerprint.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);

describe('gitBlobSha', () => {
  it('equals `git hash-object`', () => {
    expect(gitBlobSha('hello\n')).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
    expect(gitBlobSha(readFileSync(fixture('requirements-pinned.txt')))).toBe('150c6fc5f6dc4773c763b63f5b31d6891e731b43');
    expect(gitBlobSha('')).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
  });

  it('encodes strings as UTF-8 (byte length, not character count)', () => {
    expect(gitBlobSha('é')).toBe(gitBlobSha(Buffer.from('é', 'utf8')));
  });
});

describe('auditFingerprint', () => {
  const requirements = readFileSync(fixture('requirements-pinned.txt'), 'utf8');
  const files = [
    { path: 'requirements.txt', content: requirements },
    { path: 'pyproject.toml', sha: '0123456789abcdef0123456789abcdef01234567' },
  ];

  it('is a pinned SHA-256 for given inputs (changing the formula changes every stored claim)', () => {
    // sha256 of ["pipwarden-audit-fingerprint/1","osv-2024-10-01","cfg",[["pyproject.toml","0123…"],["requirements.txt","150c…"]]]
    // computed with `sha256sum`, independently of the code.
    expect(auditFingerprint(files, 'osv-2024-10-01', 'cfg')).toBe('2e393299dd613e7fd968c2ea34a0efb01c5fe93ccc564612f3ec27f0c10255ed');
    expect(auditFingerprint([], '', '')).toBe('616d5e860d48e475d45655935ec6e559fd38c49d7505aa4d9be66ae3c30f6b86');
  });

  it('does not depend on the order the files come in, nor on how paths are spelled', () => {
    const base = auditFingerprint(files, 'db1', 'cfg');
    expect(auditFingerprint([...files].reverse(), 'db1', 'cfg')).toBe(base);
    expect(auditFingerprint([{ ...files[0], path: './requirements.txt' } as (typeof files)[0], files[1] as (typeof files)[1]], 'db1', 'cfg')).toBe(base);
    expect(auditFingerprint([{ path: 'requirements.txt', content: requirements }, { path: 'pyproject.toml', sha: '0123456789ABCDEF0123456789ABCDEF01234567' }], 'db1', 'cfg')).toBe(base);
  });

  it('gives a file by content and the same file by git blob sha the same fingerprint', () => {
    const byContent = auditFingerprint([{ path: 'requirements.txt', content: requirements }], 'db1', 'cfg');
    const bySha = auditFingerprint([{ path: 'requirements.txt', sha: '150c6fc5f6dc4773c763b63f5b31d6891e731b43' }], 'db1', 'cfg');
    expect(bySha).toBe(byContent);
  });

  it('changes with any content, path, advisory database version or configuration', () => {
    const base = auditFingerprint(files, 'db1', 'cfg');
    const variants = [
      auditFingerprint([{ path: 'requirements.txt', content: requirements.replace('4.2.7', '4.2.8') }, files[1] as (typeof files)[1]], 'db1', 'cfg'),
      auditFingerprint([{ path: 'requirements-dev.txt', content: requirements }, files[1] as (typeof files)[1]], 'db1', 'cfg'),
      auditFingerprint(files, 'db2', 'cfg'),
      auditFingerprint(files, 'db1', 'cfg2'),
      auditFingerprint(files.slice(0, 1), 'db1', 'cfg'),
    ];
    expect(new Set([base, ...variants]).size).toBe(6);
  });

  it('cannot be forged by moving text between the parts', () => {
    expect(auditFingerprint([], 'a', 'bc')).not.toBe(auditFingerprint([], 'ab', 'c'));
    expect(auditFingerprint([{ path: 'a', sha: 'b' }], '', '')).not.toBe(auditFingerprint([{ path: 'a","b', sha: '' }], '', ''));
  });

  it('handles many files, binary content and long lines', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ path: `pkg${i}/requirements.txt`, content: `pkg${i}==1.0\n` }));
    const binary = new Uint8Array([0, 255, 0, 1, 2, 0]);
    expect(auditFingerprint([...many, { path: 'bin', content: binary }, { path: 'long', content: 'x'.repeat(5_000_000) }], 'db', 'c')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('hashConfig', () => {
  it('does not depend on key order, and leaves undefined members out', () => {
    expect(hashConfig({ failOn: 'high', ignore: [{ id: 'GHSA-1', reason: 'x' }] })).toBe(
      hashConfig({ ignore: [{ reason: 'x', id: 'GHSA-1', until: undefined }], failOn: 'high' }),
    );
  });

  it('tells apart what differs: array order, types, dates', () => {
    expect(hashConfig([1, 2])).not.toBe(hashConfig([2, 1]));
    expect(hashConfig({ a: 1 })).not.toBe(hashConfig({ a: '1' }));
    expect(hashConfig({ until: new Date('2025-01-01T00:00:00Z') })).toBe(hashConfig({ until: '2025-01-01T00:00:00.000Z' }));
    expect(hashConfig(null)).toBe(hashConfig(null));
    expect(hashConfig(10n)).toBe(hashConfig('10'));
  });

  it('refuses a cycle with a clear error, but accepts a shared (acyclic) reference', () => {
    const shared = { a: 1 };
    expect(hashConfig({ x: shared, y: shared })).toBe(hashConfig({ x: { a: 1 }, y: { a: 1 } }));
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => hashConfig(cyclic)).toThrow(/cycle/);
  });

  it('survives nesting a thousand levels deep', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 1_000; i++) deep = { child: deep };
    expect(hashConfig(deep)).toMatch(/^[0-9a-f]{64}$/);
  });
});
