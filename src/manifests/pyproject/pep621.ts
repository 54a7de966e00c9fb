/**
 * PEP 621 `[project]` table: the project's name, `requires-python`, `dependencies` (group `main`) and
 * `optional-dependencies` (one group per extra). Fields listed in `dynamic` are computed by the build
 * backend and are not in the file: that is recorded as a skip, not an error.
 * See https://packaging.python.org/en/latest/specifications/pyproject-toml/ (PEP 621).
 */
import { normalizePackageName } from '../pep508.js';
import type { Requirement } from '../types.js';
import type { PyprojectContext } from './context.js';
import { readPep508List } from './pep508-list.js';
import { describeType, hasKey, isTable, type TomlTable } from './values.js';

/** ProjectInfo is what `[project]` says. */
export interface ProjectInfo {
  projectName?: string;
  requiresPython?: string;
  /** True when `dependencies` is written in the file (not dynamic, not absent). */
  staticDependencies: boolean;
  /** Requirements of each extra, by normalised extra name (self-references are resolved later). */
  extras: Map<string, Requirement[]>;
}

/** ProjectOptions says who provides dynamic dependencies, when the file itself tells (Poetry). */
export interface ProjectOptions {
  dynamicProvider?: string;
}

const PROJECT = ['project'];

/** readProject reads `[project]`; undefined when the file has none. */
export function readProject(ctx: PyprojectContext, doc: TomlTable, options: ProjectOptions = {}): ProjectInfo | undefined {
  if (!hasKey(doc, 'project')) return undefined;
  const project = doc.project;
  const info: ProjectInfo = { staticDependencies: false, extras: new Map() };
  if (!isTable(project)) {
    ctx.error(`[project] must be a table, not ${describeType(project)}`, ctx.lineOf([], PROJECT));
    return info;
  }

  const name = project.name;
  if (typeof name === 'string') info.projectName = name;
  else if (name !== undefined) ctx.error(`[project] name must be a string, not ${describeType(name)}`, ctx.lineOf(PROJECT, ['name']));

  const requiresPython = project['requires-python'];
  if (typeof requiresPython === 'string') info.requiresPython = requiresPython.trim();
  else if (requiresPython !== undefined) {
    ctx.error(`[project] requires-python must be a string, not ${describeType(requiresPython)}`, ctx.lineOf(PROJECT, ['requires-python']));
  }

  const dynamic = readDynamic(ctx, project);
  for (const field of ['dependencies', 'optional-dependencies'] as const) {
    if (!dynamic.has(field)) continue;
    const lines = ctx.linesOf(PROJECT, ['dynamic']);
    if (hasKey(project, field)) {
      // PEP 621: a field listed in `dynamic` must not also be given statically.
      ctx.error(`[project] ${field} is listed in dynamic but is also given`, lines.start);
    } else {
      const provider = options.dynamicProvider ? `; ${options.dynamicProvider} declares them` : '';
      ctx.skip(lines, `${field} are dynamic: the build backend computes them, they are not listed here${provider}`);
    }
  }

  if (hasKey(project, 'dependencies')) {
    info.staticDependencies = true;
    readPep508List(ctx, {
      tablePath: PROJECT,
      key: ['dependencies'],
      value: project.dependencies,
      groups: ['main'],
      label: '[project] dependencies',
    });
  }
  readOptionalDependencies(ctx, project, info);
  return info;
}

function readDynamic(ctx: PyprojectContext, project: TomlTable): Set<string> {
  const dynamic = project.dynamic;
  if (dynamic === undefined) return new Set();
  if (!Array.isArray(dynamic)) {
    ctx.error(`[project] dynamic must be an array of strings, not ${describeType(dynamic)}`, ctx.lineOf(PROJECT, ['dynamic']));
    return new Set();
  }
  return new Set(dynamic.filter((field): field is string => typeof field === 'string'));
}

function readOptionalDependencies(ctx: PyprojectContext, project: TomlTable, info: ProjectInfo): void {
  if (!hasKey(project, 'optional-dependencies')) return;
  const optional = project['optional-dependencies'];
  if (!isTable(optional)) {
    ctx.error(
      `[project] optional-dependencies must be a table, not ${describeType(optional)}`,
      ctx.lineOf(PROJECT, ['optional-dependencies']),
    );
    return;
  }
  const tablePath = [...PROJECT, 'optional-dependencies'];
  for (const [extra, list] of Object.entries(optional)) {
    const read = readPep508List(ctx, {
      tablePath,
      key: [extra],
      value: list,
      groups: [extra],
      label: `[project.optional-dependencies] ${extra}`,
    });
    // PEP 685: extra names compare normalised.
    const id = normalizePackageName(extra);
    info.extras.set(id, [...(info.extras.get(id) ?? []), ...read]);
  }
}
