/**
 * The audit fingerprint: what an audit's outcome depends on, hashed. Two audits with the same
 * fingerprint give the same report, so the app claims `audit:<fingerprint>` in the StateStore and skips
 * the second (a push that touched only README.md, a sweep finding nothing new, another instance).
 */
import { createHash } from 'node:crypto';
import { PipwardenError } from '../errors.js';

/**
 * FingerprintFile is one dependency file, by git blob sha (as GitHub's trees API lists it) or by
 * content (a local folder). Both name the same thing: a content is turned into its git blob sha.
 */
export type FingerprintFile = { path: string; sha: string } | { path: string; content: string | Uint8Array };

/**
 * gitBlobSha is git's object id of a file's content: SHA-1 over `blob <byte length>\0<bytes>`
 * (https://git-scm.com/book/en/v2/Git-Internals-Git-Objects). Strings are encoded as UTF-8.
 */
export function gitBlobSha(content: string | Uint8Array): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}

/**
 * auditFingerprint is a stable SHA-256 (hex) over the dependency files (paths and contents, in path
 * order, whatever order they come in), the advisory database version and the configuration hash.
 * Paths are compared with `./` and backslashes normalised away; a content and its git blob sha give the
 * same fingerprint.
 */
export function auditFingerprint(files: readonly FingerprintFile[], advisoryDbVersion: string, configHash: string): string {
  const pairs = files
    .map((file): [string, string] => [normalisePath(file.path), 'sha' in file ? file.sha.toLowerCase() : gitBlobSha(file.content)])
    .sort(([pathA, shaA], [pathB, shaB]) => compare(pathA, pathB) || compare(shaA, shaB));
  // JSON keeps the parts unambiguous: no path or version can be forged to look like a boundary.
  const canonical = JSON.stringify(['pipwarden-audit-fingerprint/1', advisoryDbVersion, configHash, pairs]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * hashConfig is a SHA-256 (hex) of a configuration value that does not depend on key order: objects are
 * hashed with sorted keys, `undefined` members left out, dates as ISO strings. For auditFingerprint's
 * `configHash`.
 */
export function hashConfig(config: unknown): string {
  return createHash('sha256').update(canonicalJson(config, new Set())).digest('hex');
}

function canonicalJson(value: unknown, seen: Set<object>): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return JSON.stringify(value.toString());
    return JSON.stringify(value) ?? 'null';
  }
  if (seen.has(value)) throw new PipwardenError('state', 'cannot hash a configuration that contains a cycle');
  seen.add(value);
  const json = Array.isArray(value)
    ? `[${value.map((item) => canonicalJson(item, seen)).join(',')}]`
    : `{${Object.keys(value)
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .sort(compare)
        .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key], seen)}`)
        .join(',')}}`;
  seen.delete(value);
  return json;
}

function normalisePath(file: string): string {
  return file.replaceAll('\\', '/').replace(/^(\.\/)+/, '');
}

/** compare orders strings by UTF-16 code units: locale-independent, so every machine sorts alike. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
