/**
 * B101 assert_used: `assert` statements vanish when Python runs with `-O` (or `PYTHONOPTIMIZE`), so an
 * assert that guards access or validates input protects nothing in an optimised deployment.
 * https://bandit.readthedocs.io/en/latest/plugins/b101_assert_used.html
 *
 * Like bandit, every assert is reported, test files included: bandit only spares tests when told to
 * (`skips` of its `assert_used` plugin settings, `[tool.bandit.assert_used] skips = ["*_test.py"]`,
 * which pipwarden honours through its bandit settings), and pytest suites are full of asserts. Projects
 * that scan tests should skip B101 for them (`code.exclude`, or those bandit settings).
 */
import type { CodeRule } from '../types.js';

/** assertUsed flags every `assert` statement (bandit B101: low severity, high confidence). */
export const assertUsed: CodeRule = {
  doc: {
    id: 'python.assert-used',
    banditId: 'B101',
    name: 'Use of assert',
    help: 'Python removes `assert` statements when it compiles with optimisation (`python -O`, `PYTHONOPTIMIZE`), so a check written as an assert silently disappears in such deployments. Raise an exception explicitly (`if not ok: raise PermissionError(...)`) for anything that enforces security or validates input. Asserts in test code are expected: skip this rule for test paths.',
    cwe: 703,
  },
  severity: 'low',
  confidence: 'high',
  nodeTypes: ['assert_statement'],
  check(node, context) {
    context.report(node, { message: 'Use of assert detected. The enclosed code will be removed when compiling to optimised byte code.' });
  },
};
