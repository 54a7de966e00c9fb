/**
 * The import table of a module: which dotted name each local name stands for. Rules match calls by their
 * qualified name (`subprocess.Popen`, `pickle.loads`), so `from subprocess import Popen as P; P(...)` and
 * `import subprocess as sp; sp.Popen(...)` are caught the way bandit catches them.
 */
import type { Node } from 'web-tree-sitter';
import type { ImportTable } from './types.js';

/** collectImport adds the names one `import` / `from … import` statement binds to `table`. */
export function collectImport(statement: Node, table: Map<string, string>): void {
  if (statement.type === 'import_statement') {
    for (const child of statement.namedChildren) {
      if (!child) continue;
      if (child.type === 'dotted_name') {
        // `import os.path` binds `os`, and `os.path.join` then resolves to itself.
        const top = child.text.split('.')[0] ?? child.text;
        table.set(top, top);
      } else if (child.type === 'aliased_import') {
        const name = child.childForFieldName('name');
        const alias = child.childForFieldName('alias');
        if (name && alias) table.set(alias.text, name.text);
      }
    }
    return;
  }
  if (statement.type !== 'import_from_statement') return;
  const moduleNode = statement.childForFieldName('module_name');
  if (!moduleNode) return;
  // Relative imports (`from . import x`) name the project's own modules: keep them relative.
  const module = moduleNode.text.replace(/\s+/g, '');
  for (const child of statement.childrenForFieldName('name')) {
    if (!child) continue;
    if (child.type === 'dotted_name') table.set(child.text, `${module}.${child.text}`);
    else if (child.type === 'aliased_import') {
      const name = child.childForFieldName('name');
      const alias = child.childForFieldName('alias');
      if (name && alias) table.set(alias.text, `${module}.${name.text}`);
    }
  }
}

/**
 * qualifiedNameOf resolves an identifier or attribute chain (`a.b.c`) through `imports`. Calls and
 * subscripts in the chain (`a().b`) make it null: their value is not known statically. The chain is
 * followed in a loop, so `a.b.c…` thousands deep does not recurse.
 */
export function qualifiedNameOf(node: Node, imports: ImportTable): string | null {
  const attributes: string[] = [];
  let current: Node | null = node;
  while (current && current.type === 'attribute') {
    const attribute = current.childForFieldName('attribute');
    if (!attribute) return null;
    attributes.push(attribute.text);
    current = current.childForFieldName('object');
  }
  if (!current || current.type !== 'identifier') return null;
  const head = imports.get(current.text) ?? current.text;
  return [head, ...attributes.reverse()].join('.');
}
