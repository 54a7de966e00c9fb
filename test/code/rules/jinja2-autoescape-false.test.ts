import { describe, expect, it } from 'vitest';
import { jinja2AutoescapeFalse } from '../../../src/code/rules/jinja2-autoescape-false.js';
import { findingLines, scanWith } from '../helpers.js';

const DEFAULT_FALSE =
  'By default, jinja2 sets autoescape to False. Consider using autoescape=True or use the select_autoescape function to mitigate XSS vulnerabilities.';

describe('B701 jinja2_autoescape_false', () => {
  it('flags an Environment without autoescape, with bandit metadata and location', async () => {
    const { findings } = await scanWith(jinja2AutoescapeFalse, 'import jinja2\nenv = jinja2.Environment(\n    loader=loader)\n');
    expect(findings).toEqual([
      { ruleId: 'python.jinja2-autoescape-false', banditId: 'B701', path: 'app/module.py', line: 2, column: 7, endLine: 3, severity: 'high', confidence: 'high', cwe: 94, message: DEFAULT_FALSE },
    ]);
  });

  it('grades autoescape=False, unknown values and safe values as bandit does', async () => {
    const source = [
      'from jinja2 import Environment, select_autoescape',
      'import jinja2 as j',
      'Environment(autoescape=False)', // 3 high/high
      'Environment(autoescape=(False))', // 4 high/high
      'Environment(autoescape=setting)', // 5 high/medium
      'Environment(autoescape=True)', // 6 fine
      'Environment(autoescape=select_autoescape(["html"]))', // 7 fine
      'j.Environment(autoescape=j.select_autoescape())', // 8 fine
      'j.sandbox.Environment(loader=l)', // 9 default
      'Environment(**options)', // 10 default, medium: autoescape may be in options
    ].join('\n');
    const { findings } = await scanWith(jinja2AutoescapeFalse, source);
    expect(findings.map((f) => `${f.line}:${f.severity}/${f.confidence}`)).toEqual(['3:high/high', '4:high/high', '5:high/medium', '9:high/high', '10:high/medium']);
    expect(findings[0]?.message).toBe(
      'Using jinja2 templates with autoescape=False is dangerous and can lead to XSS. Use autoescape=True or use the select_autoescape function to mitigate XSS vulnerabilities.',
    );
    expect(findings[2]?.message).toBe(
      'Using jinja2 templates with autoescape=False is dangerous and can lead to XSS. Ensure autoescape=True or use the select_autoescape function to mitigate XSS vulnerabilities.',
    );
    expect(findings[4]?.message).toBe(DEFAULT_FALSE);
  });

  it('reads only the call\'s own keywords', async () => {
    const { findings } = await scanWith(jinja2AutoescapeFalse, 'import jinja2\njinja2.Environment(loader=make(autoescape=False), autoescape=True)\n');
    expect(findings).toEqual([]);
  });

  it('does not flag look-alikes: other Environment classes, unimported jinja2, other jinja2 names', async () => {
    const source = ['import jinja2', 'from myapp import Environment', 'Environment()', 'jinja2.Template("x")', 'jinja2.SandboxedEnvironment()', 'self.jinja2.Environment()', 'gym.Environment()'].join('\n');
    const { findings } = await scanWith(jinja2AutoescapeFalse, source);
    expect(findings).toEqual([]);
  });

  it('honours # nosec', async () => {
    const source = 'import jinja2\njinja2.Environment()  # nosec B701\njinja2.Environment()  # nosec B702\n';
    const { findings, silenced } = await scanWith(jinja2AutoescapeFalse, source);
    expect(findingLines(findings, true)).toEqual(['3:B701']);
    expect(silenced).toBe(1);
  });
});
