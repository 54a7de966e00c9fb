/**
 * One pass over a setup.py syntax tree that gathers what the static reader needs: the `setup(...)` calls,
 * under whatever name setuptools' or distutils' `setup` was imported, and how every name of the file is
 * bound, so that `install_requires=REQUIRES` can be followed only when `REQUIRES` surely holds one literal.
 */
import type { Node } from 'web-tree-sitter';
import { walkTree } from '../../python/walk.js';

/** SETUP_MODULES are the modules whose `setup` function builds a distribution. */
const SETUP_MODULES: ReadonlySet<string> = new Set(['setuptools', 'distutils.core', 'numpy.distutils.core']);

/** NameBinding is every way one name is bound or changed anywhere in the file. */
export interface NameBinding {
  /** `name = value` statements (the assignment nodes). */
  assignments: Node[];
  /** Other bindings: imports, loop targets, unpacking, `def`, parameters, `global`, walrus… */
  others: number;
  /** Changed in place: a method call (`name.append(…)`), `name += …`, `name[k] = …`, `del`. */
  mutated: boolean;
}

/** ModuleScan is what one walk of the tree found. */
export interface ModuleScan {
  /** Calls of setuptools' / distutils' `setup`, in document order. */
  setupCalls: Node[];
  bindings: Map<string, NameBinding>;
}

/** scanModule walks the tree once (iteratively) and collects the setup() calls and the name bindings. */
export function scanModule(root: Node): ModuleScan {
  const bindings = new Map<string, NameBinding>();
  const binding = (name: string): NameBinding => {
    let found = bindings.get(name);
    if (!found) {
      found = { assignments: [], others: 0, mutated: false };
      bindings.set(name, found);
    }
    return found;
  };
  const bindOther = (node: Node | null): void => {
    if (node?.type === 'identifier') binding(node.text).others++;
  };
  const mutate = (node: Node | null): void => {
    if (node?.type === 'identifier') binding(node.text).mutated = true;
  };
  // A binding target (`a`, `a, (b, *c)`, `a[0]`, `a.b`): names are bound, containers are changed.
  const bindTarget = (target: Node | null): void => {
    if (!target) return;
    walkTree(target, (node) => {
      if (node.type === 'subscript') mutate(node.childForFieldName('value'));
      else if (node.type === 'attribute') mutate(node.childForFieldName('object'));
      else if (node.type === 'identifier') bindOther(node);
      else return true;
      return false;
    });
  };

  // `setup` is recognised under its own name always, and under the names the file imports it as.
  const setupNames = new Set(['setup', 'setuptools.setup', 'distutils.core.setup']);
  const calls: { node: Node; callee: string }[] = [];

  walkTree(root, (node) => {
    switch (node.type) {
      case 'call': {
        const callee = node.childForFieldName('function');
        if (callee?.type === 'identifier' || callee?.type === 'attribute') {
          const text = callee.text;
          if (text.length <= 200) calls.push({ node, callee: text.replace(/\s+/g, '') });
        }
        // Any method call on a name may change it (`REQUIRES.append(…)`, `EXTRAS.update(…)`).
        if (callee?.type === 'attribute') mutate(callee.childForFieldName('object'));
        break;
      }
      case 'import_from_statement': {
        const module = (node.childForFieldName('module_name')?.text ?? '').replace(/\s+/g, '');
        for (const imported of node.childrenForFieldName('name')) {
          const original = imported.type === 'aliased_import' ? imported.childForFieldName('name') : imported;
          const alias = imported.type === 'aliased_import' ? imported.childForFieldName('alias') : imported;
          const originalName = (original?.text ?? '').replace(/\s+/g, '');
          const boundName = alias?.text ?? '';
          if (boundName === '') continue;
          binding(boundName).others++;
          if (SETUP_MODULES.has(module) && originalName === 'setup') setupNames.add(boundName);
          if (SETUP_MODULES.has(`${module}.${originalName}`)) setupNames.add(`${boundName}.setup`);
        }
        break;
      }
      case 'import_statement': {
        for (const imported of node.childrenForFieldName('name')) {
          if (imported.type === 'aliased_import') {
            const module = (imported.childForFieldName('name')?.text ?? '').replace(/\s+/g, '');
            const alias = imported.childForFieldName('alias')?.text ?? '';
            if (alias === '') continue;
            binding(alias).others++;
            if (SETUP_MODULES.has(module)) setupNames.add(`${alias}.setup`);
          } else {
            bindOther(imported.firstNamedChild);
          }
        }
        break;
      }
      case 'assignment': {
        const left = node.childForFieldName('left');
        if (left?.type === 'identifier') {
          // `NAME: type` without a value binds nothing.
          if (node.childForFieldName('right')) binding(left.text).assignments.push(node);
        } else {
          bindTarget(left);
        }
        break;
      }
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        if (left?.type === 'identifier') mutate(left);
        else bindTarget(left);
        break;
      }
      case 'for_statement':
        bindTarget(node.childForFieldName('left'));
        break;
      case 'named_expression':
        bindOther(node.childForFieldName('name'));
        break;
      case 'as_pattern':
        bindTarget(node.childForFieldName('alias'));
        break;
      case 'function_definition':
      case 'class_definition':
        bindOther(node.childForFieldName('name'));
        break;
      case 'parameters':
        for (const parameter of node.namedChildren) {
          if (parameter.type === 'identifier') bindOther(parameter);
          else bindOther(parameter.childForFieldName('name') ?? parameter.firstNamedChild);
        }
        break;
      case 'global_statement':
      case 'nonlocal_statement':
        for (const name of node.namedChildren) bindOther(name);
        break;
      case 'delete_statement':
        for (const target of node.namedChildren) {
          if (target.type === 'identifier') mutate(target);
          else bindTarget(target);
        }
        break;
    }
    return true;
  });

  const setupCalls = calls.filter((call) => setupNames.has(call.callee)).map((call) => call.node);
  return { setupCalls, bindings };
}
