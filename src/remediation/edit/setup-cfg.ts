/**
 * The setup.cfg editor (setuptools' declarative configuration,
 * https://setuptools.pypa.io/en/latest/userguide/declarative_config.html): `install_requires`,
 * `tests_require`, `setup_requires` and `[options.extras_require]` values, one requirement per line
 * (multi-line values) or `;`-separated on the option's own line. The specifier of the requirement on
 * its recorded line is rewritten; the option key, indentation, ` #` comments and markers stay.
 */
import { parseSetupCfg } from '../../manifests/setup-cfg/index.js';
import type { Manifest } from '../../manifests/types.js';
import { finishEdits, planEdits } from './engine.js';
import { locateOnLine } from './line-requirement.js';
import { isBlank, TextLines } from './text.js';
import type { EditResult, ManifestEdit } from './types.js';

/** editSetupCfg applies edits to a setup.cfg. */
export function editSetupCfg(manifest: Manifest, text: string, edits: readonly ManifestEdit[]): EditResult {
  const lines = new TextLines(text, 'lf');
  const planned = planEdits(manifest, edits, (requirement, edit, occurrence) =>
    locateOnLine(lines, requirement, edit, occurrence, candidateStarts(lines.line(requirement.lines.start)), {}),
  );
  return finishEdits(text, lines, planned, manifest, (content) => parseSetupCfg({ path: manifest.path, content }));
}

/**
 * candidateStarts are where a requirement may start on a setup.cfg line: its first non-blank character
 * (a continuation line), just after the first `=` or `:` (the option's own line, as configparser splits
 * it), and after each `;` (a one-line value, which setuptools splits at `;`).
 */
function candidateStarts(text: string): number[] {
  let first = 0;
  while (first < text.length && isBlank(text[first])) first++;
  const starts = [first];
  const delimiter = text.search(/[=:]/);
  if (delimiter >= 0) starts.push(delimiter + 1);
  for (let at = text.indexOf(';'); at >= 0; at = text.indexOf(';', at + 1)) starts.push(at + 1);
  return starts;
}
