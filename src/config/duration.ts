/**
 * Durations written by people in configuration (`minimumReleaseAge: 3 days`), read the way Renovate's
 * `minimumReleaseAge` and uv's `exclude-newer` spans read them:
 * - amounts with units, in any order and combination: `3 days`, `1 week 2 days`, `36h`, `1.5d`,
 *   `2 weeks, 3 days`, `90 minutes`; units `ms`, `s`/`sec`/`second`, `m`/`min`/`minute`, `h`/`hr`/`hour`,
 *   `d`/`day`, `w`/`week`, `mo`/`month` (30 days) and `y`/`year` (365 days), singular or plural;
 * - ISO 8601 durations without months or years: `P3D`, `PT12H`, `P1W`, `P1DT6H30M`.
 * A bare number has no unit and is refused, as is anything negative or unreadable.
 */
import { z } from 'zod';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNITS: ReadonlyArray<[RegExp, number]> = [
  [/^(ms|msecs?|milliseconds?)$/, 1],
  [/^(s|secs?|seconds?)$/, SECOND],
  [/^(m|mins?|minutes?)$/, MINUTE],
  [/^(h|hrs?|hours?)$/, HOUR],
  [/^(d|days?)$/, DAY],
  [/^(w|wks?|weeks?)$/, 7 * DAY],
  [/^(mo|mos|months?)$/, 30 * DAY],
  [/^(y|yrs?|years?)$/, 365 * DAY],
];

/** MAX_DURATION_TEXT bounds the text read: configuration values are short, anything longer is refused. */
const MAX_DURATION_TEXT = 200;

/** parseDuration reads a duration such as `3 days` or `P3D`, in milliseconds; null when it is not one. */
export function parseDuration(text: string): number | null {
  const input = text.trim().toLowerCase();
  if (input === '' || input.length > MAX_DURATION_TEXT) return null;
  if (input.startsWith('p')) return parseIsoDuration(input);
  const parts = input.replace(/,|\band\b/g, ' ');
  const pattern = /(\d+(?:\.\d+)?|\.\d+)\s*([a-z]+)/g;
  let total = 0;
  let consumed = '';
  for (const match of parts.matchAll(pattern)) {
    const [whole, amount = '', unitText = ''] = match;
    const unit = UNITS.find(([names]) => names.test(unitText));
    if (!unit) return null;
    total += Number(amount) * unit[1];
    consumed += whole;
  }
  // Every character but spaces must belong to an amount and its unit: "3 days later" is not a duration.
  if (consumed === '' || consumed.replace(/\s+/g, '') !== parts.replace(/\s+/g, '')) return null;
  return finite(total);
}

/** parseIsoDuration reads `PnW`, `PnD`, `PTnHnMnS` and their combinations (no months or years: they vary). */
function parseIsoDuration(input: string): number | null {
  const match = /^p(?:(\d+(?:\.\d+)?)w)?(?:(\d+(?:\.\d+)?)d)?(?:t(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?)?$/.exec(input);
  if (!match || input === 'p' || input.endsWith('t')) return null;
  const [, weeks, days, hours, minutes, seconds] = match.map((part) => (part === undefined ? 0 : Number(part)));
  const total = (weeks ?? 0) * 7 * DAY + (days ?? 0) * DAY + (hours ?? 0) * HOUR + (minutes ?? 0) * MINUTE + (seconds ?? 0) * SECOND;
  return finite(total);
}

/** finite rounds a total to whole ms; beyond 2^53 ms (285,000 years) it is not a duration anyone means. */
function finite(total: number): number | null {
  return Number.isFinite(total) && total <= Number.MAX_SAFE_INTEGER ? Math.round(total) : null;
}

/** formatDuration writes milliseconds back in the largest whole unit, for messages (`3 days`, `36 hours`). */
export function formatDuration(ms: number): string {
  const units: Array<[string, number]> = [['week', 7 * DAY], ['day', DAY], ['hour', HOUR], ['minute', MINUTE], ['second', SECOND]];
  for (const [name, size] of units) {
    if (ms >= size && ms % size === 0) {
      const count = ms / size;
      return `${count} ${name}${count === 1 ? '' : 's'}`;
    }
  }
  if (ms >= DAY) return `${Math.round((ms / DAY) * 10) / 10} days`;
  if (ms >= HOUR) return `${Math.round((ms / HOUR) * 10) / 10} hours`;
  return `${Math.round(ms / 1000)} seconds`;
}

/**
 * durationSchema is a configuration value holding a duration (`"3 days"`, `"P3D"`), checked with
 * parseDuration and kept as written; read it with `parseDuration` after validation.
 */
export const durationSchema = z
  .string()
  .refine((value) => parseDuration(value) !== null, {
    message: 'expected a duration such as "3 days", "12 hours", "1 week" or "P3D"',
  });
