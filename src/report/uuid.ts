/**
 * Name-based UUIDs (RFC 9562 §5.5, UUID version 5: SHA-1 of a namespace UUID and a name), so identifiers
 * derived from a report are the same every time the same report is rendered.
 */
import { createHash } from 'node:crypto';

/** URL_NAMESPACE is the RFC 9562 namespace for names that are URLs (6ba7b811-9dad-11d1-80b4-00c04fd430c8). */
export const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** uuidV5 is the version 5 UUID of `name` in `namespace` (a UUID string), lower-case with hyphens. */
export function uuidV5(namespace: string, name: string): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (namespaceBytes.length !== 16) throw new RangeError(`not a UUID: ${namespace}`);
  const bytes = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50; // version 5
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
