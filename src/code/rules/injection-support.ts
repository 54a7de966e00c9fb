/**
 * Readers shared by the injection group (B6xx): the module names a file imports as bandit records them
 * (for its "imported like" tests), the `shell=` keyword as bandit evaluates it, and the command argument
 * of a process-starting call. What a call calls is ../imported-calls.ts's.
 */
import type { Node } from 'web-tree-sitter';
import { walkTree } from '../../python/walk.js';
import { astArgs, keywordArgument, keywordArgumentNode, namedChildrenOf, stringValue, strValue, unparenthesized } from '../syntax.js';
import type { RuleContext } from '../types.js';
import type { ProcessKind } from './shell-injection-config.js';

/**
 * commandArgument is the command a process-starting call runs: its first positional argument (bandit's
 * `node.args[0]`, a `*args` splat included), or, for the subprocess functions, the `args=` keyword, which
 * bandit does not read (`subprocess.run(args=cmd, shell=True)` escapes it).
 */
export function commandArgument(call: Node, kind: ProcessKind): Node | null {
  const first = astArgs(call)[0];
  if (first) return first;
  return kind === 'subprocess' ? keywordArgument(call, 'args') : null;
}

/**
 * isStrConstant says whether an expression is a `str` constant as Python's ast sees it: a string literal
 * or implicitly concatenated literals, in any parentheses. f-strings (computed) and bytes are not.
 */
export function isStrConstant(node: Node): boolean {
  return node.type !== 'list_splat' && strValue(node) !== null;
}

/** ShellArgument is the `shell=` keyword of a call as bandit's `has_shell` evaluates it. */
export interface ShellArgument {
  /** The whole `shell=…` argument (where findings about it are reported), or null when absent. */
  keyword: Node | null;
  /** Whether bandit takes the value for true. */
  truthy: boolean;
}

/**
 * shellArgument evaluates `shell=` as bandit 1.9's `has_shell`: numbers, strings, bytes, `True`/`False`/
 * `None` and `...` by their truth value, lists and dicts by being non-empty, and any other expression
 * (a variable, a call, `not x`, `-1`, a tuple, an f-string) as true, since it may be. No `shell=` (or one
 * hidden in `**kwargs`) is false.
 */
export function shellArgument(call: Node): ShellArgument {
  const keyword = keywordArgumentNode(call, 'shell');
  const value = keyword?.childForFieldName('value');
  if (!keyword || !value) return { keyword: null, truthy: false };
  return { keyword, truthy: truthValue(unparenthesized(value)) };
}

/**
 * isTruthyLiteral is Python's truth value of a constant expression (numbers, strings, bytes, `True`,
 * `False`, `None`, `...`, list and dict displays by being non-empty); anything computed counts as true.
 */
export function isTruthyLiteral(node: Node): boolean {
  return truthValue(unparenthesized(node));
}

function truthValue(value: Node): boolean {
  switch (value.type) {
    case 'true':
    case 'ellipsis':
      return true;
    case 'false':
    case 'none':
      return false;
    case 'integer':
    case 'float':
      return numberValue(value.text) !== 0;
    case 'list':
      return namedChildrenOf(value).length > 0;
    case 'dictionary':
      return value.namedChildren.some((n) => n !== null && (n.type === 'pair' || n.type === 'dictionary_splat'));
    case 'string':
    case 'concatenated_string': {
      const text = stringValue(value);
      return text === null || text !== ''; // an f-string is computed: bandit takes it for true
    }
    default:
      return true;
  }
}

/** numberValue is the value of a Python number literal (`0x1f`, `1_000`, `0o7`, `1e3`, `2j` → 2). */
function numberValue(literal: string): number {
  const text = literal.replace(/_/g, '').replace(/[jl]$/i, '').toLowerCase();
  if (/^0[box]/.test(text)) return Number(text);
  if (/^0+$/.test(text)) return 0;
  const parsed = Number(text);
  return Number.isNaN(parsed) ? 1 : parsed;
}

/** isLiteralTrue says whether a keyword argument's value is the literal `True` (bandit's check_call_arg_value(…, "True")). */
export function isLiteralTrue(keyword: Node | null): boolean {
  const value = keyword?.childForFieldName('value');
  return value !== null && value !== undefined && unparenthesized(value).type === 'true';
}

const importSets = new WeakMap<RuleContext, readonly string[]>();

/**
 * banditImports is the list of names bandit records for a module's imports: `import a.b` → `a.b`,
 * `from a.b import c` → `a.b.c`, `from . import c` → `c`, `from .m import c` → `m.c`. Computed once per
 * file, on first use, by a walk of the tree (imports may sit in functions and `try` blocks).
 */
export function banditImports(context: RuleContext): readonly string[] {
  const known = importSets.get(context);
  if (known) return known;
  const names: string[] = [];
  walkTree(context.tree.rootNode, (node) => {
    if (node.type === 'import_statement') {
      for (const child of node.namedChildren) {
        if (child?.type === 'dotted_name') names.push(compact(child.text));
        else if (child?.type === 'aliased_import') names.push(compact(child.childForFieldName('name')?.text ?? ''));
      }
      return false;
    }
    if (node.type === 'import_from_statement') {
      const moduleNode = node.childForFieldName('module_name');
      const module = moduleNode ? compact(moduleNode.text).replace(/^\.+/, '') : '';
      const imported = node.childrenForFieldName('name').map((child) =>
        child?.type === 'aliased_import' ? compact(child.childForFieldName('name')?.text ?? '') : compact(child?.text ?? ''),
      );
      if (node.namedChildren.some((child) => child?.type === 'wildcard_import')) imported.push('*');
      for (const name of imported) names.push(module === '' ? name : `${module}.${name}`);
      return false;
    }
    return undefined;
  });
  importSets.set(context, names);
  return names;
}

function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

/** isModuleImportedLike is bandit's `is_module_imported_like`: some import's name contains `module`. */
export function isModuleImportedLike(context: RuleContext, module: string): boolean {
  return banditImports(context).some((name) => name.includes(module));
}
