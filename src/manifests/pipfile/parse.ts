/**
 * parsePipfile reads a Pipfile (TOML): `[packages]` (group `main`), `[dev-packages]` (group `dev`), any
 * other package category table (`[docs]`: group `docs`), `[[source]]` indexes and `[requires]`.
 * See https://pipenv.pypa.io/en/latest/pipfile.html and https://pipenv.pypa.io/en/latest/pipfile.html#package-category-groups
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import type { Manifest, ManifestInput } from '../types.js';
import { requirementFromPipfileEntry } from './entry.js';
import { PipfileLines } from './lines.js';
import { describe, requiresPythonOf } from './requires-python.js';
import { indexOptionsOfSources, isRecord, readPipfileSources, sourceUrlsByName } from './sources.js';

/**
 * NOT_PACKAGE_SECTIONS are the top-level tables that hold no packages (plette's PIPFILE_SECTIONS, less
 * the two package sections). Every other top-level table is a package category, as in pipenv.
 */
const NOT_PACKAGE_SECTIONS = new Set(['source', 'requires', 'pipenv', 'scripts', 'pipfile']);

/** SECTION_GROUPS names the groups of pipenv's two standard categories; a custom one keeps its name. */
const SECTION_GROUPS: Readonly<Record<string, string>> = { packages: 'main', 'dev-packages': 'dev' };

/** parsePipfile parses one Pipfile; it never throws, what it cannot read becomes an error with its line. */
export function parsePipfile(input: ManifestInput): Manifest {
  const manifest: Manifest = { path: input.path, kind: 'pipfile', requirements: [], errors: [] };
  const problem = (message: string, line: number): void => {
    manifest.errors.push({ message, path: input.path, line: Math.max(1, line) });
  };

  let data: Record<string, unknown>;
  try {
    data = parseToml(input.content);
  } catch (error) {
    const line = error instanceof TomlError ? error.line : 1;
    problem(`invalid TOML: ${tomlMessage(error)}`, line);
    return manifest;
  }
  const lines = new PipfileLines(input.content);

  const sources = readPipfileSources(data['source'], (index, key) => lines.sourceLine(index, key));
  for (const p of sources.problems) problem(p.message, p.line);
  const indexes = indexOptionsOfSources(sources.sources);
  if (indexes.length > 0) manifest.indexes = indexes;
  const sourceUrls = sourceUrlsByName(sources.sources);

  const requiresPython = requiresPythonOf(data['requires']);
  if (requiresPython.ok) {
    if (requiresPython.specifier) manifest.requiresPython = requiresPython.specifier;
  } else {
    problem(requiresPython.error, requiresPython.key ? lines.entry('requires', requiresPython.key).start : lines.sectionLine('requires'));
  }

  for (const [section, packages] of Object.entries(data)) {
    if (NOT_PACKAGE_SECTIONS.has(section)) continue;
    if (!isRecord(packages)) {
      problem(`top-level key "${section}" is not a table of packages (found ${describe(packages)})`, lines.sectionLine(section));
      continue;
    }
    const group = SECTION_GROUPS[section] ?? section;
    for (const [name, value] of Object.entries(packages)) {
      const range = lines.entry(section, name);
      const result = requirementFromPipfileEntry(name, value, { lines: range, group, sourceUrls });
      for (const message of result.problems) problem(`[${section}] ${message}`, range.start);
      if (result.requirement) manifest.requirements.push(result.requirement);
    }
  }
  manifest.errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return manifest;
}

// smol-toml appends a code excerpt to its message; the line is reported separately.
function tomlMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? message).replace(/^Invalid TOML document:\s*/, '');
}
