import { describe, expect, it } from 'vitest';
import { markupsafeMarkupXss } from '../../../src/code/rules/markupsafe-markup-xss.js';
import { findingLines, scanWith } from '../helpers.js';

describe('B704 markupsafe_markup_xss', () => {
  it('flags Markup of dynamic content with bandit metadata and location', async () => {
    const { findings } = await scanWith(markupsafeMarkupXss, 'from markupsafe import Markup\ncontent = "<b>"\nhtml = Markup(f"unsafe {content}")\n');
    expect(findings).toEqual([
      {
        ruleId: 'python.markupsafe-markup-xss',
        banditId: 'B704',
        path: 'app/module.py',
        line: 3,
        column: 8,
        severity: 'medium',
        confidence: 'high',
        cwe: 79,
        message: 'Potential XSS with ``markupsafe.Markup`` detected. Do not use ``Markup`` on untrusted data.',
      },
    ]);
  });

  it('flags variables, formatting and splats through markupsafe and flask, under any alias', async () => {
    const source = [
      'import flask',
      'import markupsafe as ms',
      'from markupsafe import Markup as M',
      'flask.Markup("unsafe {}".format(content))', // 4
      'ms.Markup(content)', // 5
      'M("<b>%s</b>" % name)', // 6
      'M(*parts)', // 7
      'M("<b>" + name)', // 8
    ].join('\n');
    const { findings } = await scanWith(markupsafeMarkupXss, source);
    expect(findingLines(findings, true)).toEqual(['4:B704', '5:B704', '6:B704', '7:B704', '8:B704']);
    expect(findings[0]?.message).toBe('Potential XSS with ``flask.Markup`` detected. Do not use ``Markup`` on untrusted data.');
  });

  it('accepts no argument, constants, and the escaping Markup idioms', async () => {
    const source = [
      'from markupsafe import Markup, escape',
      'Markup()',
      'Markup("<b>safe</b>")',
      'Markup("<b>" "safe" "</b>")',
      'Markup(("<i>x</i>"))',
      'Markup(b"bytes")',
      'Markup(42)',
      'Markup(None)',
      'Markup("<b>{}</b>").format(name)',
      'Markup("<b>%s</b>") % name',
      'Markup(object=content)',
    ].join('\n');
    const { findings } = await scanWith(markupsafeMarkupXss, source);
    expect(findings).toEqual([]);
  });

  it('does not flag other Markup classes', async () => {
    const source = ['from mylib import Markup', 'import markdown', 'Markup(content)', 'markdown.Markup(content)', 'self.Markup(content)'].join('\n');
    const { findings } = await scanWith(markupsafeMarkupXss, source);
    expect(findings).toEqual([]);
  });

  it('honours # nosec', async () => {
    const source = 'from markupsafe import Markup\nMarkup(a)  # nosec B704\nMarkup(b)  # nosec B703\n';
    const { findings, silenced } = await scanWith(markupsafeMarkupXss, source);
    expect(findingLines(findings, true)).toEqual(['3:B704']);
    expect(silenced).toBe(1);
  });
});
