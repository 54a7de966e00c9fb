import { describe, expect, it } from 'vitest';
import { execUsed } from '../../../src/code/rules/exec-used.js';
import { findingLines, scanWith } from '../helpers.js';

describe('B102 exec used', () => {
  it('flags the builtin exec, with its location and bandit metadata', async () => {
    const { findings } = await scanWith(execUsed, 'x = 1\nexec("print(1)")\n  \n');
    expect(findings).toEqual([
      { ruleId: 'python.exec-used', banditId: 'B102', path: 'app/module.py', line: 2, column: 1, severity: 'medium', confidence: 'high', cwe: 78, message: 'Use of exec detected.' },
    ]);
  });

  it('does not flag methods or imported functions named exec', async () => {
    const { findings } = await scanWith(execUsed, 'cursor.exec("q")\nfrom mylib import exec\nexec("x")\n');
    expect(findings).toEqual([]);
  });

  it('honours # nosec, bare and by id, and ignores other ids', async () => {
    const source = 'exec("a")  # nosec\nexec("b")  # nosec B102\nexec("c")  # nosec: B101\nexec("d")  # nosec python.exec-used\n';
    const { findings, silenced } = await scanWith(execUsed, source);
    expect(findingLines(findings, true)).toEqual(['3:B102']);
    expect(silenced).toBe(3);
  });

  it('does not take nosec inside a string for a comment', async () => {
    const { findings } = await scanWith(execUsed, 'exec("# nosec")\n');
    expect(findings).toHaveLength(1);
  });
});
