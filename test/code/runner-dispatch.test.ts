/**
 * The runner finds the nodes rules asked for with one search (nodesOfTypes) instead of a visit of every
 * node: these tests pin that the search returns what a full walk would, in the same order, and that what
 * the runner derives from it (imports, `# nosec`, the rules each node goes to) is unchanged.
 */
import { describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { execUsed } from '../../src/code/rules/exec-used.js';
import { scanPythonSource } from '../../src/code/runner.js';
import type { CodeRule } from '../../src/code/types.js';
import { withPythonTree } from '../../src/python/parser.js';
import { nodesOfTypes, walkTree } from '../../src/python/walk.js';
import { findingLines, scanWith } from './helpers.js';

/** describeNode is a node as `type@row:column`, comparable across Node objects. */
const describeNode = (node: Node): string => `${node.type}@${node.startPosition.row}:${node.startPosition.column}`;

function walked(root: Node, types: readonly string[]): string[] {
  const found: string[] = [];
  walkTree(root, (node) => {
    if (types.includes(node.type)) found.push(describeNode(node));
  });
  return found;
}

const SAMPLE = [
  'import subprocess as sp',
  'from os import path  # a comment',
  '',
  'class A:',
  '    def f(self, x):',
  '        return sp.run(path.join(x, "y"), shell=True)(g(h()))',
  '',
  'if x:',
  '    exec(f"{x!r}")',
  'a.b()()',
].join('\n');

/** byType records every node it is handed, with its type, for dispatch assertions. */
function recorder(id: string, nodeTypes: string[], seen: string[]): CodeRule {
  return {
    doc: { id, name: id, help: '' },
    severity: 'low',
    confidence: 'low',
    nodeTypes,
    check(node) {
      seen.push(`${id}:${describeNode(node)}`);
    },
  };
}

describe('nodesOfTypes', () => {
  it('returns the nodes of the types asked for, in the order walkTree visits them', async () => {
    const types = ['call', 'identifier', 'comment', 'string', 'import_from_statement'];
    await withPythonTree(SAMPLE, (tree) => {
      const found = nodesOfTypes(tree.rootNode, types).map(describeNode);
      expect(found).toEqual(walked(tree.rootNode, types));
      // Nested calls come parent first: `sp.run(...)(g(h()))` before `sp.run(...)`, before `path.join(...)`.
      expect(found.filter((n) => n.startsWith('call@5:'))).toEqual(['call@5:15', 'call@5:15', 'call@5:22', 'call@5:53', 'call@5:55']);
    });
  });

  it('includes the root itself and returns nothing for no types or unknown types', async () => {
    await withPythonTree(SAMPLE, (tree) => {
      expect(nodesOfTypes(tree.rootNode, ['module']).map(describeNode)).toEqual(['module@0:0']);
      expect(nodesOfTypes(tree.rootNode, [])).toEqual([]);
      expect(nodesOfTypes(tree.rootNode, ['no_such_type'])).toEqual([]);
    });
  });

  it('searches only below the node it is given', async () => {
    await withPythonTree(SAMPLE, (tree) => {
      const classNode = nodesOfTypes(tree.rootNode, ['class_definition'])[0];
      expect(classNode).toBeDefined();
      if (!classNode) return;
      expect(nodesOfTypes(classNode, ['call']).map(describeNode)).toEqual(walked(classNode, ['call']));
      expect(nodesOfTypes(classNode, ['import_statement'])).toEqual([]);
    });
  });

  it('finds ERROR nodes of broken code as walkTree does', async () => {
    const broken = 'def f(:\n    exec(x)\nclass\n)\n';
    await withPythonTree(broken, (tree) => {
      const types = ['ERROR', 'call', 'identifier'];
      expect(nodesOfTypes(tree.rootNode, types).map(describeNode)).toEqual(walked(tree.rootNode, types));
    });
  });

  it('handles 20,000 levels of nesting and a 100,000-line file', async () => {
    const deep = `${'('.repeat(20_000)}exec(x)${')'.repeat(20_000)}\n`;
    await withPythonTree(deep, (tree) => {
      expect(nodesOfTypes(tree.rootNode, ['call']).length).toBeLessThanOrEqual(1);
    });
    const long = Array.from({ length: 100_000 }, (_, i) => `f${i}(x)`).join('\n');
    await withPythonTree(long, (tree) => {
      const calls = nodesOfTypes(tree.rootNode, ['call']);
      expect(calls).toHaveLength(100_000);
      expect(describeNode(calls[99_999] as Node)).toBe('call@99999:0');
    });
  });
});

describe('scanPythonSource dispatch', () => {
  it('hands each node to every rule that asked for its type, in document order', async () => {
    const seen: string[] = [];
    const calls = recorder('test.calls', ['call'], seen);
    const both = recorder('test.both', ['call', 'import_statement'], seen);
    await scanPythonSource('m.py', 'import os\nf(g())\n', [calls, both]);
    expect(seen).toEqual([
      'test.both:import_statement@0:0',
      'test.calls:call@1:0',
      'test.both:call@1:0',
      'test.calls:call@1:2',
      'test.both:call@1:2',
    ]);
  });

  it('reads imports that come after their use, as the whole module binds them', async () => {
    const seen: string[] = [];
    const names: CodeRule = {
      doc: { id: 'test.names', name: 'names', help: '' },
      severity: 'low',
      confidence: 'low',
      nodeTypes: ['call'],
      check(node, context) {
        const target = node.childForFieldName('function');
        seen.push(String(target && context.qualifiedName(target)));
        // Asked twice for the same node: the answer is the same (the runner keeps it per node).
        if (target) seen.push(String(context.qualifiedName(target)));
      },
    };
    await scanPythonSource('m.py', 'def f():\n    P("x")\n\nfrom subprocess import Popen as P\n', [names]);
    expect(seen).toEqual(['subprocess.Popen', 'subprocess.Popen']);
  });

  it('honours # nosec in any letter case and ignores comments that do not say it', async () => {
    const source = ['exec("1")  # NoSec', 'exec("2")  # nosec: B102', 'exec("3")  # no-sec', 'exec("4")  # nosec B101', 'exec("5")'].join('\n');
    const { findings, silenced } = await scanWith(execUsed, source);
    expect(findingLines(findings, true)).toEqual(['3:B102', '4:B102', '5:B102']);
    expect(silenced).toBe(2);
  });

  it('reads no comments at all when the file never mentions nosec, with the same findings', async () => {
    const seen: string[] = [];
    const comments = recorder('test.comments', ['comment'], seen);
    // A rule that asks for comments still gets them, nosec or not.
    const { findings } = await scanPythonSource('m.py', '# plain\nexec("1")  # why\n', [comments, execUsed]);
    expect(seen).toEqual(['test.comments:comment@0:0', 'test.comments:comment@1:11']);
    expect(findingLines(findings)).toEqual(['2:python.exec-used']);
  });
});
