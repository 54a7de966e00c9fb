/**
 * B202 tarfile_unsafe_members: `TarFile.extractall()` trusts the archive: members named `../../x`,
 * absolute paths, links and device files land wherever they say (path traversal).
 * https://bandit.readthedocs.io/en/latest/plugins/b202_tarfile_unsafe_members.html
 *
 * Semantics follow bandit 1.9: in a module that imports `tarfile`, an `.extractall(…)` call is
 * - safe with `filter="data"` (PEP 706's data filter);
 * - low severity, low confidence with `members=` a call (a filtering function: make sure it discards
 *   dangerous members);
 * - medium severity, medium confidence with any other `members=` (could not tell whether it is vetted);
 * - high severity, high confidence otherwise. CWE-22.
 * zipfile is not checked, as in bandit 1.9: `ZipFile.extractall` has sanitised member names since
 * Python 2.7.4/3.3.1.
 *
 * Deliberate differences: any import of tarfile counts (bandit needs exactly `import tarfile`);
 * `members` passed positionally is read; `filter=tarfile.data_filter` is safe like `"data"`; a receiver
 * that is visibly a zip archive (`zipfile.ZipFile(…).extractall()`, or a name bound in the same scope
 * only by `zipfile.ZipFile(…)` / `with zipfile.ZipFile(…) as z`) is skipped: bandit flags those in any
 * module that also imports tarfile.
 */
import type { Node } from 'web-tree-sitter';
import type { CodeRule, RuleContext } from '../types.js';
import { calledDottedName } from '../imported-calls.js';
import { argument, callTarget, importsModule, keywordArgument, strValue, unparenthesized } from '../syntax.js';
import { walkTree } from '../../python/walk.js';

/** tarfileUnsafeMembers flags `extractall()` on tar archives without a member filter (bandit B202). */
export const tarfileUnsafeMembers: CodeRule = {
  doc: {
    id: 'python.tarfile-unsafe-members',
    banditId: 'B202',
    name: 'tarfile.extractall without member validation',
    help: 'A crafted tar archive can hold members such as `../../home/user/.bashrc`, absolute paths, symlinks or device files; `extractall()` writes them all. On Python 3.12+ pass `filter="data"` (PEP 706), which refuses them; on older versions pass `members=` a function that yields only vetted members.',
    cwe: 22,
  },
  severity: 'high',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    const target = callTarget(node);
    if (target?.type !== 'attribute' || !target.childForFieldName('attribute')?.text.includes('extractall')) return;
    if (!importsModule(context, 'tarfile')) return;
    const receiver = target.childForFieldName('object');
    if (receiver && isZipArchive(receiver, node, context)) return;
    const filter = keywordArgument(node, 'filter');
    if (filter && (strValue(filter) === 'data' || context.qualifiedName(unparenthesized(filter)) === 'tarfile.data_filter')) return;
    const members = argument(node, 1, 'members');
    if (!members) {
      context.report(node, { message: 'tarfile.extractall used without any validation. Please check and discard dangerous members.' });
      return;
    }
    const value = unparenthesized(members);
    if (value.type === 'call') {
      context.report(node, {
        message: `Usage of tarfile.extractall(members=function(tarfile)). Make sure your function properly discards dangerous members (${callTarget(value)?.text ?? value.text}).`,
        severity: 'low',
        confidence: 'low',
      });
    } else {
      context.report(node, {
        message: `Found tarfile.extractall(members=?) but couldn't identify the type of members. Check if the members were properly validated (${value.text.slice(0, 80)}).`,
        severity: 'medium',
        confidence: 'medium',
      });
    }
  },
};

/** isZipArchive says whether the receiver of `extractall` is visibly a `zipfile.ZipFile`. */
function isZipArchive(receiver: Node, call: Node, context: RuleContext): boolean {
  if (!importsModule(context, 'zipfile')) return false;
  const value = unparenthesized(receiver);
  if (value.type === 'call') return isZipConstructor(value, context);
  if (value.type !== 'identifier') return false;
  const makers = bindingsInScope(call, context).get(value.text) ?? [];
  return makers.length > 0 && makers.every((maker) => maker !== null && isZipConstructor(maker, context));
}

function isZipConstructor(node: Node, context: RuleContext): boolean {
  const value = unparenthesized(node);
  return value.type === 'call' && calledDottedName(value, context)?.startsWith('zipfile.') === true;
}

/** Bindings by scope node id, per scanned file (a RuleContext is one file), so each scope is read once. */
const scopeBindings = new WeakMap<RuleContext, Map<number, Map<string, (Node | null)[]>>>();

/**
 * bindingsInScope maps each name bound in the function (or module) around `call`, nested functions and
 * classes aside, to the values bound to it by `name = …` and `with … as name`. An entry is null when
 * the binding is not a plain `name = value` (a parameter, unpacking, augmented assignment, `except …
 * as name`): then nothing is assumed about the name.
 */
function bindingsInScope(call: Node, context: RuleContext): Map<string, (Node | null)[]> {
  // Node.parent costs the node's depth: give up past a sane nesting rather than go quadratic.
  let scope: Node | null = call.parent;
  for (let steps = 0; scope && scope.type !== 'function_definition' && scope.type !== 'module'; steps++) {
    if (steps > 200) return new Map();
    scope = scope.parent;
  }
  if (!scope) return new Map();
  let byScope = scopeBindings.get(context);
  if (!byScope) scopeBindings.set(context, (byScope = new Map()));
  const cached = byScope.get(scope.id);
  if (cached) return cached;

  const bindings = new Map<string, (Node | null)[]>();
  const bind = (name: string, value: Node | null): void => {
    bindings.set(name, [...(bindings.get(name) ?? []), value]);
  };
  const root = scope;
  // Parameters are bindings of unknown type (any identifier under `parameters`, defaults included:
  // that only makes the rule more conservative).
  const parameters = root.type === 'function_definition' ? root.childForFieldName('parameters') : null;
  if (parameters) for (const name of boundNames(parameters)) bind(name, null);
  walkTree(root, (node) => {
    if (node.id !== root.id && (node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda')) return false;
    if (node.type === 'assignment' || node.type === 'augmented_assignment') {
      const left = node.childForFieldName('left');
      if (left?.type === 'identifier') bind(left.text, node.type === 'assignment' ? node.childForFieldName('right') : null);
      else if (left) for (const name of boundNames(left)) bind(name, null);
    } else if (node.type === 'as_pattern') {
      const alias = node.childForFieldName('alias');
      if (alias) bind(alias.text, node.namedChildren[0] ?? null);
    }
    return true;
  });
  byScope.set(scope.id, bindings);
  return bindings;
}

/** boundNames is every identifier in an unpacking target (`a, (b, c) = …`). */
function boundNames(target: Node): string[] {
  const names: string[] = [];
  walkTree(target, (node) => {
    if (node.type === 'identifier') names.push(node.text);
  });
  return names;
}
