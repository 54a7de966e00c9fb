import { describe, expect, it } from 'vitest';
import { paramikoCalls } from '../../../src/code/rules/paramiko-calls.js';
import { findingLines, scanWith } from '../helpers.js';

describe('B601 paramiko_calls', () => {
  it('flags exec_command in a module that imports paramiko, with bandit metadata', async () => {
    const source = 'import paramiko\nclient = paramiko.SSHClient()\nclient.exec_command("something; really; unsafe")\n';
    expect((await scanWith(paramikoCalls, source)).findings).toEqual([
      {
        ruleId: 'python.paramiko-calls',
        banditId: 'B601',
        path: 'app/module.py',
        line: 3,
        column: 1,
        severity: 'medium',
        confidence: 'medium',
        cwe: 78,
        message: 'Possible shell injection via Paramiko call, check inputs are properly sanitized.',
      },
    ]);
  });

  it('takes any import that mentions paramiko, and any receiver', async () => {
    const source = [
      'from paramiko.client import SSHClient as C',
      'def run(c, cmd):',
      '    stdin, stdout, stderr = c.exec_command(cmd)',
      '    c.get_transport().open_session().exec_command(cmd)',
    ].join('\n');
    expect(findingLines((await scanWith(paramikoCalls, source)).findings, true)).toEqual(['3:B601', '4:B601']);
  });

  it('does not flag without a paramiko import, nor other methods (invoke_shell is not B601 since bandit 1.x)', async () => {
    expect((await scanWith(paramikoCalls, 'import fabric\nconn.exec_command("ls")\n')).findings).toEqual([]);
    expect((await scanWith(paramikoCalls, 'import paramiko\nclient.invoke_shell()\nclient.exec_commands("ls")\nexec_command\n')).findings).toEqual([]);
  });

  it('honours # nosec', async () => {
    const { findings, silenced } = await scanWith(paramikoCalls, 'import paramiko\nc.exec_command("uptime")  # nosec B601\n');
    expect(findings).toEqual([]);
    expect(silenced).toBe(1);
  });
});
