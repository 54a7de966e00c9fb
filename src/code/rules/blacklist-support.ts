/**
 * Readers shared by the blacklist family (B3xx calls, B4xx imports, B324, B7xx): the name a call really
 * refers to, the module a dynamic import loads, and constants. They are stricter than bandit's
 * `call_function_name_qual`, which takes any `random.choice(...)` for the `random` module even when
 * `random` is a local variable: here a dotted name counts only when its first part was bound by an import.
 */
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../types.js';
import { argument, callTarget, stringValue } from '../syntax.js';

/**
 * importedName is the dotted name an expression stands for, or null when it cannot be known: an attribute
 * chain counts only when its head was bound by an import (`import random as r; r.choice` →
 * `random.choice`; `self.random.choice` → null); a bare identifier is its import (`from pickle import
 * loads` → `pickle.loads`) or, when nothing imported it, itself (`eval`). `builtins.eval` is `eval`.
 */
export function importedName(node: Node, context: RuleContext): string | null {
  let head: Node | null = node;
  while (head && head.type === 'attribute') head = head.childForFieldName('object');
  if (!head || head.type !== 'identifier') return null;
  if (node.type !== 'identifier' && !context.imports.has(head.text)) return null;
  const name = context.qualifiedName(node);
  if (name === null) return null;
  return name.startsWith('builtins.') ? name.slice('builtins.'.length) : name;
}

/**
 * Each rule of the family asks for the name of every call: the answer is kept per scan (a RuleContext is
 * one file's) and per node, since crossing into the WebAssembly tree is what costs.
 */
const calledNames = new WeakMap<RuleContext, Map<number, string | null>>();

/** calledName is importedName of a call's function, or null. */
export function calledName(call: Node, context: RuleContext): string | null {
  let names = calledNames.get(context);
  if (!names) {
    names = new Map();
    calledNames.set(context, names);
  }
  const known = names.get(call.id);
  if (known !== undefined) return known;
  const target = callTarget(call);
  const name = target ? importedName(target, context) : null;
  names.set(call.id, name);
  return name;
}

/**
 * dynamicImportName is the module a call imports when it is `__import__("m")`, `importlib.import_module("m")`
 * or `importlib.__import__("m")` with a constant name (bandit blacklists those calls as it does `import m`).
 * Null for any other call, or a name computed at run time.
 */
export function dynamicImportName(call: Node, context: RuleContext): string | null {
  const name = calledName(call, context);
  if (name !== '__import__' && name !== 'importlib.import_module' && name !== 'importlib.__import__') return null;
  if (name === '__import__' && context.imports.has('__import__')) return null;
  const module = argument(call, 0, 'name');
  return module ? stringValue(module) : null;
}

/** unwrapParentheses is the expression inside any number of parentheses (iteratively: hostile nesting). */
export function unwrapParentheses(node: Node): Node {
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const inner = current.namedChildren.find((n): n is Node => n !== null && n.type !== 'comment');
    if (!inner) break;
    current = inner;
  }
  return current;
}

const CONSTANT_TYPES = new Set(['integer', 'float', 'true', 'false', 'none', 'ellipsis']);

/**
 * isConstant says whether an expression is what Python's `ast` calls a Constant: a string or bytes literal
 * (implicitly concatenated literals included, f-strings excluded), a number, True/False/None, `...`.
 */
export function isConstant(node: Node): boolean {
  const inner = unwrapParentheses(node);
  return CONSTANT_TYPES.has(inner.type) || stringValue(inner) !== null;
}

/**
 * leadingText is the text a string expression is known to start with: all of a literal, the part of an
 * f-string before its first placeholder, the left side of a `+`. Null when nothing is known. Escapes in an
 * f-string's leading text are not decoded (the callers look for a URL scheme, which has none).
 */
export function leadingText(node: Node): string | null {
  let current: Node = unwrapParentheses(node);
  // `a + b + c` nests on the left: follow it in a loop.
  while (current.type === 'binary_operator' && current.childForFieldName('operator')?.type === '+') {
    const left = current.childForFieldName('left');
    if (!left) return null;
    current = unwrapParentheses(left);
  }
  const constant = stringValue(current);
  if (constant !== null) return constant;
  const first = current.type === 'concatenated_string' ? current.namedChildren.find((n) => n?.type === 'string') : current;
  if (!first || first.type !== 'string') return null;
  let text = '';
  for (const child of first.children) {
    if (child.type === 'string_start') continue;
    if (child.type !== 'string_content') break;
    text += child.text;
  }
  return text;
}
