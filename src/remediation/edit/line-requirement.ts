/**
 * Rewriting a PEP 508 requirement found on one physical line of a plain-text format (setup.cfg values,
 * setup.py string literals), given the offsets where a requirement may start on that line.
 */
import type { Requirement } from '../../manifests/types.js';
import type { Located, NormalizedEdit } from './engine.js';
import { scanRequirementAt, type Pep508Span, type StopRule } from './pep508-text.js';
import { rewriteConstraint } from './rewrite.js';
import type { TextLines } from './text.js';

/**
 * locateOnLine tries each candidate start on the declaration's first line, keeps the requirements of the
 * edited package it finds (the `occurrence`-th is this declaration), and rewrites its specifier.
 */
export function locateOnLine(
  lines: TextLines,
  requirement: Requirement,
  edit: NormalizedEdit,
  occurrence: number,
  candidates: readonly number[],
  stop: StopRule,
): Located {
  const line = requirement.lines.start;
  const text = lines.line(line);
  const spans: Pep508Span[] = [];
  let url = false;
  for (const at of candidates) {
    const found = scanRequirementAt(text, at, text.length, edit.package, stop);
    if (found.kind === 'url') url = true;
    if (found.kind !== 'found' || spans.some((span) => span.nameStart === found.span.nameStart)) continue;
    spans.push(found.span);
  }
  const span = spans[occurrence];
  if (!span) {
    const message = url ? 'a URL requirement; left untouched' : `the requirement was not found on line ${line} (split across lines?); edit it by hand`;
    return { kind: 'problem', line, message };
  }
  const written = text.slice(span.regionStart, span.regionEnd);
  if (span.stoppedBy === 'backslash') {
    const continued = written.trim() === '' || requirement.lines.end > line;
    if (continued || stop.quotes) {
      return { kind: 'problem', line, message: 'the requirement goes on after a backslash (a continuation or an escape); edit it by hand' };
    }
  }
  const rewrite = rewriteConstraint(written, edit.to, 'pep440');
  if (rewrite.kind === 'problem') return { kind: 'problem', line, message: rewrite.message };
  if (rewrite.kind === 'unchanged') return { kind: 'unchanged', line, reason: rewrite.reason };
  const base = lines.startOf(line);
  return {
    kind: 'change',
    line,
    replacements: [{ from: base + span.regionStart, to: base + span.regionEnd, text: rewrite.text }],
    from: written.trim(),
    to: rewrite.text.trim(),
    expected: rewrite.text,
    breaking: rewrite.breaking,
    notes: rewrite.notes,
  };
}
