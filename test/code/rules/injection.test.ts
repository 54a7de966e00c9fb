import { describe, expect, it } from 'vitest';
import { INJECTION_RULE_DOCS, INJECTION_RULES } from '../../../src/code/rules/injection.js';
import { selectRules } from '../../../src/code/runner.js';
import { findingLines, scanWith } from '../helpers.js';

const BANDIT_IDS = ['B601', 'B602', 'B603', 'B604', 'B605', 'B606', 'B607', 'B608', 'B609', 'B610', 'B611', 'B612', 'B613', 'B614', 'B615'];

/** One statement per bandit id of the group (B603 and B607 share the `subprocess.run(["ls"])` line). */
const EVERY_RULE = [
  'import os, paramiko, subprocess, logging.config, torch', // 1
  'from django.db.models import RawSQL',
  'from transformers import AutoModel',
  'client.exec_command(cmd)', // B601
  'subprocess.run(cmd, shell=True)', // 5: B602
  'subprocess.run(["ls"])', // B603, B607
  'helper(cmd, shell=True)', // B604
  'os.system(cmd)', // B605
  'os.execv(path, args)', // B606
  'q = "SELECT a FROM t WHERE id = %s" % i', // 10: B608
  'os.popen("chmod 600 *.key")', // B609, B605 (low: a literal), B607
  'qs.extra(where=[clause])', // B610
  'RawSQL(sql_text, [])', // B611
  'logging.config.listen(9999)', // B612
  '# \u202e', // 15: B613
  'torch.load(path)', // B614
  'AutoModel.from_pretrained("org/model")', // B615
].join('\n');

describe('the injection rule group', () => {
  it('has one rule per bandit id B601–B615, in order', () => {
    expect(INJECTION_RULES.map((rule) => rule.doc.banditId)).toEqual(BANDIT_IDS);
  });

  it('documents every rule: unique python.* ids, a name, help text and a CWE', () => {
    const ids = INJECTION_RULE_DOCS.map((doc) => doc.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const doc of INJECTION_RULE_DOCS) {
      expect(doc.id).toMatch(/^python\.[a-z0-9-]+$/);
      expect(doc.name.length).toBeGreaterThan(5);
      expect(doc.help.length).toBeGreaterThan(80);
      expect(doc.cwe).toBeGreaterThan(0);
    }
    expect(INJECTION_RULE_DOCS).toEqual(INJECTION_RULES.map((rule) => rule.doc));
  });

  it('reports each id where expected over a file that triggers every rule, and only documented ids', async () => {
    const { findings, errors } = await scanWith(INJECTION_RULES, EVERY_RULE);
    expect(errors).toEqual([]);
    const documented = new Set(INJECTION_RULE_DOCS.map((doc) => doc.id));
    expect(findings.every((f) => documented.has(f.ruleId))).toBe(true);
    expect(findingLines(findings, true)).toEqual([
      '4:B601', '5:B602', '6:B607', '6:B603', '7:B604', '8:B605', '9:B606', '10:B608', '11:B609', '11:B605', '11:B607',
      '12:B610', '13:B611', '14:B612', '15:B613', '16:B614', '17:B615',
    ]);
  });

  it('lets each rule be skipped or selected on its own, by bandit id or rule id', async () => {
    const skipped = selectRules(INJECTION_RULES, { skip: new Set(['B603', 'python.start-process-with-partial-path']) });
    const ids = (await scanWith(skipped, EVERY_RULE)).findings.map((f) => f.banditId);
    expect(ids).not.toContain('B603');
    expect(ids).not.toContain('B607');
    expect(ids).toContain('B602');
    const only = selectRules(INJECTION_RULES, { only: new Set(['B608', 'python.trojansource']) });
    expect((await scanWith(only, EVERY_RULE)).findings.map((f) => f.banditId)).toEqual(['B608', 'B613']);
  });

  it('applies the severity and confidence floors to per-finding levels', async () => {
    const { findings } = await scanWith(INJECTION_RULES, EVERY_RULE, { minimumSeverity: 'high', minimumConfidence: 'high' });
    expect(findingLines(findings, true)).toEqual(['5:B602', '8:B605']);
  });

  it('survives hostile input: binary garbage, deep nesting, long chains, long lines, a 100,000-line file', async () => {
    const garbage = '\u0000\u0001\uffff"SELECT \n\u0000os.system((( shell=True \u202e\n'.repeat(500);
    const deep = `import os\nos.system(${'('.repeat(3000)}"ls"${')'.repeat(3000)})\nx = ${'['.repeat(3000)}${']'.repeat(3000)}\n`;
    const chain = `import subprocess\nsubprocess.run(${Array.from({ length: 20_000 }, () => '"a"').join(' % ')}, shell=True)\n`;
    const longLine = `q = "SELECT ${'x'.repeat(200_000)} FROM t %s" % v\n`;
    const manyLines = 'import subprocess\n' + 'subprocess.run(["/bin/true"])\n'.repeat(100_000);
    for (const source of [garbage, deep, chain, longLine]) {
      const { errors } = await scanWith(INJECTION_RULES, source);
      expect(errors).toEqual([]);
    }
    const { findings, errors } = await scanWith(INJECTION_RULES, manyLines);
    expect(errors).toEqual([]);
    expect(findings).toHaveLength(100_000);
    expect(findings.every((f) => f.banditId === 'B603')).toBe(true);
  }, 60_000);
});
