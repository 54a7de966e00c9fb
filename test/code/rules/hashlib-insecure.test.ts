import { describe, expect, it } from 'vitest';
import { hashlibInsecure } from '../../../src/code/rules/hashlib-insecure.js';
import { findingLines, scanWith } from '../helpers.js';

describe('B324 hashlib', () => {
  it('flags weak hashlib constructors with bandit metadata and location', async () => {
    const { findings } = await scanWith(hashlibInsecure, 'import hashlib\n\ndigest = hashlib.md5(data).hexdigest()\n');
    expect(findings).toEqual([
      {
        ruleId: 'python.hashlib',
        banditId: 'B324',
        path: 'app/module.py',
        line: 3,
        column: 10,
        severity: 'high',
        confidence: 'high',
        cwe: 327,
        message: 'Use of weak MD5 hash for security. Consider usedforsecurity=False',
      },
    ]);
  });

  it('covers md4, md5, sha, sha1, hashlib.new with a weak name in any case, and aliases', async () => {
    const source = [
      'import hashlib as h',
      'from hashlib import sha1, new',
      'h.md4()',
      'sha1(b"x")',
      'h.sha()',
      'new("MD5")',
      'h.new(name="sha1", data=b"")',
      'h.new("md4", b"", True)',
    ].join('\n');
    const { findings } = await scanWith(hashlibInsecure, source);
    expect(findingLines(findings, true)).toEqual(['3:B324', '4:B324', '5:B324', '6:B324', '7:B324', '8:B324']);
    expect(findings.map((f) => f.message)).toEqual([
      'Use of weak MD4 hash for security. Consider usedforsecurity=False',
      'Use of weak SHA1 hash for security. Consider usedforsecurity=False',
      'Use of weak SHA hash for security. Consider usedforsecurity=False',
      'Use of weak MD5 hash for security. Consider usedforsecurity=False',
      'Use of weak SHA1 hash for security. Consider usedforsecurity=False',
      'Use of weak MD4 hash for security. Consider usedforsecurity=False',
    ]);
  });

  it('exempts usedforsecurity=False (or a value that is not literally True), and strong hashes', async () => {
    const source = [
      'import hashlib',
      'hashlib.md5(data, usedforsecurity=False)',
      'hashlib.new("sha1", usedforsecurity=False)',
      'hashlib.sha1(data, usedforsecurity=flag)',
      'hashlib.sha256(data)',
      'hashlib.new("sha256")',
      'hashlib.new(algorithm)',
      'hashlib.md5(data, usedforsecurity=True)',
    ].join('\n');
    const { findings } = await scanWith(hashlibInsecure, source);
    expect(findingLines(findings, true)).toEqual(['8:B324']);
  });

  it('does not flag look-alikes: md5 methods of other objects, unimported hashlib, other modules', async () => {
    const source = ['import mylib', 'self.hashlib.md5(x)', 'hashlib.md5(x)', 'mylib.md5(x)', 'checksum.new("md5")', 'md5(x)'].join('\n');
    const { findings } = await scanWith(hashlibInsecure, source);
    expect(findings).toEqual([]);
  });

  it('flags weak crypt methods as medium severity', async () => {
    const source = [
      'import crypt',
      'from crypt import mksalt, METHOD_MD5',
      'crypt.crypt(word, crypt.METHOD_CRYPT)',
      'crypt.crypt(word, salt=crypt.METHOD_BLOWFISH)',
      'mksalt(METHOD_MD5)',
      'crypt.mksalt(crypt.METHOD_SHA512)',
      'crypt.crypt(word)',
    ].join('\n');
    const { findings } = await scanWith(hashlibInsecure, source);
    expect(findingLines(findings, true)).toEqual(['3:B324', '4:B324', '5:B324']);
    expect(findings[0]).toMatchObject({ severity: 'medium', confidence: 'high', message: 'Use of insecure crypt.METHOD_CRYPT hash function.' });
    expect(findings[2]?.message).toBe('Use of insecure crypt.METHOD_MD5 hash function.');
  });

  it('honours # nosec bare and by id', async () => {
    const source = 'import hashlib\nhashlib.md5(a)  # nosec\nhashlib.md5(b)  # nosec B324\nhashlib.md5(c)  # nosec B303\n';
    const { findings, silenced } = await scanWith(hashlibInsecure, source);
    expect(findingLines(findings, true)).toEqual(['4:B324']);
    expect(silenced).toBe(2);
  });
});
