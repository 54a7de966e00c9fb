/**
 * One string of an environment.yml `- pip:` list. conda writes these lines to a temporary requirements
 * file and runs `pip install -r` on it, so each is a pip requirements-file line: a PEP 508 requirement,
 * or an option (`-r`, `-c`, `--index-url`, `-e`…).
 * See https://docs.conda.io/projects/conda/en/latest/user-guide/tasks/manage-environments.html#creating-an-environment-file-manually
 * and https://pip.pypa.io/en/stable/reference/requirements-file-format/
 */
import { isValidPackageName, sourceOfUrl } from '../pep508.js';
import { makeRequirement, requirementFromPep508 } from '../requirement.js';
import type { IncludeDirective, IndexOption, LineRange, Requirement } from '../types.js';

/** PipLineResult is what one pip line declares. */
export type PipLineResult =
  | { kind: 'requirement'; requirement: Requirement }
  | { kind: 'include'; include: IncludeDirective }
  | { kind: 'index'; index: IndexOption }
  | { kind: 'skipped'; reason: string }
  | { kind: 'error'; message: string };

const INDEX_OPTIONS: Readonly<Record<string, IndexOption['option']>> = {
  '-i': 'index-url',
  '--index-url': 'index-url',
  '--extra-index-url': 'extra-index-url',
  '-f': 'find-links',
  '--find-links': 'find-links',
  '--trusted-host': 'trusted-host',
};
const INCLUDE_OPTIONS: Readonly<Record<string, IncludeDirective['kind']>> = {
  '-r': 'requirement',
  '--requirement': 'requirement',
  '-c': 'constraint',
  '--constraint': 'constraint',
};
const SHORT_WITH_VALUE = new Set(['-r', '-c', '-e', '-i', '-f']);

/**
 * MAX_REQUIREMENT_LENGTH bounds the name-and-specifier part that reaches the PEP 440 check, whose cost
 * grows with the number of clauses: a hostile megabyte-long specifier would take seconds. Real
 * requirements are far shorter. (Markers are not checked clause by clause, so they are not bounded.)
 */
const MAX_REQUIREMENT_LENGTH = 10_000;

/** readPipLine reads one line of a `pip:` list; `lines` is where the YAML string sits. */
export function readPipLine(text: string, lines: LineRange): PipLineResult {
  // pip: a comment starts at a "#" at the line start or after whitespace (a URL's #fragment is kept).
  const line = text.replace(/(^|\s)#.*$/s, '').trim();
  if (line === '') return { kind: 'skipped', reason: 'empty line' };
  if (line.startsWith('-')) return readOption(line, lines);

  const hashes = [...line.matchAll(/\s--hash[=\s]\s*(\S+)/g)].map((m) => m[1] ?? '');
  // Per-requirement options (--hash, --config-settings…) follow the requirement.
  const requirementText = line.split(/\s+--?[A-Za-z]/)[0] ?? line;
  if ((requirementText.split(';')[0] ?? '').length > MAX_REQUIREMENT_LENGTH) {
    return { kind: 'error', message: `requirement (before its markers) longer than ${MAX_REQUIREMENT_LENGTH} characters` };
  }
  const parsed = requirementFromPep508(requirementText, { lines, groups: ['main'], hashes });
  if (parsed.ok) return { kind: 'requirement', requirement: parsed.requirement };
  if (looksLikeUrlOrPath(requirementText)) return fromUrl(requirementText, lines, false);
  return { kind: 'error', message: `invalid pip requirement: ${parsed.error}` };
}

function readOption(line: string, lines: LineRange): PipLineResult {
  const match = /^(--?[A-Za-z][A-Za-z-]*)(?:\s*=\s*|\s+)?(.*)$/s.exec(line);
  let option = match?.[1] ?? line;
  let value = (match?.[2] ?? '').trim();
  // Short options may be glued to their value: -rrequirements.txt, -ihttps://…
  if (!option.startsWith('--') && option.length > 2 && SHORT_WITH_VALUE.has(option.slice(0, 2))) {
    value = `${option.slice(2)}${line.slice(option.length)}`.trim();
    option = option.slice(0, 2);
  }
  const include = INCLUDE_OPTIONS[option];
  if (include) {
    if (value === '') return { kind: 'error', message: `${option} needs a file name` };
    return { kind: 'include', include: { target: value, kind: include, line: lines.start } };
  }
  const index = INDEX_OPTIONS[option];
  if (index) {
    if (value === '') return { kind: 'error', message: `${option} needs a value` };
    return { kind: 'index', index: { option: index, value, line: lines.start } };
  }
  if (option === '--no-index') return { kind: 'index', index: { option: 'no-index', value: '', line: lines.start } };
  if (option === '-e' || option === '--editable') {
    if (value === '') return { kind: 'error', message: `${option} needs a path or URL` };
    return readEditable(value, lines);
  }
  return { kind: 'skipped', reason: `pip option ${option} does not declare a dependency` };
}

/** readEditable: `-e name @ url`, `-e git+…#egg=name` name a package; `-e .` is a local project. */
function readEditable(target: string, lines: LineRange): PipLineResult {
  const parsed = requirementFromPep508(target, { lines, groups: ['main'], editable: true });
  if (parsed.ok && parsed.requirement.source.type !== 'registry') return { kind: 'requirement', requirement: parsed.requirement };
  return fromUrl(target, lines, true);
}

/** fromUrl names a bare URL or path by its `#egg=name` fragment; without one there is nothing to audit. */
function fromUrl(url: string, lines: LineRange, editable: boolean): PipLineResult {
  const egg = /[#&]egg=([^&\s]+)/.exec(url)?.[1];
  const name = egg?.split('[')[0];
  if (!name || !isValidPackageName(name)) {
    const what = /^\.{1,2}(\/|$)/.test(url) ? 'a local project' : 'a URL or path';
    return { kind: 'skipped', reason: `${editable ? `editable install of ${what}` : what} without a package name (#egg=)` };
  }
  const requirement = makeRequirement({ name, specifier: null, groups: ['main'], lines, source: sourceOfUrl(url, editable) });
  return { kind: 'requirement', requirement };
}

function looksLikeUrlOrPath(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^(\.|\/|~)/.test(text) || /\.(whl|zip|tar\.gz|tgz|tar\.bz2)$/i.test(text);
}
