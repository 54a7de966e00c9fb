import { describe, expect, it } from 'vitest';
import { ruleIdOf } from '../../../src/code/rules/blacklist-calls.js';
import { BLACKLIST_IMPORTS, BLACKLIST_IMPORT_RULES } from '../../../src/code/rules/blacklist-imports.js';
import { findingLines, scanWith } from '../helpers.js';

describe('B4xx blacklisted imports: the table', () => {
  it('has bandit 1.9 ids: B401–B415 without the removed B414', () => {
    expect(BLACKLIST_IMPORTS.map((e) => e.banditId)).toEqual([
      'B401', 'B402', 'B403', 'B404', 'B405', 'B406', 'B407', 'B408', 'B409', 'B410', 'B411', 'B412', 'B413', 'B415',
    ]);
    expect(BLACKLIST_IMPORT_RULES.map((r) => r.doc.id)).toEqual(BLACKLIST_IMPORTS.map((e) => ruleIdOf(e.banditName)));
  });

  for (const entry of BLACKLIST_IMPORTS) {
    it(`${entry.banditId} ${entry.banditName}: flags import and from-import of every listed name`, async () => {
      for (const module of entry.modules) {
        const parts = module.split('.');
        const sources = [`import ${module}\n`];
        if (parts.length > 1) sources.push(`from ${parts.slice(0, -1).join('.')} import ${parts[parts.length - 1]}\n`);
        for (const source of sources) {
          const { findings } = await scanWith(BLACKLIST_IMPORT_RULES, source);
          expect(findings, source).toHaveLength(1);
          expect(findings[0], source).toMatchObject({ banditId: entry.banditId, ruleId: ruleIdOf(entry.banditName), severity: entry.severity, confidence: 'high', cwe: entry.cwe, line: 1, column: 1 });
        }
      }
    });
  }
});

describe('B4xx blacklisted imports: behaviour', () => {
  it('reports at the statement, with bandit severity and message', async () => {
    const { findings } = await scanWith(BLACKLIST_IMPORT_RULES, 'x = 1\nif x:\n    import subprocess as sp\n');
    expect(findings).toEqual([
      {
        ruleId: 'python.import-subprocess',
        banditId: 'B404',
        path: 'app/module.py',
        line: 3,
        column: 5,
        severity: 'low',
        confidence: 'high',
        cwe: 78,
        message: 'Consider possible security implications associated with the subprocess module.',
      },
    ]);
  });

  it('matches submodules and names below a listed module, with the full dotted name in the message', async () => {
    const source = [
      'import xml.etree.ElementTree as ET', // B405
      'from xml.etree import cElementTree', // B405
      'from xml.sax import saxutils', // B406 (below xml.sax)
      'from lxml import etree', // B410
      'import xmlrpc.client', // B411
      'from xmlrpc.server import SimpleXMLRPCServer', // B411
      'from wsgiref.handlers import CGIHandler', // B412
      'from Crypto.Cipher import AES', // B413
      'from pickle import loads', // B403
      'import xmlrpclib', // B411 (Python 2 name)
    ].join('\n');
    const { findings } = await scanWith(BLACKLIST_IMPORT_RULES, source);
    expect(findingLines(findings, true)).toEqual(['1:B405', '2:B405', '3:B406', '4:B410', '5:B411', '6:B411', '7:B412', '8:B413', '9:B403', '10:B411']);
    expect(findings.map((f) => f.message)).toEqual([
      'Using xml.etree.ElementTree to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.etree.ElementTree with the equivalent defusedxml package, or make sure defusedxml.defuse_stdlib() is called.',
      'Using xml.etree.cElementTree to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.etree.cElementTree with the equivalent defusedxml package, or make sure defusedxml.defuse_stdlib() is called.',
      'Using xml.sax.saxutils to parse untrusted XML data is known to be vulnerable to XML attacks. Replace xml.sax.saxutils with the equivalent defusedxml package, or make sure defusedxml.defuse_stdlib() is called.',
      'Using lxml.etree to parse untrusted XML data is known to be vulnerable to XML attacks. Replace lxml.etree with the equivalent defusedxml package.',
      'Using xmlrpc.client to parse untrusted XML data is known to be vulnerable to XML attacks. Use defusedxml.xmlrpc.monkey_patch() function to monkey-patch xmlrpclib and mitigate XML vulnerabilities.',
      'Using xmlrpc.server.SimpleXMLRPCServer to parse untrusted XML data is known to be vulnerable to XML attacks. Use defusedxml.xmlrpc.monkey_patch() function to monkey-patch xmlrpclib and mitigate XML vulnerabilities.',
      'Consider possible security implications associated with wsgiref.handlers.CGIHandler module.',
      'The pyCrypto library and its module Crypto.Cipher.AES are no longer actively maintained and have been deprecated. Consider using pyca/cryptography library.',
      'Consider possible security implications associated with pickle.loads module.',
      'Using xmlrpclib to parse untrusted XML data is known to be vulnerable to XML attacks. Use defusedxml.xmlrpc.monkey_patch() function to monkey-patch xmlrpclib and mitigate XML vulnerabilities.',
    ]);
  });

  it('reports every blacklisted name of one statement, once each', async () => {
    const { findings } = await scanWith(BLACKLIST_IMPORT_RULES, 'import pickle, subprocess, os, pickle as p2, dill\n');
    expect(findingLines(findings, true)).toEqual(['1:B403', '1:B403', '1:B404']);
    expect(findings.map((f) => f.message).filter((m) => m.includes('pickle') || m.includes('dill'))).toEqual([
      'Consider possible security implications associated with pickle module.',
      'Consider possible security implications associated with dill module.',
    ]);
  });

  it('handles wildcard and parenthesised multi-line from-imports', async () => {
    const source = 'from telnetlib import *\nfrom ftplib import (\n    FTP,\n    FTP_TLS,\n)\n';
    const { findings } = await scanWith(BLACKLIST_IMPORT_RULES, source);
    expect(findingLines(findings, true)).toEqual(['1:B401', '2:B402', '2:B402']);
    expect(findings[1]?.endLine).toBe(5);
  });

  it('does not flag look-alikes: longer module names, parent packages, relative imports, other modules', async () => {
    const source = [
      'import pickletools',
      'import subprocess_tee',
      'import lxml_stubs',
      'import xml',
      'from xml import etree',
      'from xml.etree import ElementInclude',
      'import Crypto',
      'import Cryptodome.Cipher', // B414 was removed upstream
      'from . import pickle',
      'from .subprocess import run',
      'from ..telnetlib import Telnet',
      'import wsgiref.handlers',
      'import json, os.path',
    ].join('\n');
    const { findings } = await scanWith(BLACKLIST_IMPORT_RULES, source);
    expect(findings).toEqual([]);
  });

  it('flags dynamic imports with a constant name, at the call', async () => {
    const source = [
      'import importlib',
      'tn = __import__("telnetlib")',
      'mod = importlib.import_module("xml.dom.minidom")',
      'importlib.import_module(name="pyghmi")',
      'importlib.import_module(module_name)',
      'importlib.import_module(".pickle", package="app")',
      'loader.import_module("pickle")',
    ].join('\n');
    const { findings } = await scanWith(BLACKLIST_IMPORT_RULES, source);
    expect(findingLines(findings, true)).toEqual(['2:B401', '3:B408', '4:B415']);
    expect(findings[0]).toMatchObject({ column: 6, severity: 'high' });
  });

  it('honours # nosec on any line of the statement, bare, by bandit id or by rule id', async () => {
    const source = [
      'import pickle  # nosec',
      'import subprocess  # nosec B404',
      'import telnetlib  # nosec B403',
      'from ftplib import (  # nosec python.import-ftplib',
      '    FTP,',
      ')',
      'import lxml  # nosec: B401, B410',
    ].join('\n');
    const { findings, silenced } = await scanWith(BLACKLIST_IMPORT_RULES, source);
    expect(findingLines(findings, true)).toEqual(['3:B401']);
    expect(silenced).toBe(4);
  });

  it('survives hostile input: a huge import list, garbage', async () => {
    const names = Array.from({ length: 20000 }, (_, i) => `m${i}`).join(', ');
    const { findings, errors } = await scanWith(BLACKLIST_IMPORT_RULES, `import ${names}, pickle\n\u0000import \u0001 subprocess\n`);
    expect(errors).toEqual([]);
    expect(findingLines(findings, true)).toContain('1:B403');
  });
});
