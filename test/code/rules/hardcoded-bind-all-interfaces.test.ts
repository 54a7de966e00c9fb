import { describe, expect, it } from 'vitest';
import { hardcodedBindAllInterfaces } from '../../../src/code/rules/hardcoded-bind-all-interfaces.js';
import { findingLines, scanWith } from '../helpers.js';

const scan = (source: string) => scanWith(hardcodedBindAllInterfaces, source);

describe('B104 hardcoded bind all interfaces', () => {
  it('flags "0.0.0.0" at the string, with bandit metadata', async () => {
    const { findings } = await scan('import socket\ns = socket.socket()\ns.bind(("0.0.0.0", 31137))\n');
    expect(findings).toEqual([
      {
        ruleId: 'python.hardcoded-bind-all-interfaces',
        banditId: 'B104',
        path: 'app/module.py',
        line: 3,
        column: 9,
        severity: 'medium',
        confidence: 'medium',
        cwe: 605,
        message: 'Possible binding to all interfaces.',
      },
    ]);
  });

  it('flags the constant wherever it is: settings, keyword arguments, single quotes, raw strings', async () => {
    const source = "HOST = '0.0.0.0'\napp.run(host=r\"0.0.0.0\")\nDEFAULTS = {'bind': \"\"\"0.0.0.0\"\"\"}\n";
    expect(findingLines((await scan(source)).findings)).toEqual([
      '1:python.hardcoded-bind-all-interfaces',
      '2:python.hardcoded-bind-all-interfaces',
      '3:python.hardcoded-bind-all-interfaces',
    ]);
  });

  it('judges an implicit concatenation as one constant, once', async () => {
    const { findings } = await scan('HOST = ("0.0." "0.0")\nOTHER = "0.0.0.0" "0"\n');
    expect(findings.map((f) => [f.line, f.column])).toEqual([[1, 9]]);
  });

  it('does not flag docstrings, bytes, f-strings, look-alikes, "::" or ""', async () => {
    const source = [
      '"""Listen on 0.0.0.0."""',
      'def f():',
      '    "0.0.0.0"',
      'a = b"0.0.0.0"',
      'b = f"0.0.0.0"',
      'c = "0.0.0.0:80"',
      'd = "10.0.0.0"',
      'e = "::"',
      's.bind(("", 80))',
      '# "0.0.0.0"',
    ].join('\n');
    expect((await scan(source)).findings).toEqual([]);
  });

  it('honours # nosec', async () => {
    const { findings, silenced } = await scan('A = "0.0.0.0"  # nosec\nB = "0.0.0.0"  # nosec: B104\nC = "0.0.0.0"  # nosec B105\n');
    expect(findingLines(findings, true)).toEqual(['3:B104']);
    expect(silenced).toBe(2);
  });
});
