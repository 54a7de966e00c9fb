/**
 * B102 exec_used: `exec()` runs a string as code; when any part of the string comes from outside, that
 * is arbitrary code execution. https://bandit.readthedocs.io/en/latest/plugins/b102_exec_used.html
 */
import type { CodeRule } from '../types.js';
import { callTarget } from '../syntax.js';

/** execUsed flags calls of the builtin `exec` (bandit B102: medium severity, high confidence). */
export const execUsed: CodeRule = {
  doc: {
    id: 'python.exec-used',
    banditId: 'B102',
    name: 'Use of exec',
    help: '`exec()` runs a string as Python code. If any part of that string can be influenced from outside, an attacker runs their code. Replace it with explicit logic (a dispatch table, `ast.literal_eval` for data).',
    cwe: 78,
  },
  severity: 'medium',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    const target = callTarget(node);
    if (!target) return;
    // The builtin only: a method named exec (`cursor.exec(...)`) is someone else's API.
    if (target.type === 'identifier' && target.text === 'exec' && !context.imports.has('exec')) {
      context.report(node, { message: 'Use of exec detected.' });
    } else if (context.qualifiedName(target) === 'builtins.exec') {
      context.report(node, { message: 'Use of exec detected.' });
    }
  },
};
