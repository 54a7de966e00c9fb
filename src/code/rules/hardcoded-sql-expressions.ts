/**
 * B608 hardcoded_sql_expressions: SQL statements built by string formatting, the classic SQL injection.
 * https://bandit.readthedocs.io/en/latest/plugins/b608_hardcoded_sql_expressions.html
 *
 * Semantics follow bandit 1.9 (bandit/plugins/injection_sql.py), which judges every `str` constant by
 * where it stands, so these do too:
 * - an operand of a binary operation (`"SELECT … %s" % v`, `"SELECT " + c + " FROM t"`): the statement
 *   is the constant followed by every other `str` constant of the whole operator chain except those under
 *   the constant's own operation, joined with spaces (bandit's `concat_string` with its `stop` node);
 * - the object of `.format` or `.replace` (`"SELECT {} FROM t".format(v)`): the constant itself;
 * - the literal text of an f-string (`f"SELECT {c} FROM t"`): all its literal parts joined, judged once;
 * - any other constant (a plain `cursor.execute("SELECT …")`) is not judged.
 * A statement is SQL when bandit's regex finds `select\s.*from\s`, `delete\s+from\s`,
 * `insert\s+into\s.*values\s` or `update\s.*set\s` (case-insensitive, `.` across lines): here each is
 * searched in linear time (first keyword, then the second after it), which finds the same matches.
 * Medium severity, CWE-89; medium confidence when the built string is passed straight as a positional
 * argument to a call named `execute` or `executemany`, low otherwise and always low with `.replace`.
 * The finding is at the constant (for an f-string, at its first literal part, as Python 3.12 places it).
 *
 * Unlike bandit 1.6.2 (Debian's), which only saw `ast.Str` and so found nothing on Python 3.8+, every
 * constant is judged. Deliberate differences: literal parts of an f-string's format spec (`{x:>10}`) are not
 * judged; `t"…"` template strings are not f-strings and are not judged; an operator chain so large that
 * judging each constant against the rest would exceed a work budget (generated code, hostile input) has
 * its later constants skipped instead of taking quadratic time.
 */
import type { Node } from 'web-tree-sitter';
import { decodeStringLiteral } from '../../python/string-literal.js';
import type { CodeRule, RuleContext } from '../types.js';
import { callTarget, positionalArguments, strValue, terminalName, unparenthesized } from '../syntax.js';

const MESSAGE = 'Possible SQL injection vector through string-based query construction.';

/** Characters of statements judged per operator chain before the rest of its constants are skipped. */
const CHAIN_BUDGET = 2_000_000;

/** looksLikeSql is bandit's SIMPLE_SQL_RE search, in linear time. */
export function looksLikeSql(text: string): boolean {
  return followedBy(text, /select\s/i, /from\s/i) || /delete\s+from\s/i.test(text) || followedBy(text, /insert\s+into\s/i, /values\s/i) || followedBy(text, /update\s/i, /set\s/i);
}

/** followedBy says whether `second` occurs after the end of the first match of `first` (`first.*second`). */
function followedBy(text: string, first: RegExp, second: RegExp): boolean {
  const match = first.exec(text);
  return match !== null && second.test(text.slice(match.index + match[0].length));
}

interface FileState {
  /** Ids of expressions passed as positional arguments to `execute` / `executemany` calls. */
  executeArguments: Set<number>;
  /** Ids of nodes already judged with an enclosing node (inner operations of a chain, string pieces, `.format` attributes). */
  handled: Set<number>;
}

const states = new WeakMap<RuleContext, FileState>();

function stateOf(context: RuleContext): FileState {
  let state = states.get(context);
  if (!state) {
    state = { executeArguments: new Set(), handled: new Set() };
    states.set(context, state);
  }
  return state;
}

function report(context: RuleContext, at: Node, execute: boolean): void {
  context.report(at, { message: MESSAGE, confidence: execute ? 'medium' : 'low' });
}

/** stringPrefix is a `string` node's prefix letters, lower-cased (`rb`, `f`, `t`, ``). */
function stringPrefix(piece: Node): string {
  return (/^[A-Za-z]*/.exec(piece.text)?.[0] ?? '').toLowerCase();
}

/** SIMPLE_LITERAL is a one-line literal without escapes or quotes inside, whose value is its content. */
const SIMPLE_LITERAL = /^[rRuU]?(["'])([^\\\n\r"']*)\1$/;

/**
 * constantText is strValue with a fast path: a chain of 100,000 operands is decoded operand by operand,
 * and most operands are plain literals whose text is their value.
 */
function constantText(node: Node): string | null {
  if (node.type === 'string') {
    const simple = SIMPLE_LITERAL.exec(node.text);
    if (simple) return simple[2] ?? '';
  } else if (node.type !== 'concatenated_string') {
    return null;
  }
  return strValue(node);
}

function pieces(unit: Node): Node[] {
  if (unit.type === 'string') return [unit];
  return unit.namedChildren.filter((n): n is Node => n?.type === 'string');
}

/** isFStringUnit says whether a string expression is what Python parses as an f-string (a JoinedStr). */
function isFStringUnit(unit: Node): boolean {
  const prefixes = pieces(unit).map(stringPrefix);
  return prefixes.some((prefix) => prefix.includes('f')) && !prefixes.some((prefix) => prefix.includes('t'));
}

const ESCAPE = /\\(?:\r\n|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '', '\r': '', '\r\n': '' };

/** decodeFStringText decodes the literal text of an f-string (between its replacement fields). */
function decodeFStringText(text: string, raw: boolean): string {
  const braces = text.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  if (raw) return braces;
  return braces.replace(ESCAPE, (escape) => {
    const body = escape.slice(1);
    const simple = SIMPLE_ESCAPES[body];
    if (simple !== undefined) return simple;
    if (/^[0-7]+$/.test(body)) return String.fromCodePoint(parseInt(body, 8));
    if (/^[xuU]/.test(body) && body.length > 1) {
      const code = parseInt(body.slice(1), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : escape;
    }
    return escape; // unknown escapes, and \N{…}, stay as written
  });
}

/** fStringLiterals is an f-string's literal text (all parts joined) and its first literal part, or null without any. */
function fStringLiterals(unit: Node): { text: string; first: Node } | null {
  let text = '';
  let first: Node | null = null;
  for (const piece of pieces(unit)) {
    const prefix = stringPrefix(piece);
    if (!prefix.includes('f')) {
      const decoded = decodeStringLiteral(piece);
      if (!decoded.ok || decoded.value.text === '') continue;
      text += decoded.value.text;
      first ??= piece.children.find((child) => child.type === 'string_content') ?? piece;
      continue;
    }
    for (const child of piece.children) {
      if (child.type !== 'string_content') continue;
      text += decodeFStringText(child.text, prefix.includes('r'));
      first ??= child;
    }
  }
  return first ? { text, first } : null;
}

/** judgeFString judges an f-string's literal text once (bandit: at its first literal part). */
function judgeFString(unit: Node, context: RuleContext, state: FileState): void {
  if (!isFStringUnit(unit)) return;
  const literals = fStringLiterals(unit);
  if (literals && looksLikeSql(literals.text)) report(context, literals.first, state.executeArguments.has(unit.id));
}

interface Leaf {
  node: Node;
  /** The operand's value when it is a `str` constant. */
  text: string | null;
  /** Index of the operation the operand belongs to. */
  operation: number;
}

/**
 * judgeChain judges every `str` constant of the operator chain rooted at `root` (bandit's
 * `concat_string`): each constant, followed by the constants of the chain outside its own operation.
 * The chain is walked with an explicit stack: `a + b + c…` nests one level per operator.
 */
function judgeChain(root: Node, context: RuleContext, state: FileState): void {
  const leaves: Leaf[] = [];
  const operations: { start: number; end: number }[] = [];
  type Task = { node: Node; operation: number } | { close: number };
  const stack: Task[] = [{ node: root, operation: -1 }];
  while (stack.length > 0) {
    const task = stack.pop() as Task;
    if ('close' in task) {
      const operation = operations[task.close];
      if (operation) operation.end = leaves.length;
      continue;
    }
    const node = unparenthesized(task.node);
    if (node.type !== 'binary_operator') {
      leaves.push({ node, text: constantText(node), operation: task.operation });
      continue;
    }
    state.handled.add(node.id);
    const index = operations.length;
    operations.push({ start: leaves.length, end: leaves.length });
    stack.push({ close: index });
    const right = node.childForFieldName('right');
    const left = node.childForFieldName('left');
    if (right) stack.push({ node: right, operation: index });
    if (left) stack.push({ node: left, operation: index });
  }

  const execute = state.executeArguments.has(root.id);
  let budget = CHAIN_BUDGET;
  for (const leaf of leaves) {
    if (leaf.text === null) continue;
    const own = operations[leaf.operation];
    if (!own) continue;
    const parts = [leaf.text];
    for (let i = 0; i < leaves.length; i++) {
      if (i === own.start) i = own.end;
      const text = leaves[i]?.text;
      if (text !== null && text !== undefined) parts.push(text);
    }
    const statement = parts.join(' ');
    budget -= statement.length;
    if (budget < 0) return;
    if (looksLikeSql(statement)) report(context, leaf.node, execute);
  }
}

/** judgeMethodObject judges `"…".format` / `"…".replace`: the constant itself. */
function judgeMethodObject(attribute: Node, context: RuleContext, execute: boolean): void {
  const method = attribute.childForFieldName('attribute')?.text;
  if (method !== 'format' && method !== 'replace') return;
  const object = attribute.childForFieldName('object');
  if (!object) return;
  const constant = unparenthesized(object);
  const text = strValue(constant);
  if (text === null || !looksLikeSql(text)) return;
  report(context, constant, execute && method === 'format');
}

/** hardcodedSqlExpressions flags SQL statements built with `%`, `+`, `.format()` or f-strings (bandit B608). */
export const hardcodedSqlExpressions: CodeRule = {
  doc: {
    id: 'python.hardcoded-sql-expressions',
    banditId: 'B608',
    name: 'SQL built by string formatting',
    help: 'A value formatted into SQL text (`%`, `+`, `.format()`, f-strings, `.replace()`) is parsed as SQL: quotes in it end the literal and the rest runs as SQL of the attacker\'s choosing. Keep the statement a constant with placeholders and pass the values separately, for the driver to quote: `cursor.execute("SELECT * FROM t WHERE id = %s", (value,))`. Table and column names cannot be parameters: check them against a fixed list.',
    cwe: 89,
  },
  severity: 'medium',
  confidence: 'low',
  nodeTypes: ['call', 'attribute', 'binary_operator', 'concatenated_string', 'string'],
  check(node, context) {
    const state = stateOf(context);
    if (state.handled.has(node.id)) return;
    switch (node.type) {
      case 'call': {
        const target = callTarget(node);
        if (!target) return;
        const name = terminalName(target);
        if (name === 'execute' || name === 'executemany') {
          // The walk is in document order: the call comes before its arguments.
          for (const argument of positionalArguments(node)) state.executeArguments.add(unparenthesized(argument).id);
        }
        const method = unparenthesized(target);
        if (method.type === 'attribute') {
          state.handled.add(method.id);
          judgeMethodObject(method, context, state.executeArguments.has(node.id));
        }
        return;
      }
      case 'attribute':
        judgeMethodObject(node, context, false); // not called: `"SELECT …".format` as a value
        return;
      case 'binary_operator':
        judgeChain(node, context, state);
        return;
      case 'concatenated_string':
        for (const piece of pieces(node)) state.handled.add(piece.id);
        judgeFString(node, context, state);
        return;
      default:
        judgeFString(node, context, state);
    }
  },
};
