import { describe, expect, it } from 'vitest';
import {
  SHELL_INJECTION_RULES,
  anyOtherFunctionWithShellEqualsTrue,
  startProcessWithAShell,
  startProcessWithNoShell,
  startProcessWithPartialPath,
  subprocessPopenWithShellEqualsTrue,
  subprocessWithoutShellEqualsTrue,
} from '../../../src/code/rules/shell-injection.js';
import { NO_SHELL_FUNCTIONS, SHELL_FUNCTIONS, SUBPROCESS_FUNCTIONS, processKind } from '../../../src/code/rules/shell-injection-config.js';
import type { CodeFinding } from '../../../src/code/types.js';
import { findingLines, scanWith } from '../helpers.js';

/** brief is a finding as `line:col bandit severity/confidence`, for compact exact assertions. */
const brief = (f: CodeFinding): string => `${f.line}:${f.column} ${f.banditId} ${f.severity}/${f.confidence}`;
const scanAll = async (source: string): Promise<string[]> => (await scanWith(SHELL_INJECTION_RULES, source)).findings.map(brief);

describe('shell_injection config', () => {
  it('holds bandit 1.9 lists, subprocess.getoutput among the shell functions', () => {
    expect([...SUBPROCESS_FUNCTIONS]).toEqual(['subprocess.Popen', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.run']);
    expect(SHELL_FUNCTIONS.size).toBe(14);
    expect(NO_SHELL_FUNCTIONS.size).toBe(17);
    expect(processKind('subprocess.getstatusoutput')).toBe('shell');
    expect(processKind('os.spawnvpe')).toBe('no_shell');
    expect(processKind('subprocess.run')).toBe('subprocess');
    expect(processKind('os.path.join')).toBeNull();
    expect(processKind(null)).toBeNull();
  });
});

describe('B602 subprocess_popen_with_shell_equals_true', () => {
  it('reports a formatted command with high severity at the shell= argument, with full metadata', async () => {
    const { findings } = await scanWith(subprocessPopenWithShellEqualsTrue, 'import subprocess\nsubprocess.Popen("ls %s" % d, shell=True)\n');
    expect(findings).toEqual([
      {
        ruleId: 'python.subprocess-popen-with-shell-equals-true',
        banditId: 'B602',
        path: 'app/module.py',
        line: 2,
        column: 31,
        severity: 'high',
        confidence: 'high',
        cwe: 78,
        message: 'subprocess call with shell=True identified, security issue.',
      },
    ]);
  });

  it('reports a literal command with low severity ("seems safe")', async () => {
    const { findings } = await scanWith(subprocessPopenWithShellEqualsTrue, 'import subprocess\nsubprocess.call("/bin/ls -l", shell=True)\n');
    expect(findings.map((f) => [f.severity, f.confidence, f.message])).toEqual([
      ['low', 'high', 'subprocess call with shell=True seems safe, but may be changed in the future, consider rewriting without shell'],
    ]);
  });

  it('rates every non-literal command high: f-strings, .format, variables, lists, bytes, *args', async () => {
    const source = [
      'import subprocess as sp',
      'sp.run(f"ls {d}", shell=True)',
      'sp.run("ls {}".format(d), shell=True)',
      'sp.run(cmd, shell=True)',
      'sp.run(["ls", d], shell=True)',
      'sp.run(b"ls", shell=True)',
      'sp.run(*cmd, shell=True)',
      'sp.run(("ls" " -l"), shell=True)',
    ].join('\n');
    expect(findingLines((await scanWith(subprocessPopenWithShellEqualsTrue, source)).findings)).toHaveLength(7);
    expect((await scanWith(subprocessPopenWithShellEqualsTrue, source)).findings.map((f) => f.severity)).toEqual(['high', 'high', 'high', 'high', 'high', 'high', 'low']);
  });

  it('takes shell= for true as bandit does: truthy constants, non-empty displays, any expression', async () => {
    const values = ['True', '1', '"yes"', '[0]', '{"a": 1}', 'use_shell', '-1', '()', 'f""', '...', '0x1', '(True)'];
    const source = `import subprocess\n${values.map((v) => `subprocess.call(c, shell=${v})`).join('\n')}\n`;
    expect(findingLines((await scanWith(subprocessPopenWithShellEqualsTrue, source)).findings)).toHaveLength(values.length);
    const falsy = ['False', '0', '0.0', '""', 'b""', '[]', '{}', 'None', '0j'];
    const quiet = `import subprocess\n${falsy.map((v) => `subprocess.call(c, shell=${v})`).join('\n')}\nsubprocess.call(c, **opts)\n`;
    expect((await scanWith(subprocessPopenWithShellEqualsTrue, quiet)).findings).toEqual([]);
  });

  it('resolves every import form, and reads the args= keyword (which bandit misses)', async () => {
    const source = [
      'import subprocess as sp',
      'from subprocess import Popen as pop, check_output',
      'pop(c, shell=True)',
      'check_output(c, shell=True)',
      'sp.Popen(args=c, shell=True)',
    ].join('\n');
    expect(findingLines((await scanWith(subprocessPopenWithShellEqualsTrue, source)).findings, true)).toEqual(['3:B602', '4:B602', '5:B602']);
  });

  it('is not triggered by look-alikes: local Popen, unimported subprocess, other modules, no command', async () => {
    const source = [
      'def Popen(*a, **k): pass',
      'Popen("ls", shell=True)',
      'import asyncio',
      'asyncio.subprocess.Popen("ls", shell=True)',
      'import subprocess',
      'subprocess.Popen(shell=True)',
      'subprocess.Popen(["ls"], shell=False)',
    ].join('\n');
    expect((await scanWith(subprocessPopenWithShellEqualsTrue, source)).findings).toEqual([]);
    // No `import subprocess` anywhere: a local object of that name.
    expect((await scanWith(subprocessPopenWithShellEqualsTrue, 'subprocess.Popen("ls", shell=True)\n')).findings).toEqual([]);
  });

  it('reports on the line of shell= in a multi-line call, and honours # nosec there', async () => {
    const source = 'import subprocess\nsubprocess.run(\n    cmd,\n    shell=True,\n)\nsubprocess.run(cmd, shell=True)  # nosec B602\nsubprocess.run(cmd, shell=True)  # nosec B603\nsubprocess.run(cmd, shell=True)  # nosec\n';
    const { findings, silenced } = await scanWith(subprocessPopenWithShellEqualsTrue, source);
    expect(findings.map(brief)).toEqual(['4:5 B602 high/high', '7:21 B602 high/high']);
    expect(silenced).toBe(2);
  });
});

describe('B603 subprocess_without_shell_equals_true', () => {
  it('reports subprocess calls without a true shell=, at shell= when present', async () => {
    const source = 'import subprocess\nsubprocess.run(["ls"])\nsubprocess.check_call(["ls"], shell=False)\nsubprocess.call(c, shell=0)\nsubprocess.run(c, shell=True)\n';
    const { findings } = await scanWith(subprocessWithoutShellEqualsTrue, source);
    expect(findings.map(brief)).toEqual(['2:1 B603 low/high', '3:31 B603 low/high', '4:20 B603 low/high']);
    expect(findings[0]?.message).toBe('subprocess call - check for execution of untrusted input.');
    expect(findings[0]?.ruleId).toBe('python.subprocess-without-shell-equals-true');
  });

  it('ignores other modules and unimported names', async () => {
    expect((await scanWith(subprocessWithoutShellEqualsTrue, 'import os\nos.system("ls")\nsubprocess.run(["ls"])\nrunner.run(["ls"])\n')).findings).toEqual([]);
  });

  it('honours # nosec on any line of a multi-line call', async () => {
    const { findings, silenced } = await scanWith(subprocessWithoutShellEqualsTrue, 'import subprocess\nsubprocess.run(  # nosec B603\n    ["ls"],\n)\n');
    expect(findings).toEqual([]);
    expect(silenced).toBe(1);
  });
});

describe('B604 any_other_function_with_shell_equals_true', () => {
  it('reports other calls with a true shell=, medium severity and low confidence, at shell=', async () => {
    const source = 'def Popen(*a, **k): pass\nPopen("/bin/gcc --version", shell=True)\nhelper(cmd, shell=flag)\nget_runner()(cmd, shell=1)\nsubprocess.run(cmd, shell=True)\n';
    const { findings } = await scanWith(anyOtherFunctionWithShellEqualsTrue, source);
    expect(findings.map(brief)).toEqual(['2:29 B604 medium/low', '3:13 B604 medium/low', '4:19 B604 medium/low', '5:21 B604 medium/low']);
    expect(findings[0]?.message).toBe('Function call with shell=True parameter identified, possible security issue.');
  });

  it('leaves the subprocess functions to B602 and ignores false shell= values', async () => {
    const source = 'import subprocess\nfrom subprocess import Popen as pop\npop("ls", shell=True)\nsubprocess.run(c, shell=True)\nhelper(c, shell=False)\nhelper(c)\n';
    expect((await scanWith(anyOtherFunctionWithShellEqualsTrue, source)).findings).toEqual([]);
  });
});

describe('B605 start_process_with_a_shell', () => {
  it('rates literal commands low ("seems safe") and anything else high, at the call', async () => {
    const source = 'import os\nos.system("/bin/echo hi")\nos.system(cmd)\nos.popen("ls %s" % d)\n';
    const { findings } = await scanWith(startProcessWithAShell, source);
    expect(findings.map(brief)).toEqual(['2:1 B605 low/high', '3:1 B605 high/high', '4:1 B605 high/high']);
    expect(findings.map((f) => f.message)).toEqual([
      'Starting a process with a shell: Seems safe, but may be changed in the future, consider rewriting without shell',
      'Starting a process with a shell, possible injection detected, security issue.',
      'Starting a process with a shell, possible injection detected, security issue.',
    ]);
    expect(findings[0]?.cwe).toBe(78);
  });

  it('covers every shell function and import form, including subprocess.getoutput (bandit 1.9)', async () => {
    const source = [
      'import os as o, popen2, commands, subprocess',
      'from os import system',
      'o.popen2(c)',
      'system(c)',
      'popen2.Popen4(c)',
      'commands.getstatusoutput(c)',
      'subprocess.getoutput(c)',
      'subprocess.getstatusoutput(c)',
    ].join('\n');
    expect(findingLines((await scanWith(startProcessWithAShell, source)).findings, true)).toEqual(['3:B605', '4:B605', '5:B605', '6:B605', '7:B605', '8:B605']);
  });

  it('ignores calls without a command, look-alikes and unimported names', async () => {
    const source = 'import os\nos.system()\nos.path.join(a, b)\nsystem("ls")\nshell.system("ls")\nos.system  # not called\n';
    expect((await scanWith(startProcessWithAShell, source)).findings).toEqual([]);
  });

  it('honours # nosec with its id and not with another', async () => {
    const { findings, silenced } = await scanWith(startProcessWithAShell, 'import os\nos.system(c)  # nosec B605\nos.system(c)  # nosec B602\n');
    expect(findingLines(findings, true)).toEqual(['3:B605']);
    expect(silenced).toBe(1);
  });
});

describe('B606 start_process_with_no_shell', () => {
  it('reports the exec and spawn families and os.startfile, low severity, medium confidence', async () => {
    const source = 'import os\nfrom os import execvp as ex\nos.execl(p, "a")\nos.spawnve(os.P_WAIT, p, args, env)\nex("ls", ["ls"])\nos.startfile(p)\n';
    const { findings } = await scanWith(startProcessWithNoShell, source);
    expect(findings.map(brief)).toEqual(['3:1 B606 low/medium', '4:1 B606 low/medium', '5:1 B606 low/medium', '6:1 B606 low/medium']);
    expect(findings[0]?.message).toBe('Starting a process without a shell.');
  });

  it('ignores os functions that start nothing and unimported names', async () => {
    expect((await scanWith(startProcessWithNoShell, 'import os\nos.getcwd()\nos.execute(p)\nexecl(p)\n')).findings).toEqual([]);
  });
});

describe('B607 start_process_with_partial_path', () => {
  it('reports programs named without a path, as a string or a list head, in every family', async () => {
    const source = [
      'import os, subprocess',
      'from subprocess import Popen as pop',
      'pop("gcc --version", shell=False)',
      'subprocess.run(["git", "status"])',
      'os.system("ls")',
      'os.execl("ls", "ls")',
      'subprocess.run(args=["git"])',
      'subprocess.Popen("")',
    ].join('\n');
    const { findings } = await scanWith(startProcessWithPartialPath, source);
    expect(findings.map(brief)).toEqual(['3:1 B607 low/high', '4:1 B607 low/high', '5:1 B607 low/high', '6:1 B607 low/high', '7:1 B607 low/high', '8:1 B607 low/high']);
    expect(findings[0]?.message).toBe('Starting a process with a partial executable path');
  });

  it('accepts absolute, relative and drive paths, and skips what is not a literal', async () => {
    const source = [
      'import os, subprocess',
      'subprocess.run(["/usr/bin/git"])',
      'subprocess.run("./run.sh")',
      'os.system("\\\\\\\\server\\\\x")',
      'os.system("C:\\\\tools\\\\x.exe")',
      'os.spawnv(os.P_WAIT, "ls", ["ls"])',
      'subprocess.run([])',
      'subprocess.run([prog, "-l"])',
      'subprocess.run(f"git {x}")',
      'subprocess.run(b"git")',
      'helper("git")',
    ].join('\n');
    expect((await scanWith(startProcessWithPartialPath, source)).findings).toEqual([]);
  });
});

describe('the B602–B607 family together', () => {
  it('reports bandit 1.9 results on its examples/subprocess_shell.py cases', async () => {
    const source = [
      'import subprocess', // 1
      'from subprocess import Popen as pop',
      'def Popen(*args, **kwargs):',
      "    print('hi')",
      "pop('/bin/gcc --version', shell=True)", // 5
      "Popen('/bin/gcc --version', shell=True)",
      "subprocess.Popen(['/bin/gcc', '--version'], shell=False)",
      "subprocess.check_output('/bin/ls -l', shell=True)",
      "subprocess.Popen('/bin/ls %s' % ('something',), shell=True)",
      'subprocess.Popen(command, shell=True)', // 10
      "subprocess.run(['ls', '-l'])",
    ].join('\n');
    expect(await scanAll(source)).toEqual([
      '5:27 B602 low/high',
      '6:29 B604 medium/low',
      '7:45 B603 low/high',
      '8:39 B602 low/high',
      '9:49 B602 high/high',
      '10:27 B602 high/high',
      '11:1 B607 low/high',
      '11:1 B603 low/high',
    ]);
  });
});
