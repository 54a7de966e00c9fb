/**
 * addConstraint pins a vulnerable TRANSITIVE dependency where the project has no lock file to move it:
 * a line the installer honours without the project depending on the package directly.
 *
 * Supported:
 * - requirements and constraints files (`kind: 'requirements'`): a line `name==version` is appended,
 *   with the comment `# pipwarden: pinned to fix <ids> (transitive via <parent>)` at its end. In a
 *   hash-checking file (any `--hash` present, https://pip.pypa.io/en/stable/topics/secure-installs/) the
 *   pin gets one `--hash` continuation line per digest, and the comment goes on its own line above it
 *   (a comment before a continuation backslash would swallow the hashes: pip cuts comments after joining
 *   lines).
 * - pyproject.toml with a `[tool.uv]` table (`kind: 'pyproject-uv'`, or any pyproject kind whose file
 *   has one): an item in `constraint-dependencies` (https://docs.astral.sh/uv/reference/settings/#constraint-dependencies),
 *   added to the existing array in its layout, or a new key at the end of `[tool.uv]`.
 * Not supported (a problem says so): Poetry (no constraint mechanism outside its lock), PDM (overrides
 * act at lock time: its lock is the place), Pipfile (pipenv has no constraints; Pipfile.lock is the
 * place), setup.py and setup.cfg (constraints there would publish a direct dependency), lock files,
 * conda environments, and pyproject.toml without `[tool.uv]` (pip ignores uv's settings).
 */
import { isValidPackageName, normalizePackageName } from '../../manifests/pep508.js';
import { parsePyproject } from '../../manifests/pyproject/index.js';
import { parseRequirementsFile } from '../../manifests/requirements/index.js';
import { TomlLocator } from '../../manifests/toml-lines.js';
import type { Manifest, ManifestKind } from '../../manifests/types.js';
import { isValidVersion } from '../../pep440/index.js';
import { findHashOptions } from './hashes.js';
import { TextLines, applyReplacements, type Replacement } from './text.js';
import type { EditResult } from './types.js';

/** ConstraintReason says why the pin is added, for its comment, and gives digests for hash-checking files. */
export interface ConstraintReason {
  /** Advisory ids the pin fixes. */
  ids: string[];
  /** The direct dependency that brings the package in. */
  via?: string;
  /** sha256 hex digests of the version's files, for hash-checking requirements files. */
  digests?: string[];
}

/** addConstraint appends a pin of `package` at `version` to a file of kind `kind`. */
export function addConstraint(
  text: string,
  packageName: string,
  version: string,
  kind: ManifestKind,
  reason: ConstraintReason = { ids: [] },
): EditResult {
  const name = normalizePackageName(packageName);
  const refuse = (message: string): EditResult => ({ content: text, applied: [], problems: [{ package: name, message }], unchanged: [] });
  if (!isValidPackageName(packageName)) return refuse(`"${packageName.slice(0, 80)}" is not a package name`);
  if (!isValidVersion(version)) return refuse(`"${version.slice(0, 80)}" is not a PEP 440 version`);
  const comment = `# pipwarden: pinned to fix ${reason.ids.length > 0 ? reason.ids.join(', ') : 'a vulnerability'}${
    reason.via ? ` (transitive via ${reason.via})` : ''
  }`;
  if (kind === 'requirements') return addToRequirements(text, name, version, comment, reason, refuse);
  if (kind.startsWith('pyproject-')) {
    const locator = new TomlLocator(text);
    if (kind === 'pyproject-uv' || locator.table(['tool', 'uv'])) return addToUv(text, locator, name, version, comment, refuse);
    return refuse('pyproject.toml has no [tool.uv] table: only uv reads constraint-dependencies; pin it in a requirements or constraints file');
  }
  return refuse(`${kind} files have no place for a constraint on a transitive dependency; its lock file is where it is fixed`);
}

type Refuse = (message: string) => EditResult;

function addToRequirements(
  text: string,
  name: string,
  version: string,
  comment: string,
  reason: ConstraintReason,
  refuse: Refuse,
): EditResult {
  const path = 'constraints.txt';
  const before = parseRequirementsFile({ path, content: text });
  const existing = before.requirements.find((r) => r.normalizedName === name);
  if (existing) return refuse(`${name} is already declared on line ${existing.lines.start}: edit that declaration instead`);
  const lines = new TextLines(text, 'any');
  const last = lines.line(lines.count);
  // The last line with text: the empty line after a final line break does not count.
  const lastText = last === '' && lines.count > 1 ? lines.line(lines.count - 1) : last;
  if (lastText.endsWith('\\')) return refuse('the file ends with a continuation backslash; the pin cannot be appended safely');
  const ending = lines.dominantEnding();
  const hashes = findHashOptions(lines, { start: 1, end: lines.count });
  let block: string[];
  if (hashes.length > 0) {
    const digests = [...new Set((reason.digests ?? []).map((digest) => digest.toLowerCase()))];
    if (digests.length === 0) return refuse('the file checks hashes (--hash): the sha256 digests of the pinned version are needed');
    if (digests.some((digest) => !/^[0-9a-f]{64}$/.test(digest))) return refuse('a digest is not sha256 hex');
    const first = hashes[0];
    const indentation = first ? /^[ \t]*/.exec(lines.line(first.line))?.[0] || '    ' : '    ';
    const joiner = first?.joiner ?? '=';
    block = [
      comment,
      `${name}==${version} \\`,
      ...digests.sort().map((digest, i) => `${indentation}--hash${joiner}sha256:${digest}${i < digests.length - 1 ? ' \\' : ''}`),
    ];
  } else {
    block = [`${name}==${version}  ${comment}`];
  }
  const separator = text === '' || last === '' ? '' : ending;
  const added = separator + block.join(ending) + ending;
  const content = text + added;
  const pinLine = (last === '' ? lines.count : lines.count + 1) + (hashes.length > 0 ? 1 : 0);
  const after = parseRequirementsFile({ path, content });
  const pinned = after.requirements.find((r) => r.normalizedName === name);
  if (!pinned || pinned.version !== version || after.errors.length > before.errors.length) {
    return refuse('the appended pin did not re-parse as intended; not added');
  }
  return applied(content, name, version, pinLine, block[hashes.length > 0 ? 1 : 0] ?? '');
}

function addToUv(text: string, locator: TomlLocator, name: string, version: string, comment: string, refuse: Refuse): EditResult {
  const lines = new TextLines(text, 'lf');
  const key = locator.key(['tool', 'uv'], ['constraint-dependencies']);
  const section = locator.table(['tool', 'uv']);
  const ending = lines.dominantEnding();
  const replacements: Replacement[] = [];
  let pinLine: number;
  if (key) {
    const items = key.value.items;
    if (!items) return refuse('[tool.uv] constraint-dependencies is not an array');
    const lastItem = items[items.length - 1];
    const quote = quoteOf(lastItem ? lines.line(lastItem.lines.start) : '') ;
    const item = `${quote}${name}==${version}${quote}`;
    if (key.value.lines.start === key.value.lines.end) {
      // One line: `constraint-dependencies = ["a==1"]` gets `, "name==version"` before its `]`.
      const line = key.value.lines.start;
      const lineText = lines.line(line);
      const close = lineText.lastIndexOf(']');
      if (close < 0) return refuse('cannot find the end of [tool.uv] constraint-dependencies');
      const base = lines.startOf(line);
      const inside = lineText.slice(0, close).trimEnd();
      const joiner = items.length === 0 ? '' : inside.endsWith(',') ? ' ' : ', ';
      replacements.push({ from: base + inside.length, to: base + inside.length, text: `${joiner}${item}` });
      if (!lineText.slice(close).includes('#')) replacements.push({ from: lines.endOf(line), to: lines.endOf(line), text: `  ${comment}` });
      pinLine = line;
    } else {
      const closeLine = key.value.lines.end;
      const anchor = lastItem ? lastItem.lines.end : key.value.lines.start;
      const anchorText = lines.line(anchor);
      const indentation = lastItem ? (/^[ \t]*/.exec(lines.line(lastItem.lines.start))?.[0] ?? '    ') : '    ';
      if (lastItem && anchor !== closeLine) {
        const code = stripComment(anchorText);
        const trailingComma = code.trimEnd().endsWith(',');
        if (!trailingComma) {
          const at = lines.startOf(anchor) + code.trimEnd().length;
          replacements.push({ from: at, to: at, text: ',' });
        }
        replacements.push({ from: lines.endOf(anchor), to: lines.endOf(anchor), text: `${ending}${indentation}${item},  ${comment}` });
        pinLine = anchor + 1;
      } else if (!lastItem) {
        replacements.push({ from: lines.endOf(anchor), to: lines.endOf(anchor), text: `${ending}${indentation}${item},  ${comment}` });
        pinLine = anchor + 1;
      } else {
        return refuse('[tool.uv] constraint-dependencies ends on the line of its last item; add the pin by hand');
      }
    }
  } else if (section) {
    let end = section.header;
    for (const span of section.keys.values()) end = Math.max(end, span.lines.end);
    const block = ['constraint-dependencies = [', `    "${name}==${version}",  ${comment}`, ']'].join(ending);
    replacements.push({ from: lines.endOf(end), to: lines.endOf(end), text: `${ending}${block}` });
    pinLine = end + 2;
  } else {
    return refuse('[tool.uv] is not written as a table of its own; add the constraint by hand');
  }
  const content = applyReplacements(text, replacements);
  if (content === null) return refuse('the constraint could not be inserted');
  const before = parsePyproject({ path: 'pyproject.toml', content: text });
  const after = parsePyproject({ path: 'pyproject.toml', content });
  if (!pinnedIn(after, before, name, version)) return refuse('the added constraint did not re-parse as intended; not added');
  return applied(content, name, version, pinLine, new TextLines(content, 'lf').line(pinLine));
}

function pinnedIn(after: Manifest, before: Manifest, name: string, version: string): boolean {
  if (after.errors.length > before.errors.length || after.requirements.length !== before.requirements.length + 1) return false;
  return after.requirements.some((r) => r.normalizedName === name && r.constraintOnly === true && r.version === version);
}

function quoteOf(line: string): string {
  const match = /["']/.exec(line);
  return match?.[0] ?? '"';
}

function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') return line.slice(0, i);
  }
  return line;
}

function applied(content: string, name: string, version: string, line: number, after: string): EditResult {
  return {
    content,
    applied: [{ package: name, line, before: '', after, from: '', to: `==${version}`, breaking: false, notes: ['constraint added'] }],
    problems: [],
    unchanged: [],
  };
}
