/**
 * readPoetryDependency turns one Poetry dependency declaration into Requirements: a constraint string,
 * a table (`{version, extras, markers, python, platform, optional, source, allow-prereleases, develop}`,
 * `{git, branch|tag|rev, subdirectory}`, `{path, develop}`, `{url}`), or an array of such tables
 * (multiple constraints, one per Python version or platform: one Requirement each, at its own line).
 * See https://python-poetry.org/docs/dependency-specification/
 */
import { normalizePackageName } from '../pep508.js';
import { makeRequirement } from '../requirement.js';
import type { DependencySource, LineRange, Requirement } from '../types.js';
import type { PyprojectContext } from './context.js';
import type { NamedIndexes } from './indexes.js';
import { poetryPythonMarker, poetryToPep440 } from './poetry-constraint.js';
import { describeType, isTable, type TomlTable } from './values.js';

/** PoetryDeclaration is one Requirement read from Poetry, with the Poetry-only facts about it. */
export interface PoetryDeclaration {
  requirement: Requirement;
  /** `optional = true`: installed only through an extra. */
  optional: boolean;
  /** Whether the declaration writes a version constraint (`"^1.2"`, `{version = …}`). */
  constrained: boolean;
  /** Whether it names where to install from (git, path, url or a named source). */
  sourced: boolean;
}

/** PoetryEntry says where one dependency key is and what it belongs to. */
export interface PoetryEntry {
  tablePath: string[];
  name: string;
  value: unknown;
  groups: string[];
  /** How messages name the table, e.g. `[tool.poetry.dependencies]`. */
  label: string;
  sources: NamedIndexes;
}

/** readPoetryDependency reads one key of a Poetry dependency table (not `python`). */
export function readPoetryDependency(ctx: PyprojectContext, entry: PoetryEntry): PoetryDeclaration[] {
  const { tablePath, name, value, label } = entry;
  if (Array.isArray(value)) {
    const declarations: PoetryDeclaration[] = [];
    value.forEach((element: unknown, index) => {
      const lines = ctx.elementOf(tablePath, [name], index).lines;
      if (!isTable(element)) {
        ctx.error(`${label} ${name}: constraint ${index + 1} must be a table, not ${describeType(element)}`, lines.start);
        return;
      }
      const declaration = fromTable(ctx, entry, element, lines);
      if (declaration) declarations.push(declaration);
    });
    return declarations;
  }
  const lines = ctx.linesOf(tablePath, [name]);
  if (typeof value === 'string') {
    return [fromFields(ctx, entry, lines, { version: value, extras: [], markers: [], optional: false })];
  }
  if (isTable(value)) {
    const declaration = fromTable(ctx, entry, value, lines);
    return declaration ? [declaration] : [];
  }
  ctx.error(`${label} ${name} must be a version constraint or a table, not ${describeType(value)}`, lines.start);
  return [];
}

interface Fields {
  version?: string;
  extras: string[];
  markers: string[];
  optional: boolean;
  source?: DependencySource;
}

function fromTable(ctx: PyprojectContext, entry: PoetryEntry, table: TomlTable, lines: LineRange): PoetryDeclaration | undefined {
  const where = `${entry.label} ${entry.name}`;
  const problem = (message: string): undefined => {
    ctx.error(`${where}: ${message}`, lines.start);
    return undefined;
  };
  const strings: Record<string, string | undefined> = {};
  for (const key of ['version', 'markers', 'python', 'platform', 'git', 'branch', 'tag', 'rev', 'path', 'url', 'source']) {
    const value = table[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') return problem(`${key} must be a string, not ${describeType(value)}`);
    strings[key] = value;
  }
  const fields: Fields = { extras: [], markers: [], optional: table.optional === true };
  if (strings.version !== undefined) fields.version = strings.version;

  const extras = table.extras;
  if (extras !== undefined) {
    if (!Array.isArray(extras) || !extras.every((e): e is string => typeof e === 'string')) {
      return problem('extras must be an array of strings');
    }
    fields.extras = extras;
  }

  if (strings.python !== undefined) {
    const marker = poetryPythonMarker(strings.python);
    if (!marker.ok) return problem(`python: ${marker.error}`);
    if (marker.marker) fields.markers.push(marker.marker);
  }
  if (strings.platform !== undefined) fields.markers.push(`sys_platform == "${strings.platform}"`);
  if (strings.markers !== undefined && strings.markers.trim() !== '') fields.markers.push(strings.markers.trim());

  const source = sourceOf(strings, table, entry.sources);
  if (typeof source === 'string') return problem(source);
  if (source) fields.source = source;
  return fromFields(ctx, entry, lines, fields);
}

/** sourceOf is the table's install source, undefined for the default index, or an error message. */
function sourceOf(
  strings: Record<string, string | undefined>,
  table: TomlTable,
  sources: NamedIndexes,
): DependencySource | string | undefined {
  if (strings.git !== undefined) {
    const ref = strings.branch ?? strings.tag ?? strings.rev;
    return ref !== undefined ? { type: 'vcs', url: strings.git, ref } : { type: 'vcs', url: strings.git };
  }
  if (strings.path !== undefined) {
    return table.develop === true ? { type: 'path', url: strings.path, editable: true } : { type: 'path', url: strings.path };
  }
  if (strings.url !== undefined) return { type: 'url', url: strings.url };
  if (strings.source !== undefined) {
    const id = normalizePackageName(strings.source);
    if (sources.has(id)) {
      const url = sources.get(id);
      return url !== undefined ? { type: 'registry', url } : { type: 'registry' };
    }
    // Poetry knows PyPI without it being declared.
    if (id === 'pypi') return { type: 'registry' };
    return `source "${strings.source}" is not declared in [[tool.poetry.source]]`;
  }
  return undefined;
}

function fromFields(ctx: PyprojectContext, entry: PoetryEntry, lines: LineRange, fields: Fields): PoetryDeclaration {
  let specifier: string | null = null;
  if (fields.version !== undefined) {
    const translated = poetryToPep440(fields.version);
    // The package is still a dependency when its constraint is unreadable: keep it, without a specifier.
    if (!translated.ok) ctx.error(`${entry.label} ${entry.name}: ${translated.error}`, lines.start);
    // An OR of ranges (`^1.0 || ^2.0`) has no single PEP 440 specifier: `specifier` stays null and
    // `writtenSpecifier` keeps the constraint, so the dependency is audited as "range unknown".
    else specifier = translated.specifier;
  }
  const requirement = makeRequirement({
    name: entry.name,
    specifier,
    writtenSpecifier: fields.version,
    extras: fields.extras,
    markers: combineMarkers(fields.markers),
    groups: [...entry.groups],
    source: fields.source ?? { type: 'registry' },
    lines,
  });
  const constrained = fields.version !== undefined && fields.version.trim() !== '' && fields.version.trim() !== '*';
  return { requirement, optional: fields.optional, constrained, sourced: fields.source !== undefined };
}

/** combineMarkers ANDs the `python`, `platform` and `markers` restrictions. */
function combineMarkers(markers: string[]): string | undefined {
  if (markers.length === 0) return undefined;
  if (markers.length === 1) return markers[0];
  return markers.map((m) => (/\bor\b/.test(m) ? `(${m})` : m)).join(' and ');
}
