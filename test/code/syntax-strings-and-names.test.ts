import type { Node } from 'web-tree-sitter';
import { describe, expect, it } from 'vitest';
import { qualifiedNameOf } from '../../src/code/imports.js';
import {
  importedName,
  importsModule,
  isBytesLiteral,
  isStandaloneString,
  keywordArgumentNode,
  leadingStringText,
  strValue,
  terminalName,
  unparenthesized,
} from '../../src/code/syntax.js';
import { withPythonTree } from '../../src/python/parser.js';
import { walkTree } from '../../src/python/walk.js';

/** valueOf runs `read` on the right-hand side of the first assignment of `source`. */
function valueOf<T>(source: string, read: (node: Node) => T): Promise<T> {
  return withPythonTree(source, (tree) => {
    let found: Node | null = null;
    walkTree(tree.rootNode, (node) => {
      if (!found && node.type === 'assignment') found = node.childForFieldName('right');
    });
    if (!found) throw new Error('no assignment');
    return read(found);
  });
}

describe('string readers', () => {
  it('strValue reads str constants only: not bytes, not f-strings', async () => {
    expect(await valueOf('x = "a" \'b\'', strValue)).toBe('ab');
    expect(await valueOf('x = (("a\\tb"))', strValue)).toBe('a\tb');
    expect(await valueOf('x = b"a"', strValue)).toBeNull();
    expect(await valueOf('x = "a" b"b"', strValue)).toBeNull();
    expect(await valueOf('x = f"a"', strValue)).toBeNull();
    expect(await valueOf('x = 1', strValue)).toBeNull();
  });

  it('isBytesLiteral knows every bytes prefix', async () => {
    for (const literal of ['b"x"', 'B"x"', 'rb"x"', 'Br"x"', "bR'''x'''"]) expect(await valueOf(`x = ${literal}`, isBytesLiteral), literal).toBe(true);
    for (const literal of ['"x"', 'r"x"', 'u"x"', 'f"x"']) expect(await valueOf(`x = ${literal}`, isBytesLiteral), literal).toBe(false);
  });

  it('leadingStringText is the literal start of f-strings and concatenations', async () => {
    expect(await valueOf('x = f"/tmp/{name}/x"', leadingStringText)).toBe('/tmp/');
    expect(await valueOf('x = f"{{a}}{b}"', leadingStringText)).toBe('{a}');
    expect(await valueOf('x = "/tm" f"p/{a}" "z"', leadingStringText)).toBe('/tmp/');
    expect(await valueOf('x = f"{a}/tmp"', leadingStringText)).toBe('');
    expect(await valueOf('x = "plain"', leadingStringText)).toBe('plain');
    expect(await valueOf('x = b"/tmp"', leadingStringText)).toBeNull();
    expect(await valueOf('x = y', leadingStringText)).toBeNull();
  });

  it('isStandaloneString skips docstrings and pieces of concatenations', async () => {
    const verdicts = await withPythonTree('"""doc"""\nx = "a" "b"\ny = ("c")\n', (tree) => {
      const seen: string[] = [];
      walkTree(tree.rootNode, (node) => {
        if (node.type === 'string' || node.type === 'concatenated_string') seen.push(`${node.text}:${isStandaloneString(node)}`);
      });
      return seen;
    });
    expect(verdicts).toEqual(['"""doc""":false', '"a" "b":true', '"a":false', '"b":false', '"c":true']);
  });
});

describe('name readers', () => {
  it('unparenthesized and terminalName see through parentheses and attribute chains', async () => {
    expect(await valueOf('x = ((a.b.c))', (node) => unparenthesized(node).type)).toBe('attribute');
    expect(await valueOf('x = ((a.b.c))', terminalName)).toBe('c');
    expect(await valueOf('x = a', terminalName)).toBe('a');
    expect(await valueOf('x = a()', terminalName)).toBeNull();
  });

  it('importedName resolves only names bound by imports', async () => {
    const imports = new Map([['y', 'yaml'], ['load', 'yaml.load']]);
    const context = { imports, qualifiedName: (node: Node) => qualifiedNameOf(node, imports) };
    expect(await valueOf('x = y.load', (node) => importedName(node, context))).toBe('yaml.load');
    expect(await valueOf('x = load', (node) => importedName(node, context))).toBe('yaml.load');
    expect(await valueOf('x = yaml.load', (node) => importedName(node, context))).toBeNull();
    expect(await valueOf('x = y().load', (node) => importedName(node, context))).toBeNull();
  });

  it('importsModule matches a module and its submodules, not look-alike prefixes', () => {
    const context = { imports: new Map([['a', 'tarfile.open'], ['b', 'zipfile_extra']]) };
    expect(importsModule(context, 'tarfile')).toBe(true);
    expect(importsModule(context, 'zipfile')).toBe(false);
  });

  it('keywordArgumentNode is the whole name=value argument', async () => {
    expect(await valueOf('x = f(1, verify = False)', (node) => keywordArgumentNode(node, 'verify')?.text)).toBe('verify = False');
    expect(await valueOf('x = f(1)', (node) => keywordArgumentNode(node, 'verify'))).toBeNull();
  });
});
