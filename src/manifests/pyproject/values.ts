/**
 * Type guards over the values smol-toml returns. pyproject.toml is user input: every table and value is
 * checked before use, so a wrong type becomes a Problem instead of a crash.
 */

/** TomlTable is a TOML table (a `[section]` or an inline `{…}`) as smol-toml returns it. */
export type TomlTable = { [key: string]: unknown };

/** isTable tells whether a value is a TOML table (not an array, not a date). */
export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** tableAt is the table under `key`, or undefined when absent or not a table. */
export function tableAt(table: TomlTable | undefined, key: string): TomlTable | undefined {
  const value = table?.[key];
  return isTable(value) ? value : undefined;
}

/** stringAt is the string under `key`, or undefined when absent or not a string. */
export function stringAt(table: TomlTable | undefined, key: string): string | undefined {
  const value = table?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** hasKey tells whether a table defines `key` (tables from smol-toml have no prototype). */
export function hasKey(table: TomlTable | undefined, key: string): boolean {
  return table !== undefined && Object.prototype.hasOwnProperty.call(table, key);
}

/** describeType names a value's TOML type for messages ("a number", "a table"…). */
export function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (isTable(value)) return 'a table';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  return 'a number';
}
