/**
 * PEP 735 `[dependency-groups]`: named lists of PEP 508 strings that are not published with the
 * package (dev, test, docs…). An entry `{include-group = "other"}` pulls another group in; its
 * requirements then also belong to the including group. A requirement reached through several groups
 * stays ONE Requirement listing all of them. Group names compare normalised (PEP 503 rules).
 * See https://peps.python.org/pep-0735/ and
 * https://packaging.python.org/en/latest/specifications/dependency-groups/
 */
import { normalizePackageName } from '../pep508.js';
import type { Requirement } from '../types.js';
import type { PyprojectContext } from './context.js';
import { addGroups } from './groups.js';
import { readPep508Item } from './pep508-list.js';
import { describeType, hasKey, isTable, type TomlTable } from './values.js';

/** MAX_INCLUDE_DEPTH bounds include chains: PEP 735 sets no limit, but a chain this deep is hostile. */
export const MAX_INCLUDE_DEPTH = 64;

const TABLE = 'dependency-groups';

interface Include {
  /** Normalised name of the included group. */
  target: string;
  written: string;
  line: number;
}

interface Group {
  name: string;
  id: string;
  requirements: Requirement[];
  includes: Include[];
}

/** readDependencyGroups reads every group, then adds each group's name to what it includes. */
export function readDependencyGroups(ctx: PyprojectContext, doc: TomlTable): void {
  if (!hasKey(doc, TABLE)) return;
  const table = doc[TABLE];
  if (!isTable(table)) {
    ctx.error(`[${TABLE}] must be a table, not ${describeType(table)}`, ctx.lineOf([], [TABLE]));
    return;
  }
  const groups = new Map<string, Group>();
  for (const [name, value] of Object.entries(table)) {
    const id = normalizePackageName(name);
    const line = ctx.lineOf([TABLE], [name]);
    const existing = groups.get(id);
    if (existing) {
      ctx.error(`dependency group "${name}" is defined twice (also as "${existing.name}"); names compare normalised`, line);
      continue;
    }
    groups.set(id, readGroup(ctx, name, id, value));
  }
  reportUnknownIncludes(ctx, groups);
  reportCycles(ctx, groups);
  expandIncludes(ctx, groups);
}

function readGroup(ctx: PyprojectContext, name: string, id: string, value: unknown): Group {
  const group: Group = { name, id, requirements: [], includes: [] };
  const label = `[${TABLE}] ${name}`;
  if (!Array.isArray(value)) {
    ctx.error(`${label} must be an array, not ${describeType(value)}`, ctx.lineOf([TABLE], [name]));
    return group;
  }
  value.forEach((item: unknown, index) => {
    const element = ctx.elementOf([TABLE], [name], index);
    if (typeof item === 'string') {
      const requirement = readPep508Item(ctx, item, element.lines, [name], label);
      if (requirement) group.requirements.push(requirement);
      return;
    }
    const target = isTable(item) ? item['include-group'] : undefined;
    if (isTable(item) && typeof target === 'string' && Object.keys(item).length === 1) {
      group.includes.push({ target: normalizePackageName(target), written: target, line: element.lines.start });
      return;
    }
    ctx.error(
      `${label}: item ${index + 1} must be a requirement string or {include-group = "name"}, not ${describeType(item)}`,
      element.lines.start,
    );
  });
  return group;
}

function reportUnknownIncludes(ctx: PyprojectContext, groups: Map<string, Group>): void {
  for (const group of groups.values()) {
    for (const include of group.includes) {
      if (!groups.has(include.target)) {
        ctx.error(`dependency group "${group.name}" includes unknown group "${include.written}"`, include.line);
      }
    }
  }
}

/**
 * reportCycles walks the include graph depth-first (iteratively: a hostile file may chain thousands of
 * groups) and reports each include that leads back to a group on the current path.
 */
function reportCycles(ctx: PyprojectContext, groups: Map<string, Group>): void {
  const state = new Map<string, 'active' | 'done'>();
  for (const start of groups.values()) {
    if (state.has(start.id)) continue;
    const path: Group[] = [start];
    const next: number[] = [0];
    state.set(start.id, 'active');
    while (path.length > 0) {
      const group = path[path.length - 1] as Group;
      const position = next[next.length - 1] as number;
      const include = group.includes[position];
      if (!include) {
        state.set(group.id, 'done');
        path.pop();
        next.pop();
        continue;
      }
      next[next.length - 1] = position + 1;
      const target = groups.get(include.target);
      if (!target) continue;
      const seen = state.get(target.id);
      if (seen === 'active') {
        const from = path.findIndex((g) => g.id === target.id);
        const names = [...path.slice(from).map((g) => g.name), target.name];
        ctx.error(`dependency group include cycle: ${names.join(' → ')}`, include.line);
      } else if (seen === undefined) {
        state.set(target.id, 'active');
        path.push(target);
        next.push(0);
      }
    }
  }
}

/**
 * expandIncludes adds each group's name to the requirements of every group it reaches through
 * includes, breadth-first with a visited set (so cycles end) and a depth bound.
 */
function expandIncludes(ctx: PyprojectContext, groups: Map<string, Group>): void {
  let reportedDepth = false;
  for (const group of groups.values()) {
    const visited = new Set<string>([group.id]);
    let frontier: Group[] = [group];
    for (let depth = 0; frontier.length > 0; depth++) {
      const following: Group[] = [];
      for (const current of frontier) {
        for (const include of current.includes) {
          const target = groups.get(include.target);
          if (!target || visited.has(target.id)) continue;
          if (depth >= MAX_INCLUDE_DEPTH) {
            if (!reportedDepth) {
              ctx.error(
                `dependency group includes nested more than ${MAX_INCLUDE_DEPTH} deep; "${include.written}" not expanded into "${group.name}"`,
                include.line,
              );
              reportedDepth = true;
            }
            continue;
          }
          visited.add(target.id);
          following.push(target);
          for (const requirement of target.requirements) addGroups(requirement, [group.name]);
        }
      }
      frontier = following;
    }
  }
}
