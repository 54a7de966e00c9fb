/**
 * One package of a Pipfile section: `name = "*"`, `name = ">=1,<2"`, or a table
 * `{ version, extras, markers, index, git, ref, editable, path, file, <marker variable> }`.
 * See https://pipenv.pypa.io/en/latest/specifiers.html
 */
import { isValidSpecifier } from '../../pep440/index.js';
import { isValidPackageName, sourceOfUrl } from '../pep508.js';
import { makeRequirement } from '../requirement.js';
import type { DependencySource, LineRange, Requirement } from '../types.js';
import { markersOfTable } from './markers.js';
import { describe } from './requires-python.js';
import { isRecord } from './sources.js';

/** PipfileEntryContext is where an entry sits and what the Pipfile around it declares. */
export interface PipfileEntryContext {
  lines: LineRange;
  group: string;
  /** URL of each `[[source]]` by name, for `index = "name"`. */
  sourceUrls: ReadonlyMap<string, string>;
}

/** PipfileEntryResult is the requirement (unless the entry is unusable) and what is wrong with it. */
export interface PipfileEntryResult {
  requirement?: Requirement;
  problems: string[];
}

const VCS_KEYS = ['git', 'hg', 'svn', 'bzr'] as const;

/** requirementFromPipfileEntry reads one `name = value` of a package section. */
export function requirementFromPipfileEntry(name: string, value: unknown, context: PipfileEntryContext): PipfileEntryResult {
  if (!isValidPackageName(name)) return { problems: [`invalid package name "${name}"`] };
  const base = { name, groups: [context.group], lines: context.lines };
  if (typeof value === 'string') {
    const specifier = translateSpecifier(value);
    if (!specifier.ok) return { problems: [`${name}: ${specifier.error}`] };
    return { requirement: makeRequirement({ ...base, specifier: specifier.value, writtenSpecifier: value }), problems: [] };
  }
  if (!isRecord(value)) {
    return { problems: [`${name}: expected a version string or a table, found ${describe(value)}`] };
  }

  const problems: string[] = [];
  let specifier: string | null = null;
  let writtenSpecifier: string | undefined;
  const version = value['version'];
  if (version !== undefined) {
    if (typeof version !== 'string') return { problems: [`${name}: "version" must be a string, found ${describe(version)}`] };
    const translated = translateSpecifier(version);
    if (!translated.ok) return { problems: [`${name}: ${translated.error}`] };
    specifier = translated.value;
    writtenSpecifier = version;
  }

  const extras = value['extras'];
  if (extras !== undefined && !(Array.isArray(extras) && extras.every((e) => typeof e === 'string' && isValidPackageName(e)))) {
    return { problems: [`${name}: "extras" must be a list of extra names`] };
  }

  const markers = markersOfTable(value);
  if (!markers.ok) return { problems: [`${name}: ${markers.error}`] };

  const source = sourceOfPipfileTable(name, value, context.sourceUrls, problems);
  if (!source) return { problems };

  const requirement = makeRequirement({
    ...base,
    specifier,
    writtenSpecifier,
    extras: (extras as string[] | undefined) ?? [],
    markers: markers.markers,
    source,
  });
  return { requirement, problems };
}

/**
 * sourceOfPipfileTable is where a Pipfile or Pipfile.lock entry installs from: a VCS checkout (`git` +
 * `ref`), a local path (`path`, possibly `editable`), a file or URL (`file`), or an index (`index`, else
 * the default one). Undefined (with a problem) when one of those keys is malformed.
 */
export function sourceOfPipfileTable(
  name: string,
  table: Record<string, unknown>,
  sourceUrls: ReadonlyMap<string, string>,
  problems: string[],
): DependencySource | undefined {
  const editable = table['editable'];
  if (editable !== undefined && typeof editable !== 'boolean') {
    problems.push(`${name}: "editable" must be true or false`);
    return undefined;
  }
  for (const key of VCS_KEYS) {
    const url = table[key];
    if (url === undefined) continue;
    if (typeof url !== 'string' || url.trim() === '') {
      problems.push(`${name}: "${key}" must be a repository URL`);
      return undefined;
    }
    const ref = table['ref'];
    if (ref !== undefined && typeof ref !== 'string') {
      problems.push(`${name}: "ref" must be a string`);
      return undefined;
    }
    return ref ? { type: 'vcs', url, ref } : { type: 'vcs', url };
  }
  for (const key of ['path', 'file'] as const) {
    const target = table[key];
    if (target === undefined) continue;
    if (typeof target !== 'string' || target.trim() === '') {
      problems.push(`${name}: "${key}" must be a string`);
      return undefined;
    }
    // `file` may be a URL (https://…/x.whl) or a local archive; `path` is always local.
    const source = key === 'file' ? sourceOfUrl(target, editable === true) : { type: 'path' as const, url: target };
    if (source.type === 'path' && editable === true) return { ...source, editable: true };
    return source;
  }
  const index = table['index'];
  if (index === undefined) return { type: 'registry' };
  if (typeof index !== 'string') {
    problems.push(`${name}: "index" must be the name of a [[source]]`);
    return undefined;
  }
  const url = sourceUrls.get(index);
  if (url === undefined) {
    // pipenv refuses to install it; the package is still a dependency worth auditing.
    problems.push(`${name}: index "${index}" is not the name of any [[source]]`);
    return { type: 'registry' };
  }
  return { type: 'registry', url };
}

/**
 * MAX_SPECIFIER_LENGTH bounds the text handed to the PEP 440 library, whose check grows with the number
 * of clauses (a hostile megabyte-long specifier would take seconds); real specifiers are far shorter.
 */
const MAX_SPECIFIER_LENGTH = 10_000;

// Clauses like `==1.2.3`, `>=2`, `~=1.4` are valid PEP 440 on sight; a lock file holds thousands of them,
// and the library check costs tens of microseconds each.
const PLAIN_CLAUSE = /^(?:(?:==|!=|>=|<=|>|<)\d+(?:\.\d+)*|~=\d+(?:\.\d+)+)$/;

function isPlainSpecifier(specifier: string): boolean {
  return specifier.split(',').every((clause) => PLAIN_CLAUSE.test(clause));
}

/** SpecifierResult is a PEP 440 specifier (null for "any version") or why the text is not one. */
export type SpecifierResult = { ok: true; value: string | null } | { ok: false; error: string };

/**
 * translateSpecifier turns a Pipfile version string into a PEP 440 specifier: `*` (or empty) means any
 * version; otherwise pipenv hands the string to pip as is (after stripping parentheses), so it must be
 * a PEP 440 specifier. Whitespace is removed, as parsePep508 does.
 */
export function translateSpecifier(written: string): SpecifierResult {
  if (written.length > MAX_SPECIFIER_LENGTH) {
    return { ok: false, error: `version specifier longer than ${MAX_SPECIFIER_LENGTH} characters` };
  }
  const trimmed = written.trim().replace(/^\(+/, '').replace(/\)+$/, '').trim();
  if (trimmed === '' || trimmed === '*') return { ok: true, value: null };
  const specifier = trimmed.replace(/\s+/g, '');
  if (!/^(===|==|!=|~=|<=|>=|<|>)/.test(specifier) || !(isPlainSpecifier(specifier) || isValidSpecifier(specifier))) {
    return { ok: false, error: `invalid version specifier "${written.length > 80 ? `${written.slice(0, 77)}...` : written}"` };
  }
  return { ok: true, value: specifier };
}
