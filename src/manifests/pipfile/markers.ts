/**
 * Pipfile environment markers: a `markers = "…"` string, and the shorthand of one key per PEP 508
 * marker variable (`sys_platform = "== 'win32'"`), which pipenv joins into one marker expression.
 * See https://pipenv.pypa.io/en/latest/specifiers.html#specifying-basically-anything and PEP 508.
 */

/** MARKER_KEYS are the PEP 508 marker variables pipenv accepts as keys of a package table. */
export const MARKER_KEYS: readonly string[] = [
  'implementation_name',
  'implementation_version',
  'os_name',
  'platform_machine',
  'platform_python_implementation',
  'platform_release',
  'platform_system',
  'platform_version',
  'python_full_version',
  'python_version',
  'sys_platform',
];

/** MarkersResult is the combined marker (undefined when none), or which key is malformed. */
export type MarkersResult = { ok: true; markers?: string } | { ok: false; error: string };

/**
 * markersOfTable combines `markers` and the marker-variable keys of a package table with `and`, as
 * pipenv's translate_markers does (key, a space, then the written comparison). A part holding `or` is
 * parenthesised so the `and` cannot change its meaning.
 */
export function markersOfTable(table: Record<string, unknown>): MarkersResult {
  const parts: string[] = [];
  const written = table['markers'];
  if (written !== undefined) {
    if (typeof written !== 'string') return { ok: false, error: '"markers" must be a string' };
    if (written.trim() !== '') parts.push(written.trim());
  }
  for (const key of Object.keys(table)) {
    if (!MARKER_KEYS.includes(key)) continue;
    const comparison = table[key];
    if (typeof comparison !== 'string' || comparison.trim() === '') {
      return { ok: false, error: `"${key}" must be a comparison string like "== 'value'"` };
    }
    parts.push(`${key} ${comparison.trim()}`);
  }
  if (parts.length === 0) return { ok: true };
  if (parts.length === 1) return { ok: true, markers: parts[0] };
  return { ok: true, markers: parts.map((p) => (/\bor\b/.test(p) ? `(${p})` : p)).join(' and ') };
}
