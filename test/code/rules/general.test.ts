import { describe, expect, it } from 'vitest';
import { GENERAL_RULE_DOCS, GENERAL_RULES } from '../../../src/code/rules/general.js';
import { selectRules } from '../../../src/code/runner.js';
import { scanWith } from '../helpers.js';

/** One line per bandit id of the group: each triggers exactly that rule. */
const EVERY_RULE = [
  'import os, ssl, yaml, tarfile, requests, paramiko, flask',
  'from cryptography.hazmat.primitives.asymmetric import rsa',
  'from pysnmp.hlapi import CommunityData, UsmUserData',
  'assert ok',
  'exec(code)',
  'os.chmod(p, 0o777)',
  'HOST = "0.0.0.0"',
  'password = "x"',
  'login(password=user_password)',
  'connect(token="t")',
  'def f(secret="s"): pass',
  'LOG = "/tmp/log"',
  'try: a()',
  'except: pass',
  'for i in x:',
  '    try: a()',
  '    except: continue',
  'requests.get(u)',
  'app.run(debug=True)',
  'tarfile.open(p).extractall()',
  'requests.post(u, timeout=5, verify=False)',
  'ssl.wrap_socket(ssl_version=ssl.PROTOCOL_SSLv2)',
  'def g(v=ssl.PROTOCOL_SSLv3): pass',
  'ssl.wrap_socket(s)',
  'rsa.generate_private_key(65537, 1024)',
  'yaml.load(s)',
  'c.set_missing_host_key_policy(paramiko.AutoAddPolicy())',
  'CommunityData("public", mpModel=0)',
  'UsmUserData("u")',
].join('\n');

describe('the general rule group', () => {
  it('has one rule per bandit id B101–B113, B201–B202, B501–B509 of this group, in order', () => {
    expect(GENERAL_RULES.map((rule) => rule.doc.banditId)).toEqual([
      'B101', 'B102', 'B103', 'B104', 'B105', 'B106', 'B107', 'B108', 'B110', 'B112', 'B113',
      'B201', 'B202', 'B501', 'B502', 'B503', 'B504', 'B505', 'B506', 'B507', 'B508', 'B509',
    ]);
  });

  it('documents every rule: unique python.* ids, a name, help text and a CWE', () => {
    const ids = GENERAL_RULE_DOCS.map((doc) => doc.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const doc of GENERAL_RULE_DOCS) {
      expect(doc.id).toMatch(/^python\.[a-z0-9-]+$/);
      expect(doc.name.length).toBeGreaterThan(5);
      expect(doc.help.length).toBeGreaterThan(80);
      expect(doc.cwe).toBeGreaterThan(0);
    }
    expect(GENERAL_RULE_DOCS).toEqual(GENERAL_RULES.map((rule) => rule.doc));
  });

  it('reports each id once over a file that triggers every rule, and only documented ids', async () => {
    const { findings, errors } = await scanWith(GENERAL_RULES, EVERY_RULE);
    expect(errors).toEqual([]);
    const documented = new Set(GENERAL_RULE_DOCS.map((doc) => doc.id));
    expect(findings.every((f) => documented.has(f.ruleId))).toBe(true);
    expect(findings.map((f) => f.banditId).sort()).toEqual(GENERAL_RULES.map((rule) => rule.doc.banditId).sort());
  });

  it('lets each rule be skipped or selected on its own, by bandit id or rule id', async () => {
    const skipped = selectRules(GENERAL_RULES, { skip: new Set(['B106', 'python.ssl-with-no-version']) });
    const { findings } = await scanWith(skipped, EVERY_RULE);
    expect(findings.map((f) => f.banditId)).not.toContain('B106');
    expect(findings.map((f) => f.banditId)).not.toContain('B504');
    expect(findings.map((f) => f.banditId)).toContain('B105');
    const only = selectRules(GENERAL_RULES, { only: new Set(['B110', 'python.try-except-continue']) });
    expect((await scanWith(only, EVERY_RULE)).findings.map((f) => f.banditId)).toEqual(['B110', 'B112']);
  });

  it('survives hostile input: binary garbage, deep nesting, long chains, a 100,000-line file', async () => {
    const garbage = '\u0000\u0001\uffff"0.0.0.0\n\u0000def (((password = "\n'.repeat(500);
    const deep = `x = ${'('.repeat(3000)}"/tmp/x"${')'.repeat(3000)}\ny = ${'['.repeat(3000)}${']'.repeat(3000)}\n`;
    const chains = `import os\nos.chmod(p, ${Array.from({ length: 30_000 }, () => '1').join(' | ')})\npassword = ${'a = '.repeat(20_000)}"x"\n`;
    const long = `password = "${'x'.repeat(200_000)}"\n`;
    const huge = Array.from({ length: 100_000 }, (_, i) => (i % 2 === 0 ? `x${i} = "/tmp/${i}"` : `try: f()\nexcept: pass`)).join('\n');
    for (const source of [garbage, deep, chains, long, huge]) {
      const { errors } = await scanWith(GENERAL_RULES, source);
      expect(errors).toEqual([]);
    }
  }, 120_000);
});
