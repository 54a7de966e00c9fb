/**
 * B702 use_of_mako_templates: Mako has no template-wide auto-escaping. Upstream: bandit/plugins/mako_templates.py,
 * https://bandit.readthedocs.io/en/latest/plugins/b702_use_of_mako_templates.html
 *
 * As in bandit 1.9: any call whose qualified name has a `mako` part and ends in `Template`
 * (`mako.template.Template`, `from mako.template import Template`) is medium severity, high confidence.
 * Deliberate difference: a dotted name counts only when its head was imported (see calledName in ../imported-calls.ts).
 */
import type { CodeRule } from '../types.js';
import { calledNameParts } from '../imported-calls.js';

/** useOfMakoTemplates flags Mako `Template` objects (bandit B702). */
export const useOfMakoTemplates: CodeRule = {
  doc: {
    id: 'python.use-of-mako-templates',
    banditId: 'B702',
    name: 'Use of Mako templates',
    help: "Mako renders expressions without escaping unless each one is filtered: any variable that reaches an HTML template unescaped can inject script (XSS). Escape every expression with the `h` filter (`${ data | h }`), or set `default_filters=['h']` on the `Template`/`TemplateLookup`. https://docs.makotemplates.org/en/latest/filtering.html",
    cwe: 80,
  },
  severity: 'medium',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    const parts = calledNameParts(node, context);
    if (!parts?.includes('mako') || parts[parts.length - 1] !== 'Template') return;
    context.report(node, {
      message:
        "Mako templates allow HTML/JS rendering by default and are inherently open to XSS attacks. Ensure variables in all templates are properly sanitized via the 'n', 'h' or 'x' flags (depending on context). For example, to HTML escape the variable 'data' do ${ data |h }.",
    });
  },
};
