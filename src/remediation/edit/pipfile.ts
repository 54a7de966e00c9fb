/**
 * The Pipfile editor (https://pipenv.pypa.io/en/latest/pipfile.html): `django = "==4.2.5"`, the table
 * form `django = {version = "==4.2.5", extras = […]}` and `[packages.django]` sub-tables. The version
 * string is a PEP 440 specifier, rewritten in place (quotes kept). `"*"` is left alone: Pipfile.lock
 * carries the installed version, and the lock is what remediation moves.
 */
import { parsePipfile } from '../../manifests/pipfile/index.js';
import type { Manifest } from '../../manifests/types.js';
import { finishEdits, planEdits } from './engine.js';
import { rewriteConstraint } from './rewrite.js';
import { TextLines } from './text.js';
import { entryVersionString } from './toml-entry.js';
import { tomlTokens } from './toml-tokens.js';
import type { EditResult, ManifestEdit } from './types.js';

/** editPipfile applies edits to a Pipfile. */
export function editPipfile(manifest: Manifest, text: string, edits: readonly ManifestEdit[]): EditResult {
  const lines = new TextLines(text, 'lf');
  const planned = planEdits(manifest, edits, (requirement, edit, occurrence) => {
    const tokens = tomlTokens(text, lines.startOf(requirement.lines.start), lines.endOf(requirement.lines.end));
    const found = entryVersionString(tokens, edit.package, occurrence);
    if (!found.ok) return { kind: 'problem', line: requirement.lines.start, message: 'unpinned in Pipfile: the lock carries the version' };
    const { token } = found;
    const line = lines.lineAt(token.contentStart);
    const written = token.text;
    if (written.includes('\\')) return { kind: 'problem', line, message: 'the version string holds an escape sequence; edit it by hand' };
    if (written.trim() === '' || written.trim() === '*') {
      return { kind: 'problem', line, message: 'unpinned in Pipfile: the lock carries the version' };
    }
    const rewrite = rewriteConstraint(written, edit.to, 'pep440');
    if (rewrite.kind === 'problem') return { kind: 'problem', line, message: rewrite.message };
    if (rewrite.kind === 'unchanged') return { kind: 'unchanged', line, reason: rewrite.reason };
    return {
      kind: 'change',
      line,
      replacements: [{ from: token.contentStart, to: token.contentEnd, text: rewrite.text }],
      from: written.trim(),
      to: rewrite.text.trim(),
      expected: rewrite.text,
      breaking: rewrite.breaking,
      notes: rewrite.notes,
    };
  });
  return finishEdits(text, lines, planned, manifest, (content) => parsePipfile({ path: manifest.path, content }));
}
