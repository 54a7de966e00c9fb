import { describe, expect, it } from 'vitest';
import { hardcodedTmpDirectory } from '../../../src/code/rules/hardcoded-tmp-directory.js';
import { findingLines, scanWith } from '../helpers.js';

const scan = (source: string) => scanWith(hardcodedTmpDirectory, source);

describe('B108 hardcoded tmp directory', () => {
  it('flags strings under /tmp at the string, with bandit metadata', async () => {
    const { findings } = await scan("f = open('/tmp/abc', 'w')\n");
    expect(findings).toEqual([
      {
        ruleId: 'python.hardcoded-tmp-directory',
        banditId: 'B108',
        path: 'app/module.py',
        line: 1,
        column: 10,
        severity: 'medium',
        confidence: 'medium',
        cwe: 377,
        message: 'Probable insecure usage of temp file/directory.',
      },
    ]);
  });

  it('covers /var/tmp, /dev/shm, bare prefixes, concatenations and f-strings starting with a tmp dir', async () => {
    const source = [
      'a = "/var/tmp/cache"',
      'b = "/dev/shm/x"',
      'c = "/tmp"',
      'd = "/tmpfile"', // bandit's plain prefix test
      'e = ("/tm"',
      '     "p/x")',
      'g = f"/tmp/{name}.lock"',
      'h = "/tmp/" f"{name}"',
    ].join('\n');
    expect(findingLines((await scan(source)).findings)).toEqual([
      '1:python.hardcoded-tmp-directory',
      '2:python.hardcoded-tmp-directory',
      '3:python.hardcoded-tmp-directory',
      '4:python.hardcoded-tmp-directory',
      '5:python.hardcoded-tmp-directory',
      '7:python.hardcoded-tmp-directory',
      '8:python.hardcoded-tmp-directory',
    ]);
  });

  it('does not flag other paths, bytes, docstrings, or f-strings that only contain a tmp dir later', async () => {
    const source = [
      '"""Writes to /tmp/x."""',
      'a = "tmp/x"',
      'b = "/home/tmp"',
      'c = b"/tmp/x"',
      'd = f"{base}/tmp/x"',
      'e = tempfile.mkdtemp()',
      'f = " /tmp"',
    ].join('\n');
    expect((await scan(source)).findings).toEqual([]);
  });

  it('honours # nosec on any line of a multi-line string', async () => {
    const { findings, silenced } = await scan('A = """/tmp/x\nmore"""  # nosec B108\nB = "/tmp/y"\n');
    expect(findingLines(findings, true)).toEqual(['3:B108']);
    expect(silenced).toBe(1);
  });
});
