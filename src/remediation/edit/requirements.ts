/**
 * The requirements-file editor (https://pip.pypa.io/en/stable/reference/requirements-file-format/):
 * on the declaration's first physical line, only the version specifier between the name (with its
 * extras) and what follows it (`;` markers, options, a comment, a continuation backslash) is rewritten.
 * `--hash` options are refreshed with the new version's digests (./hashes.ts). `-e` and URL lines are
 * never edited. Lines are counted as pip counts them (LF, CRLF and a lone CR), so CRLF files and a
 * byte-order mark come back as they were.
 */
import { parseRequirementsFile } from '../../manifests/requirements/index.js';
import type { Manifest, Requirement } from '../../manifests/types.js';
import { finishEdits, planEdits, type Located, type NormalizedEdit } from './engine.js';
import { findHashOptions, rewriteHashes } from './hashes.js';
import { scanRequirementAt } from './pep508-text.js';
import { rewriteConstraint } from './rewrite.js';
import { TextLines } from './text.js';
import type { EditResult, ManifestEdit } from './types.js';

/** editRequirementsFile applies edits to a pip requirements (or constraints) file. */
export function editRequirementsFile(manifest: Manifest, text: string, edits: readonly ManifestEdit[]): EditResult {
  const lines = new TextLines(text, 'any');
  const planned = planEdits(manifest, edits, (requirement, edit) => locate(lines, requirement, edit));
  return finishEdits(text, lines, planned, manifest, (content) => parseRequirementsFile({ path: manifest.path, content }));
}

function locate(lines: TextLines, requirement: Requirement, edit: NormalizedEdit): Located {
  const line = requirement.lines.start;
  const text = lines.line(line);
  const found = scanRequirementAt(text, 0, text.length, edit.package, { options: true });
  if (found.kind === 'url') return { kind: 'problem', line, message: 'a URL requirement; left untouched' };
  if (found.kind === 'none') {
    return { kind: 'problem', line, message: `the requirement does not start line ${line} (split across lines?); edit it by hand` };
  }
  const { span } = found;
  if (span.stoppedBy === 'backslash' && continuesSpecifier(lines.line(line + 1)) && requirement.lines.end > line) {
    return { kind: 'problem', line, message: 'the version specifier continues on the next line; edit it by hand' };
  }
  const written = text.slice(span.regionStart, span.regionEnd);
  const rewrite = rewriteConstraint(written, edit.to, 'pep440');
  if (rewrite.kind === 'problem') return { kind: 'problem', line, message: rewrite.message };
  if (rewrite.kind === 'unchanged') return { kind: 'unchanged', line, reason: rewrite.reason };

  const base = lines.startOf(line);
  const replacements = [{ from: base + span.regionStart, to: base + span.regionEnd, text: rewrite.text }];
  const notes = [...rewrite.notes];
  const options = findHashOptions(lines, requirement.lines);
  let expectedHashes: string[] | undefined;
  if (options.length > 0) {
    if (!edit.digests || edit.digests.length === 0) {
      return {
        kind: 'problem',
        line,
        message: `the requirement carries --hash options: the sha256 digests of ${edit.package} ${edit.to} are needed to refresh them`,
      };
    }
    const hashes = rewriteHashes(lines, options, edit.digests, line);
    if (!hashes.ok) return { kind: 'problem', line, message: hashes.message };
    replacements.push(hashes.replacement);
    expectedHashes = hashes.hashes;
    notes.push(`--hash refreshed: ${options.length} → ${hashes.hashes.length}`);
  }
  return {
    kind: 'change',
    line,
    replacements,
    from: written.trim(),
    to: rewrite.text.trim(),
    expected: rewrite.text,
    ...(expectedHashes ? { expectedHashes } : {}),
    breaking: rewrite.breaking,
    notes,
  };
}

/** continuesSpecifier tells whether a continuation line goes on with version clauses (`,<2`, `==1.0`). */
function continuesSpecifier(next: string): boolean {
  return /^[ \t]*[,=!<>~(]/.test(next);
}
