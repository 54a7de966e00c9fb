/**
 * B704 markupsafe_markup_xss: `markupsafe.Markup(x)` declares `x` safe HTML without escaping it. Upstream:
 * bandit/plugins/markupsafe_markup_xss.py (new in bandit 1.8.3),
 * https://bandit.readthedocs.io/en/latest/plugins/b704_markupsafe_markup_xss.html
 *
 * As in bandit 1.9: a call of `markupsafe.Markup` or `flask.Markup` whose first positional argument is not
 * a constant (a variable, an f-string, `"…".format(…)`, `"…" % x`) is medium severity, high confidence; no
 * argument or a constant is fine. Bandit's `markupsafe_xss` options (`extend_markup_names`,
 * `allowed_calls`) are not configurable here: the defaults (both empty) apply.
 */
import type { CodeRule } from '../types.js';
import { calledName } from '../imported-calls.js';
import { astArgs, isConstant } from '../syntax.js';

const MARKUP_NAMES = new Set(['markupsafe.Markup', 'flask.Markup']);

/** markupsafeMarkupXss flags `Markup(...)` of non-constant content (bandit B704). */
export const markupsafeMarkupXss: CodeRule = {
  doc: {
    id: 'python.markupsafe-markup-xss',
    banditId: 'B704',
    name: 'Potential XSS with markupsafe.Markup',
    help: '`Markup(text)` marks `text` as safe HTML without escaping it: if any part of it comes from a user, it can inject script (XSS). Escape the data instead (`markupsafe.escape(x)`), or interpolate into a Markup template, which escapes its arguments: `Markup("<b>{}</b>").format(name)`, `Markup("<b>%s</b>") % name`.',
    cwe: 79,
  },
  severity: 'medium',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    const name = calledName(node, context);
    if (name === null || !MARKUP_NAMES.has(name)) return;
    // bandit reads `node.args[0]`: the first positional argument, `*args` included, keywords not.
    const first = astArgs(node)[0];
    if (!first || isConstant(first)) return;
    context.report(node, { message: `Potential XSS with \`\`${name}\`\` detected. Do not use \`\`Markup\`\` on untrusted data.` });
  },
};
