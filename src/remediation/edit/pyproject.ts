/**
 * The pyproject.toml editor, for every dialect the parser reads
 * (https://packaging.python.org/en/latest/specifications/pyproject-toml/):
 *
 * - PEP 508 strings: PEP 621 `[project] dependencies` and `optional-dependencies`, PEP 735
 *   `[dependency-groups]`, PDM `[tool.pdm.dev-dependencies]`, uv `[tool.uv] dev-dependencies`,
 *   `constraint-dependencies` and `override-dependencies`, `[build-system] requires`: the specifier inside
 *   the string is rewritten (./rewrite.ts, PEP 440 rules);
 * - Poetry `[tool.poetry…]` entries, string or table form, sub-tables and multiple-constraint arrays: the
 *   constraint string is rewritten with Poetry's caret and tilde semantics;
 * - PDM `[tool.pdm.resolution.overrides]`: a bare version is replaced, a specifier rewritten.
 *
 * Only characters inside the one string at the declaration's recorded lines change: quotes (basic,
 * literal, multi-line), comments, key order and array layout stay as written. A string whose specifier
 * holds an escape sequence is refused rather than decoded and re-encoded.
 */
import { parsePyproject } from '../../manifests/pyproject/index.js';
import { TomlLocator, type TomlKeySpan } from '../../manifests/toml-lines.js';
import type { Manifest, Requirement } from '../../manifests/types.js';
import { isValidVersion, versionsEqual } from '../../pep440/index.js';
import { finishEdits, planEdits, type Located, type NormalizedEdit } from './engine.js';
import { scanRequirementAt, type Pep508Span } from './pep508-text.js';
import { rewriteConstraint } from './rewrite.js';
import { TextLines } from './text.js';
import { entryVersionString } from './toml-entry.js';
import { tomlTokens, type TomlToken } from './toml-tokens.js';
import type { EditResult, ManifestEdit } from './types.js';

/** editPyproject applies edits to a pyproject.toml. */
export function editPyproject(manifest: Manifest, text: string, edits: readonly ManifestEdit[]): EditResult {
  const lines = new TextLines(text, 'lf');
  const locator = new TomlLocator(text);
  const planned = planEdits(manifest, edits, (requirement, edit, occurrence) => {
    const tokens = tomlTokens(text, lines.startOf(requirement.lines.start), lines.endOf(requirement.lines.end));
    const style = styleAt(locator, requirement.lines.start);
    if (style === 'pep508') return locatePep508String(text, lines, tokens, requirement, edit, occurrence);
    return locateKeyEntry(lines, tokens, requirement, edit, occurrence, style);
  });
  return finishEdits(text, lines, planned, manifest, (content) => parsePyproject({ path: manifest.path, content }));
}

/** EntryStyle is how a declaration is written: a PEP 508 string, a Poetry entry, a PDM override. */
type EntryStyle = 'pep508' | 'poetry' | 'pdm-override';

/** styleAt tells how the declaration at a line is written, from the table and key that hold the line. */
function styleAt(locator: TomlLocator, line: number): EntryStyle {
  let table = locator.tables[0];
  for (const candidate of locator.tables) {
    if (candidate.header > line) break;
    table = candidate;
  }
  const path = [...(table?.path ?? []), ...keyPathAt(table?.keys, line)];
  if (path[0] === 'tool' && path[1] === 'poetry') return 'poetry';
  if (path[0] === 'tool' && path[1] === 'pdm' && path[2] === 'resolution' && path[3] === 'overrides') return 'pdm-override';
  return 'pep508';
}

function keyPathAt(keys: Map<string, TomlKeySpan> | undefined, line: number): string[] {
  for (const [key, span] of keys ?? []) {
    if (span.lines.start <= line && line <= span.lines.end) return [key, ...keyPathAt(span.value.keys, line)];
  }
  return [];
}

/** locatePep508String finds the requirement inside one of the string items on the declaration's lines. */
export function locatePep508String(
  text: string,
  lines: TextLines,
  tokens: readonly TomlToken[],
  requirement: Requirement,
  edit: NormalizedEdit,
  occurrence: number,
): Located {
  const line = requirement.lines.start;
  const spans: Pep508Span[] = [];
  let url = false;
  tokens.forEach((token, index) => {
    // A string right after `=` is a key's value (`include-group = "…"`), not a list item.
    if (token.type !== 'string' || tokens[index - 1]?.text === '=') return;
    const found = scanRequirementAt(text, token.contentStart, token.contentEnd, edit.package);
    if (found.kind === 'found') spans.push(found.span);
    else if (found.kind === 'url') url = true;
  });
  const span = spans[occurrence];
  if (!span) {
    const message = url ? 'a URL requirement; left untouched' : `the requirement string was not found on line ${line}`;
    return { kind: 'problem', line, message };
  }
  if (span.stoppedBy === 'backslash') {
    return { kind: 'problem', line, message: 'the requirement string holds an escape sequence; edit it by hand' };
  }
  const written = text.slice(span.regionStart, span.regionEnd);
  const rewrite = rewriteConstraint(written, edit.to, 'pep440');
  const at = lines.lineAt(span.regionStart);
  if (rewrite.kind === 'problem') return { kind: 'problem', line: at, message: rewrite.message };
  if (rewrite.kind === 'unchanged') return { kind: 'unchanged', line: at, reason: rewrite.reason };
  return {
    kind: 'change',
    line: at,
    replacements: [{ from: span.regionStart, to: span.regionEnd, text: rewrite.text }],
    from: written.trim(),
    to: rewrite.text.trim(),
    expected: rewrite.text,
    breaking: rewrite.breaking,
    notes: rewrite.notes,
  };
}

function locateKeyEntry(
  lines: TextLines,
  tokens: readonly TomlToken[],
  requirement: Requirement,
  edit: NormalizedEdit,
  occurrence: number,
  style: Exclude<EntryStyle, 'pep508'>,
): Located {
  const found = entryVersionString(tokens, edit.package, occurrence);
  if (!found.ok) return { kind: 'problem', line: requirement.lines.start, message: found.message };
  const { token } = found;
  const line = lines.lineAt(token.contentStart);
  const written = token.text;
  if (written.includes('\\') || written.includes('\n')) {
    return { kind: 'problem', line, message: 'the version string holds an escape sequence or a line break; edit it by hand' };
  }
  const trimmed = written.trim();
  if (trimmed === '' || trimmed === '*') {
    const where = style === 'poetry' ? '[tool.poetry]' : '[tool.pdm.resolution.overrides]';
    return { kind: 'problem', line, message: `unconstrained ("${trimmed}") in ${where}: the lock carries the version` };
  }
  if (style === 'pdm-override' && /^\d/.test(trimmed) && isValidVersion(trimmed)) {
    // PDM reads a bare override version as a pin (`==1.2.3`).
    if (versionsEqual(trimmed, edit.to)) return { kind: 'unchanged', line, reason: `already overridden to ${trimmed}` };
    const at = token.contentStart + written.indexOf(trimmed);
    return {
      kind: 'change',
      line,
      replacements: [{ from: at, to: at + trimmed.length, text: edit.to }],
      from: trimmed,
      to: edit.to,
      expected: `==${edit.to}`,
      breaking: false,
      notes: [],
    };
  }
  const rewrite = rewriteConstraint(written, edit.to, style === 'poetry' ? 'poetry' : 'pep440');
  if (rewrite.kind === 'problem') return { kind: 'problem', line, message: rewrite.message };
  if (rewrite.kind === 'unchanged') return { kind: 'unchanged', line, reason: rewrite.reason };
  return {
    kind: 'change',
    line,
    replacements: [{ from: token.contentStart, to: token.contentEnd, text: rewrite.text }],
    from: trimmed,
    to: rewrite.text.trim(),
    expected: rewrite.text,
    breaking: rewrite.breaking,
    notes: rewrite.notes,
  };
}
