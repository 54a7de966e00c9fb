/**
 * Import-aware call resolution, the one place the code rules ask "which function does this call really
 * call?". Bandit answers with `call_function_name_qual` (the call's dotted name through the module's
 * imports) and `call_function_name` (its last part); the rules here match calls on those answers
 * (`subprocess.Popen`, `yaml.load`, `jinja2.Environment`), so `import subprocess as sp; sp.Popen(…)` and
 * `from yaml import load; load(…)` are caught the way bandit catches them.
 */
import type { Node } from 'web-tree-sitter';
import { callTarget, importedName, terminalName, unparenthesized } from './syntax.js';
import type { RuleContext } from './types.js';

/**
 * Most rules ask for the name of every call: the answers are kept per scan (a RuleContext is one file's)
 * and per call node, since crossing into the WebAssembly tree is what costs.
 */
const calledNames = new WeakMap<RuleContext, Map<number, string | null>>();

/**
 * calledName is the dotted name a call's function stands for, or null when it cannot be known. It is
 * bandit's `call_function_name_qual`, made stricter so that a local object is not taken for a module:
 * - an attribute chain counts only when its head was bound by an import (`import random as r;
 *   r.choice(…)` → `random.choice`; `self.random.choice(…)`, or `random = Random(); random.choice(…)`,
 *   → null);
 * - a bare identifier is what it was imported as (`from pickle import loads; loads(…)` →
 *   `pickle.loads`) or, when nothing imported it, itself (`eval(…)` → `eval`), so builtins can be matched;
 * - `builtins.eval` is `eval`; parentheses around the function are looked through, as Python's ast does
 *   (`(eval)(x)`).
 */
export function calledName(call: Node, context: RuleContext): string | null {
  let names = calledNames.get(context);
  if (!names) {
    names = new Map();
    calledNames.set(context, names);
  }
  const known = names.get(call.id);
  if (known !== undefined) return known;
  const target = callTarget(call);
  const name = target ? resolve(unparenthesized(target), context) : null;
  names.set(call.id, name);
  return name;
}

function resolve(target: Node, context: RuleContext): string | null {
  const name = target.type === 'identifier' ? context.qualifiedName(target) : importedName(target, context);
  if (name === null) return null;
  return name.startsWith('builtins.') ? name.slice('builtins.'.length) : name;
}

/**
 * calledNameParts is calledName split at its dots (`['jinja2', 'Environment']`), or null: what bandit's
 * plugins test as `qualname.split(".")` ("has a `jinja2` part and ends in `Environment`").
 */
export function calledNameParts(call: Node, context: RuleContext): readonly string[] | null {
  return calledName(call, context)?.split('.') ?? null;
}

/**
 * calledDottedName is the dotted name of a call's function resolved through the imports whether or not
 * its head was imported (`ssl.wrap_socket(…)` is `ssl.wrap_socket` even without `import ssl`), or null
 * when the function is not a dotted name (`f()()`, `a[0]()`). For the rules that match bandit's
 * text-based reading; prefer calledName, which does not take a local object for a module.
 */
export function calledDottedName(call: Node, context: RuleContext): string | null {
  const target = callTarget(call);
  return target ? context.qualifiedName(unparenthesized(target)) : null;
}

/**
 * callFunctionName is bandit's `call_function_name`: the last part of the call's dotted name, resolved
 * through imports (`from x import run as go; go()` → `run`), or the attribute called on any expression
 * (`User.objects.all().extra(…)` → `extra`). Null for calls of anything else (`f()()`, `a[0]()`).
 */
export function callFunctionName(call: Node, context: RuleContext): string | null {
  const target = callTarget(call);
  if (!target) return null;
  const inner = unparenthesized(target);
  const qualified = context.qualifiedName(inner);
  if (qualified !== null) return qualified.slice(qualified.lastIndexOf('.') + 1);
  return terminalName(inner);
}
