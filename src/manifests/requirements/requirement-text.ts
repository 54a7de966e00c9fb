/**
 * Reading the requirement part of a requirements-file line (what pip's `break_args_options` leaves
 * before the options) or the value of `-e`: a PEP 508 specifier, `name @ url`, a bare URL, or a local
 * path. The result is the package's fields, a skip (a local project or URL whose name cannot be known
 * without building it), or an error message.
 *
 * Forms, per https://pip.pypa.io/en/stable/reference/requirements-file-format/#structure and
 * pip/_internal/req/constructors.py:
 * - `name[extras] specifier ; markers` (PEP 508; https://peps.python.org/pep-0508/);
 * - `name[extras] @ url ; markers` (PEP 508 direct reference; PEP 440 "direct references");
 * - a URL: VCS (`git+https://…@ref#egg=name`), archive (`https://…/pkg-1.0.tar.gz`), `file:`;
 *   markers follow `; ` (pip needs the space for URLs, since `;` may occur in them);
 * - a path: `./dir`, `../pkg-1.0.tar.gz`, `pkg-1.0-py3-none-any.whl`, with optional `[extras]`.
 */
import { isValidVersion } from '../../pep440/index.js';
import { isValidPackageName, normalizePackageName, parsePep508 } from '../pep508.js';
import type { DependencySource } from '../types.js';
import {
  eggFragment,
  fileNameOf,
  fragmentHashes,
  isUrl,
  isVcsUrl,
  isWheelFileName,
  looksLikePath,
  sdistFileName,
  sourceOfReference,
  splitTrailingExtras,
  wheelFileName,
} from './direct-reference.js';
import { display } from './display.js';

/** PackageFields are what the requirement text says about the package. */
export interface PackageFields {
  name: string;
  specifier: string | null;
  writtenSpecifier?: string;
  version: string | null;
  extras: string[];
  markers?: string;
  /** Absent for a registry requirement. */
  source?: DependencySource;
  /** Digests carried by the URL itself (`#sha256=…`). */
  hashes: string[];
}

/** TextOutcome is a package, a deliberate skip with its reason, or an error. */
export type TextOutcome =
  | { kind: 'package'; fields: PackageFields }
  | { kind: 'skipped'; reason: string }
  | { kind: 'error'; message: string };

/**
 * MAX_REQUIREMENT_LENGTH bounds the requirement part of a line. Real ones (URLs included) are far
 * shorter; the bound keeps a hostile megabyte-long line from reaching the PEP 440 library, whose
 * specifier check grows faster than linearly with the number of clauses.
 */
export const MAX_REQUIREMENT_LENGTH = 10_000;

// pip's ENV_VAR_RE: `${NAME}` with uppercase letters, digits and `_` is expanded from the environment.
const PLACEHOLDER = /\$\{[A-Z0-9_]+\}/g;
const HAS_PLACEHOLDER = /\$\{[A-Z0-9_]+\}/;
// PEP 508 `name [extras] @` opens a direct reference (checked before paths: `name @ ./x.tar.gz`).
const NAME_AT = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?[ \t]*(?:\[[^\]]*\][ \t]*)?@/;
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;

const LOCAL_PROJECT = 'local project without a name; not audited';

/** readRequirementText reads a non-editable requirement (the part of a line before its options). */
export function readRequirementText(text: string): TextOutcome {
  if (text.length > MAX_REQUIREMENT_LENGTH) {
    return { kind: 'error', message: `requirement is too long (${text.length} characters); not read` };
  }
  if (isUrl(text)) return readReference(text, true);
  if (!NAME_AT.test(text)) {
    const beforeMarkers = (text.split(';')[0] ?? '').trim();
    if (looksLikePath(beforeMarkers)) return readReference(text, false);
  }
  return readSpecifier(text);
}

/**
 * readEditableText reads the value of `-e`/`--editable`, as pip's `parse_editable`: a VCS URL (named by
 * `#egg=`), a `file:` URL, or a local project path. Paths name no package pip can tell without
 * building it, so they are skipped; a VCS URL without `#egg=` is an error, as it is for pip.
 */
export function readEditableText(value: string): TextOutcome {
  const text = value.trim();
  if (text.length > MAX_REQUIREMENT_LENGTH) {
    return { kind: 'error', message: `requirement is too long (${text.length} characters); not read` };
  }
  // pip turns `git:…`, `hg:…`, `svn:…`, `bzr:…` into `vcs+vcs:…`.
  const vcs = isVcsUrl(text) || /^(hg|bzr):/i.test(text);
  if (/^file:/i.test(text) || vcs) {
    const egg = eggFragment(text);
    if (egg === null || egg === '') {
      if (!vcs) return { kind: 'skipped', reason: LOCAL_PROJECT };
      return {
        kind: 'error',
        message: `cannot tell the project name of editable "${display(text)}": add #egg=name (pip requires it)`,
      };
    }
    const named = nameFromEgg(egg);
    if ('error' in named) return { kind: 'error', message: named.error };
    return {
      kind: 'package',
      fields: {
        name: named.name,
        specifier: null,
        version: null,
        extras: named.extras,
        source: sourceOfReference(text, true),
        hashes: fragmentHashes(text),
      },
    };
  }
  if (isUrl(text)) {
    return {
      kind: 'error',
      message: `"${display(text)}" is not a valid editable requirement: use a local project path or a VCS URL (git+https://…)`,
    };
  }
  return { kind: 'skipped', reason: LOCAL_PROJECT };
}

/** readSpecifier reads PEP 508 text, keeping `${VAR}` placeholders of the version as written. */
function readSpecifier(text: string): TextOutcome {
  const parsed = parsePep508(text);
  if (parsed.ok) {
    const { name, extras, specifier, url, markers } = parsed.value;
    if (url !== undefined) return fromNamedReference(name, extras, url, markers);
    return {
      kind: 'package',
      fields: withMarkers({ name, specifier, version: null, extras, hashes: [] }, markers),
    };
  }
  if (HAS_PLACEHOLDER.test(text)) {
    const placeholder = readWithPlaceholder(text);
    if (placeholder) return placeholder;
  }
  const reason = NAME.test(text) ? parsed.error : 'it does not start with a package name';
  return { kind: 'error', message: `invalid requirement "${display(text)}": ${reason}${operatorHint(text)}` };
}

/**
 * readWithPlaceholder handles `django==${DJANGO_VERSION}`: valid pip input (pip substitutes the
 * environment variable before parsing), but no version can be known statically. Decision: keep the
 * requirement with `writtenSpecifier` as written, `specifier` and `version` null, and no error and no
 * skip, since the package itself is known and must still be audited (by name). A placeholder in the
 * name makes the package unknowable: that is a skip.
 */
function readWithPlaceholder(text: string): TextOutcome | null {
  const nameMatch = NAME.exec(text);
  if (text.startsWith('${') || (nameMatch && text.charAt(nameMatch[0].length) === '$')) {
    return { kind: 'skipped', reason: 'the package name is an environment placeholder; not audited' };
  }
  if (!nameMatch) return null;
  for (const stand of ['0', '0.0']) {
    const parsed = parsePep508(text.replace(PLACEHOLDER, stand));
    if (!parsed.ok || parsed.value.url !== undefined) continue;
    const { name, extras } = parsed.value;
    const semicolon = text.indexOf(';');
    const markers = semicolon < 0 ? undefined : text.slice(semicolon + 1).trim();
    let written = (semicolon < 0 ? text : text.slice(0, semicolon)).slice(name.length).trim();
    if (written.startsWith('[')) written = written.slice(written.indexOf(']') + 1).trim();
    if (written.startsWith('(') && written.endsWith(')')) written = written.slice(1, -1).trim();
    const fields: PackageFields = { name, specifier: null, version: null, extras, hashes: [] };
    if (written !== '') fields.writtenSpecifier = written;
    return { kind: 'package', fields: withMarkers(fields, markers) };
  }
  return null;
}

/** fromNamedReference is `name[extras] @ url`: the name is given; the version, if the file name says it. */
function fromNamedReference(name: string, extras: string[], url: string, markers: string | undefined): TextOutcome {
  const fileName = isVcsUrl(url) ? null : fileNameOf(url);
  const fromFile = fileName ? (wheelFileName(fileName) ?? sdistFileName(fileName)) : null;
  const version =
    fromFile && normalizePackageName(fromFile.name) === normalizePackageName(name) && isValidVersion(fromFile.version)
      ? fromFile.version
      : null;
  const fields: PackageFields = {
    name,
    specifier: null,
    version,
    extras,
    source: sourceOfReference(url, false),
    hashes: isUrl(url) ? fragmentHashes(url) : [],
  };
  return { kind: 'package', fields: withMarkers(fields, markers) };
}

/**
 * readReference reads a bare URL or path. Its name comes from a wheel file name, else `#egg=`, else an
 * sdist file name (whose version is then recorded too); without one it is skipped, as pip would have
 * to build it to learn its name.
 */
function readReference(text: string, url: boolean): TextOutcome {
  // pip splits markers off a URL at "; " (a bare ";" may be part of the URL), off a path at ";".
  const separator = url ? '; ' : ';';
  const at = text.indexOf(separator);
  const markers = at < 0 ? undefined : text.slice(at + separator.length).trim();
  let reference = (at < 0 ? text : text.slice(0, at)).trim();
  let extras: string[] = [];
  if (!url) ({ reference, extras } = splitTrailingExtras(reference));
  for (const extra of extras) {
    if (!isValidPackageName(extra)) return { kind: 'error', message: `invalid extra "${display(extra)}" in "${display(text)}"` };
  }

  const vcs = url && isVcsUrl(reference);
  const fileName = vcs ? '' : fileNameOf(reference);
  const egg = url ? eggFragment(reference) : null;
  let name: string | null = null;
  let version: string | null = null;

  if (isWheelFileName(fileName)) {
    const wheel = wheelFileName(fileName);
    if (!wheel || !isValidPackageName(wheel.name) || !isValidVersion(wheel.version)) {
      return { kind: 'error', message: `"${display(fileName)}" is not a valid wheel file name` };
    }
    ({ name, version } = wheel);
  } else if (egg !== null && egg !== '') {
    const named = nameFromEgg(egg);
    if ('error' in named) return { kind: 'error', message: named.error };
    name = named.name;
    extras = [...extras, ...named.extras];
    const sdist = sdistFileName(fileName);
    if (sdist && normalizePackageName(sdist.name) === normalizePackageName(name) && isValidVersion(sdist.version)) {
      version = sdist.version;
    }
  } else {
    const sdist = sdistFileName(fileName);
    if (sdist && isValidPackageName(sdist.name) && isValidVersion(sdist.version)) ({ name, version } = sdist);
  }

  if (name === null) {
    const reason = !url
      ? LOCAL_PROJECT
      : vcs
        ? 'VCS URL without #egg=name; the package name is unknown, not audited'
        : 'URL without #egg=name or a distribution file name; the package name is unknown, not audited';
    return { kind: 'skipped', reason };
  }
  const fields: PackageFields = {
    name,
    specifier: null,
    version,
    extras,
    source: sourceOfReference(reference, false),
    hashes: url ? fragmentHashes(reference) : [],
  };
  return { kind: 'package', fields: withMarkers(fields, markers) };
}

/** nameFromEgg reads an `#egg=` value: a project name, optionally with `[extras]`. */
function nameFromEgg(egg: string): { name: string; extras: string[] } | { error: string } {
  const { reference: name, extras } = splitTrailingExtras(egg.trim());
  if (!isValidPackageName(name) || !extras.every(isValidPackageName)) {
    return { error: `invalid #egg= fragment "${display(egg)}": expected a project name` };
  }
  return { name, extras };
}

function withMarkers(fields: PackageFields, markers: string | undefined): PackageFields {
  return markers ? { ...fields, markers } : fields;
}

/** operatorHint adds a hint for two common slips: `name=1.0`, and spaces after a continuation backslash. */
function operatorHint(text: string): string {
  if (text.endsWith('\\')) return ' (a continuation backslash must be the last character of its line)';
  return /^[A-Za-z0-9._-]+\s*(?:\[[^\]]*\])?\s*=[^=]/.test(text) ? ' (did you mean "=="?)' : '';
}
