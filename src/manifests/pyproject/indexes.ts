/**
 * Package indexes declared by Poetry (`[[tool.poetry.source]]`), PDM (`[[tool.pdm.source]]`) and uv
 * (`[[tool.uv.index]]`), mapped onto pip's index options so risk checks treat every file alike:
 *
 * - the index that replaces PyPI is `index-url`: Poetry's first `primary` source (or its legacy
 *   `default` one), PDM's source named `pypi`, uv's index with `default = true`;
 * - every other index is `extra-index-url`: further Poetry primaries and `supplemental`, `explicit`,
 *   `secondary` sources, other PDM sources, other uv indexes (explicit ones included: a package pinned
 *   to them is still fetched from there);
 * - PDM `type = "find_links"` is `find-links`; PDM `verify_ssl = false` adds `trusted-host`.
 *
 * Each option's line is the line of the source's `url`.
 * See https://python-poetry.org/docs/repositories/#package-sources,
 * https://pdm-project.org/en/latest/usage/config/#configure-the-package-indexes and
 * https://docs.astral.sh/uv/concepts/indexes/
 */
import { normalizePackageName } from '../pep508.js';
import type { IndexOption } from '../types.js';
import { fieldLine, type ElementSpan, type PyprojectContext } from './context.js';
import { describeType, hasKey, isTable, type TomlTable } from './values.js';

/** NamedIndexes maps a source's normalised name to its URL (undefined: PyPI itself, no URL given). */
export type NamedIndexes = Map<string, string | undefined>;

interface SourceEntry {
  name?: string;
  url?: string;
  table: TomlTable;
  element: ElementSpan;
}

/** readSourceArray reads an array of source tables (`[[x.source]]` or `source = [{…}]`). */
function readSourceArray(ctx: PyprojectContext, tablePath: string[], key: string, value: unknown): SourceEntry[] {
  const label = `[[${[...tablePath, key].join('.')}]]`;
  if (!Array.isArray(value)) {
    ctx.error(`${label} must be an array of tables, not ${describeType(value)}`, ctx.lineOf(tablePath, [key]));
    return [];
  }
  const entries: SourceEntry[] = [];
  value.forEach((table: unknown, index) => {
    const element = ctx.elementOf(tablePath, [key], index);
    if (!isTable(table)) {
      ctx.error(`${label}: entry ${index + 1} must be a table, not ${describeType(table)}`, element.lines.start);
      return;
    }
    const entry: SourceEntry = { table, element };
    for (const field of ['name', 'url'] as const) {
      const fieldValue = table[field];
      if (typeof fieldValue === 'string') entry[field] = fieldValue;
      else if (fieldValue !== undefined) {
        ctx.error(`${label}: ${field} must be a string, not ${describeType(fieldValue)}`, fieldLine(element, field));
      }
    }
    entries.push(entry);
  });
  return entries;
}

function option(ctx: PyprojectContext, kind: IndexOption['option'], entry: SourceEntry, value: string): void {
  ctx.indexes.push({ option: kind, value, line: fieldLine(entry.element, 'url') });
}

function named(entries: SourceEntry[]): NamedIndexes {
  const indexes: NamedIndexes = new Map();
  for (const entry of entries) if (entry.name !== undefined) indexes.set(normalizePackageName(entry.name), entry.url);
  return indexes;
}

const POETRY_PRIORITIES = new Set(['default', 'primary', 'secondary', 'supplemental', 'explicit']);

/** readPoetrySources records `[[tool.poetry.source]]` as index options and returns them by name. */
export function readPoetrySources(ctx: PyprojectContext, poetry: TomlTable): NamedIndexes {
  const tablePath = ['tool', 'poetry'];
  if (!hasKey(poetry, 'source')) return new Map();
  const entries = readSourceArray(ctx, tablePath, 'source', poetry.source);
  const priorities = entries.map((entry) => poetryPriority(ctx, entry));
  // The legacy `default` source replaces PyPI outright; otherwise the first primary does.
  const replacing = priorities.includes('default') ? priorities.indexOf('default') : priorities.indexOf('primary');
  entries.forEach((entry, i) => {
    if (entry.url === undefined) return;
    option(ctx, i === replacing ? 'index-url' : 'extra-index-url', entry, entry.url);
  });
  return named(entries);
}

function poetryPriority(ctx: PyprojectContext, entry: SourceEntry): string {
  const priority = entry.table.priority;
  if (typeof priority === 'string' && POETRY_PRIORITIES.has(priority)) return priority;
  if (priority !== undefined) {
    ctx.error(`[[tool.poetry.source]] ${entry.name ?? ''}: unknown priority ${JSON.stringify(priority)}`, fieldLine(entry.element, 'priority'));
  }
  // Poetry < 1.5 spelled priorities as booleans.
  if (entry.table.default === true) return 'default';
  if (entry.table.secondary === true) return 'secondary';
  return 'primary';
}

/** readPdmSources records `[[tool.pdm.source]]` as index options and returns them by name. */
export function readPdmSources(ctx: PyprojectContext, pdm: TomlTable): NamedIndexes {
  const tablePath = ['tool', 'pdm'];
  if (!hasKey(pdm, 'source')) return new Map();
  const entries = readSourceArray(ctx, tablePath, 'source', pdm.source);
  for (const entry of entries) {
    if (entry.url === undefined) continue;
    if (entry.table.type === 'find_links') option(ctx, 'find-links', entry, entry.url);
    // A source named "pypi" overrides PDM's default index; any other is searched as well.
    else option(ctx, entry.name?.toLowerCase() === 'pypi' ? 'index-url' : 'extra-index-url', entry, entry.url);
    if (entry.table.verify_ssl === false) {
      const host = hostOf(entry.url);
      if (host) option(ctx, 'trusted-host', entry, host);
    }
  }
  return named(entries);
}

/**
 * readUvIndexes records `[[tool.uv.index]]` and the pip-style `[tool.uv]` settings (`index-url`,
 * `extra-index-url`, `find-links`, `no-index`) as index options, and returns the indexes by name.
 */
export function readUvIndexes(ctx: PyprojectContext, uv: TomlTable): NamedIndexes {
  const tablePath = ['tool', 'uv'];
  let entries: SourceEntry[] = [];
  if (hasKey(uv, 'index')) {
    entries = readSourceArray(ctx, tablePath, 'index', uv.index);
    for (const entry of entries) {
      if (entry.url !== undefined) option(ctx, entry.table.default === true ? 'index-url' : 'extra-index-url', entry, entry.url);
    }
  }
  readUvPipSetting(ctx, uv, 'index-url', 'index-url');
  readUvPipSetting(ctx, uv, 'extra-index-url', 'extra-index-url');
  readUvPipSetting(ctx, uv, 'find-links', 'find-links');
  if (uv['no-index'] === true) ctx.indexes.push({ option: 'no-index', value: '', line: ctx.lineOf(tablePath, ['no-index']) });
  return named(entries);
}

function readUvPipSetting(ctx: PyprojectContext, uv: TomlTable, key: string, kind: IndexOption['option']): void {
  const value = uv[key];
  if (value === undefined) return;
  const tablePath = ['tool', 'uv'];
  if (typeof value === 'string') {
    ctx.indexes.push({ option: kind, value, line: ctx.lineOf(tablePath, [key]) });
    return;
  }
  if (!Array.isArray(value)) {
    ctx.error(`[tool.uv] ${key} must be a string or an array of strings, not ${describeType(value)}`, ctx.lineOf(tablePath, [key]));
    return;
  }
  value.forEach((item: unknown, index) => {
    const line = ctx.elementOf(tablePath, [key], index).lines.start;
    if (typeof item === 'string') ctx.indexes.push({ option: kind, value: item, line });
    else ctx.error(`[tool.uv] ${key}: item ${index + 1} must be a string, not ${describeType(item)}`, line);
  });
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}
