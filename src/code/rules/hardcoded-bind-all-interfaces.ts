/**
 * B104 hardcoded_bind_all_interfaces: the string `"0.0.0.0"` usually means a server listening on every
 * network interface, public ones included.
 * https://bandit.readthedocs.io/en/latest/plugins/b104_hardcoded_bind_all_interfaces.html
 *
 * Semantics follow bandit 1.9: every `str` constant equal to `"0.0.0.0"`, wherever it appears (a
 * `bind()` tuple, `app.run(host=…)`, a settings constant), medium severity and confidence. The IPv6
 * wildcard `"::"` and the empty host `""` are not flagged, as in bandit 1.9 (they are far more often
 * something else: a separator, a default). Docstrings and other bare string statements are skipped, as
 * bandit skips them; bytes literals are not `str` and are skipped too, and so are f-strings (computed,
 * even without placeholders). Unlike Debian's bandit 1.6.2, the
 * check sees constants on every Python version (1.6.2 only looked at `ast.Str`).
 */
import type { CodeRule } from '../types.js';
import { isStandaloneString, strValue } from '../syntax.js';

/** hardcodedBindAllInterfaces flags the string "0.0.0.0" (bandit B104: medium severity, medium confidence). */
export const hardcodedBindAllInterfaces: CodeRule = {
  doc: {
    id: 'python.hardcoded-bind-all-interfaces',
    banditId: 'B104',
    name: 'Possible binding to all interfaces',
    help: 'Binding to `0.0.0.0` exposes a service on every network interface of the machine, including public ones it was never meant to be reachable from. Bind to a specific address (`127.0.0.1` for local-only services) and make the listen address configurable for deployments that need more.',
    cwe: 605,
  },
  severity: 'medium',
  confidence: 'medium',
  nodeTypes: ['string', 'concatenated_string'],
  check(node, context) {
    if (strValue(node) !== '0.0.0.0' || !isStandaloneString(node)) return;
    context.report(node, { message: 'Possible binding to all interfaces.' });
  },
};
