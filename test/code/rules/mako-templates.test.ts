import { describe, expect, it } from 'vitest';
import { useOfMakoTemplates } from '../../../src/code/rules/mako-templates.js';
import { findingLines, scanWith } from '../helpers.js';

describe('B702 use_of_mako_templates', () => {
  it('flags mako Template objects with bandit metadata and location', async () => {
    const { findings } = await scanWith(useOfMakoTemplates, 'import mako.template\nt = mako.template.Template("hern")\n');
    expect(findings).toEqual([
      {
        ruleId: 'python.use-of-mako-templates',
        banditId: 'B702',
        path: 'app/module.py',
        line: 2,
        column: 5,
        severity: 'medium',
        confidence: 'high',
        cwe: 80,
        message:
          "Mako templates allow HTML/JS rendering by default and are inherently open to XSS attacks. Ensure variables in all templates are properly sanitized via the 'n', 'h' or 'x' flags (depending on context). For example, to HTML escape the variable 'data' do ${ data |h }.",
      },
    ]);
  });

  it('resolves the import forms', async () => {
    const source = ['from mako import template', 'from mako.template import Template as T', 'template.Template("a")', 'T(filename="b")'].join('\n');
    const { findings } = await scanWith(useOfMakoTemplates, source);
    expect(findingLines(findings, true)).toEqual(['3:B702', '4:B702']);
  });

  it('does not flag other Template classes', async () => {
    const source = ['import jinja2', 'from string import Template', 'import mako.lookup', 'Template("$x")', 'jinja2.Template("x")', 'mako.lookup.TemplateLookup(directories=["."])'].join('\n');
    const { findings } = await scanWith(useOfMakoTemplates, source);
    expect(findings).toEqual([]);
  });

  it('honours # nosec', async () => {
    const source = 'from mako.template import Template\nTemplate("a")  # nosec\nTemplate("b")  # nosec python.use-of-mako-templates\nTemplate("c")  # nosec B701\n';
    const { findings, silenced } = await scanWith(useOfMakoTemplates, source);
    expect(findingLines(findings, true)).toEqual(['4:B702']);
    expect(silenced).toBe(2);
  });
});
