/**
 * The one loader of the Python grammar. setup.py is read statically (never executed: DESIGN.md, "Repository
 * code is never executed"), and the code scanner reads Python sources too; both get their syntax trees
 * from here, so the WebAssembly runtime and the grammar are loaded once per process.
 *
 * web-tree-sitter 0.27: `Parser.init()` loads the runtime, `Language.load()` the grammar compiled to
 * WebAssembly that the `tree-sitter-python` package ships. See https://github.com/tree-sitter/tree-sitter/tree/master/lib/binding_web
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Tree } from 'web-tree-sitter';

let loading: Promise<Parser> | undefined;

/**
 * loadPythonParser is the shared parser, set to the Python grammar. The first call loads the runtime and
 * the grammar; later calls get the same promise. A failed load is not cached, so a later call retries.
 * Parsing is synchronous, so one parser serves every caller of this single-threaded process.
 */
export function loadPythonParser(): Promise<Parser> {
  loading ??= createParser().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function createParser(): Promise<Parser> {
  await Parser.init();
  const wasmPath = createRequire(import.meta.url).resolve('tree-sitter-python/tree-sitter-python.wasm');
  const language = await Language.load(wasmPath);
  return new Parser().setLanguage(language);
}

/**
 * parsePython parses Python source into a syntax tree. Tree-sitter never fails on bad syntax: it returns
 * a tree with `ERROR` and missing nodes where the source is wrong. The tree lives in WebAssembly memory,
 * which the garbage collector does not reclaim: the caller must call `tree.delete()` (or use
 * `withPythonTree`).
 */
export async function parsePython(source: string): Promise<Tree> {
  const parser = await loadPythonParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error('the Python parser returned no tree');
  return tree;
}

/** withPythonTree parses Python source, hands the tree to `use`, and frees the tree afterwards. */
export async function withPythonTree<T>(source: string, use: (tree: Tree) => T): Promise<T> {
  const tree = await parsePython(source);
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}
