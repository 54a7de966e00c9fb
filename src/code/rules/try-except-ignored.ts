/**
 * B110 try_except_pass and B112 try_except_continue: an `except` handler whose whole body is `pass` (or
 * `continue`) swallows errors without a trace; a flood of errors can be an attack, and nobody will know.
 * https://bandit.readthedocs.io/en/latest/plugins/b110_try_except_pass.html
 * https://bandit.readthedocs.io/en/latest/plugins/b112_try_except_continue.html
 *
 * Semantics follow bandit 1.9 with its default `check_typed_exception: false`: only a bare `except:` or
 * an `except Exception` (with or without `as name`, parenthesized or not) is judged, because catching a
 * specific exception type and ignoring it is usually deliberate; the handler's body must be exactly one
 * statement, that `pass` or `continue` (a comment does not count; `...` is not `pass`). Low severity,
 * high confidence, CWE-703. `except*` handlers are judged the same way. Both are one family, two rules,
 * so each can be skipped on its own.
 */
import type { Node } from 'web-tree-sitter';
import type { CodeRule } from '../types.js';
import { namedChildrenOf, unparenthesized } from '../syntax.js';

/**
 * ignoredBy is the statement type that is the whole body of a broad `except` handler (`pass_statement`,
 * `continue_statement`, …), or null when the handler is typed or does more than one thing.
 */
function ignoredBy(handler: Node): string | null {
  const type = handler.childForFieldName('value');
  if (type && !catchesEverything(type)) return null;
  const body = handler.namedChildren.find((n): n is Node => n?.type === 'block');
  const statements = body ? namedChildrenOf(body) : [];
  return statements.length === 1 ? (statements[0] as Node).type : null;
}

/** catchesEverything says whether an except clause's type is plain `Exception` (`as name` aside). */
function catchesEverything(type: Node): boolean {
  let node = unparenthesized(type);
  if (node.type === 'as_pattern') {
    const caught = node.namedChildren.find((n): n is Node => n !== null && n.type !== 'as_pattern_target' && n.type !== 'comment');
    if (!caught) return false;
    node = unparenthesized(caught);
  }
  return node.type === 'identifier' && node.text === 'Exception';
}

const HELP_TAIL =
  'Catch the specific exceptions you expect, and log (or count) the ones you decide to ignore, so that a burst of failures stays visible.';

/** tryExceptPass flags `except:` / `except Exception:` handlers that only `pass` (bandit B110). */
export const tryExceptPass: CodeRule = {
  doc: {
    id: 'python.try-except-pass',
    banditId: 'B110',
    name: 'try, except, pass',
    help: `An \`except\` handler that only does \`pass\` hides every error it catches, including ones caused by an attack or a broken dependency. ${HELP_TAIL}`,
    cwe: 703,
  },
  severity: 'low',
  confidence: 'high',
  nodeTypes: ['except_clause'],
  check(node, context) {
    if (ignoredBy(node) === 'pass_statement') context.report(node, { message: 'Try, Except, Pass detected.' });
  },
};

/** tryExceptContinue flags `except:` / `except Exception:` handlers that only `continue` (bandit B112). */
export const tryExceptContinue: CodeRule = {
  doc: {
    id: 'python.try-except-continue',
    banditId: 'B112',
    name: 'try, except, continue',
    help: `An \`except\` handler that only does \`continue\` silently skips every failing iteration of a loop. ${HELP_TAIL}`,
    cwe: 703,
  },
  severity: 'low',
  confidence: 'high',
  nodeTypes: ['except_clause'],
  check(node, context) {
    if (ignoredBy(node) === 'continue_statement') context.report(node, { message: 'Try, Except, Continue detected.' });
  },
};
