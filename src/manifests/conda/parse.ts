/**
 * parseCondaEnvironment reads a conda environment file (environment.yml). Its `dependencies` list holds
 * conda packages (`numpy=1.26`), which come from conda channels, not PyPI: they are recorded as skipped,
 * except that `python` gives the environment's requiresPython. A `- pip:` entry holds pip
 * requirements-file lines; those are the PyPI requirements (group `main`), each with its own line.
 * `channels` name conda channels, not Python package indexes, so they are not read.
 * See https://docs.conda.io/projects/conda/en/latest/user-guide/tasks/manage-environments.html#create-env-file-manually
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type YAMLMap } from 'yaml';
import type { LineRange, Manifest, ManifestInput } from '../types.js';
import { readPipLine } from './pip-line.js';
import { requiresPythonOfConda } from './python-spec.js';

/**
 * MAX_ALIAS_COUNT bounds alias expansion (yaml's maxAliasCount): an alias bomb ("billion laughs") makes
 * `toJS` throw instead of building exponentially large data. 100 is the library's own default.
 */
const MAX_ALIAS_COUNT = 100;

/** parseCondaEnvironment parses one environment.yml; it never throws, what it cannot read becomes an error with its line. */
export function parseCondaEnvironment(input: ManifestInput): Manifest {
  const manifest: Manifest = { path: input.path, kind: 'conda-environment', requirements: [], errors: [] };
  const problem = (message: string, line: number): void => {
    manifest.errors.push({ message, path: input.path, line: Math.max(1, line) });
  };
  const lineCounter = new LineCounter();
  const lineOf = (offset: number): number => Math.max(1, lineCounter.linePos(offset).line);

  let doc: Document.Parsed;
  try {
    doc = parseDocument(input.content, { lineCounter, prettyErrors: false });
  } catch (error) {
    problem(`invalid YAML: ${firstLine(error)}`, 1);
    return manifest;
  }
  const [firstError, ...moreErrors] = doc.errors;
  if (firstError) {
    const more = moreErrors.length > 0 ? ` (and ${moreErrors.length} more YAML errors)` : '';
    problem(`invalid YAML: ${firstLine(firstError)}${more}`, firstError.linePos?.[0].line ?? lineOf(firstError.pos[0]));
  }
  if (!aliasesAreBounded(doc)) {
    problem(`YAML aliases expand beyond ${MAX_ALIAS_COUNT} nodes (an alias bomb?); the file is not read`, firstAliasLine(doc, lineOf));
    return manifest;
  }

  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return manifest;
  if (!isMap(root)) {
    problem('an environment file must be a mapping with a "dependencies" list', lineOf(root.range?.[0] ?? 0));
    return manifest;
  }
  const dependenciesPair = root.items.find((pair) => isScalar(pair.key) && pair.key.value === 'dependencies');
  if (!dependenciesPair) return manifest;
  const keyLine = isScalar(dependenciesPair.key) ? lineOf(dependenciesPair.key.range?.[0] ?? 0) : 1;
  const dependencies = resolve(doc, dependenciesPair.value);
  if (dependencies === null || (isScalar(dependencies) && dependencies.value === null)) return manifest;
  if (!isSeq(dependencies)) {
    problem('"dependencies" must be a list', keyLine);
    return manifest;
  }

  const skipped: NonNullable<Manifest['skipped']> = [];
  for (const item of dependencies.items) {
    const node = resolve(doc, item);
    const lines = rangeOf(node, lineOf, input.content);
    if (isScalar(node) && typeof node.value === 'string') {
      const python = requiresPythonOfConda(node.value);
      if (python && manifest.requiresPython === undefined) manifest.requiresPython = python;
      skipped.push({ line: lines.start, text: node.value, reason: 'a conda package (from a conda channel, not PyPI)' });
    } else if (isMap(node)) {
      readPipSection(doc, node, { manifest, skipped, problem, lineOf, content: input.content });
    } else {
      problem(`a dependency must be a conda package spec or a "pip:" list, found ${describeNode(node)}`, lines.start);
    }
  }
  if (skipped.length > 0) manifest.skipped = skipped;
  manifest.errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return manifest;
}

interface PipContext {
  manifest: Manifest;
  skipped: NonNullable<Manifest['skipped']>;
  problem: (message: string, line: number) => void;
  lineOf: (offset: number) => number;
  content: string;
}

/** readPipSection reads a `- pip: [...]` mapping; any other key in it is an error. */
function readPipSection(doc: Document.Parsed, map: YAMLMap, context: PipContext): void {
  const { manifest, skipped, problem, lineOf, content } = context;
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    const keyLine = isScalar(pair.key) ? lineOf(pair.key.range?.[0] ?? 0) : 1;
    if (key !== 'pip') {
      problem(`unexpected key "${String(key)}" in dependencies: only "pip:" holds a list of PyPI requirements`, keyLine);
      continue;
    }
    const list = resolve(doc, pair.value);
    if (list === null || (isScalar(list) && list.value === null)) continue;
    if (!isSeq(list)) {
      problem('"pip" must be a list of requirement strings', keyLine);
      continue;
    }
    for (const item of list.items) {
      const node = resolve(doc, item);
      const lines = rangeOf(node, lineOf, content);
      if (!isScalar(node) || typeof node.value !== 'string') {
        problem(`a pip requirement must be a string, found ${describeNode(node)}`, lines.start);
        continue;
      }
      const result = readPipLine(node.value, lines);
      switch (result.kind) {
        case 'requirement':
          manifest.requirements.push(result.requirement);
          break;
        case 'include':
          (manifest.includes ??= []).push(result.include);
          break;
        case 'index':
          (manifest.indexes ??= []).push(result.index);
          break;
        case 'skipped':
          skipped.push({ line: lines.start, text: node.value, reason: result.reason });
          break;
        case 'error':
          problem(result.message, lines.start);
          break;
      }
    }
  }
}

/** aliasesAreBounded converts the document once with yaml's alias limit, which throws on alias bombs. */
function aliasesAreBounded(doc: Document.Parsed): boolean {
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return true;
  } catch (error) {
    return !(error instanceof ReferenceError);
  }
}

/** firstAliasLine is where the first alias (`*name`) is used: where the expansion starts. */
function firstAliasLine(doc: Document.Parsed, lineOf: (offset: number) => number): number {
  let line = 1;
  visit(doc, {
    Alias(_key, node) {
      line = lineOf(node.range?.[0] ?? 0);
      return visit.BREAK;
    },
  });
  return line;
}

/** resolve follows one alias to its anchored node (not recursively: bounded work per item). */
function resolve(doc: Document.Parsed, node: unknown): Node | null {
  if (isAlias(node)) return (node.resolve(doc) as Node | undefined) ?? null;
  return (node as Node | null) ?? null;
}

function rangeOf(node: Node | null, lineOf: (offset: number) => number, content: string): LineRange {
  const range = node?.range;
  if (!range) return { start: 1, end: 1 };
  const start = lineOf(range[0]);
  // range[1] is where the value ends (exclusive); a block scalar's value ends after its last newline.
  let endOffset = Math.max(range[0], range[1] - 1);
  while (endOffset > range[0] && (content[endOffset] === '\n' || content[endOffset] === '\r')) endOffset--;
  return { start, end: Math.max(start, lineOf(endOffset)) };
}

function describeNode(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isScalar(node)) return node.value === null ? 'null' : `${typeof node.value} ${String(node.value).slice(0, 40)}`;
  if (isSeq(node)) return 'a list';
  if (isMap(node)) return 'a mapping';
  return 'an unexpected node';
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
