/**
 * uv's `[tool.uv]`: `dev-dependencies` (group `dev`, superseded by PEP 735 `[dependency-groups] dev`),
 * `constraint-dependencies` and `override-dependencies` (constraint-only requirements in groups
 * `constraint` and `override`: they restrict the resolution without adding a dependency),
 * `[[tool.uv.index]]` (index options) and `[tool.uv.sources]`, which says where a declared package is
 * installed from and so sets the `source` of every requirement of that name, whatever its group.
 * See https://docs.astral.sh/uv/reference/settings/ and https://docs.astral.sh/uv/concepts/projects/dependencies/
 */
import { normalizePackageName } from '../pep508.js';
import type { DependencySource, LineRange, Requirement } from '../types.js';
import type { PyprojectContext } from './context.js';
import { readUvIndexes, type NamedIndexes } from './indexes.js';
import { readPep508List } from './pep508-list.js';
import { describeType, hasKey, isTable, type TomlTable } from './values.js';

const UV = ['tool', 'uv'];

/**
 * WORKSPACE_SOURCE is the source of a `{ workspace = true }` package: a member of the same uv
 * workspace, built from the repository, never fetched from an index. Its folder is only known from
 * the workspace root's `members` globs, so the URL is this placeholder.
 */
export const WORKSPACE_SOURCE: DependencySource = { type: 'path', url: '<workspace>' };

/** UvSource is one `[tool.uv.sources]` entry, read and checked, waiting to be applied. */
export interface UvSource {
  name: string;
  source: DependencySource;
  lines: LineRange;
}

/** readUv reads `[tool.uv]` requirements and indexes into the context and returns its sources. */
export function readUv(ctx: PyprojectContext, uv: TomlTable): UvSource[] {
  const indexes = readUvIndexes(ctx, uv);
  const lists: Array<{ key: string; group: string; constraintOnly: boolean }> = [
    { key: 'dev-dependencies', group: 'dev', constraintOnly: false },
    { key: 'constraint-dependencies', group: 'constraint', constraintOnly: true },
    { key: 'override-dependencies', group: 'override', constraintOnly: true },
  ];
  for (const { key, group, constraintOnly } of lists) {
    if (!hasKey(uv, key)) continue;
    const read = readPep508List(ctx, { tablePath: UV, key: [key], value: uv[key], groups: [group], label: `[tool.uv] ${key}` });
    if (constraintOnly) for (const requirement of read) requirement.constraintOnly = true;
  }
  return readSources(ctx, uv, indexes);
}

function readSources(ctx: PyprojectContext, uv: TomlTable, indexes: NamedIndexes): UvSource[] {
  if (!hasKey(uv, 'sources')) return [];
  const sources = uv.sources;
  const tablePath = [...UV, 'sources'];
  if (!isTable(sources)) {
    ctx.error(`[tool.uv.sources] must be a table, not ${describeType(sources)}`, ctx.lineOf(UV, ['sources']));
    return [];
  }
  const read: UvSource[] = [];
  for (const [name, value] of Object.entries(sources)) {
    const lines = ctx.linesOf(tablePath, [name]);
    // A list chooses among sources by marker (`[{ index = "cpu", marker = … }, …]`); one requirement
    // holds one source, so the first applies.
    const first = Array.isArray(value) ? (value[0] as unknown) : value;
    const source = isTable(first) ? sourceOf(first, indexes) : `must be a table, not ${describeType(first)}`;
    if (typeof source === 'string') ctx.error(`[tool.uv.sources] ${name}: ${source}`, lines.start);
    else read.push({ name, source, lines });
  }
  return read;
}

/** sourceOf is where a source table installs from, or why it cannot be read. */
function sourceOf(table: TomlTable, indexes: NamedIndexes): DependencySource | string {
  const text = (key: string): string | undefined => (typeof table[key] === 'string' ? (table[key] as string) : undefined);
  const git = text('git');
  if (git !== undefined) {
    const ref = text('rev') ?? text('tag') ?? text('branch');
    return ref !== undefined ? { type: 'vcs', url: git, ref } : { type: 'vcs', url: git };
  }
  const path = text('path');
  if (path !== undefined) return table.editable === true ? { type: 'path', url: path, editable: true } : { type: 'path', url: path };
  const url = text('url');
  if (url !== undefined) return { type: 'url', url };
  const index = text('index');
  if (index !== undefined) {
    const id = normalizePackageName(index);
    if (!indexes.has(id)) return `index "${index}" is not declared in [[tool.uv.index]]`;
    const indexUrl = indexes.get(id);
    return indexUrl !== undefined ? { type: 'registry', url: indexUrl } : { type: 'registry' };
  }
  if (table.workspace === true) return WORKSPACE_SOURCE;
  return 'expected one of git, path, url, index or workspace = true';
}

/**
 * applyUvSources sets the source of every requirement a `[tool.uv.sources]` entry names. An entry no
 * requirement declares is recorded as a skip (uv ignores it too).
 */
export function applyUvSources(ctx: PyprojectContext, sources: UvSource[], requirements: Requirement[]): void {
  const byName = new Map<string, Requirement[]>();
  for (const requirement of requirements) {
    const list = byName.get(requirement.normalizedName) ?? [];
    list.push(requirement);
    byName.set(requirement.normalizedName, list);
  }
  for (const { name, source, lines } of sources) {
    const matching = byName.get(normalizePackageName(name));
    if (!matching) {
      ctx.skip(lines, `a source for "${name}", which no requirement of this file declares`);
      continue;
    }
    for (const requirement of matching) requirement.source = { ...source };
  }
}
