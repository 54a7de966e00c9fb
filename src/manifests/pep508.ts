/**
 * PEP 508 dependency specifiers (`name[extra1,extra2] (>=1.0,<2) ; python_version < "3.10"` and
 * `name @ https://… ; markers`), the string form shared by requirements files, PEP 621, setup.py,
 * setup.cfg, PEP 735 groups and several lock files.
 * See https://peps.python.org/pep-0508/ and https://packaging.python.org/en/latest/specifications/dependency-specifiers/
 */
import { isValidSpecifier } from '../pep440/index.js';
import type { DependencySource } from './types.js';

/** ParsedRequirement is the structure of one PEP 508 string. */
export interface ParsedRequirement {
  name: string;
  extras: string[];
  /** PEP 440 specifier set with whitespace removed, or null when none (or when a URL is given). */
  specifier: string | null;
  /** The direct reference of `name @ url`, when given. */
  url?: string;
  markers?: string;
}

/** Pep508Result is a parsed requirement, or the reason it is not one. */
export type Pep508Result = { ok: true; value: ParsedRequirement } | { ok: false; error: string };

// PEP 508: identifier = letterOrDigit (letterOrDigit | [-_.])* letterOrDigit, case-insensitive.
const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;
const EXTRA_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** normalizePackageName is the PEP 503 form of a name: lowercase, runs of `-`, `_`, `.` become one `-`. */
export function normalizePackageName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

/** isValidPackageName tells whether a string is a PEP 508 distribution name. */
export function isValidPackageName(name: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(name);
}

/** parsePep508 parses one dependency specifier string. */
export function parsePep508(input: string): Pep508Result {
  let rest = input.trim();
  const nameMatch = NAME.exec(rest);
  if (!nameMatch?.[1]) return { ok: false, error: `not a requirement: "${truncate(input)}"` };
  const name = nameMatch[1];
  rest = rest.slice(name.length).trimStart();

  const extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return { ok: false, error: `unclosed extras in "${truncate(input)}"` };
    for (const extra of rest.slice(1, close).split(',')) {
      const trimmed = extra.trim();
      if (trimmed === '') continue;
      if (!EXTRA_NAME.test(trimmed)) return { ok: false, error: `invalid extra "${trimmed}"` };
      extras.push(trimmed);
    }
    rest = rest.slice(close + 1).trimStart();
  }

  if (rest.startsWith('@')) {
    // PEP 508: a URL requirement's markers must be separated from the URL by whitespace before ';'.
    const afterAt = rest.slice(1).trimStart();
    const markerAt = afterAt.search(/\s;/);
    const url = (markerAt < 0 ? afterAt : afterAt.slice(0, markerAt)).trim();
    if (url === '') return { ok: false, error: `missing URL after "@" in "${truncate(input)}"` };
    const markers = markerAt < 0 ? undefined : afterAt.slice(markerAt).trim().slice(1).trim();
    if (markers === '') return { ok: false, error: `empty environment marker in "${truncate(input)}"` };
    return { ok: true, value: withMarkers({ name, extras, specifier: null, url }, markers) };
  }

  const semicolon = rest.indexOf(';');
  let versionPart = (semicolon < 0 ? rest : rest.slice(0, semicolon)).trim();
  const markers = semicolon < 0 ? undefined : rest.slice(semicolon + 1).trim();
  if (markers === '') return { ok: false, error: `empty environment marker in "${truncate(input)}"` };

  if (versionPart.startsWith('(')) {
    if (!versionPart.endsWith(')')) return { ok: false, error: `unclosed "(" in "${truncate(input)}"` };
    versionPart = versionPart.slice(1, -1).trim();
  }
  const specifier = versionPart.replace(/\s+/g, '');
  if (specifier !== '' && !/^(===|==|!=|~=|<=|>=|<|>)/.test(specifier)) {
    return { ok: false, error: `unexpected "${truncate(versionPart)}" after the name "${name}"` };
  }
  if (specifier !== '' && !isValidSpecifier(specifier)) {
    return { ok: false, error: `invalid version specifier "${truncate(versionPart)}"` };
  }
  return { ok: true, value: withMarkers({ name, extras, specifier: specifier || null }, markers) };
}

function withMarkers(value: ParsedRequirement, markers: string | undefined): ParsedRequirement {
  return markers === undefined ? value : { ...value, markers };
}

/**
 * pinnedVersion is the exact version a specifier pins: `==1.2.3` or `===1.2.3`; null for a range, a
 * wildcard (`==1.*`) or several clauses.
 */
export function pinnedVersion(specifier: string | null): string | null {
  if (!specifier) return null;
  const clauses = specifier.split(',').map((c) => c.trim());
  if (clauses.length !== 1) return null;
  const match = /^(===?)\s*([^\s*]+)$/.exec(clauses[0] ?? '');
  return match?.[2] ?? null;
}

const VCS_PREFIX = /^(git|hg|svn|bzr)\+/i;

/** sourceOfUrl classifies a direct reference: a VCS checkout, a local path, or a plain URL. */
export function sourceOfUrl(url: string, editable = false): DependencySource {
  if (VCS_PREFIX.test(url)) {
    // pip: git+https://host/repo.git@ref#egg=name — the ref follows the last '@' of the path part.
    const withoutFragment = url.split('#')[0] ?? url;
    const afterScheme = withoutFragment.replace(/^[a-z+]+:\/\//i, '');
    const at = afterScheme.lastIndexOf('@');
    const slash = afterScheme.indexOf('/');
    const ref = at > slash && slash >= 0 ? afterScheme.slice(at + 1) : undefined;
    return ref ? { type: 'vcs', url, ref } : { type: 'vcs', url };
  }
  if (/^file:/i.test(url) || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    return editable ? { type: 'path', url, editable } : { type: 'path', url };
  }
  return { type: 'url', url };
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
