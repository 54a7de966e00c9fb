import { describe, expect, it } from 'vitest';
import { linuxCommandsWildcardInjection } from '../../../src/code/rules/linux-commands-wildcard-injection.js';
import { findingLines, scanWith } from '../helpers.js';

const scan = (source: string) => scanWith(linuxCommandsWildcardInjection, source);

describe('B609 linux_commands_wildcard_injection', () => {
  it('flags a wildcard given to chown through subprocess with shell=True, at shell=', async () => {
    const source = 'import subprocess as subp\nsubp.Popen("/bin/chown *", shell=True)\n';
    expect((await scan(source)).findings).toEqual([
      {
        ruleId: 'python.linux-commands-wildcard-injection',
        banditId: 'B609',
        path: 'app/module.py',
        line: 2,
        column: 28,
        severity: 'high',
        confidence: 'medium',
        cwe: 155,
        message: 'Possible wildcard injection in call: subprocess.Popen',
      },
    ]);
  });

  it('flags the shell functions at the call, and list commands joined with spaces', async () => {
    const source = [
      'import os as o, subprocess',
      "o.popen2('/bin/chmod *')",
      "o.system('tar cf backup.tar *')",
      "subprocess.Popen(['/bin/chown', '*'], shell=True)",
      "subprocess.call(['/bin/ls', '*', tarball], shell=True)", // a variable counts by its name, as in bandit
      "subprocess.run(args='rsync -a * dst', shell=True)",
    ].join('\n');
    const { findings } = await scan(source);
    expect(findingLines(findings, true)).toEqual(['2:B609', '3:B609', '4:B609', '5:B609', '6:B609']);
    expect(findings.map((f) => f.column)).toEqual([1, 1, 39, 44, 39]);
    expect(findings[0]?.message).toBe('Possible wildcard injection in call: os.popen2');
  });

  it('does not flag without a shell, without a wildcard, with a non-literal shell=, or other calls', async () => {
    const source = [
      'import os, subprocess',
      "subprocess.Popen('/bin/rsync *')",
      "subprocess.Popen('/bin/chmod *', shell=False)",
      "subprocess.Popen('/bin/chmod *', shell=1)", // bandit compares with the literal True only
      "os.system('chmod 600 key')",
      "os.system('ls *')",
      "os.execl('/bin/chmod', 'chmod', '*')",
      "helper('chmod *', shell=True)",
      "os.system(f'chmod 600 {p}*')",
      "chmod('*', shell=True)",
    ].join('\n');
    expect((await scan(source)).findings).toEqual([]);
  });

  it('honours # nosec', async () => {
    const { findings, silenced } = await scan("import os\nos.system('chown -R app *')  # nosec B609\n");
    expect(findings).toEqual([]);
    expect(silenced).toBe(1);
  });
});
