/**
 * B324 hashlib: MD4, MD5 and SHA1 from `hashlib` (named constructors and `hashlib.new("md5")`), and the
 * weak `crypt` methods. Upstream: bandit/plugins/hashlib_insecure_functions.py,
 * https://bandit.readthedocs.io/en/latest/plugins/b324_hashlib.html
 *
 * As in bandit 1.9: any call whose qualified name contains a `hashlib` part and ends in md4/md5/sha/sha1
 * (or is `new` with such a name) is high severity, high confidence, unless it passes
 * `usedforsecurity=<anything but True>` (Python 3.9+: a checksum, a cache key). `crypt.crypt(word, salt)`
 * and `crypt.mksalt(method)` with METHOD_CRYPT, METHOD_MD5 or METHOD_BLOWFISH are medium/high.
 *
 * Deliberate differences: the algorithm name of `hashlib.new` must be a string constant (bandit also takes
 * a variable *named* `md5` for the algorithm `"md5"`); a dotted name counts only when its head was imported
 * (see calledName in ../imported-calls.ts).
 */
import type { Node } from 'web-tree-sitter';
import type { CodeRule, RuleContext } from '../types.js';
import { calledNameParts } from '../imported-calls.js';
import { argument, isTrue, keywordArgument, stringValue } from '../syntax.js';

const WEAK_HASHES = new Set(['md4', 'md5', 'sha', 'sha1']);
const WEAK_CRYPT_METHODS = new Set(['METHOD_CRYPT', 'METHOD_MD5', 'METHOD_BLOWFISH']);

/** usedForSecurity is bandit's reading of `usedforsecurity=`: absent or literally True. */
function usedForSecurity(call: Node): boolean {
  const value = keywordArgument(call, 'usedforsecurity');
  return value === null || isTrue(value);
}

/** weakCryptMethod is the `crypt.METHOD_*` constant an argument names, when it is one of the weak ones. */
function weakCryptMethod(node: Node | null, context: RuleContext): string | null {
  if (!node) return null;
  const name = node.type === 'identifier' || node.type === 'attribute' ? context.qualifiedName(node) : null;
  const last = name?.split('.').pop() ?? null;
  return last !== null && WEAK_CRYPT_METHODS.has(last) ? last : null;
}

/** hashlibInsecure flags weak hashlib hashes used for security and weak crypt methods (bandit B324). */
export const hashlibInsecure: CodeRule = {
  doc: {
    id: 'python.hashlib',
    banditId: 'B324',
    name: 'Use of a weak MD4, MD5 or SHA1 hash (hashlib) or weak crypt method',
    help: 'MD4, MD5 and SHA1 have practical collision attacks: they must not protect passwords, signatures or integrity. Use `hashlib.sha256()` or better, and a password hash (argon2, scrypt, bcrypt, `hashlib.scrypt`) for passwords. Where the hash is not a security control (a cache key, a checksum), say so with `usedforsecurity=False` (Python 3.9+). For `crypt`, use `METHOD_SHA512`, or better a modern password hash (`crypt` was removed in Python 3.13).',
    cwe: 327,
  },
  severity: 'high',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    const parts = calledNameParts(node, context);
    if (parts === null) return;
    const func = parts[parts.length - 1] ?? '';
    if (parts.includes('hashlib')) {
      if (WEAK_HASHES.has(func)) {
        if (usedForSecurity(node)) context.report(node, { message: `Use of weak ${func.toUpperCase()} hash for security. Consider usedforsecurity=False` });
      } else if (func === 'new') {
        const algorithm = argument(node, 0, 'name');
        const value = algorithm ? stringValue(algorithm) : null;
        if (value !== null && WEAK_HASHES.has(value.toLowerCase()) && usedForSecurity(node)) {
          context.report(node, { message: `Use of weak ${value.toUpperCase()} hash for security. Consider usedforsecurity=False` });
        }
      }
      return;
    }
    if (!parts.includes('crypt')) return;
    const method = func === 'crypt' ? weakCryptMethod(argument(node, 1, 'salt'), context) : func === 'mksalt' ? weakCryptMethod(argument(node, 0, 'method'), context) : null;
    if (method !== null) context.report(node, { message: `Use of insecure crypt.${method} hash function.`, severity: 'medium' });
  },
};
