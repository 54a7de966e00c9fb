/**
 * Poetry's `[tool.poetry]`: `dependencies` (group `main`; its `python` key is the supported Pythons,
 * not a package), the legacy `dev-dependencies` (group `dev`), `group.<name>.dependencies` (group
 * `<name>`, optional groups included), `extras` (the listed packages also belong to the extra's group)
 * and `[[tool.poetry.source]]` (index options).
 *
 * Poetry 2 projects may declare their main dependencies in PEP 621 `[project]`; `[tool.poetry.dependencies]`
 * then only enriches them for locking (https://python-poetry.org/docs/dependency-specification/):
 * an entry for a package `[project]` declares becomes a Requirement only when it writes a version
 * constraint of its own (Poetry honours it when locking, so remediation must edit it too); otherwise it
 * is a skip that points at the `[project]` line, and the source it names (git, path, url or a
 * `[[tool.poetry.source]]`) is given to the `[project]` requirements of that package.
 * See https://python-poetry.org/docs/pyproject/ and https://python-poetry.org/docs/managing-dependencies/
 */
import { isValidPackageName, normalizePackageName, parsePep508 } from '../pep508.js';
import type { DependencySource, Requirement } from '../types.js';
import type { PyprojectContext } from './context.js';
import { addGroups } from './groups.js';
import { readPoetrySources, type NamedIndexes } from './indexes.js';
import { poetryToPep440 } from './poetry-constraint.js';
import { readPoetryDependency, type PoetryDeclaration } from './poetry-dependency.js';
import { describeType, hasKey, isTable, tableAt, type TomlTable } from './values.js';

/** PoetryInfo is what `[tool.poetry]` says besides its requirements. */
export interface PoetryInfo {
  projectName?: string;
  /** The `python` dependency as PEP 440 (as written when it is an OR, which PEP 440 cannot express). */
  requiresPython?: string;
  /** Whether `[tool.poetry]` declares any dependency table. */
  declaresDependencies: boolean;
  /** Requirements of each `[tool.poetry.extras]` extra, by normalised extra name. */
  extras: Map<string, Requirement[]>;
}

/** PoetryOptions gives the `[project]` requirements a Poetry 2 file enriches (none: Poetry 1 style). */
export interface PoetryOptions {
  projectRequirements?: Requirement[];
}

const POETRY = ['tool', 'poetry'];

/** readPoetry reads `[tool.poetry]`: its requirements go into the context, the rest is returned. */
export function readPoetry(ctx: PyprojectContext, poetry: TomlTable, options: PoetryOptions = {}): PoetryInfo {
  const info: PoetryInfo = { declaresDependencies: false, extras: new Map() };
  if (typeof poetry.name === 'string') info.projectName = poetry.name;
  const sources = readPoetrySources(ctx, poetry);
  const main: PoetryDeclaration[] = [];

  const mainTable = dependencyTable(ctx, poetry, POETRY, 'dependencies');
  if (mainTable) {
    info.declaresDependencies = true;
    const tablePath = [...POETRY, 'dependencies'];
    for (const [name, value] of Object.entries(mainTable)) {
      if (name.toLowerCase() === 'python') {
        readPython(ctx, tablePath, name, value, info);
        continue;
      }
      const entry = { tablePath, name, value, groups: ['main'], label: '[tool.poetry.dependencies]', sources };
      if (!checkName(ctx, entry.tablePath, name, entry.label)) continue;
      const enriched = options.projectRequirements?.filter((r) => r.normalizedName === normalizePackageName(name)) ?? [];
      const declarations = readPoetryDependency(ctx, entry);
      if (enriched.length > 0) enrich(ctx, declarations, enriched);
      else record(ctx, declarations, main);
    }
  }

  const devTable = dependencyTable(ctx, poetry, POETRY, 'dev-dependencies');
  if (devTable) {
    info.declaresDependencies = true;
    readTable(ctx, [...POETRY, 'dev-dependencies'], devTable, 'dev', sources);
  }
  readGroups(ctx, poetry, sources, info);
  readExtras(ctx, poetry, main, info);
  return info;
}

function readGroups(ctx: PyprojectContext, poetry: TomlTable, sources: NamedIndexes, info: PoetryInfo): void {
  if (!hasKey(poetry, 'group')) return;
  const groups = poetry.group;
  if (!isTable(groups)) {
    ctx.error(`[tool.poetry.group] must be a table, not ${describeType(groups)}`, ctx.lineOf(POETRY, ['group']));
    return;
  }
  for (const [group, definition] of Object.entries(groups)) {
    const groupPath = [...POETRY, 'group', group];
    if (!isTable(definition)) {
      ctx.error(`[tool.poetry.group.${group}] must be a table, not ${describeType(definition)}`, ctx.lineOf([...POETRY, 'group'], [group]));
      continue;
    }
    // `optional = true` groups are only installed on request, but they are still the project's.
    const table = dependencyTable(ctx, definition, groupPath, 'dependencies');
    if (!table) continue;
    info.declaresDependencies = true;
    readTable(ctx, [...groupPath, 'dependencies'], table, group, sources);
  }
}

function readTable(ctx: PyprojectContext, tablePath: string[], table: TomlTable, group: string, sources: NamedIndexes): void {
  const label = `[${tablePath.join('.')}]`;
  for (const [name, value] of Object.entries(table)) {
    // `python` restricts the group's Pythons; it is never a package.
    if (name.toLowerCase() === 'python' || !checkName(ctx, tablePath, name, label)) continue;
    record(ctx, readPoetryDependency(ctx, { tablePath, name, value, groups: [group], label, sources }), []);
  }
}

function dependencyTable(ctx: PyprojectContext, parent: TomlTable, parentPath: string[], key: string): TomlTable | undefined {
  if (!hasKey(parent, key)) return undefined;
  const table = tableAt(parent, key);
  if (!table) ctx.error(`[${[...parentPath, key].join('.')}] must be a table, not ${describeType(parent[key])}`, ctx.lineOf(parentPath, [key]));
  return table;
}

function checkName(ctx: PyprojectContext, tablePath: string[], name: string, label: string): boolean {
  if (isValidPackageName(name)) return true;
  ctx.error(`${label}: "${name}" is not a valid package name`, ctx.lineOf(tablePath, [name]));
  return false;
}

function record(ctx: PyprojectContext, declarations: PoetryDeclaration[], into: PoetryDeclaration[]): void {
  for (const declaration of declarations) {
    ctx.requirements.push(declaration.requirement);
    into.push(declaration);
  }
}

/**
 * enrich applies a Poetry 2 `[tool.poetry.dependencies]` entry to the `[project]` requirements of the
 * same package (see the module comment).
 */
function enrich(ctx: PyprojectContext, declarations: PoetryDeclaration[], project: Requirement[]): void {
  const sources = new Map<string, DependencySource>();
  for (const declaration of declarations) {
    if (declaration.sourced) sources.set(JSON.stringify(declaration.requirement.source), declaration.requirement.source);
    if (declaration.constrained) {
      ctx.requirements.push(declaration.requirement);
    } else {
      const lines = project.map((r) => r.lines.start).join(', ');
      ctx.skip(declaration.requirement.lines, `enriches the [project] dependency on line ${lines} (Poetry 2: locking details only)`);
    }
  }
  // Several sources (chosen by markers, e.g. a CPU and a CUDA index) cannot be told apart here.
  const [only] = sources.values();
  if (sources.size !== 1 || !only) return;
  for (const requirement of project) {
    if (requirement.source.type === 'registry' && requirement.source.url === undefined) requirement.source = only;
  }
}

function readPython(ctx: PyprojectContext, tablePath: string[], name: string, value: unknown, info: PoetryInfo): void {
  const line = ctx.lineOf(tablePath, [name]);
  if (typeof value !== 'string') {
    ctx.error(`[tool.poetry.dependencies] python must be a version constraint, not ${describeType(value)}`, line);
    return;
  }
  const translated = poetryToPep440(value);
  if (!translated.ok) {
    ctx.error(`[tool.poetry.dependencies] python: ${translated.error}`, line);
    return;
  }
  // PEP 440 has no OR: `^2.7 || ^3.6` stays as written rather than widened (claiming 3.0-3.5) or
  // narrowed (hiding a supported line). Readers that need PEP 440 see it is not a valid specifier.
  if (translated.union) info.requiresPython = value.trim();
  else if (translated.specifier) info.requiresPython = translated.specifier;
}

/**
 * readExtras: `[tool.poetry.extras] name = ["pkg", …]` puts each listed main dependency in the extra's
 * group too. A dependency marked `optional = true` is installed only through its extras, so it leaves
 * `main` once an extra lists it.
 */
function readExtras(ctx: PyprojectContext, poetry: TomlTable, main: PoetryDeclaration[], info: PoetryInfo): void {
  if (!hasKey(poetry, 'extras')) return;
  const extras = poetry.extras;
  const tablePath = [...POETRY, 'extras'];
  if (!isTable(extras)) {
    ctx.error(`[tool.poetry.extras] must be a table, not ${describeType(extras)}`, ctx.lineOf(POETRY, ['extras']));
    return;
  }
  const listed = new Set<PoetryDeclaration>();
  for (const [extra, packages] of Object.entries(extras)) {
    if (!Array.isArray(packages)) {
      ctx.error(`[tool.poetry.extras] ${extra} must be an array of package names, not ${describeType(packages)}`, ctx.lineOf(tablePath, [extra]));
      continue;
    }
    const id = normalizePackageName(extra);
    const members = info.extras.get(id) ?? [];
    packages.forEach((item: unknown, index) => {
      const line = ctx.elementOf(tablePath, [extra], index).lines.start;
      const parsed = typeof item === 'string' ? parsePep508(item) : undefined;
      if (!parsed?.ok) {
        ctx.error(`[tool.poetry.extras] ${extra}: item ${index + 1} is not a package name`, line);
        return;
      }
      const name = normalizePackageName(parsed.value.name);
      const found = main.filter((d) => d.requirement.normalizedName === name);
      if (found.length === 0) {
        ctx.error(`[tool.poetry.extras] ${extra}: "${parsed.value.name}" is not in [tool.poetry.dependencies]`, line);
        return;
      }
      for (const declaration of found) {
        addGroups(declaration.requirement, [extra]);
        members.push(declaration.requirement);
        listed.add(declaration);
      }
    });
    info.extras.set(id, members);
  }
  for (const declaration of listed) {
    if (declaration.optional) declaration.requirement.groups = declaration.requirement.groups.filter((g) => g !== 'main');
  }
}
