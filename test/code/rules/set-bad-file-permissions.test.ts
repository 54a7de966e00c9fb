import { describe, expect, it } from 'vitest';
import { setBadFilePermissions } from '../../../src/code/rules/set-bad-file-permissions.js';
import { findingLines, scanWith } from '../helpers.js';

const scan = (source: string) => scanWith(setBadFilePermissions, source);

describe('B103 set bad file permissions', () => {
  it('flags world-writable modes as high, with the mode in octal and the file', async () => {
    const { findings } = await scan('import os\nos.chmod("/etc/hosts", 0o777)\n');
    expect(findings).toEqual([
      {
        ruleId: 'python.set-bad-file-permissions',
        banditId: 'B103',
        path: 'app/module.py',
        line: 2,
        column: 1,
        severity: 'high',
        confidence: 'high',
        cwe: 732,
        message: 'Chmod setting a permissive mask 0o777 on file (/etc/hosts).',
      },
    ]);
  });

  it('grades group-writable or group/other-executable modes medium', async () => {
    const source = ['import os', 'os.chmod(key_file, 0o770)', 'os.chmod(key_file, 0o701)', 'os.chmod(key_file, 0o720)', 'os.chmod(key_file, 0o710)'].join('\n');
    const { findings } = await scan(source);
    expect(findings.map((f) => [f.line, f.severity, f.message])).toEqual([
      [2, 'medium', 'Chmod setting a permissive mask 0o770 on file (key_file).'],
      [3, 'medium', 'Chmod setting a permissive mask 0o701 on file (key_file).'],
      [4, 'medium', 'Chmod setting a permissive mask 0o720 on file (key_file).'],
      [5, 'medium', 'Chmod setting a permissive mask 0o710 on file (key_file).'],
    ]);
  });

  it('reads hex, decimal and legacy octal literals', async () => {
    const source = 'import os\nos.chmod("/tmp/oh_hai", 0x1ff)\nos.chmod(p, 511)\nos.chmod(p, 0o0_777)\n';
    expect((await scan(source)).findings.map((f) => f.message)).toEqual([
      'Chmod setting a permissive mask 0o777 on file (/tmp/oh_hai).',
      'Chmod setting a permissive mask 0o777 on file (p).',
      'Chmod setting a permissive mask 0o777 on file (p).',
    ]);
  });

  it('resolves stat constants joined by |, through any import form', async () => {
    const source = [
      'import os, stat',
      'from stat import S_IWOTH as OTHERS_WRITE, S_IRUSR',
      'os.chmod(p, stat.S_IRWXU | stat.S_IWOTH)',
      'os.chmod(p, stat.S_IRUSR | stat.S_IXGRP)',
      'os.chmod(p, S_IRUSR | (OTHERS_WRITE))',
      'os.chmod(p, stat.S_IRWXU)',
      'os.chmod(p, stat.S_IRUSR | stat.S_IWUSR)',
    ].join('\n');
    const { findings } = await scan(source);
    expect(findings.map((f) => [f.line, f.severity, f.message])).toEqual([
      [3, 'high', 'Chmod setting a permissive mask 0o702 on file (p).'],
      [4, 'medium', 'Chmod setting a permissive mask 0o410 on file (p).'],
      [5, 'high', 'Chmod setting a permissive mask 0o402 on file (p).'],
    ]);
  });

  it('covers the chmod family and keyword arguments, and names unreadable files NOT PARSED', async () => {
    const source = 'import os\nos.fchmod(fd, 0o666)\nos.lchmod(self.path, 0o777)\nsftp.chmod("/srv/x", 0o777)\nos.chmod(path=p, mode=0o777)\n';
    expect((await scan(source)).findings.map((f) => `${f.line}:${f.message}`)).toEqual([
      '2:Chmod setting a permissive mask 0o666 on file (fd).',
      '3:Chmod setting a permissive mask 0o777 on file (NOT PARSED).',
      '4:Chmod setting a permissive mask 0o777 on file (/srv/x).',
      '5:Chmod setting a permissive mask 0o777 on file (p).',
    ]);
  });

  it('does not flag safe modes, computed modes, unknown names or other functions', async () => {
    const source = [
      'import os',
      'os.chmod(p, 0o600)',
      'os.chmod(p, 0o755 & ~umask)',
      'os.chmod(p, mode)',
      'os.chmod(p, S_IWOTH)', // not imported: a local variable, not the stat constant
      'os.chmod(p, stat.S_UNKNOWN | 0o700)',
      'os.chown(p, 0o777, 0o777)',
      'path.chmod(0o777)', // pathlib: one argument, bandit skips it too
      'os.chmod(p)',
    ].join('\n');
    expect((await scan(source)).findings).toEqual([]);
  });

  it('honours # nosec', async () => {
    const { findings, silenced } = await scan('import os\nos.chmod(p, 0o777)  # nosec B103\nos.chmod(p, 0o777)  # nosec B101\n');
    expect(findingLines(findings, true)).toEqual(['3:B103']);
    expect(silenced).toBe(1);
  });

  it('evaluates a 20,000-operand | chain without exhausting the stack', async () => {
    const chain = Array.from({ length: 20_000 }, () => 'stat.S_IRUSR').join(' | ');
    const { findings, errors } = await scan(`import os, stat\nos.chmod(p, ${chain} | 0o002)\n`);
    expect(errors).toEqual([]);
    expect(findings.map((f) => f.message)).toEqual(['Chmod setting a permissive mask 0o402 on file (p).']);
  });
});
