/**
 * Building `Requirement` values, so every parser fills the fields the same way.
 */
import { normalizePackageName, parsePep508, pinnedVersion, sourceOfUrl } from './pep508.js';
import type { DependencySource, LineRange, Requirement } from './types.js';

/** RequirementContext is where a declaration sits and what it belongs to. */
export interface RequirementContext {
  lines: LineRange;
  groups: string[];
  hashes?: string[];
  /** The index a registry requirement comes from, when the manifest says. */
  indexUrl?: string;
  editable?: boolean;
}

/** requirementFromPep508 builds a Requirement from a PEP 508 string, or returns the parse error. */
export function requirementFromPep508(
  text: string,
  context: RequirementContext,
): { ok: true; requirement: Requirement } | { ok: false; error: string } {
  const parsed = parsePep508(text);
  if (!parsed.ok) return parsed;
  const { name, extras, specifier, url, markers } = parsed.value;
  const source: DependencySource = url
    ? sourceOfUrl(url, context.editable)
    : context.indexUrl
      ? { type: 'registry', url: context.indexUrl }
      : { type: 'registry' };
  const requirement = makeRequirement({
    name,
    specifier,
    extras,
    markers,
    source,
    lines: context.lines,
    groups: context.groups,
    hashes: context.hashes ?? [],
  });
  return { ok: true, requirement };
}

/** RequirementFields are the parts a parser knows; the rest is derived. */
export interface RequirementFields {
  name: string;
  specifier: string | null;
  writtenSpecifier?: string;
  /** Defaults to the version the specifier pins exactly. */
  version?: string | null;
  extras?: string[];
  markers?: string | undefined;
  groups: string[];
  source?: DependencySource;
  hashes?: string[];
  lines: LineRange;
  requires?: string[];
}

/** makeRequirement fills in the derived fields (normalised name, pinned version, defaults). */
export function makeRequirement(fields: RequirementFields): Requirement {
  const requirement: Requirement = {
    name: fields.name,
    normalizedName: normalizePackageName(fields.name),
    specifier: fields.specifier,
    version: fields.version !== undefined ? fields.version : pinnedVersion(fields.specifier),
    extras: fields.extras ?? [],
    groups: fields.groups.length > 0 ? fields.groups : ['main'],
    source: fields.source ?? { type: 'registry' },
    hashes: fields.hashes ?? [],
    lines: fields.lines,
  };
  if (fields.writtenSpecifier !== undefined && fields.writtenSpecifier !== fields.specifier) {
    requirement.writtenSpecifier = fields.writtenSpecifier;
  }
  if (fields.markers) requirement.markers = fields.markers;
  if (fields.requires) requirement.requires = fields.requires;
  return requirement;
}

/** lineAt is the 1-based line of a character offset. */
export function lineAt(content: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < content.length; i++) if (content.charCodeAt(i) === 10) line++;
  return line;
}
