/**
 * B505 weak_cryptographic_key: RSA/DSA keys under 2048 bits and elliptic curves under 224 bits can be
 * broken with today's computing power. https://bandit.readthedocs.io/en/latest/plugins/b505_weak_cryptographic_key.html
 *
 * Semantics follow bandit 1.9 and its default thresholds: key generation with `cryptography`
 * (`dsa.generate_private_key(key_size)`, `rsa.generate_private_key(public_exponent, key_size)`,
 * `ec.generate_private_key(curve)`) and PyCrypto / PyCryptodome (`Crypto.PublicKey.RSA/DSA.generate(bits)`,
 * `Cryptodome.…`). RSA/DSA below 1024 bits is high severity, below 2048 medium; EC curves below 160 bits
 * are high, below 224 medium (SECP192R1, SECT163K1, SECT163R2); confidence is high; CWE-326. Sizes that
 * are not integer literals (variables, expressions) are not judged, as in bandit.
 */
import type { Node } from 'web-tree-sitter';
import type { CodeRule, Level } from '../types.js';
import { calledDottedName } from '../imported-calls.js';
import { argument, callTarget, integerValue, terminalName, unparenthesized } from '../syntax.js';

type KeyType = 'RSA' | 'DSA' | 'EC';

const CRYPTOGRAPHY = 'cryptography.hazmat.primitives.asymmetric';

/** Key generators: qualified name → key type and where the size (or curve) argument is. */
const GENERATORS: ReadonlyMap<string, { type: KeyType; index: number; keyword: string }> = new Map([
  [`${CRYPTOGRAPHY}.dsa.generate_private_key`, { type: 'DSA', index: 0, keyword: 'key_size' }],
  [`${CRYPTOGRAPHY}.rsa.generate_private_key`, { type: 'RSA', index: 1, keyword: 'key_size' }],
  [`${CRYPTOGRAPHY}.ec.generate_private_key`, { type: 'EC', index: 0, keyword: 'curve' }],
  ['Crypto.PublicKey.DSA.generate', { type: 'DSA', index: 0, keyword: 'bits' }],
  ['Crypto.PublicKey.RSA.generate', { type: 'RSA', index: 0, keyword: 'bits' }],
  ['Cryptodome.PublicKey.DSA.generate', { type: 'DSA', index: 0, keyword: 'bits' }],
  ['Cryptodome.PublicKey.RSA.generate', { type: 'RSA', index: 0, keyword: 'bits' }],
]);

/** Bandit's thresholds: below the first, high severity; below the second, medium. */
const THRESHOLDS: Readonly<Record<KeyType, readonly [number, Level][]>> = {
  DSA: [[1024, 'high'], [2048, 'medium']],
  RSA: [[1024, 'high'], [2048, 'medium']],
  EC: [[160, 'high'], [224, 'medium']],
};

/** The weak curves of `cryptography`'s `ec` module, by bit size. */
const WEAK_CURVES: ReadonlyMap<string, number> = new Map([
  ['SECP192R1', 192],
  ['SECT163K1', 163],
  ['SECT163R2', 163],
]);

/** weakCryptographicKey flags RSA/DSA keys under 2048 bits and EC curves under 224 bits (bandit B505). */
export const weakCryptographicKey: CodeRule = {
  doc: {
    id: 'python.weak-cryptographic-key',
    banditId: 'B505',
    name: 'Weak cryptographic key size',
    help: 'Keys this small can be factored or solved with affordable computing power (NIST SP 800-131A). Use at least 2048-bit RSA/DSA keys (3072 for protection beyond 2030) or an elliptic curve of at least 224 bits, such as `ec.SECP256R1()`; prefer Ed25519 for signatures.',
    cwe: 326,
  },
  severity: 'medium',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    const qualified = calledDottedName(node, context);
    const generator = qualified ? GENERATORS.get(qualified) : undefined;
    if (!generator) return;
    const value = argument(node, generator.index, generator.keyword);
    if (!value) return;
    const size = generator.type === 'EC' ? curveSize(value) : integerValue(unparenthesized(value));
    if (size === null) return;
    for (const [limit, severity] of THRESHOLDS[generator.type]) {
      if (size < limit) {
        context.report(node, { message: `${generator.type} key sizes below ${limit} bits are considered breakable.`, severity });
        return;
      }
    }
  },
};

/** curveSize is the size of a weak curve named by `ec.SECP192R1()` or `ec.SECP192R1`, else null. */
function curveSize(node: Node): number | null {
  const value = unparenthesized(node);
  const name = terminalName(value.type === 'call' ? callTarget(value) : value);
  return name === null ? null : (WEAK_CURVES.get(name) ?? null);
}
