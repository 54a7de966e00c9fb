/**
 * readLogicalLine handles one logical line of a requirements file: it splits the requirement from
 * its options as pip's `break_args_options` does (the requirement is everything before the first
 * whitespace-separated token starting with `-`; only the options are shell-split, so markers keep
 * their quotes), reads the options, and records a requirement, a skip, includes, index options or
 * problems.
 *
 * pip applies options by line kind (pip/_internal/req/req_file.py `handle_line`): on a requirement
 * line only per-requirement options count (`--hash`, `--config-settings`, `--global-option`); on an
 * `-e` line only `--config-settings`; on any other line only global options. pip silently ignores the
 * rest; here each ignored option is a problem, because an ignored `--hash` or `-r` changes what gets
 * installed without anyone noticing.
 */
import { makeRequirement } from '../requirement.js';
import type { IncludeDirective, IndexOption, LineRange, Requirement, SkippedEntry } from '../types.js';
import { display } from './display.js';
import type { LogicalLine } from './logical-lines.js';
import { hashOptionError, readOptions, type ParsedOption } from './options.js';
import { readEditableText, readRequirementText, type TextOutcome } from './requirement-text.js';
import { shellSplit } from './shell-split.js';

/** LineSink is where a line's findings go; the file parser owns it. */
export interface LineSink {
  groups: string[];
  requirements: Requirement[];
  includes: IncludeDirective[];
  indexes: IndexOption[];
  skipped: SkippedEntry[];
  problem(message: string, line: number): void;
}

const INDEX_OPTIONS: ReadonlySet<string> = new Set(['index-url', 'extra-index-url', 'find-links', 'trusted-host', 'no-index']);

function isIndexOption(id: string): id is IndexOption['option'] {
  return INDEX_OPTIONS.has(id);
}

/** splitRequirementAndOptions is pip's `break_args_options`, splitting on any whitespace rather than spaces only. */
export function splitRequirementAndOptions(text: string): { requirement: string; options: string } {
  const token = /\S+/g;
  for (let match = token.exec(text); match; match = token.exec(text)) {
    if (match[0].startsWith('-')) {
      return { requirement: text.slice(0, match.index).trim(), options: text.slice(match.index) };
    }
  }
  return { requirement: text.trim(), options: '' };
}

/** readLogicalLine records what one logical line declares into the sink. */
export function readLogicalLine(line: LogicalLine, sink: LineSink): void {
  const { requirement, options: optionText } = splitRequirementAndOptions(line.text);
  let tokens: string[] = [];
  if (optionText !== '') {
    const split = shellSplit(optionText);
    if (split.ok) tokens = split.tokens;
    else sink.problem(`cannot read the options of this line: ${split.error}`, line.start);
  }
  const read = readOptions(tokens);
  for (const error of read.errors) sink.problem(error, line.start);
  for (const leftover of read.leftovers) {
    sink.problem(`unexpected "${display(leftover)}" after the options (pip ignores it)`, line.start);
  }

  if (requirement !== '') {
    readRequirementLine(readRequirementText(requirement), requirement, read.options, false, line, sink);
    return;
  }
  const editables = read.options.filter((option) => option.spec.id === 'editable');
  const [editable, ...extraEditables] = editables;
  if (editable) {
    for (const extra of extraEditables) {
      sink.problem(`pip reads only the first -e of a line; "${display(extra.value)}" is ignored`, line.start);
    }
    const others = read.options.filter((option) => option.spec.id !== 'editable');
    readRequirementLine(readEditableText(editable.value), line.text, others, true, line, sink);
    return;
  }
  readOptionLine(read.options, line.start, sink);
}

function readRequirementLine(
  outcome: TextOutcome,
  text: string,
  options: ParsedOption[],
  editable: boolean,
  line: LogicalLine,
  sink: LineSink,
): void {
  const hashes: string[] = [];
  for (const option of options) {
    const applies = option.spec.scope === 'requirement' && (!editable || option.spec.id === 'config-settings');
    if (!applies) {
      const where = editable ? 'an editable requirement' : 'a requirement line';
      sink.problem(`option ${option.name} has no effect on ${where} (pip ignores it)`, line.start);
      continue;
    }
    const error = optionValueError(option);
    if (error) sink.problem(error, line.start);
    else if (option.spec.id === 'hash') hashes.push(option.value);
  }

  if (outcome.kind === 'error') {
    sink.problem(outcome.message, line.start);
    return;
  }
  if (outcome.kind === 'skipped') {
    sink.skipped.push({ line: line.start, text, reason: outcome.reason });
    return;
  }
  const { fields } = outcome;
  const lines: LineRange = { start: line.start, end: line.end };
  const requirement = makeRequirement({
    name: fields.name,
    specifier: fields.specifier,
    writtenSpecifier: fields.writtenSpecifier,
    // A file name's version (`pkg-1.0.tar.gz`) is kept; otherwise makeRequirement derives it from `==X`.
    version: fields.version ?? undefined,
    extras: fields.extras,
    markers: fields.markers,
    groups: sink.groups,
    source: fields.source,
    hashes: [...new Set([...hashes, ...fields.hashes])],
    lines,
  });
  sink.requirements.push(requirement);
}

function readOptionLine(options: ParsedOption[], line: number, sink: LineSink): void {
  // pip follows only the first -r (else the first -c) of a line (`_parse_and_recurse`).
  const includes = options.filter((option) => option.spec.id === 'requirement' || option.spec.id === 'constraint');
  const followed = includes.find((option) => option.spec.id === 'requirement') ?? includes[0];
  for (const option of options) {
    if (option.spec.scope === 'requirement') {
      sink.problem(
        `option ${option.name} belongs to a requirement, but this line has none (pip ignores it); ` +
          'is a trailing backslash missing on the line before?',
        line,
      );
      continue;
    }
    const id = option.spec.id;
    if (id === 'requirement' || id === 'constraint') {
      if (option === followed) sink.includes.push({ target: option.value, kind: id, line });
      else sink.problem(`pip follows only the first -r/-c of a line; "${display(option.value)}" is ignored`, line);
    } else if (isIndexOption(id)) {
      sink.indexes.push({ option: id, value: option.value, line });
    }
    // The other global options (--pre, --prefer-binary, --only-binary, --no-binary, --require-hashes,
    // --use-feature) change how pip installs, not what: accepted, nothing to record.
  }
}

/** optionValueError checks the value of a per-requirement option as pip would, or returns null. */
function optionValueError(option: ParsedOption): string | null {
  if (option.spec.id === 'hash') return hashOptionError(option.value);
  if (option.spec.id === 'config-settings' && !option.value.includes('=')) {
    return `invalid ${option.name} "${display(option.value)}": expected KEY=VALUE`;
  }
  return null;
}
