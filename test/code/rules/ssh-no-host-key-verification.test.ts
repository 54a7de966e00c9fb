import { describe, expect, it } from 'vitest';
import { sshNoHostKeyVerification } from '../../../src/code/rules/ssh-no-host-key-verification.js';
import { findingLines, scanWith } from '../helpers.js';

const scan = (source: string) => scanWith(sshNoHostKeyVerification, source);

describe('B507 ssh no host key verification', () => {
  it('flags AutoAddPolicy and WarningPolicy, as classes or instances, with bandit metadata', async () => {
    const source = [
      'from paramiko import client',
      'ssh_client = client.SSHClient()',
      'ssh_client.set_missing_host_key_policy(client.AutoAddPolicy)',
      'ssh_client.set_missing_host_key_policy(client.WarningPolicy())',
      'ssh_client.set_missing_host_key_policy(policy=client.AutoAddPolicy())',
    ].join('\n');
    const { findings } = await scan(source);
    expect(findings[0]).toEqual({
      ruleId: 'python.ssh-no-host-key-verification',
      banditId: 'B507',
      path: 'app/module.py',
      line: 3,
      column: 1,
      severity: 'high',
      confidence: 'medium',
      cwe: 295,
      message: 'Paramiko call with policy set to automatically trust the unknown host key.',
    });
    expect(findingLines(findings, true)).toEqual(['3:B507', '4:B507', '5:B507']);
  });

  it('does not flag RejectPolicy, unknown policies, or modules without paramiko', async () => {
    const source = 'import paramiko\nc.set_missing_host_key_policy(paramiko.RejectPolicy())\nc.set_missing_host_key_policy(policy)\nc.set_missing_host_key_policy()\n';
    expect((await scan(source)).findings).toEqual([]);
    expect((await scan('import fabric\nc.set_missing_host_key_policy(AutoAddPolicy())\n')).findings).toEqual([]);
  });

  it('honours # nosec', async () => {
    const { findings, silenced } = await scan('import paramiko\nc.set_missing_host_key_policy(paramiko.AutoAddPolicy())  # nosec B507\n');
    expect(findings).toEqual([]);
    expect(silenced).toBe(1);
  });
});
