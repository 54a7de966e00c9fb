/**
 * Iterative walks over tree-sitter syntax trees. Hostile sources nest thousands of levels deep (`((((…`),
 * so nothing that visits a tree may recurse on the JavaScript stack: a TreeCursor keeps the path instead.
 * Beware `Node.parent` too: tree-sitter finds a parent by descending from the root, so it costs the
 * node's depth; climbing from a deep node with it is quadratic.
 */
import type { Node } from 'web-tree-sitter';

/**
 * walkTree visits `root` and every node below it in document order (pre-order). `visit` returns `false`
 * to skip a node's children. The walk uses a TreeCursor, so its depth is bounded by nothing but the tree.
 */
export function walkTree(root: Node, visit: (node: Node) => boolean | void): void {
  const cursor = root.walk();
  // The depth is counted here: TreeCursor.currentDepth walks the cursor's whole stack on each call, which
  // makes a walk of a deeply nested tree quadratic.
  let depth = 0;
  try {
    for (;;) {
      if (visit(cursor.currentNode) !== false && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      // No (visited) children: move to the next sibling, climbing until one exists or the root is reached.
      while (depth === 0 || !cursor.gotoNextSibling()) {
        if (depth === 0 || !cursor.gotoParent()) return;
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * nodesOfTypes is every node in `root`'s subtree (`root` included) whose type is one of `types`, in
 * document order (the order walkTree visits them). The search is one call into WebAssembly: tree-sitter's
 * own iterative cursor walk (`ts_node_descendants_of_type` in web-tree-sitter's binding) compares type ids
 * and creates a JavaScript Node only for the nodes it returns. walkTree, which must hand every node to its
 * visitor, allocates a Node for each one and crosses into WebAssembly several times per node; a scan that
 * only wants a few types (calls, imports, strings) is several times faster this way.
 * One difference: a zero-width node ending at the very start of the file (a `MISSING` node at line 1,
 * column 0 of a broken file) is passed over by tree-sitter's range check, so it is not returned.
 */
export function nodesOfTypes(root: Node, types: readonly string[]): Node[] {
  if (types.length === 0) return [];
  return root.descendantsOfType([...types]);
}
