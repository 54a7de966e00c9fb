import { describe, expect, it } from 'vitest';
import { tryExceptContinue, tryExceptPass } from '../../../src/code/rules/try-except-ignored.js';
import { findingLines, scanWith } from '../helpers.js';

describe('B110 try except pass', () => {
  it('flags a bare except whose body is pass, at the except clause', async () => {
    const { findings } = await scanWith(tryExceptPass, 'try:\n    a = 1\nexcept:\n    pass\n');
    expect(findings).toEqual([
      {
        ruleId: 'python.try-except-pass',
        banditId: 'B110',
        path: 'app/module.py',
        line: 3,
        column: 1,
        endLine: 4,
        severity: 'low',
        confidence: 'high',
        cwe: 703,
        message: 'Try, Except, Pass detected.',
      },
    ]);
  });

  it('flags except Exception in every spelling, and ignores comments in the body', async () => {
    const source = [
      'try: a()',
      'except Exception: pass',
      'try: a()',
      'except Exception as error:',
      '    # deliberately ignored',
      '    pass',
      'try: a()',
      'except (Exception):',
      '    pass',
    ].join('\n');
    expect(findingLines((await scanWith(tryExceptPass, source)).findings, true)).toEqual(['2:B110', '4:B110', '8:B110']);
  });

  it('does not flag typed handlers, handlers that do something, or ... (check_typed_exception false)', async () => {
    const source = [
      'try: a()',
      'except ValueError: pass',
      'try: a()',
      'except (ValueError, Exception): pass',
      'try: a()',
      'except builtins.Exception: pass',
      'try: a()',
      'except BaseException: pass',
      'try: a()',
      'except Exception:',
      '    log()',
      '    pass',
      'try: a()',
      'except: ...',
      'try: a()',
      'except:',
      '    continue',
    ].join('\n');
    expect((await scanWith(tryExceptPass, source)).findings).toEqual([]);
  });

  it('honours # nosec on the except line or the pass line', async () => {
    const source = 'try: a()\nexcept:  # nosec B110\n    pass\ntry: b()\nexcept:\n    pass  # nosec\ntry: c()\nexcept:\n    pass\n';
    const { findings, silenced } = await scanWith(tryExceptPass, source);
    expect(findingLines(findings, true)).toEqual(['8:B110']);
    expect(silenced).toBe(2);
  });
});

describe('B112 try except continue', () => {
  it('flags a broad except whose body is continue', async () => {
    const source = 'for i in range(3):\n    try:\n        a = i\n    except:\n        continue\n    try: b()\n    except Exception as e: continue\n';
    const { findings } = await scanWith(tryExceptContinue, source);
    expect(findings.map((f) => [f.line, f.column, f.ruleId, f.banditId, f.severity, f.confidence, f.message])).toEqual([
      [4, 5, 'python.try-except-continue', 'B112', 'low', 'high', 'Try, Except, Continue detected.'],
      [7, 5, 'python.try-except-continue', 'B112', 'low', 'high', 'Try, Except, Continue detected.'],
    ]);
  });

  it('does not flag typed handlers, pass, or handlers with more statements', async () => {
    const source = 'while x:\n    try: a()\n    except ZeroDivisionError: continue\n    try: a()\n    except: pass\n    try: a()\n    except:\n        log()\n        continue\n';
    expect((await scanWith(tryExceptContinue, source)).findings).toEqual([]);
  });
});
