/**
 * B703 django_mark_safe: `mark_safe(x)` (and the `SafeString` family) with content that may come from
 * outside. Upstream: bandit/plugins/django_xss.py,
 * https://bandit.readthedocs.io/en/latest/plugins/b703_django_mark_safe.html
 *
 * As in bandit 1.9 (medium severity, high confidence): a string literal argument is fine; otherwise the
 * argument is traced through the enclosing function (or module) as bandit's `check_risk` does:
 * - a parameter of the enclosing function is unsafe;
 * - a variable is safe when its assignments before the call make it so: a top-level assignment of a
 *   literal, a variable or a call sets the verdict (safe for a literal, a safe variable or a safe
 *   `"…".format()`), a later one may change it; an assignment of anything else (an attribute, a
 *   subscript, `+`), or `with … as name`, makes it unsafe for good; assignments inside `if`/`for`/`while`/
 *   `try`/`with` blocks must all be safe; a variable never assigned is unsafe;
 * - `"literal".format(a, b)` (without keywords) and `"literal" % (a, b)` are safe when every argument is;
 * - anything else (f-strings, `+`, attributes, other calls) is unsafe.
 *
 * Deliberate differences:
 * - The call must resolve to `django.utils.safestring.<name>`; bandit takes any function of that name
 *   once `django.utils.safestring` is imported somewhere in the module (`obj.mark_safe(x)` included).
 * - The argument may be given as `s=` (bandit reads positional arguments only and errors otherwise).
 * - Assignments inside nested functions and classes are not the caller's (bandit looks into them); a
 *   `for` loop's target and annotated or chained assignments (`x: str = …`, `x = y = …`) count as
 *   assignments; `"…" % x` and calls are accepted inside blocks as at top level.
 * - The trace has a depth budget (hostile files); past it, the argument is unsafe. Each scope's
 *   assignments are indexed once per file, so many calls in one long function stay linear.
 */
import type { Node } from 'web-tree-sitter';
import type { CodeRule, RuleContext } from '../types.js';
import { calledName } from '../imported-calls.js';
import { argument, callArguments, callTarget, namedChildrenOf, stringValue, unparenthesized } from '../syntax.js';

const AFFECTED = new Set(['mark_safe', 'SafeText', 'SafeUnicode', 'SafeString', 'SafeBytes']);
const MODULE = 'django.utils.safestring.';
const MAX_DEPTH = 32;
const MAX_PARENT_STEPS = 1000;

/** Assignments maps a variable name to the values assigned to it (null: a value that cannot be known). */
type Assignments = Map<string, (Node | null)[]>;

/** StatementInfo is what one top-level statement of a scope assigns, read once. */
interface StatementInfo {
  line: number;
  /** `simple`: an expression statement (the last value wins); `block`: a compound statement (all must be safe). */
  kind: 'simple' | 'block';
  assigned: Assignments;
  /** Names bound by `with … as name` of a top-level with statement (bandit: unsafe outright). */
  withBound: Set<string>;
}

/** ScopeIndex is a function's (or the module's) statements and parameters, with memoised answers. */
interface ScopeIndex {
  statements: StatementInfo[];
  parameters: Set<string>;
  memo: Map<string, boolean>;
}

const isLiteral = (node: Node): boolean => stringValue(node) !== null;
const lineOf = (node: Node): number => node.startPosition.row + 1;
const statementsOf = (block: Node | null): Node[] => (block ? namedChildrenOf(block) : []);

/** enclosingScope is the nearest enclosing function definition, else the module (what bandit climbs to). */
function enclosingScope(node: Node): Node | null {
  let current = node.parent;
  for (let steps = 0; current && steps < MAX_PARENT_STEPS; steps++) {
    if (current.type === 'function_definition' || current.type === 'module') return current;
    current = current.parent;
  }
  return null;
}

function parameterNames(scope: Node): Set<string> {
  const names = new Set<string>();
  const parameters = scope.type === 'function_definition' ? scope.childForFieldName('parameters') : null;
  for (const parameter of parameters?.namedChildren ?? []) {
    if (!parameter) continue;
    let target: Node | null = parameter;
    if (parameter.type === 'default_parameter' || parameter.type === 'typed_default_parameter') target = parameter.childForFieldName('name');
    else if (parameter.type !== 'identifier') target = parameter.namedChildren[0] ?? null;
    if (target && (target.type === 'list_splat_pattern' || target.type === 'dictionary_splat_pattern')) target = target.namedChildren[0] ?? null;
    if (target?.type === 'identifier') names.add(target.text);
  }
  return names;
}

function add(assigned: Assignments, name: string, value: Node | null): void {
  const values = assigned.get(name);
  if (values) values.push(value);
  else assigned.set(name, [value]);
}

/** bindUnknown records every identifier of a target (`for a, (b, c) in …`) as bound to an unknown value. */
function bindUnknown(target: Node | null, assigned: Assignments): void {
  const stack = target ? [target] : [];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.type === 'identifier') add(assigned, node.text, null);
    else stack.push(...namedChildrenOf(node));
  }
}

/**
 * bindTarget matches a target (`x`, `a, b`, `(a, b)`) with a value: `a, b = "x", y` gives `b` the value
 * `y`; unpacking anything but a literal tuple or list of the same length gives unknown values.
 */
function bindTarget(target: Node, value: Node, assigned: Assignments): void {
  if (target.type === 'identifier') {
    add(assigned, target.text, value);
    return;
  }
  if (target.type !== 'pattern_list' && target.type !== 'tuple_pattern' && target.type !== 'list_pattern') return;
  const names = namedChildrenOf(target);
  const inner = unparenthesized(value);
  const elements = inner.type === 'expression_list' || inner.type === 'tuple' || inner.type === 'list' ? namedChildrenOf(inner) : [];
  names.forEach((name, position) => {
    const element = elements.length === names.length ? (elements[position] ?? null) : null;
    if (element && name.type === 'identifier') add(assigned, name.text, element);
    else bindUnknown(name, assigned);
  });
}

/** simpleAssignments is what an expression statement assigns (`x = …`, `x: T = …`, `a = b = …`, `x += …`). */
function simpleAssignments(statement: Node, assigned: Assignments): void {
  for (const child of namedChildrenOf(statement)) {
    if (child.type === 'augmented_assignment') {
      const left = child.childForFieldName('left');
      const right = child.childForFieldName('right');
      if (left?.type === 'identifier') add(assigned, left.text, right);
      continue;
    }
    if (child.type !== 'assignment') continue;
    // `a = b = value` nests assignments on the right; the innermost right side is every target's value.
    const targets: Node[] = [];
    let current: Node | null = child;
    while (current?.type === 'assignment') {
      const left = current.childForFieldName('left');
      if (left) targets.push(left);
      current = current.childForFieldName('right');
    }
    if (!current) continue; // `x: int` assigns nothing.
    for (const target of targets) bindTarget(target, current, assigned);
  }
}

const CLAUSES = new Set(['elif_clause', 'else_clause', 'except_clause', 'except_group_clause', 'finally_clause']);
const COMPOUND = new Set(['if_statement', 'for_statement', 'while_statement', 'try_statement', 'with_statement']);

/** withTargets is the names a with statement binds with `as`. */
function withTargets(statement: Node): Set<string> {
  const names = new Set<string>();
  const stack: Node[] = namedChildrenOf(statement).filter((n) => n.type === 'with_clause');
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.type === 'as_pattern_target') {
      const bound: Assignments = new Map();
      bindUnknown(node, bound);
      for (const name of bound.keys()) names.add(name);
    } else stack.push(...namedChildrenOf(node));
  }
  return names;
}

/** blockStatements is the statements of every block a compound statement owns (its clauses' included). */
function blockStatements(statement: Node): Node[] {
  const statements: Node[] = [];
  for (const child of namedChildrenOf(statement)) {
    if (child.type === 'block') statements.push(...statementsOf(child));
    else if (CLAUSES.has(child.type)) {
      for (const inner of namedChildrenOf(child)) if (inner.type === 'block') statements.push(...statementsOf(inner));
    }
  }
  return statements;
}

/** nestedAssignments is every assignment inside a compound statement (bandit's list case); nested functions and classes are their own scopes. */
function nestedAssignments(statement: Node, assigned: Assignments): void {
  const stack: Node[] = [statement];
  while (stack.length > 0) {
    const current = stack.pop() as Node;
    if (current.type === 'expression_statement') simpleAssignments(current, assigned);
    else if (COMPOUND.has(current.type)) {
      if (current.type === 'with_statement') for (const name of withTargets(current)) add(assigned, name, null);
      if (current.type === 'for_statement') bindUnknown(current.childForFieldName('left'), assigned);
      stack.push(...blockStatements(current));
    }
  }
}

const scopeIndexes = new WeakMap<RuleContext, Map<number, ScopeIndex>>();

/** scopeIndex reads a scope's top-level statements once per file. */
function scopeIndex(scope: Node, context: RuleContext): ScopeIndex {
  let indexes = scopeIndexes.get(context);
  if (!indexes) {
    indexes = new Map();
    scopeIndexes.set(context, indexes);
  }
  const known = indexes.get(scope.id);
  if (known) return known;
  const body = scope.type === 'module' ? statementsOf(scope) : statementsOf(scope.childForFieldName('body'));
  const statements: StatementInfo[] = [];
  for (const statement of body) {
    const assigned: Assignments = new Map();
    let withBound = new Set<string>();
    let kind: StatementInfo['kind'] = 'simple';
    if (statement.type === 'expression_statement') simpleAssignments(statement, assigned);
    else if (COMPOUND.has(statement.type)) {
      kind = 'block';
      if (statement.type === 'with_statement') {
        withBound = withTargets(statement);
        for (const inner of blockStatements(statement)) nestedAssignments(inner, assigned);
      } else nestedAssignments(statement, assigned);
    } else continue;
    if (assigned.size > 0 || withBound.size > 0) statements.push({ line: lineOf(statement), kind, assigned, withBound });
  }
  const index: ScopeIndex = { statements, parameters: parameterNames(scope), memo: new Map() };
  indexes.set(scope.id, index);
  return index;
}

/** evaluateVariable is bandit's `evaluate_var`: is `name` safe where it is read (line `until`)? */
function evaluateVariable(name: string, until: number, scope: ScopeIndex, depth: number): boolean {
  if (depth > MAX_DEPTH || scope.parameters.has(name)) return false;
  const key = `${name}@${until}`;
  const known = scope.memo.get(key);
  if (known !== undefined) return known;
  const secure = traceVariable(name, until, scope, depth);
  scope.memo.set(key, secure);
  return secure;
}

function traceVariable(name: string, until: number, scope: ScopeIndex, depth: number): boolean {
  let secure = false;
  for (const statement of scope.statements) {
    if (statement.line >= until) break;
    if (statement.withBound.has(name)) return false;
    const values = statement.assigned.get(name);
    if (!values) continue;
    if (statement.kind === 'block') {
      if (!values.every((v) => v !== null && isSecureExpression(v, scope, depth + 1))) return false;
      secure = true;
      continue;
    }
    // One statement may bind the name more than once (`x, x = …`): the last value wins.
    const value = values[values.length - 1] ?? null;
    if (value === null) return false;
    const inner = unparenthesized(value);
    if (isLiteral(inner)) secure = true;
    else if (inner.type === 'identifier') secure = evaluateVariable(inner.text, lineOf(inner), scope, depth + 1);
    else if (inner.type === 'call' || isPercentFormat(inner)) secure = isSecureExpression(inner, scope, depth + 1);
    else return false;
  }
  return secure;
}

function isPercentFormat(node: Node): boolean {
  if (node.type !== 'binary_operator' || node.childForFieldName('operator')?.type !== '%') return false;
  const left = node.childForFieldName('left');
  return left !== null && isLiteral(unparenthesized(left));
}

/** formatArguments is the arguments of `"…".format(...)` or `"…" % …`; null when the expression is neither, or has keywords. */
function formatArguments(node: Node): Node[] | null {
  if (isPercentFormat(node)) {
    const right = node.childForFieldName('right');
    if (!right) return null;
    const inner = unparenthesized(right);
    return inner.type === 'tuple' ? namedChildrenOf(inner) : [inner];
  }
  if (node.type !== 'call') return null;
  const target = callTarget(node);
  if (target?.type !== 'attribute' || target.childForFieldName('attribute')?.text !== 'format') return null;
  const object = target.childForFieldName('object');
  if (!object || !isLiteral(unparenthesized(object))) return null;
  const args = callArguments(node);
  if (args.some((a) => a.type === 'keyword_argument' || a.type === 'dictionary_splat')) return null;
  const expanded: Node[] = [];
  for (const arg of args) {
    const splatted = arg.type === 'list_splat' ? unparenthesized(arg.namedChildren[0] ?? arg) : null;
    if (splatted && (splatted.type === 'list' || splatted.type === 'tuple')) expanded.push(...namedChildrenOf(splatted));
    else expanded.push(arg);
  }
  return expanded;
}

/** isSecureExpression: a literal, a safe variable, or a literal format of safe values. */
function isSecureExpression(node: Node, scope: ScopeIndex, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const inner = unparenthesized(node);
  if (isLiteral(inner)) return true;
  if (inner.type === 'identifier') return evaluateVariable(inner.text, lineOf(inner), scope, depth + 1);
  const args = formatArguments(inner);
  return args !== null && args.every((arg) => isSecureExpression(arg, scope, depth + 1));
}

/** djangoMarkSafe flags `mark_safe()` and friends on content that is not provably constant (bandit B703). */
export const djangoMarkSafe: CodeRule = {
  doc: {
    id: 'python.django-mark-safe',
    banditId: 'B703',
    name: 'Potential XSS on Django mark_safe',
    help: "`mark_safe()` (and `SafeString`/`SafeText`) switch off Django's auto-escaping for the string: if any part of it comes from a user, it is rendered as HTML and can inject script (XSS). Build HTML with `django.utils.html.format_html()` / `format_html_join()`, which escape their arguments, or escape values with `conditional_escape()` before marking the result safe. https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe",
    cwe: 80,
  },
  severity: 'medium',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    const name = calledName(node, context);
    if (name === null || !name.startsWith(MODULE) || !AFFECTED.has(name.slice(MODULE.length))) return;
    const content = argument(node, 0, 's');
    if (!content || isLiteral(unparenthesized(content))) return;
    const scope = enclosingScope(node);
    let secure = false;
    const inner = unparenthesized(content);
    if (scope && (inner.type === 'identifier' || inner.type === 'call' || isPercentFormat(inner))) {
      const index = scopeIndex(scope, context);
      secure = inner.type === 'identifier' ? evaluateVariable(inner.text, lineOf(node), index, 0) : isSecureExpression(inner, index, 0);
    }
    if (!secure) context.report(node, { message: 'Potential XSS on mark_safe function.' });
  },
};
