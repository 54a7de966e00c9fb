/**
 * Refreshing the `--hash` options of a requirements-file declaration with the new version's digests,
 * in the layout the file already uses (https://pip.pypa.io/en/stable/topics/secure-installs/#hash-checking-mode):
 *
 * - one option per continuation line, as pip-compile writes them: the same indentation, the same
 *   `--hash=` or `--hash ` spelling, the same ` \` continuation, the same line ending; the last line keeps
 *   whatever followed its option (nothing, or a ` \` when more options follow);
 * - all options on one line: replaced in place, separated as they were.
 *
 * Sorted hashes (pip-compile sorts them) stay sorted; otherwise the digests keep the order given. Any
 * other layout is refused: leaving stale hashes behind would make `pip install --require-hashes` fail.
 */
import { commentStart } from '../../manifests/requirements/logical-lines.js';
import type { LineRange } from '../../manifests/types.js';
import type { Replacement, TextLines } from './text.js';

/** HashOption is one `--hash` option found in a declaration, with offsets into the whole text. */
export interface HashOption {
  line: number;
  /** Offset of `--hash`. */
  start: number;
  /** Offset just after the value. */
  end: number;
  /** What joins `--hash` and its value: `=` or blanks. */
  joiner: string;
  /** `algorithm:hex`. */
  value: string;
}

const HASH_OPTION = /(^|[ \t])--hash(=|[ \t]+)([^\s\\]+)/g;
const SHA256 = /^[0-9a-fA-F]{64}$/;

/** findHashOptions lists the `--hash` options on a declaration's physical lines (comments excluded). */
export function findHashOptions(lines: TextLines, range: LineRange): HashOption[] {
  const found: HashOption[] = [];
  for (let number = range.start; number <= range.end; number++) {
    const text = lines.line(number);
    const comment = commentStart(text);
    const code = comment < 0 ? text : text.slice(0, comment);
    const base = lines.startOf(number);
    for (const match of code.matchAll(HASH_OPTION)) {
      const start = match.index + (match[1] ?? '').length;
      found.push({
        line: number,
        start: base + start,
        end: base + match.index + match[0].length,
        joiner: match[2] ?? '=',
        value: match[3] ?? '',
      });
    }
  }
  return found;
}

/** HashRewrite is the replacement that refreshes the options, or why it cannot be made. */
export type HashRewrite = { ok: true; replacement: Replacement; hashes: string[] } | { ok: false; message: string };

/** rewriteHashes replaces `options` (all of a declaration's) with one option per digest. */
export function rewriteHashes(lines: TextLines, options: HashOption[], digests: readonly string[], specLine: number): HashRewrite {
  const unique = [...new Set(digests.map((digest) => digest.toLowerCase()))];
  if (unique.length === 0) return { ok: false, message: 'no sha256 digests were given for the new version' };
  const invalid = unique.find((digest) => !SHA256.test(digest));
  if (invalid !== undefined) return { ok: false, message: `"${invalid.slice(0, 80)}" is not a sha256 hex digest` };
  const values = options.map((option) => option.value);
  const sorted = values.length > 1 && values.every((value, i) => i === 0 || (values[i - 1] ?? '') <= value);
  const hashes = unique.map((digest) => `sha256:${digest}`);
  if (sorted) hashes.sort();
  const first = options[0];
  const last = options[options.length - 1];
  if (!first || !last) return { ok: false, message: 'no --hash options to refresh' };
  const option = (hash: string): string => `--hash${first.joiner}${hash}`;

  const oneLine = options.every((o) => o.line === first.line) && (first.line === specLine || options.length > 1);
  if (oneLine && between(lines, options).every((gap) => /^[ \t]+$/.test(gap))) {
    const gap = between(lines, options)[0] ?? ' ';
    return { ok: true, replacement: { from: first.start, to: last.end, text: hashes.map(option).join(gap) }, hashes };
  }

  if (!onePerLine(lines, options, specLine)) {
    return { ok: false, message: 'the --hash options are laid out in a way this editor does not rewrite; refresh them by hand' };
  }
  const firstStart = lines.startOf(first.line);
  const indent = lines.text.slice(firstStart, first.start);
  const lastTail = lines.text.slice(last.end, lines.endOf(last.line));
  const continuation =
    options.length > 1
      ? lines.text.slice(first.end, lines.endOf(first.line))
      : (/[ \t]*\\$/.exec(lines.line(specLine))?.[0] ?? ' \\');
  const ending = lines.ending(first.line) || lines.dominantEnding();
  const text = hashes
    .map((hash, i) => `${indent}${option(hash)}${i < hashes.length - 1 ? continuation : lastTail}`)
    .join(ending);
  return { ok: true, replacement: { from: firstStart, to: lines.endOf(last.line), text }, hashes };
}

function between(lines: TextLines, options: HashOption[]): string[] {
  return options.slice(1).map((option, i) => lines.text.slice(options[i]?.end ?? 0, option.start));
}

/**
 * onePerLine tells whether each option has a continuation line of its own (nothing else on it but
 * blanks and a trailing backslash), on consecutive lines after the requirement's line.
 */
function onePerLine(lines: TextLines, options: HashOption[], specLine: number): boolean {
  return options.every((option, i) => {
    if (option.line <= specLine || (i > 0 && option.line !== (options[i - 1]?.line ?? 0) + 1)) return false;
    const before = lines.text.slice(lines.startOf(option.line), option.start);
    const after = lines.text.slice(option.end, lines.endOf(option.line));
    const isLast = i === options.length - 1;
    return /^[ \t]*$/.test(before) && (isLast ? /^[ \t]*(\\|#.*)?$/.test(after) : /^[ \t]*\\$/.test(after));
  });
}
