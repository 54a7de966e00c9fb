/**
 * PEP 508 environment markers (`python_version < "3.8" and sys_platform == "win32"`), evaluated only as
 * far as a project's supported Pythons decide them. A dependency whose markers can never hold for any
 * Python the project supports is never installed, so its advisories do not concern the project.
 * See https://packaging.python.org/en/latest/specifications/dependency-specifiers/#environment-markers
 */
import { isValidVersion, satisfiesSpecifier } from '../pep440/index.js';

/** Tri is three-valued logic: a marker on `sys_platform` is neither true nor false for a project. */
type Tri = true | false | 'unknown';

type MarkerNode =
  | { type: 'and' | 'or'; left: MarkerNode; right: MarkerNode }
  | { type: 'compare'; left: Operand; op: string; right: Operand };

type Operand = { kind: 'variable'; name: string } | { kind: 'string'; value: string };

/** PythonEnvironment fixes the variables one Python interpreter gives. */
interface PythonEnvironment {
  python_version: string;
  python_full_version: string;
}

/** parseMarkers parses a marker expression, or returns null when it is not valid PEP 508. */
export function parseMarkers(text: string): MarkerNode | null {
  const tokens = tokenize(text);
  if (!tokens) return null;
  const parser = new MarkerParser(tokens);
  const node = parser.parseOr(0);
  return node && parser.done() ? node : null;
}

/**
 * CANDIDATE_PYTHONS are the interpreters considered when asking "can this marker hold": every minor
 * release 2.0–2.7 and 3.0–3.29, each at micro versions 0–30 (enough for every `python_full_version`
 * bound seen in practice).
 */
const CANDIDATE_PYTHONS: readonly PythonEnvironment[] = (() => {
  const list: PythonEnvironment[] = [];
  const minors: Array<[number, number]> = [];
  for (let minor = 0; minor <= 7; minor++) minors.push([2, minor]);
  for (let minor = 0; minor <= 29; minor++) minors.push([3, minor]);
  for (const [major, minor] of minors) {
    for (let micro = 0; micro <= 30; micro++) {
      list.push({ python_version: `${major}.${minor}`, python_full_version: `${major}.${minor}.${micro}` });
    }
  }
  return list;
})();

/**
 * markersExcludeProject tells whether markers can never hold for any Python allowed by
 * `requiresPython` (true: the dependency is never installed). Unknown variables (platform, extras…)
 * count as "could hold"; unparsable markers too, so nothing is hidden by mistake.
 */
export function markersExcludeProject(markers: string, requiresPython: string | null): boolean {
  const node = parseMarkers(markers);
  if (!node) return false;
  const pythons = CANDIDATE_PYTHONS.filter(
    (env) => requiresPython === null || safeSatisfies(env.python_full_version, requiresPython),
  );
  return pythons.length > 0 && pythons.every((env) => evaluate(node, env) === false);
}

function safeSatisfies(version: string, specifier: string): boolean {
  try {
    return satisfiesSpecifier(version, specifier);
  } catch {
    return true;
  }
}

function evaluate(node: MarkerNode, env: PythonEnvironment): Tri {
  if (node.type === 'compare') {
    const left = valueOf(node.left, env);
    const right = valueOf(node.right, env);
    if (left === undefined || right === undefined) return 'unknown';
    return compare(left, node.op, right);
  }
  const left = evaluate(node.left, env);
  if (node.type === 'and') {
    if (left === false) return false;
    const right = evaluate(node.right, env);
    if (right === false) return false;
    return left === true && right === true ? true : 'unknown';
  }
  if (left === true) return true;
  const right = evaluate(node.right, env);
  if (right === true) return true;
  return left === false && right === false ? false : 'unknown';
}

function valueOf(operand: Operand, env: PythonEnvironment): string | undefined {
  if (operand.kind === 'string') return operand.value;
  if (operand.name === 'python_version') return env.python_version;
  if (operand.name === 'python_full_version') return env.python_full_version;
  return undefined;
}

function compare(left: string, op: string, right: string): Tri {
  if (op === 'in') return right.includes(left);
  if (op === 'not in') return !right.includes(left);
  // PEP 508: with a version operator and a valid version on the right, compare as PEP 440.
  if (isValidVersion(left) && (isValidVersion(right) || /\.\*$/.test(right)) && op !== '===') {
    try {
      return satisfiesSpecifier(left, `${op}${right}`);
    } catch {
      return 'unknown';
    }
  }
  if (op === '==' || op === '===') return left === right;
  if (op === '!=') return left !== right;
  return 'unknown';
}

type Token = { type: 'string' | 'variable' | 'op' | 'lparen' | 'rparen' | 'and' | 'or'; value: string };

const VARIABLES = new Set([
  'python_version', 'python_full_version', 'os_name', 'sys_platform', 'platform_release', 'platform_system',
  'platform_version', 'platform_machine', 'platform_python_implementation', 'implementation_name',
  'implementation_version', 'extra', 'extras', 'dependency_groups',
  // Legacy names PEP 345 used, still accepted by packaging.
  'os.name', 'sys.platform', 'platform.version', 'platform.machine', 'platform.python_implementation', 'python_implementation',
]);

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const quoted = /^("([^"]*)"|'([^']*)')/.exec(rest);
    const op = /^(===|==|!=|<=|>=|~=|<|>|not\s+in\b|in\b)/.exec(rest);
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest);
    if (quoted) {
      tokens.push({ type: 'string', value: quoted[2] ?? quoted[3] ?? '' });
      i += quoted[0].length;
    } else if (rest[0] === '(' || rest[0] === ')') {
      tokens.push({ type: rest[0] === '(' ? 'lparen' : 'rparen', value: rest[0] });
      i += 1;
    } else if (op) {
      tokens.push({ type: 'op', value: op[0].replace(/\s+/g, ' ') });
      i += op[0].length;
    } else if (word && (word[0] === 'and' || word[0] === 'or')) {
      tokens.push({ type: word[0], value: word[0] });
      i += word[0].length;
    } else if (word && VARIABLES.has(word[0])) {
      tokens.push({ type: 'variable', value: word[0] });
      i += word[0].length;
    } else {
      return null;
    }
  }
  return tokens;
}

/** MAX_MARKER_DEPTH bounds parenthesis nesting so hostile input cannot overflow the stack. */
const MAX_MARKER_DEPTH = 64;

class MarkerParser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  done(): boolean {
    return this.index === this.tokens.length;
  }

  parseOr(depth: number): MarkerNode | null {
    let left = this.parseAnd(depth);
    while (left && this.peek()?.type === 'or') {
      this.index++;
      const right = this.parseAnd(depth);
      if (!right) return null;
      left = { type: 'or', left, right };
    }
    return left;
  }

  private parseAnd(depth: number): MarkerNode | null {
    let left = this.parseAtom(depth);
    while (left && this.peek()?.type === 'and') {
      this.index++;
      const right = this.parseAtom(depth);
      if (!right) return null;
      left = { type: 'and', left, right };
    }
    return left;
  }

  private parseAtom(depth: number): MarkerNode | null {
    const token = this.peek();
    if (token?.type === 'lparen') {
      if (depth >= MAX_MARKER_DEPTH) return null;
      this.index++;
      const inner = this.parseOr(depth + 1);
      if (this.peek()?.type !== 'rparen') return null;
      this.index++;
      return inner;
    }
    const left = this.operand();
    const op = this.peek();
    if (!left || op?.type !== 'op') return null;
    this.index++;
    const right = this.operand();
    if (!right) return null;
    return { type: 'compare', left, op: op.value, right };
  }

  private operand(): Operand | null {
    const token = this.peek();
    if (token?.type === 'string') {
      this.index++;
      return { kind: 'string', value: token.value };
    }
    if (token?.type === 'variable') {
      this.index++;
      return { kind: 'variable', name: token.value.replace(/^os\.name$/, 'os_name').replace(/^sys\.platform$/, 'sys_platform') };
    }
    return null;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }
}
