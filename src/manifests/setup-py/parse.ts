/**
 * parseSetupPy reads the requirements of a setup.py WITHOUT running it (DESIGN.md: repository code is
 * never executed). The file is parsed with tree-sitter; the keywords of its `setup(...)` call are
 * evaluated statically (./evaluate.ts). What only running the file could tell becomes a problem.
 *
 * Keywords: https://setuptools.pypa.io/en/latest/references/keywords.html
 */
import type { Node, Tree } from 'web-tree-sitter';
import { parsePython } from '../../python/parser.js';
import { lineAtOffset, type LocatedText } from '../../python/string-literal.js';
import { lineAt, requirementFromPep508 } from '../requirement.js';
import type { Manifest, ManifestInput } from '../types.js';
import { Evaluator, type Value } from './evaluate.js';
import { requirementLines, type TextLine } from './requirement-lines.js';
import { scanModule, type ModuleScan } from './scan.js';

/** The requirement lists of setup() and the group each one feeds. */
const LIST_KEYWORDS: Readonly<Record<string, string>> = {
  install_requires: 'main',
  tests_require: 'test',
  setup_requires: 'build',
};

// str.splitlines() boundaries (https://docs.python.org/3/library/stdtypes.html#str.splitlines), which
// include the file/group/record separators \x1c-\x1e.
// eslint-disable-next-line no-control-regex
const LINE_BOUNDARY = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

/** parseSetupPy statically reads a setup.py: its `setup()` call's requirements, name and python_requires. */
export async function parseSetupPy(input: ManifestInput): Promise<Manifest> {
  const manifest: Manifest = { path: input.path, kind: 'setup-py', requirements: [], errors: [] };
  const nul = input.content.indexOf('\0');
  if (nul >= 0) {
    // CPython refuses such a file too ("source code cannot contain null bytes").
    manifest.errors.push({ message: 'binary file (contains NUL bytes); not read', path: input.path, line: lineAt(input.content, nul) });
    return manifest;
  }
  let tree: Tree;
  try {
    tree = await parsePython(input.content);
  } catch (error) {
    manifest.errors.push({
      message: `could not load the Python parser: ${(error as Error).message}`,
      path: input.path,
      line: 1,
    });
    return manifest;
  }
  try {
    new SetupPyReader(input.path, tree.rootNode, manifest).read();
  } finally {
    tree.delete();
  }
  return manifest;
}

class SetupPyReader {
  private readonly evaluator: Evaluator;
  private readonly scan: ModuleScan;

  constructor(
    private readonly path: string,
    private readonly root: Node,
    private readonly manifest: Manifest,
  ) {
    this.scan = scanModule(root);
    this.evaluator = new Evaluator(this.scan, root);
  }

  read(): void {
    if (this.root.hasError) this.reportSyntaxError();
    const [call, ...others] = this.scan.setupCalls;
    if (!call) {
      this.error('no setup() call found', 1);
      return;
    }
    const firstLine = lineOf(call);
    for (const other of others) {
      (this.manifest.skipped ??= []).push({
        line: lineOf(other),
        text: firstLineOf(other.text),
        reason: `another setup() call; only the first, at line ${firstLine}, is read`,
      });
    }
    this.readCall(call);
  }

  private readCall(call: Node): void {
    const args = call.childForFieldName('arguments');
    if (args?.type !== 'argument_list') return;
    const seen = new Set<string>();
    for (const arg of args.namedChildren) {
      if (arg.type === 'dictionary_splat') {
        this.error(`dynamic value, not evaluated: ${shorten(arg.text.replace(/\s+/g, ''))}`, lineOf(arg));
        continue;
      }
      if (arg.type !== 'keyword_argument') continue;
      const keyword = arg.childForFieldName('name')?.text ?? '';
      const valueNode = arg.childForFieldName('value');
      if (!valueNode) continue;
      if (seen.has(keyword)) {
        this.error(`keyword argument repeated: ${keyword}; only the first is read`, lineOf(arg));
        continue;
      }
      seen.add(keyword);
      const group = LIST_KEYWORDS[keyword];
      if (group) this.readRequirements(this.evaluator.evaluate(valueNode), keyword, keyword, [group]);
      else if (keyword === 'extras_require') this.readExtras(this.evaluator.evaluate(valueNode));
      else if (keyword === 'python_requires') {
        const text = this.readString(this.evaluator.evaluate(valueNode), keyword);
        if (text !== undefined) this.manifest.requiresPython = text;
      } else if (keyword === 'name') {
        const text = this.readString(this.evaluator.evaluate(valueNode), keyword);
        if (text !== undefined) this.manifest.projectName = text;
      }
    }
  }

  /**
   * extras_require: each key is an extra; setuptools reads `"extra:marker"` keys as the extra's
   * requirements under that environment marker, and a key with an empty extra (`":marker"`) as
   * conditional install requirements.
   */
  private readExtras(value: Value): void {
    if (value.kind === 'none') return;
    if (value.kind === 'dynamic') return this.dynamic(value, 'extras_require');
    if (value.kind !== 'dict') {
      this.error(`extras_require: expected a dict, found ${describe(value)}`, lineOf(value.node));
      return;
    }
    for (const entry of value.entries) {
      if (entry.key.kind === 'dynamic') {
        this.dynamic(entry.key, 'extras_require');
        continue;
      }
      if (entry.key.kind !== 'str') {
        this.error(`extras_require: expected a string key, found ${describe(entry.key)}`, lineOf(entry.key.node));
        continue;
      }
      const key = entry.key.text.text;
      const colon = key.indexOf(':');
      const extra = (colon < 0 ? key : key.slice(0, colon)).trim();
      const marker = colon < 0 ? undefined : key.slice(colon + 1).trim() || undefined;
      this.readRequirements(entry.value, 'extras_require', `extras_require["${key}"]`, [extra || 'main'], marker);
    }
  }

  private readRequirements(value: Value, keyword: string, label: string, groups: string[], marker?: string): void {
    const lines: TextLine[] = [];
    this.collectLines(value, keyword, label, lines);
    for (const line of requirementLines(lines)) {
      const result = requirementFromPep508(line.text, { lines: line.lines, groups });
      if (!result.ok) {
        this.error(`${label}: ${result.error}`, line.lines.start);
        continue;
      }
      const requirement = result.requirement;
      if (marker) requirement.markers = requirement.markers ? `(${requirement.markers}) and (${marker})` : marker;
      this.manifest.requirements.push(requirement);
    }
  }

  /**
   * collectLines flattens a requirements value as setuptools' `yield_lines` does: strings are split into
   * lines, sequences are walked (nesting is bounded by the evaluator's depth limit).
   */
  private collectLines(value: Value, keyword: string, label: string, into: TextLine[]): void {
    switch (value.kind) {
      case 'str':
        into.push(...splitLines(value.text));
        return;
      case 'seq':
        for (const item of value.items) this.collectLines(item, keyword, label, into);
        return;
      case 'dynamic':
        return this.dynamic(value, keyword);
      case 'none':
        return;
      default:
        this.error(`${label}: expected a string or a list of strings, found ${describe(value)}`, lineOf(value.node));
    }
  }

  private readString(value: Value, keyword: string): string | undefined {
    if (value.kind === 'str') return value.text.text.trim();
    if (value.kind === 'dynamic') this.dynamic(value, keyword);
    else if (value.kind !== 'none') this.error(`${keyword}: expected a string, found ${describe(value)}`, lineOf(value.node));
    return undefined;
  }

  private dynamic(value: Value & { kind: 'dynamic' }, keyword: string): void {
    const message = value.tooDeep ? 'value nested too deeply, not evaluated' : 'dynamic value, not evaluated';
    this.error(`${message}: ${keyword}`, lineOf(value.node));
  }

  /**
   * reportSyntaxError reports where the source first stops being Python. tree-sitter may wrap a whole
   * module in one ERROR node, so the search descends to the first child that is itself broken or is a
   * stray token, and reports that line rather than the ERROR node's first line.
   */
  private reportSyntaxError(): void {
    let node = this.root;
    for (;;) {
      let next: Node | undefined;
      for (const child of node.children) {
        if (child.isMissing) {
          this.error(`Python syntax error: missing "${child.type}"`, lineOf(child));
          return;
        }
        if (child.isError || child.hasError) {
          next = child;
          break;
        }
        if (node.isError && !child.isNamed) {
          this.error(`Python syntax error near "${shorten(firstLineOf(child.text))}"`, lineOf(child));
          return;
        }
      }
      if (!next) {
        this.error(`Python syntax error near "${shorten(firstLineOf(node.text))}"`, lineOf(node));
        return;
      }
      node = next;
    }
  }

  private error(message: string, line: number): void {
    this.manifest.errors.push({ message, path: this.path, line });
  }
}

/** splitLines cuts a string into the lines `str.splitlines()` gives, each knowing its source lines. */
function splitLines(text: LocatedText): TextLine[] {
  const lines: TextLine[] = [];
  let start = 0;
  const push = (end: number): void => {
    const offset = start;
    lines.push({ text: text.text.slice(offset, end), lineAt: (index) => lineAtOffset(text, offset + index) });
  };
  for (const match of text.text.matchAll(LINE_BOUNDARY)) {
    push(match.index);
    start = match.index + match[0].length;
  }
  if (start < text.text.length) push(text.text.length);
  return lines;
}

function describe(value: Value): string {
  switch (value.kind) {
    case 'str':
      return 'a string';
    case 'seq':
      return 'a list';
    case 'dict':
      return 'a dict';
    case 'none':
      return 'None';
    case 'other':
      return `a ${value.what}`;
    case 'dynamic':
      return 'a dynamic value';
  }
}

function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}

function firstLineOf(text: string): string {
  return shorten(text.split(/\r?\n/, 1)[0] ?? '');
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
