import { describe, expect, it } from 'vitest';
import { trojansource } from '../../../src/code/rules/trojansource.js';
import { scanWith } from '../helpers.js';

const scan = (source: string) => scanWith(trojansource, source);

describe('B613 trojansource', () => {
  it('flags a bidirectional override in a comment, at the comment, with bandit metadata', async () => {
    const source = 'access_level = "user"\nif access_level != "none":  # Check if admin\u202e \u2066and access_level != "user"\n    print("You are an admin.")\n';
    expect((await scan(source)).findings).toEqual([
      {
        ruleId: 'python.trojansource',
        banditId: 'B613',
        path: 'app/module.py',
        line: 2,
        column: 29,
        severity: 'high',
        confidence: 'medium',
        cwe: 838,
        message: "A Python source file contains bidirectional control characters ('\\u202e').",
      },
    ]);
  });

  it('reports once per file: the first line holding any, naming the first character in bandit order', async () => {
    const source = 'x = 1\n# a \u2067 then \u202b\ny = "\u202e"\n';
    const { findings } = await scan(source);
    expect(findings.map((f) => [f.line, f.column, f.message])).toEqual([[2, 1, "A Python source file contains bidirectional control characters ('\\u202b')."]]);
  });

  it('finds the character in a string, after \\r\\n line ends, and places one inside a multi-line string at that string part', async () => {
    expect((await scan('a = 1\r\nb = "\u200f"\r\n')).findings.map((f) => [f.line, f.column])).toEqual([[2, 6]]);
    const { findings } = await scan('x = """\nline \u2068 two\n"""\n');
    expect(findings.map((f) => [f.line, f.column, f.endLine])).toEqual([[1, 8, 3]]);
  });

  it('ignores files without them (other format characters included) and honours # nosec', async () => {
    expect((await scan('x = "\u200b\u200d\u00e9"  # zero-width space, joiner, accent\n')).findings).toEqual([]);
    const { findings, silenced } = await scan('s = 1  # \u202d  # nosec B613\n');
    expect(findings).toEqual([]);
    expect(silenced).toBe(1);
  });
});
