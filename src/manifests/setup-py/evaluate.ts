/**
 * A static evaluator for the few Python expressions setup.py files use to spell requirements: string
 * literals (implicitly concatenated, or `+`-joined), lists, tuples, sets, dicts, `dict(k=v)`, `*splat`
 * and `**splat` of such values, and names bound once to them. Nothing is executed: anything else (a call,
 * a comprehension, an f-string, an imported or reassigned name, a conditional) is reported as dynamic.
 */
import type { Node } from 'web-tree-sitter';
import { concatLocated, decodeStringLiteral, type LocatedText } from '../../python/string-literal.js';
import type { ModuleScan } from './scan.js';

/** MAX_DEPTH bounds how deeply values nest (and names refer to names) before evaluation gives up. */
export const MAX_DEPTH = 64;

/** DictEntry is one `key: value` of a dict value. */
export interface DictEntry {
  key: Value;
  value: Value;
}

/** Value is what an expression statically evaluates to; `dynamic` is an expression it cannot evaluate. */
export type Value =
  | { kind: 'str'; text: LocatedText; node: Node }
  | { kind: 'seq'; items: Value[]; node: Node }
  | { kind: 'dict'; entries: DictEntry[]; node: Node }
  | { kind: 'none'; node: Node }
  /** A literal of a type requirements are never spelled with (a number, a boolean). */
  | { kind: 'other'; what: string; node: Node }
  /** `tooDeep`: nested beyond MAX_DEPTH, rather than computed at run time. */
  | { kind: 'dynamic'; node: Node; tooDeep?: boolean };

const SEQUENCE_TYPES: ReadonlySet<string> = new Set(['list', 'tuple', 'set', 'expression_list']);
const OTHER_LITERALS: Readonly<Record<string, string>> = {
  integer: 'number',
  float: 'number',
  true: 'boolean',
  false: 'boolean',
  ellipsis: 'ellipsis',
};

/** Evaluator evaluates expressions of one module, following names through the module's bindings. */
export class Evaluator {
  constructor(
    private readonly scan: ModuleScan,
    private readonly root: Node,
  ) {}

  /** evaluate is the value of an expression node. */
  evaluate(node: Node): Value {
    return this.value(node, 0, []);
  }

  private value(start: Node, depth: number, resolving: string[]): Value {
    let node = start;
    // Parentheses and chained assignments (`a = b = [...]`) cost no depth: unwrap them in a loop.
    for (;;) {
      const inner =
        node.type === 'parenthesized_expression'
          ? node.namedChildren.find((child) => child.type !== 'comment')
          : node.type === 'assignment'
            ? node.childForFieldName('right')
            : undefined;
      if (!inner) break;
      node = inner;
    }
    if (depth > MAX_DEPTH) return { kind: 'dynamic', node, tooDeep: true };

    switch (node.type) {
      case 'string': {
        const decoded = decodeStringLiteral(node);
        return decoded.ok ? { kind: 'str', text: decoded.value, node } : { kind: 'dynamic', node };
      }
      case 'concatenated_string': {
        const parts: LocatedText[] = [];
        for (const part of node.namedChildren) {
          if (part.type === 'comment') continue;
          const decoded = part.type === 'string' ? decodeStringLiteral(part) : undefined;
          if (!decoded?.ok) return { kind: 'dynamic', node: part };
          parts.push(decoded.value);
        }
        return { kind: 'str', text: concatLocated(parts), node };
      }
      case 'none':
        return { kind: 'none', node };
      case 'dictionary':
        return this.dictionary(node, depth, resolving);
      case 'binary_operator':
        return this.sum(node, depth, resolving);
      case 'identifier':
        return this.name(node, depth, resolving);
      case 'call':
        return this.dictCall(node, depth, resolving) ?? { kind: 'dynamic', node };
    }
    if (SEQUENCE_TYPES.has(node.type)) return this.sequence(node, depth, resolving);
    const what = OTHER_LITERALS[node.type];
    if (what) return { kind: 'other', what, node };
    return { kind: 'dynamic', node };
  }

  private sequence(node: Node, depth: number, resolving: string[]): Value {
    const items: Value[] = [];
    for (const child of node.namedChildren) {
      if (child.type === 'comment') continue;
      if (child.type !== 'list_splat') {
        items.push(this.value(child, depth + 1, resolving));
        continue;
      }
      const spread = child.namedChildren.find((c) => c.type !== 'comment');
      const value = spread ? this.value(spread, depth + 1, resolving) : undefined;
      if (value?.kind === 'seq') items.push(...value.items);
      else if (value?.kind === 'dynamic') items.push(value);
      else items.push({ kind: 'dynamic', node: child });
    }
    return { kind: 'seq', items, node };
  }

  private dictionary(node: Node, depth: number, resolving: string[]): Value {
    const entries: DictEntry[] = [];
    for (const child of node.namedChildren) {
      if (child.type === 'pair') {
        const key = child.childForFieldName('key');
        const value = child.childForFieldName('value');
        if (!key || !value) continue;
        entries.push({ key: this.value(key, depth + 1, resolving), value: this.value(value, depth + 1, resolving) });
      } else if (child.type === 'dictionary_splat') {
        this.spreadDict(child, entries, depth, resolving);
      } else if (child.type !== 'comment') {
        // A dict comprehension's parts, or a parse error inside the braces.
        return { kind: 'dynamic', node };
      }
    }
    return { kind: 'dict', entries, node };
  }

  /** `dict(test=[...], docs=[...])` is a dict literal in all but syntax. */
  private dictCall(node: Node, depth: number, resolving: string[]): Value | undefined {
    const callee = node.childForFieldName('function');
    const args = node.childForFieldName('arguments');
    if (callee?.type !== 'identifier' || callee.text !== 'dict' || args?.type !== 'argument_list') return undefined;
    const shadowed = this.scan.bindings.get('dict');
    if (shadowed && (shadowed.assignments.length > 0 || shadowed.others > 0)) return undefined;
    const entries: DictEntry[] = [];
    for (const arg of args.namedChildren) {
      if (arg.type === 'keyword_argument') {
        const key = arg.childForFieldName('name');
        const value = arg.childForFieldName('value');
        if (!key || !value) continue;
        const keyText: LocatedText = { text: key.text, breaks: [{ offset: 0, line: key.startPosition.row + 1 }] };
        entries.push({ key: { kind: 'str', text: keyText, node: key }, value: this.value(value, depth + 1, resolving) });
      } else if (arg.type === 'dictionary_splat') {
        this.spreadDict(arg, entries, depth, resolving);
      } else if (arg.type !== 'comment') {
        return undefined;
      }
    }
    return { kind: 'dict', entries, node };
  }

  private spreadDict(splat: Node, entries: DictEntry[], depth: number, resolving: string[]): void {
    const inner = splat.namedChildren.find((c) => c.type !== 'comment');
    const value = inner ? this.value(inner, depth + 1, resolving) : undefined;
    if (value?.kind === 'dict') entries.push(...value.entries);
    else entries.push({ key: value?.kind === 'dynamic' ? value : { kind: 'dynamic', node: splat }, value: { kind: 'none', node: splat } });
  }

  /** `a + b`: strings concatenate, sequences extend; anything else is left to run time. */
  private sum(node: Node, depth: number, resolving: string[]): Value {
    if (node.childForFieldName('operator')?.type !== '+') return { kind: 'dynamic', node };
    const leftNode = node.childForFieldName('left');
    const rightNode = node.childForFieldName('right');
    if (!leftNode || !rightNode) return { kind: 'dynamic', node };
    const left = this.value(leftNode, depth + 1, resolving);
    if (left.kind === 'dynamic' && left.tooDeep) return left;
    const right = this.value(rightNode, depth + 1, resolving);
    // A list plus something dynamic is still a list: keep its literal items beside the dynamic part.
    if (left.kind === 'seq' && right.kind === 'dynamic') return { kind: 'seq', items: [...left.items, right], node };
    if (left.kind === 'dynamic' && right.kind === 'seq') return { kind: 'seq', items: [left, ...right.items], node };
    if (left.kind === 'dynamic') return left;
    if (right.kind === 'dynamic') return right;
    if (left.kind === 'str' && right.kind === 'str') {
      return { kind: 'str', text: concatLocated([left.text, right.text]), node };
    }
    if (left.kind === 'seq' && right.kind === 'seq') return { kind: 'seq', items: [...left.items, ...right.items], node };
    return { kind: 'dynamic', node };
  }

  /**
   * A name is followed only when the file binds it exactly once, by a plain assignment before the use,
   * at module level (or in the body of the function the use is in), and never changes it in place.
   */
  private name(node: Node, depth: number, resolving: string[]): Value {
    const name = node.text;
    const binding = this.scan.bindings.get(name);
    const assignment = binding?.assignments[0];
    if (
      !binding ||
      !assignment ||
      binding.assignments.length !== 1 ||
      binding.others > 0 ||
      binding.mutated ||
      resolving.includes(name) ||
      assignment.startIndex >= node.startIndex ||
      !this.inScope(assignment, node)
    ) {
      return { kind: 'dynamic', node };
    }
    const right = assignment.childForFieldName('right');
    if (!right) return { kind: 'dynamic', node };
    return this.value(right, depth + 1, [...resolving, name]);
  }

  /** inScope tells whether an assignment is a plain statement of the module, or of a function around `use`. */
  private inScope(assignment: Node, use: Node): boolean {
    // `a = b = [...]`: the inner assignment is a statement through the outer one.
    let statement = assignment.parent;
    for (let hops = 0; statement?.type === 'assignment' && hops < MAX_DEPTH; hops++) statement = statement.parent;
    if (statement?.type !== 'expression_statement') return false;
    let container = statement.parent;
    // Inside a parse error, statements hang under ERROR nodes; the module level is still the module level.
    for (let hops = 0; container?.type === 'ERROR' && !container.equals(this.root) && hops < MAX_DEPTH; hops++) {
      container = container.parent;
    }
    if (!container) return false;
    if (container.equals(this.root)) return true;
    const fn = container.type === 'block' ? container.parent : null;
    return fn?.type === 'function_definition' && fn.startIndex <= use.startIndex && use.endIndex <= fn.endIndex;
  }
}
