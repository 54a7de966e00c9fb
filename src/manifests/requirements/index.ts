/**
 * The pip requirements-file format (`requirements.txt`, `requirements-dev.in`, `constraints.txt`…),
 * per https://pip.pypa.io/en/stable/reference/requirements-file-format/ and pip's own reader
 * (pip/_internal/req/req_file.py). The file is read as pip reads it: logical lines (continuations
 * joined, comments dropped), each a requirement with its per-requirement options, an `-e` line, or a
 * line of global options (`-r`, `-c`, index options…).
 *
 * Pure: content in, `Manifest` out; it never throws. Included files are listed, not read: the caller
 * resolves `-r`/`-c` targets and parses them with this same function.
 */
import type { Manifest, ManifestFormat, ManifestInput, Problem } from '../types.js';
import { groupOfRequirementsFile, isRequirementsFileName } from './file-names.js';
import { readLogicalLine, type LineSink } from './line-reader.js';
import { logicalLines } from './logical-lines.js';

export { groupOfRequirementsFile, isConstraintsFileName, isRequirementsFileName } from './file-names.js';

/**
 * MAX_PROBLEMS caps the problems reported for one file: a binary or wholly foreign file would
 * otherwise yield one per line. The last problem says how many more there were.
 */
export const MAX_PROBLEMS = 100;

/**
 * parseRequirementsFile reads a pip requirements file. Requirements get the group the file name
 * implies (`main`, `dev`, `test`…), `source.url` set to the file's `--index-url` for registry
 * requirements (the last one wins, as in pip, unless `--no-index` is given). `constraintOnly` is
 * left to the caller, which knows whether the file is reached by `-c` or `-r`.
 */
export function parseRequirementsFile(input: ManifestInput): Manifest {
  const errors: Problem[] = [];
  let dropped = 0;
  let firstDroppedLine = 0;
  const sink: LineSink = {
    groups: [groupOfRequirementsFile(input.path)],
    requirements: [],
    includes: [],
    indexes: [],
    skipped: [],
    problem(message, line) {
      if (errors.length < MAX_PROBLEMS) errors.push({ message, path: input.path, line });
      else if (dropped++ === 0) firstDroppedLine = line;
    },
  };

  for (const line of logicalLines(input.content)) {
    try {
      readLogicalLine(line, sink);
    } catch (error) {
      // Defence in depth: a bug on one line must not lose the rest of the file.
      sink.problem(`internal error reading this line: ${error instanceof Error ? error.message : String(error)}`, line.start);
    }
  }
  if (dropped > 0) {
    errors.push({ message: `${dropped} more problems not shown, from line ${firstDroppedLine} on`, path: input.path, line: firstDroppedLine });
  }

  const noIndex = sink.indexes.some((index) => index.option === 'no-index');
  const indexUrl = sink.indexes.filter((index) => index.option === 'index-url').at(-1)?.value;
  if (indexUrl !== undefined && !noIndex) {
    for (const requirement of sink.requirements) {
      if (requirement.source.type === 'registry') requirement.source = { type: 'registry', url: indexUrl };
    }
  }

  return {
    path: input.path,
    kind: 'requirements',
    requirements: sink.requirements,
    errors,
    includes: sink.includes,
    indexes: sink.indexes,
    skipped: sink.skipped,
  };
}

/** requirementsFormat registers pip requirements files with the manifest registry. */
export const requirementsFormat: ManifestFormat = {
  id: 'requirements',
  matches: isRequirementsFileName,
  parse: parseRequirementsFile,
};
