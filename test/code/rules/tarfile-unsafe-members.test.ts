import { describe, expect, it } from 'vitest';
import { tarfileUnsafeMembers } from '../../../src/code/rules/tarfile-unsafe-members.js';
import { findingLines, scanWith } from '../helpers.js';

const scan = (source: string) => scanWith(tarfileUnsafeMembers, source);

describe('B202 tarfile unsafe members', () => {
  it('flags extractall without members or filter as high, with bandit metadata', async () => {
    const { findings } = await scan('import tarfile\ntar = tarfile.open(filename)\ntar.extractall(path=tempfile.mkdtemp())\n');
    expect(findings).toEqual([
      {
        ruleId: 'python.tarfile-unsafe-members',
        banditId: 'B202',
        path: 'app/module.py',
        line: 3,
        column: 1,
        severity: 'high',
        confidence: 'high',
        cwe: 22,
        message: 'tarfile.extractall used without any validation. Please check and discard dangerous members.',
      },
    ]);
  });

  it('grades members= a function call low, any other members= medium', async () => {
    const source = 'import tarfile\nt = tarfile.open(p)\nt.extractall(members=members_filter(t))\nt.extractall(".", members=checked)\nt.extractall(".", t.getmembers())\n';
    expect((await scan(source)).findings.map((f) => [f.line, f.severity, f.confidence, f.message])).toEqual([
      [3, 'low', 'low', 'Usage of tarfile.extractall(members=function(tarfile)). Make sure your function properly discards dangerous members (members_filter).'],
      [4, 'medium', 'medium', "Found tarfile.extractall(members=?) but couldn't identify the type of members. Check if the members were properly validated (checked)."],
      [5, 'low', 'low', 'Usage of tarfile.extractall(members=function(tarfile)). Make sure your function properly discards dangerous members (t.getmembers).'],
    ]);
  });

  it('accepts the data filter, as a string or tarfile.data_filter', async () => {
    const source = 'import tarfile\nfrom tarfile import data_filter\nt.extractall(filter="data")\nt.extractall(p, filter=tarfile.data_filter)\nt.extractall(filter=data_filter)\n';
    expect((await scan(source)).findings).toEqual([]);
  });

  it('still flags the other filters', async () => {
    const source = 'import tarfile\nt.extractall(filter="tar")\nt.extractall(filter="fully_trusted")\n';
    expect(findingLines((await scan(source)).findings, true)).toEqual(['2:B202', '3:B202']);
  });

  it('needs tarfile imported, in any form', async () => {
    expect((await scan('t.extractall()\n')).findings).toEqual([]);
    expect(findingLines((await scan('from tarfile import open as topen\ntopen(p).extractall()\n')).findings, true)).toEqual(['2:B202']);
  });

  it('skips receivers that are visibly zip archives, in the same scope', async () => {
    const source = [
      'import tarfile, zipfile',
      'zipfile.ZipFile(p).extractall()',
      'with zipfile.ZipFile(p) as archive:',
      '    archive.extractall(d)',
      'def f(p):',
      '    z = zipfile.ZipFile(p)',
      '    z.extractall()',
      '    archive.extractall()', // `archive` is not bound in f: unknown, flagged
      'def g(p):',
      '    z = tarfile.open(p)',
      '    z.extractall()',
      'def h(p, z):',
      '    if p:',
      '        z = zipfile.ZipFile(p)',
      '    z.extractall()', // z may still be the parameter: unknown, flagged
      'def k(p):',
      '    z, y = pair()',
      '    z = zipfile.ZipFile(p)',
      '    z.extractall()', // also bound by unpacking: unknown, flagged
    ].join('\n');
    expect(findingLines((await scan(source)).findings)).toEqual(['8:python.tarfile-unsafe-members', '11:python.tarfile-unsafe-members', '15:python.tarfile-unsafe-members', '19:python.tarfile-unsafe-members']);
  });

  it('honours # nosec', async () => {
    const { findings, silenced } = await scan('import tarfile\nt.extractall()  # nosec B202\n');
    expect(findings).toEqual([]);
    expect(silenced).toBe(1);
  });

  it('reads each scope once: 5,000 extractall calls in one module stay fast', async () => {
    const calls = Array.from({ length: 5_000 }, (_, i) => `t${i} = tarfile.open(p)\nt${i}.extractall(filter="data")\nt${i}.extractall()`).join('\n');
    const started = Date.now();
    const { findings } = await scan(`import tarfile, zipfile\n${calls}\n`);
    expect(findings).toHaveLength(5_000);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
