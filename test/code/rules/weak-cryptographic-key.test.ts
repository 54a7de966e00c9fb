import { describe, expect, it } from 'vitest';
import { weakCryptographicKey } from '../../../src/code/rules/weak-cryptographic-key.js';
import { findingLines, scanWith } from '../helpers.js';

const scan = (source: string) => scanWith(weakCryptographicKey, source);

describe('B505 weak cryptographic key', () => {
  it('flags a 1024-bit RSA key from cryptography as medium, with bandit metadata', async () => {
    const source = 'from cryptography.hazmat.primitives.asymmetric import rsa\nrsa.generate_private_key(public_exponent=65537, key_size=1024)\n';
    expect((await scan(source)).findings).toEqual([
      {
        ruleId: 'python.weak-cryptographic-key',
        banditId: 'B505',
        path: 'app/module.py',
        line: 2,
        column: 1,
        severity: 'medium',
        confidence: 'high',
        cwe: 326,
        message: 'RSA key sizes below 2048 bits are considered breakable.',
      },
    ]);
  });

  it('grades by bandit thresholds, for cryptography and PyCrypto/PyCryptodome, positional or keyword', async () => {
    const source = [
      'from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa',
      'from cryptography.hazmat import backends',
      'from Crypto.PublicKey import DSA, RSA',
      'import Cryptodome.PublicKey.RSA',
      'dsa.generate_private_key(512, backends.default_backend())',
      'rsa.generate_private_key(3, 1024, backends.default_backend())',
      'ec.generate_private_key(ec.SECP192R1(), backends.default_backend())',
      'ec.generate_private_key(curve=ec.SECT163K1, backend=b)',
      'DSA.generate(bits=512)',
      'RSA.generate(2047)',
      'Cryptodome.PublicKey.RSA.generate(1023)',
    ].join('\n');
    expect((await scan(source)).findings.map((f) => `${f.line}:${f.severity}:${f.message}`)).toEqual([
      '5:high:DSA key sizes below 1024 bits are considered breakable.',
      '6:medium:RSA key sizes below 2048 bits are considered breakable.',
      '7:medium:EC key sizes below 224 bits are considered breakable.',
      '8:medium:EC key sizes below 224 bits are considered breakable.',
      '9:high:DSA key sizes below 1024 bits are considered breakable.',
      '10:medium:RSA key sizes below 2048 bits are considered breakable.',
      '11:high:RSA key sizes below 1024 bits are considered breakable.',
    ]);
  });

  it('does not flag strong keys, sizes it cannot read, or other generate functions', async () => {
    const source = [
      'from cryptography.hazmat.primitives.asymmetric import ec, rsa',
      'from Crypto.PublicKey import RSA',
      'rsa.generate_private_key(65537, 2048)',
      'rsa.generate_private_key(65537, key_size)',
      'rsa.generate_private_key(public_exponent=65537)',
      'ec.generate_private_key(ec.SECP256R1())',
      'ec.generate_private_key(curve)',
      'RSA.generate(4096)',
      'RSA.generate(size * 2)',
      'random.generate(512)',
      'other.generate_private_key(512)',
    ].join('\n');
    expect((await scan(source)).findings).toEqual([]);
  });

  it('honours # nosec', async () => {
    const { findings, silenced } = await scan('from Crypto.PublicKey import RSA\nRSA.generate(1024)  # nosec B505\nRSA.generate(1024)\n');
    expect(findingLines(findings, true)).toEqual(['3:B505']);
    expect(silenced).toBe(1);
  });
});
