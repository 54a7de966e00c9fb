import { describe, expect, it } from 'vitest';
import { selectRules } from '../../../src/code/runner.js';
import { BLACKLIST_CALLS, BLACKLIST_CALL_RULES, ruleIdOf } from '../../../src/code/rules/blacklist-calls.js';
import { findingLines, scanWith } from '../helpers.js';

/** callOf writes a call of a qualified name, imported the plain way: `import a.b; a.b.c()`. */
function callOf(qualname: string): string {
  const name = qualname.endsWith('.*') ? `${qualname.slice(0, -2)}.Telnet` : qualname;
  const parts = name.split('.');
  if (parts.length === 1) return `${name}(x)\n`;
  return `import ${parts.slice(0, -1).join('.')}\n${name}(x)\n`;
}

describe('B3xx blacklisted calls: the table', () => {
  it('has bandit 1.9 ids: B301–B323 without the removed B309 and B322 (B324 is the hashlib rule)', () => {
    expect(BLACKLIST_CALLS.map((e) => e.banditId)).toEqual([
      'B301', 'B302', 'B303', 'B304', 'B305', 'B306', 'B307', 'B308', 'B310', 'B311', 'B312',
      'B313', 'B314', 'B315', 'B316', 'B317', 'B318', 'B319', 'B320', 'B321', 'B323',
    ]);
    expect(BLACKLIST_CALL_RULES.map((r) => r.doc.id)).toContain('python.xml-bad-celementtree');
    expect(ruleIdOf('urllib_urlopen')).toBe('python.urllib-urlopen');
  });

  it('no longer lists hashlib in B303 (bandit 1.9 reports hashlib.md5/sha1 as B324)', () => {
    const b303 = BLACKLIST_CALLS.find((e) => e.banditId === 'B303');
    expect(b303?.qualnames.some((q) => q.startsWith('hashlib.'))).toBe(false);
  });

  for (const entry of BLACKLIST_CALLS) {
    it(`${entry.banditId} ${entry.banditName}: flags every listed call, with bandit's severity and confidence high`, async () => {
      for (const qualname of entry.qualnames) {
        const { findings } = await scanWith(BLACKLIST_CALL_RULES, callOf(qualname));
        const mine = findings.filter((f) => f.banditId === entry.banditId);
        expect(mine, qualname).toHaveLength(1);
        expect(mine[0]).toMatchObject({ ruleId: ruleIdOf(entry.banditName), severity: entry.severity, confidence: 'high', cwe: entry.cwe });
      }
    });
  }
});

describe('B3xx blacklisted calls: behaviour', () => {
  it('reports the exact location and message, {name} being the qualified name', async () => {
    const source = 'from Crypto.Cipher import DES\n\nkey = 1\ncipher =  DES.new(key)\n';
    const { findings } = await scanWith(BLACKLIST_CALL_RULES, source);
    expect(findings).toEqual([
      {
        ruleId: 'python.ciphers',
        banditId: 'B304',
        path: 'app/module.py',
        line: 4,
        column: 11,
        severity: 'high',
        confidence: 'high',
        cwe: 327,
        message: 'Use of insecure cipher Crypto.Cipher.DES.new. Replace with a known secure cipher such as AES.',
      },
    ]);
  });

  it('resolves import aliases and from-imports', async () => {
    const source = [
      'import pickle as pk',
      'from marshal import loads as ml',
      'import xml.etree.ElementTree as ET',
      'from xml.dom import minidom',
      'from random import choice',
      'import tempfile as t',
      'pk.loads(data)',
      'ml(data)',
      'ET.fromstring(data)',
      'minidom.parseString(data)',
      'choice([1, 2])',
      't.mktemp()',
    ].join('\n');
    const { findings } = await scanWith(BLACKLIST_CALL_RULES, source);
    expect(findingLines(findings, true)).toEqual(['7:B301', '8:B302', '9:B314', '10:B318', '11:B311', '12:B306']);
    expect(findings[2]?.message).toBe(
      'Using xml.etree.ElementTree.fromstring to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.etree.ElementTree.fromstring with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called',
    );
  });

  it('matches telnetlib.* and ftplib.* as whole modules', async () => {
    const source = 'import telnetlib\nimport ftplib\ntelnetlib.Telnet(host)\nftplib.FTP(host).login()\nftplib_extra.FTP(host)\n';
    const { findings } = await scanWith(BLACKLIST_CALL_RULES, source);
    expect(findingLines(findings, true)).toEqual(['3:B312', '4:B321']);
    expect(findings.map((f) => f.severity)).toEqual(['high', 'high']);
  });

  it('does not flag look-alikes: methods of other objects, local variables, unimported names, other modules', async () => {
    const source = [
      'import random as rnd',
      'from mylib import eval',
      'import json',
      'self.pickle.loads(data)',
      'random = rnd.SystemRandom()',
      'random.choice([1])',
      'rng.choice([1])',
      'eval("1 + 1")',
      'json.loads(data)',
      'pickle.loads(data)',
      'rnd.SystemRandom().random()',
      'cursor.eval("x")',
    ].join('\n');
    const { findings } = await scanWith(BLACKLIST_CALL_RULES, source);
    expect(findings).toEqual([]);
  });

  it('flags the builtin eval, also through builtins', async () => {
    const source = 'import builtins\neval(expr)\nbuiltins.eval(expr)\n';
    const { findings } = await scanWith(BLACKLIST_CALL_RULES, source);
    expect(findingLines(findings, true)).toEqual(['2:B307', '3:B307']);
    expect(findings[0]).toMatchObject({ severity: 'medium', confidence: 'high', cwe: 78, message: 'Use of possibly insecure function - consider using safer ast.literal_eval.' });
  });

  it('B310: flags URLs that may have any scheme, not URLs written with http(s)', async () => {
    const source = [
      'from urllib.request import urlopen, urlretrieve, Request, URLopener',
      'import urllib.request',
      'urlopen("https://example.com/a")', // 3: scheme in the code
      'urlopen(url)', // 4
      'urlopen("file:///etc/passwd")', // 5
      'urlretrieve(f"http://{host}/x", "out")', // 6: f-string with a literal scheme
      'urlopen(f"{scheme}://{host}")', // 7
      'urllib.request.urlopen(Request("HTTPS://example.com"))', // 8
      'urlopen(Request(url))', // 9
      'urlopen(url="http://" + host)', // 10
      'URLopener()', // 11: an opener has no URL to check
      'urlopen(("https://" "example.com"))', // 12
    ].join('\n');
    const { findings } = await scanWith(BLACKLIST_CALL_RULES, source);
    expect(findingLines(findings, true)).toEqual(['4:B310', '5:B310', '7:B310', '9:B310', '11:B310']);
    expect(findings[0]).toMatchObject({
      ruleId: 'python.urllib-urlopen',
      severity: 'medium',
      confidence: 'high',
      cwe: 22,
      message: 'Audit url open for permitted schemes. Allowing use of file:/ or custom schemes is often unexpected.',
    });
  });

  it('does not report the checks bandit 1.9 removed (B309 HTTPSConnection, B322 input, B325 tempnam)', async () => {
    const source = 'import http.client\nimport os\nhttp.client.HTTPSConnection(host)\ninput("name? ")\nos.tempnam()\n';
    const { findings } = await scanWith(BLACKLIST_CALL_RULES, source);
    expect(findings).toEqual([]);
  });

  it('B323 and B305 with their messages', async () => {
    const source = 'import ssl\nfrom cryptography.hazmat.primitives.ciphers import modes\nssl._create_unverified_context()\nmodes.ECB()\n';
    const { findings } = await scanWith(BLACKLIST_CALL_RULES, source);
    expect(findingLines(findings, true)).toEqual(['3:B323', '4:B305']);
    expect(findings[0]?.cwe).toBe(295);
    expect(findings[1]?.message).toBe('Use of insecure cipher mode cryptography.hazmat.primitives.ciphers.modes.ECB.');
  });

  it('honours # nosec bare, by bandit id and by rule id, and ignores other ids', async () => {
    const source = [
      'import pickle',
      'pickle.loads(a)  # nosec',
      'pickle.loads(b)  # nosec B301',
      'pickle.loads(c)  # nosec: B302',
      'pickle.loads(d)  # nosec python.pickle',
      'pickle.loads(',
      '    e)  # nosec B301',
    ].join('\n');
    const { findings, silenced } = await scanWith(BLACKLIST_CALL_RULES, source);
    expect(findingLines(findings, true)).toEqual(['4:B301']);
    expect(silenced).toBe(4);
  });

  it('can skip one bandit id of the family alone', async () => {
    const source = 'import random, pickle\nrandom.random()\npickle.load(f)\n';
    const { findings } = await scanWith(selectRules(BLACKLIST_CALL_RULES, { skip: new Set(['B311']) }), source);
    expect(findingLines(findings, true)).toEqual(['3:B301']);
  });

  it('survives hostile input: deep attribute chains, long + chains, binary garbage', async () => {
    const chain = `import pickle\n${'pickle' + '.x'.repeat(5000)}()\n`;
    const plus = `from urllib.request import urlopen\nurlopen(${Array.from({ length: 20000 }, () => 'a').join(' + ')})\n`;
    const garbage = 'import pickle\n\u0000\u0001\u0002 pickle.loads(\u0000)\n';
    for (const source of [chain, plus, garbage]) {
      const { errors } = await scanWith(BLACKLIST_CALL_RULES, source);
      expect(errors).toEqual([]);
    }
    const { findings } = await scanWith(BLACKLIST_CALL_RULES, plus);
    expect(findingLines(findings, true)).toEqual(['2:B310']);
  });
});
