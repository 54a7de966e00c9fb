/**
 * B701 jinja2_autoescape_false: a Jinja2 `Environment` that does not escape HTML. Upstream:
 * bandit/plugins/jinja2_templates.py, https://bandit.readthedocs.io/en/latest/plugins/b701_jinja2_autoescape_false.html
 *
 * As in bandit 1.9, for a call whose qualified name has a `jinja2` part and ends in `Environment`:
 * `autoescape=False` is high/high; no `autoescape=` at all is high/high (Jinja2's default is False);
 * `autoescape=True` or `autoescape=select_autoescape(...)` (any `…select_autoescape` call) is fine; any
 * other value (a variable, a function) is high/medium.
 *
 * Deliberate differences: only the call's own keywords are read (bandit walks into nested calls, so
 * `Environment(loader=L(autoescape=False))` confuses it); when the call passes `**options` and no explicit
 * `autoescape=`, the setting may be in there, so the "default" finding has medium confidence instead of high.
 */
import type { CodeRule } from '../types.js';
import { calledNameParts } from '../imported-calls.js';
import { callTarget, hasKwargsSplat, isFalse, isTrue, keywordArgument, terminalName, unparenthesized } from '../syntax.js';

const EXPLICIT_FALSE =
  'Using jinja2 templates with autoescape=False is dangerous and can lead to XSS. Use autoescape=True or use the select_autoescape function to mitigate XSS vulnerabilities.';
const UNKNOWN_VALUE =
  'Using jinja2 templates with autoescape=False is dangerous and can lead to XSS. Ensure autoescape=True or use the select_autoescape function to mitigate XSS vulnerabilities.';
const DEFAULT_FALSE =
  'By default, jinja2 sets autoescape to False. Consider using autoescape=True or use the select_autoescape function to mitigate XSS vulnerabilities.';

/** jinja2AutoescapeFalse flags Jinja2 environments created without HTML auto-escaping (bandit B701). */
export const jinja2AutoescapeFalse: CodeRule = {
  doc: {
    id: 'python.jinja2-autoescape-false',
    banditId: 'B701',
    name: 'Jinja2 environment without autoescape',
    help: 'Jinja2 does not escape HTML unless told to: any variable rendered into an HTML template can inject script (XSS). Create environments with `autoescape=select_autoescape()` (escapes .html/.xml templates) or `autoescape=True`. https://jinja.palletsprojects.com/en/stable/api/#autoescaping',
    cwe: 94,
  },
  severity: 'high',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    const parts = calledNameParts(node, context);
    if (!parts?.includes('jinja2') || parts[parts.length - 1] !== 'Environment') return;
    const value = keywordArgument(node, 'autoescape');
    if (value === null) {
      context.report(node, { message: DEFAULT_FALSE, confidence: hasKwargsSplat(node) ? 'medium' : 'high' });
      return;
    }
    const inner = unparenthesized(value);
    if (isFalse(inner)) {
      context.report(node, { message: EXPLICIT_FALSE });
      return;
    }
    if (isTrue(inner)) return;
    if (inner.type === 'call' && terminalName(callTarget(inner)) === 'select_autoescape') return;
    context.report(node, { message: UNKNOWN_VALUE, confidence: 'medium' });
  },
};
