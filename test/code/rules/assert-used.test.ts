import { describe, expect, it } from 'vitest';
import { assertUsed } from '../../../src/code/rules/assert-used.js';
import { findingLines, scanWith } from '../helpers.js';

describe('B101 assert used', () => {
  it('flags every assert statement with its location and bandit metadata', async () => {
    const { findings } = await scanWith(assertUsed, 'def check(user):\n    assert user.is_admin, "no"\n');
    expect(findings).toEqual([
      {
        ruleId: 'python.assert-used',
        banditId: 'B101',
        path: 'app/module.py',
        line: 2,
        column: 5,
        severity: 'low',
        confidence: 'high',
        cwe: 703,
        message: 'Use of assert detected. The enclosed code will be removed when compiling to optimised byte code.',
      },
    ]);
  });

  it('reports asserts in test files too, as bandit does without settings', async () => {
    const { findings } = await scanWith(assertUsed, 'def test_x():\n    assert f() == 1\n', {}, 'tests/test_x.py');
    expect(findingLines(findings, true)).toEqual(['2:B101']);
  });

  it('does not take look-alikes for asserts', async () => {
    const source = 'self.assertEqual(a, b)\nassert_that(x)\nx = "assert y"\n# assert z\n';
    expect((await scanWith(assertUsed, source)).findings).toEqual([]);
  });

  it('honours # nosec by bandit id, name and rule id, on any line of a multi-line assert', async () => {
    const source = [
      'assert a  # nosec B101',
      'assert b  # nosec python.assert-used',
      'assert c  # nosec B102',
      'assert (d,',
      '        e)  # nosec',
      'assert f',
    ].join('\n');
    const { findings, silenced } = await scanWith(assertUsed, source);
    expect(findingLines(findings, true)).toEqual(['3:B101', '6:B101']);
    expect(silenced).toBe(3);
  });

  it('reports a multi-line assert once, at its first line, with its last line', async () => {
    const { findings } = await scanWith(assertUsed, 'assert (\n    ok\n), "message"\n');
    expect(findings.map((f) => [f.line, f.endLine])).toEqual([[1, 3]]);
  });
});
