/**
 * pyproject.toml, in every dialect it is written in: PEP 621 `[project]`, PEP 735
 * `[dependency-groups]`, PEP 518 `[build-system]`, Poetry `[tool.poetry]`, PDM `[tool.pdm]` and uv
 * `[tool.uv]`. Values come from smol-toml; every line range from TomlLocator.
 *
 * `kind` is the primary dialect: Poetry when `[tool.poetry]` is present, else PDM (`[tool.pdm]`), else uv
 * (`[tool.uv]`), else PEP 621. `dialects` lists every dialect present (always including `kind`): a
 * Poetry 2 project with `[project]` and `[tool.poetry]` has both. A file without dependency information
 * (only `[tool.black]`) is still a Manifest, with no requirements and no error.
 */
import path from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { TomlLocator } from '../toml-lines.js';
import type { Manifest, ManifestFormat, ManifestInput, ManifestKind, Requirement } from '../types.js';
import { readBuildSystem } from './build-system.js';
import { PyprojectContext } from './context.js';
import { readDependencyGroups } from './dependency-groups.js';
import { readPdm } from './pdm.js';
import { readProject } from './pep621.js';
import { readPoetry, type PoetryInfo } from './poetry.js';
import { resolveSelfReferences } from './self-reference.js';
import { applyUvSources, readUv, type UvSource } from './uv.js';
import { describeType, hasKey, isTable, type TomlTable } from './values.js';

/**
 * MAX_NESTING bounds inline array/table nesting. No real pyproject nests more than a few levels; deeper
 * documents are rejected as one error, below TomlLocator's own depth limit so that every accepted
 * document is fully located.
 */
const MAX_NESTING = 128;

/** pyprojectFormat reads files named `pyproject.toml`. */
export const pyprojectFormat: ManifestFormat = {
  id: 'pyproject',
  matches: (filePath) => path.posix.basename(filePath) === 'pyproject.toml',
  parse: (input) => parsePyproject(input),
};

/** parsePyproject parses one pyproject.toml. It never throws: what it cannot read is in `errors`. */
export function parsePyproject(input: ManifestInput): Manifest {
  let doc: TomlTable;
  try {
    doc = parse(input.content, { maxDepth: MAX_NESTING });
  } catch (error) {
    // A syntax error makes every value uncertain: one Problem, no requirements.
    const line = error instanceof TomlError ? error.line : 1;
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    return {
      path: input.path,
      kind: 'pyproject-pep621',
      dialects: ['pyproject-pep621'],
      requirements: [],
      errors: [{ message: `invalid TOML: ${message.replace(/^Invalid TOML document:\s*/, '')}`, path: input.path, line }],
    };
  }

  const ctx = new PyprojectContext(input.path, input.content, new TomlLocator(input.content));
  const tools = toolTables(ctx, doc);

  const project = readProject(ctx, doc, {
    dynamicProvider: tools.poetry && hasKey(tools.poetry, 'dependencies') ? '[tool.poetry.dependencies]' : undefined,
  });
  const projectRequirements: Requirement[] = [...ctx.requirements];
  readDependencyGroups(ctx, doc);
  let poetry: PoetryInfo | undefined;
  if (tools.poetry) {
    poetry = readPoetry(ctx, tools.poetry, project?.staticDependencies ? { projectRequirements } : {});
  }
  if (tools.pdm) readPdm(ctx, tools.pdm);
  let uvSources: UvSource[] = [];
  if (tools.uv) uvSources = readUv(ctx, tools.uv);
  readBuildSystem(ctx, doc);

  const projectName = project?.projectName ?? poetry?.projectName;
  const extras = new Map(project?.extras ?? []);
  for (const [extra, members] of poetry?.extras ?? []) extras.set(extra, [...(extras.get(extra) ?? []), ...members]);
  resolveSelfReferences(ctx, projectName, extras);
  applyUvSources(ctx, uvSources, ctx.requirements);

  const present: ManifestKind[] = [];
  if (hasKey(doc, 'project') || hasKey(doc, 'dependency-groups')) present.push('pyproject-pep621');
  if (tools.poetry) present.push('pyproject-poetry');
  if (tools.pdm) present.push('pyproject-pdm');
  if (tools.uv) present.push('pyproject-uv');
  const kind: ManifestKind = tools.poetry
    ? 'pyproject-poetry'
    : tools.pdm
      ? 'pyproject-pdm'
      : tools.uv
        ? 'pyproject-uv'
        : 'pyproject-pep621';

  const manifest: Manifest = {
    path: input.path,
    kind,
    dialects: present.includes(kind) ? present : [kind, ...present],
    // Document order, whichever dialect a requirement came from (Array.prototype.sort is stable).
    requirements: [...ctx.requirements].sort((a, b) => a.lines.start - b.lines.start),
    errors: ctx.errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  };
  const requiresPython = project?.requiresPython ?? poetry?.requiresPython;
  if (requiresPython !== undefined) manifest.requiresPython = requiresPython;
  if (projectName !== undefined) manifest.projectName = projectName;
  if (ctx.indexes.length > 0) manifest.indexes = ctx.indexes;
  if (ctx.skipped.length > 0) manifest.skipped = ctx.skipped.sort((a, b) => a.line - b.line);
  return manifest;
}

interface ToolTables {
  poetry?: TomlTable;
  pdm?: TomlTable;
  uv?: TomlTable;
}

/** toolTables finds `[tool.poetry]`, `[tool.pdm]` and `[tool.uv]`, reporting any that is not a table. */
function toolTables(ctx: PyprojectContext, doc: TomlTable): ToolTables {
  const tables: ToolTables = {};
  if (!hasKey(doc, 'tool')) return tables;
  const tool = doc.tool;
  if (!isTable(tool)) {
    ctx.error(`[tool] must be a table, not ${describeType(tool)}`, ctx.lineOf([], ['tool']));
    return tables;
  }
  for (const name of ['poetry', 'pdm', 'uv'] as const) {
    if (!hasKey(tool, name)) continue;
    const table = tool[name];
    if (isTable(table)) tables[name] = table;
    else ctx.error(`[tool.${name}] must be a table, not ${describeType(table)}`, ctx.lineOf(['tool'], [name]));
  }
  return tables;
}
