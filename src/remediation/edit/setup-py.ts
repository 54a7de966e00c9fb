/**
 * The setup.py editor: requirements written as string literals in the `setup(...)` call's lists
 * (`install_requires=["django==4.2.5", 'requests>=2']`, extras, triple-quoted blocks). The file is never
 * run: the parser reads it statically (tree-sitter), and this editor rewrites the specifier inside the
 * literal on the requirement's recorded line, so the quotes, the list layout and comments stay. A
 * specifier with an escape sequence, or a requirement assembled at run time, is a problem.
 */
import { parseSetupPy } from '../../manifests/setup-py/index.js';
import type { Manifest } from '../../manifests/types.js';
import { finishEditsAsync, planEdits } from './engine.js';
import { locateOnLine } from './line-requirement.js';
import { isBlank, TextLines } from './text.js';
import type { EditResult, ManifestEdit } from './types.js';

/** editSetupPy applies edits to a setup.py (async: the Python grammar loads on first use). */
export async function editSetupPy(manifest: Manifest, text: string, edits: readonly ManifestEdit[]): Promise<EditResult> {
  const lines = new TextLines(text, 'lf');
  const planned = planEdits(manifest, edits, (requirement, edit, occurrence) =>
    locateOnLine(lines, requirement, edit, occurrence, candidateStarts(lines.line(requirement.lines.start)), { quotes: true }),
  );
  return finishEditsAsync(text, lines, planned, manifest, (content) => parseSetupPy({ path: manifest.path, content }));
}

/**
 * candidateStarts are where a requirement may start on a setup.py line: just after each quote (a
 * string literal's content) and at the first non-blank character (a line inside a triple-quoted block).
 */
function candidateStarts(text: string): number[] {
  let first = 0;
  while (first < text.length && isBlank(text[first])) first++;
  const starts = [first];
  for (let at = 0; at < text.length; at++) {
    if (text[at] === '"' || text[at] === "'") starts.push(at + 1);
  }
  return starts.sort((a, b) => a - b);
}
