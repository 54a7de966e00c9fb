/**
 * Small readers of tree-sitter Python nodes that many rules share: a call's target and arguments, a
 * keyword argument, a constant's value. They answer "not known" (null) for anything computed at run
 * time, so rules stay conservative about what they claim.
 */
import type { Node } from 'web-tree-sitter';
import { concatLocated, decodeStringLiteral, type LocatedText } from '../python/string-literal.js';
import type { RuleContext } from './types.js';

/** callTarget is a `call` node's function expression. */
export function callTarget(call: Node): Node | null {
  return call.childForFieldName('function');
}

/** namedChildrenOf is a node's named children that are code: comments (which tree-sitter puts anywhere) left out. */
export function namedChildrenOf(node: Node): Node[] {
  return node.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
}

/** callArguments is the argument nodes of a call (positional and keyword), in order; generator calls have none. */
export function callArguments(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return [];
  return namedChildrenOf(args);
}

/** positionalArguments is a call's positional arguments (not `*args`, not keywords). */
export function positionalArguments(call: Node): Node[] {
  return callArguments(call).filter(
    (n) => n.type !== 'keyword_argument' && n.type !== 'list_splat' && n.type !== 'dictionary_splat',
  );
}

/**
 * astArgs is what Python's ast calls a call's `args` (bandit's `node.args`): its positional arguments with
 * `*args` splats included (positionalArguments leaves them out), keywords and `**kwargs` not.
 */
export function astArgs(call: Node): Node[] {
  return callArguments(call).filter((n) => n.type !== 'keyword_argument' && n.type !== 'dictionary_splat');
}

/** keywordArgument is the value of `name=` in a call, or null. */
export function keywordArgument(call: Node, name: string): Node | null {
  return keywordArgumentNode(call, name)?.childForFieldName('value') ?? null;
}

/** KeywordArgument is one `name=value` argument of a call. */
export interface KeywordArgument {
  name: string;
  value: Node;
  /** The whole `name=value` argument (for locations). */
  node: Node;
}

/** keywordArguments is a call's `name=value` arguments, in order (a `**kwargs` splat is not one). */
export function keywordArguments(call: Node): KeywordArgument[] {
  const keywords: KeywordArgument[] = [];
  for (const node of callArguments(call)) {
    if (node.type !== 'keyword_argument') continue;
    const name = node.childForFieldName('name')?.text;
    const value = node.childForFieldName('value');
    if (name && value) keywords.push({ name, value, node });
  }
  return keywords;
}

/** DefaultParameter is a function parameter with a default value (`x=1`, `x: int = 1`). */
export interface DefaultParameter {
  /** The parameter's name node (an identifier), when the tree has one. */
  name: Node | null;
  value: Node;
}

/**
 * defaultParameters is a function definition's parameters that have a default, in order: positional-only,
 * ordinary and keyword-only ones alike (Python's ast keeps them in `defaults` and `kw_defaults`).
 */
export function defaultParameters(definition: Node): DefaultParameter[] {
  const defaults: DefaultParameter[] = [];
  for (const parameter of definition.childForFieldName('parameters')?.namedChildren ?? []) {
    if (parameter?.type !== 'default_parameter' && parameter?.type !== 'typed_default_parameter') continue;
    const value = parameter.childForFieldName('value');
    if (value) defaults.push({ name: parameter.childForFieldName('name'), value });
  }
  return defaults;
}

/** hasKwargsSplat says whether a call passes `**kwargs` (its keywords are then not all known). */
export function hasKwargsSplat(call: Node): boolean {
  return callArguments(call).some((n) => n.type === 'dictionary_splat');
}

/** argument is the positional argument at `index`, else the keyword `name`: how Python binds a parameter. */
export function argument(call: Node, index: number, name: string): Node | null {
  return positionalArguments(call)[index] ?? keywordArgument(call, name);
}

/** isTrue says whether a node is the literal `True`. */
export function isTrue(node: Node | null): boolean {
  return node?.type === 'true';
}

/** isFalse says whether a node is the literal `False`. */
export function isFalse(node: Node | null): boolean {
  return node?.type === 'false';
}

/** isStringLiteral says whether a node is a string constant (a literal or implicitly concatenated literals, no f-string). */
export function isStringLiteral(node: Node | null): boolean {
  return node !== null && stringValue(node) !== null;
}

/** stringValue is a string constant's decoded text (literals concatenated), or null when not a constant. */
export function stringValue(node: Node): string | null {
  return locatedStringValue(node)?.text ?? null;
}

/** locatedStringValue is stringValue with the line of every character. */
export function locatedStringValue(node: Node): LocatedText | null {
  if (node.type === 'string') {
    const decoded = decodeStringLiteral(node);
    return decoded.ok ? decoded.value : null;
  }
  if (node.type === 'concatenated_string') {
    const parts: LocatedText[] = [];
    for (const child of node.namedChildren) {
      if (!child || child.type !== 'string') continue;
      const decoded = decodeStringLiteral(child);
      if (!decoded.ok) return null;
      parts.push(decoded.value);
    }
    return concatLocated(parts);
  }
  if (node.type === 'parenthesized_expression') {
    const inner = namedChildrenOf(node)[0];
    return inner ? locatedStringValue(inner) : null;
  }
  return null;
}

const CONSTANT_TYPES: ReadonlySet<string> = new Set(['integer', 'float', 'true', 'false', 'none', 'ellipsis']);

/**
 * isConstant says whether an expression is what Python's `ast` calls a Constant: a string or bytes literal
 * (implicitly concatenated literals included, f-strings excluded), a number, True/False/None, `...`, in
 * any parentheses.
 */
export function isConstant(node: Node): boolean {
  const inner = unparenthesized(node);
  return CONSTANT_TYPES.has(inner.type) || stringValue(inner) !== null;
}

/** integerValue is an integer literal's value (`0o777`, `0x1ff`, `511`, `0_777`), or null. */
export function integerValue(node: Node): number | null {
  if (node.type !== 'integer') return null;
  const text = node.text.replace(/_/g, '').toLowerCase();
  const parsed = /^0[oxb]/.test(text) ? Number(text) : /^0\d+$/.test(text) ? Number.parseInt(text, 8) : Number(text);
  return Number.isFinite(parsed) ? parsed : null;
}

/**
 * isStringFormatting says whether a node builds a string at run time: an f-string, `%` or `+` with a string
 * side, `.format()` on a string. Operator chains (`a + b + c…`) nest on the left, so they are followed in
 * a loop: a hostile file with 100,000 `+` must not exhaust the stack.
 */
export function isStringFormatting(node: Node): boolean {
  let current: Node | null = node;
  while (current) {
    if (current.type === 'string') return !decodeStringLiteral(current).ok; // an f-string
    if (current.type === 'call') {
      const target = callTarget(current);
      if (target?.type !== 'attribute' || target.childForFieldName('attribute')?.text !== 'format') return false;
      const object = target.childForFieldName('object');
      return object !== null && (isStringConstantNode(object) || isFString(object));
    }
    if (current.type !== 'binary_operator') return false;
    const operator = current.childForFieldName('operator')?.type;
    if (operator !== '%' && operator !== '+') return false;
    const right = current.childForFieldName('right');
    const left = current.childForFieldName('left');
    if (right && (isStringConstantNode(right) || isFString(right))) return true;
    if (left && (isStringConstantNode(left) || isFString(left))) return true;
    current = left;
  }
  return false;
}

function isStringConstantNode(node: Node): boolean {
  return node.type === 'string' || node.type === 'concatenated_string';
}

function isFString(node: Node): boolean {
  return node.type === 'string' && !decodeStringLiteral(node).ok;
}

/** isBytesLiteral says whether a string node (or any part of a concatenation) is a bytes literal (`b"…"`). */
export function isBytesLiteral(node: Node): boolean {
  if (node.type === 'concatenated_string') return node.namedChildren.some((child) => child !== null && isBytesLiteral(child));
  if (node.type !== 'string') return false;
  const start = node.children[0];
  return start?.type === 'string_start' && /^[a-z]*b[a-z]*['"]/i.test(start.text);
}

/**
 * strValue is the value of a `str` constant (bandit's `Str` nodes): stringValue without bytes literals.
 * f-strings and anything computed stay null.
 */
export function strValue(node: Node): string | null {
  const inner = unparenthesized(node);
  if (isBytesLiteral(inner)) return null;
  return stringValue(inner);
}

/**
 * leadingStringText is the text a string expression certainly starts with: the whole value of a
 * constant, or, for an f-string (or a concatenation holding one), the literal text before the first
 * `{…}`; in parentheses, and through the left operands of `+` (`"https://" + host`). Null for bytes and
 * for anything that does not start with a string literal. `{{`/`}}` become braces; other escapes in an
 * f-string's literal part are kept as written (enough for prefix checks). `a + b + c…` nests on the left,
 * so it is followed in a loop: a hostile chain must not exhaust the stack.
 */
export function leadingStringText(expression: Node): string | null {
  let node = unparenthesized(expression);
  while (node.type === 'binary_operator' && node.childForFieldName('operator')?.type === '+') {
    const left = node.childForFieldName('left');
    if (!left) return null;
    node = unparenthesized(left);
  }
  if (isBytesLiteral(node)) return null;
  const parts = node.type === 'concatenated_string' ? node.namedChildren.filter((n): n is Node => n?.type === 'string') : node.type === 'string' ? [node] : [];
  if (parts.length === 0) return null;
  let text = '';
  for (const part of parts) {
    const decoded = decodeStringLiteral(part);
    if (decoded.ok) {
      text += decoded.value.text;
      continue;
    }
    for (const child of part.children) {
      if (child.type === 'interpolation') return text;
      if (child.type === 'string_content') text += child.text.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
    }
    return text;
  }
  return text;
}

/** unparenthesized is the expression inside any number of parentheses (`((x))` → `x`). */
export function unparenthesized(node: Node): Node {
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const inner = namedChildrenOf(current)[0];
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** terminalName is the last name of an identifier or attribute chain (`a.b.c` → `c`, `x` → `x`), else null. */
export function terminalName(node: Node | null): string | null {
  if (!node) return null;
  const inner = unparenthesized(node);
  if (inner.type === 'identifier') return inner.text;
  if (inner.type === 'attribute') return inner.childForFieldName('attribute')?.text ?? null;
  return null;
}

/**
 * importedName is the qualified name of a dotted name whose first identifier was bound by an import
 * (`import yaml as y; y.load` → `yaml.load`), else null: a local variable that happens to be called
 * `requests` or `yaml` is not the module.
 */
export function importedName(node: Node, context: Pick<RuleContext, 'imports' | 'qualifiedName'>): string | null {
  let head: Node | null = node;
  while (head && head.type === 'attribute') head = head.childForFieldName('object');
  if (!head || head.type !== 'identifier' || !context.imports.has(head.text)) return null;
  return context.qualifiedName(node);
}

/** importsModule says whether the module imports `module` or anything under it, in any form. */
export function importsModule(context: Pick<RuleContext, 'imports'>, module: string): boolean {
  for (const target of context.imports.values()) {
    if (target === module || target.startsWith(`${module}.`)) return true;
  }
  return false;
}

/**
 * isStandaloneString says whether a `string` / `concatenated_string` node is a constant that bandit
 * judges on its own (its `Str` checks): not one piece of an implicit concatenation (bandit sees `"a" "b"`
 * as one constant) and not a bare expression statement (a docstring, which bandit skips). Call it only
 * on candidates: `Node.parent` costs the node's depth.
 */
export function isStandaloneString(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return true;
  if (node.type === 'string' && parent.type === 'concatenated_string') return false;
  return parent.type !== 'expression_statement';
}

/** keywordArgumentNode is the whole `name=value` argument of a call (for locations), or null. */
export function keywordArgumentNode(call: Node, name: string): Node | null {
  for (const arg of callArguments(call)) {
    if (arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === name) return arg;
  }
  return null;
}
