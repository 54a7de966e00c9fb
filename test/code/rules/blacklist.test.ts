import { describe, expect, it } from 'vitest';
import { selectRules } from '../../../src/code/runner.js';
import { BLACKLIST_RULES, BLACKLIST_RULE_DOCS } from '../../../src/code/rules/blacklist.js';
import { findingLines, scanWith } from '../helpers.js';

const EXPECTED_BANDIT_IDS = [
  'B301', 'B302', 'B303', 'B304', 'B305', 'B306', 'B307', 'B308', 'B310', 'B311', 'B312', 'B313', 'B314', 'B315',
  'B316', 'B317', 'B318', 'B319', 'B320', 'B321', 'B323', 'B324',
  'B401', 'B402', 'B403', 'B404', 'B405', 'B406', 'B407', 'B408', 'B409', 'B410', 'B411', 'B412', 'B413', 'B415',
  'B701', 'B702', 'B703', 'B704',
];

describe('the blacklist group', () => {
  it('has one rule and one RuleDoc per bandit 1.9 id, and none of the removed ones', () => {
    expect(BLACKLIST_RULES.map((r) => r.doc.banditId)).toEqual(EXPECTED_BANDIT_IDS);
    expect(BLACKLIST_RULE_DOCS.map((d) => d.banditId)).toEqual(EXPECTED_BANDIT_IDS);
    for (const removed of ['B309', 'B322', 'B325', 'B414']) expect(EXPECTED_BANDIT_IDS).not.toContain(removed);
  });

  it('gives every rule a unique python.<kebab> id, a name, help text and a CWE', () => {
    const ids = BLACKLIST_RULE_DOCS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const doc of BLACKLIST_RULE_DOCS) {
      expect(doc.id).toMatch(/^python\.[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(doc.name.length).toBeGreaterThan(5);
      expect(doc.help.length).toBeGreaterThan(40);
      expect(doc.cwe).toBeGreaterThan(0);
    }
  });

  it('reports only rule ids that have a RuleDoc, over a file that triggers every rule', async () => {
    const source = [
      'import pickle, marshal, tempfile, random, telnetlib, ftplib, ssl, hashlib, subprocess, pyghmi, jinja2',
      'import xml.etree.cElementTree as cET, xml.etree.ElementTree as ET, xml.sax, xml.dom.expatbuilder',
      'import xml.dom.minidom, xml.dom.pulldom, xml.sax.expatreader, lxml.etree, xmlrpc.client',
      'from Crypto.Hash import MD5',
      'from Crypto.Cipher import DES',
      'from cryptography.hazmat.primitives.ciphers import modes',
      'from django.utils.safestring import mark_safe',
      'from urllib.request import urlopen',
      'from wsgiref.handlers import CGIHandler',
      'from mako.template import Template',
      'from markupsafe import Markup',
      'pickle.loads(a); marshal.loads(a); MD5.new(); DES.new(k); modes.ECB(); tempfile.mktemp(); eval(a)',
      'mark_safe(a); urlopen(a); random.random(); telnetlib.Telnet(h); cET.parse(f); ET.parse(f)',
      'xml.sax.expatreader.create_parser(); xml.dom.expatbuilder.parse(f); xml.sax.parse(f)',
      'xml.dom.minidom.parse(f); xml.dom.pulldom.parse(f); lxml.etree.parse(f); ftplib.FTP(h)',
      'ssl._create_unverified_context(); hashlib.md5(a); jinja2.Environment(); Template(a); Markup(a)',
    ].join('\n');
    const { findings, errors } = await scanWith(BLACKLIST_RULES, source);
    expect(errors).toEqual([]);
    const documented = new Set(BLACKLIST_RULE_DOCS.map((d) => d.id));
    for (const finding of findings) expect(documented.has(finding.ruleId), finding.ruleId).toBe(true);
    const reported = new Set(findings.map((f) => f.banditId));
    // B406 is the xml.sax import; B412 CGIHandler; B413 Crypto.Cipher; B410 lxml: every id fires.
    expect([...reported].sort()).toEqual([...EXPECTED_BANDIT_IDS].sort());
  });

  it('lets a configuration select or skip single ids of the family', async () => {
    const source = 'import pickle, random\npickle.loads(a)\nrandom.random()\n';
    const only = await scanWith(selectRules(BLACKLIST_RULES, { only: new Set(['B311', 'python.import-pickle']) }), source);
    expect(findingLines(only.findings, true)).toEqual(['1:B403', '3:B311']);
    const skipped = await scanWith(selectRules(BLACKLIST_RULES, { skip: new Set(['B403', 'B311']) }), source);
    expect(findingLines(skipped.findings, true)).toEqual(['2:B301']);
  });
});
