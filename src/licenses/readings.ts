/**
 * Readings: the SPDX expressions a license declaration can mean. One reading is an exact answer; several
 * say the declaration is ambiguous ("BSD License"); none says it is not understood. Combining parts
 * ("MIT or GPLv3", several classifiers) takes every combination of their readings.
 */
import { normalizeSpdx } from './spdx.js';

/**
 * MAX_READINGS bounds the combinations of an ambiguous compound: past it the declaration counts as not
 * understood (a real package never gets near it; hostile metadata must not cost exponential time).
 */
export const MAX_READINGS = 64;

/**
 * combineReadings joins parts with operators (`operators[i]` sits between part i and i+1, with SPDX
 * precedence: AND binds tighter than OR) and returns every distinct combination, or null when a part
 * has no reading or there would be more than MAX_READINGS.
 */
export function combineReadings(parts: readonly (readonly string[])[], operators: readonly ('OR' | 'AND')[]): string[] | null {
  if (parts.length === 0 || parts.some((p) => p.length === 0)) return null;
  const total = parts.reduce((n, p) => n * p.length, 1);
  if (total > MAX_READINGS) return null;
  let partial: string[][] = [[]];
  for (const part of parts) partial = partial.flatMap((prefix) => part.map((reading) => [...prefix, reading]));
  const results = new Set<string>();
  const sameOperator = new Set(operators).size <= 1;
  for (const choice of partial) {
    // Operands repeated under one operator say nothing more ("MIT OR MIT" is MIT).
    const text = sameOperator
      ? [...new Set(choice)].map((r) => `(${r})`).join(` ${operators[0] ?? 'OR'} `)
      : choice.map((r, i) => `${i > 0 ? ` ${operators[i - 1] ?? 'OR'} ` : ''}(${r})`).join('');
    const normalized = normalizeSpdx(text);
    if (normalized === null) return null;
    results.add(normalized);
  }
  return [...results];
}
