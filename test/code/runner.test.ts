import { describe, expect, it } from 'vitest';
import { scanPythonSource, selectRules } from '../../src/code/runner.js';
import type { CodeRule } from '../../src/code/types.js';
import { execUsed } from '../../src/code/rules/exec-used.js';
import { findingLines, scanWith } from './helpers.js';

const callNames: CodeRule = {
  doc: { id: 'test.call-names', name: 'every call, by qualified name', help: '' },
  severity: 'low',
  confidence: 'low',
  nodeTypes: ['call'],
  check(node, context) {
    const target = node.childForFieldName('function');
    context.report(node, { message: target ? String(context.qualifiedName(target)) : 'none' });
  },
};

const throwing: CodeRule = {
  doc: { id: 'test.throws', name: 'always throws', help: '' },
  severity: 'high',
  confidence: 'high',
  nodeTypes: ['call'],
  check() {
    throw new Error('boom');
  },
};

describe('scanPythonSource', () => {
  it('resolves names through every import form', async () => {
    const source = [
      'import subprocess as sp',
      'import os.path',
      'from pickle import loads as unpickle, dumps',
      'from xml.etree import ElementTree as ET',
      'sp.Popen("x")',
      'os.path.join("a")',
      'unpickle(b"")',
      'dumps(1)',
      'ET.parse("f")',
      'local()',
      'f()()',
    ].join('\n');
    const { findings } = await scanWith(callNames, source);
    expect(findings.map((f) => f.message)).toEqual([
      'subprocess.Popen',
      'os.path.join',
      'pickle.loads',
      'pickle.dumps',
      'xml.etree.ElementTree.parse',
      'local',
      'null',
      'f',
    ]);
  });

  it('isolates a rule that throws and keeps the others', async () => {
    const { findings, errors } = await scanPythonSource('m.py', 'exec("1")\nexec("2")\n', [throwing, execUsed]);
    expect(findingLines(findings)).toEqual(['1:python.exec-used', '2:python.exec-used']);
    expect(errors).toEqual([{ path: 'm.py', line: 1, message: 'rule test.throws failed: boom' }]);
  });

  it('applies severity and confidence floors', async () => {
    expect((await scanWith(execUsed, 'exec("1")', { minimumSeverity: 'high' })).findings).toEqual([]);
    expect((await scanWith(execUsed, 'exec("1")', { minimumConfidence: 'high' })).findings).toHaveLength(1);
  });

  it('selects rules by rule id or bandit id', () => {
    expect(selectRules([execUsed, callNames], { skip: new Set(['B102']) })).toEqual([callNames]);
    expect(selectRules([execUsed, callNames], { only: new Set(['test.call-names']) })).toEqual([callNames]);
  });

  it('survives hostile input: deep nesting, binary garbage and a long chain', async () => {
    const deep = `${'('.repeat(20_000)}exec("x")${')'.repeat(20_000)}\n`;
    expect((await scanWith(execUsed, deep)).findings.length).toBeLessThanOrEqual(1);
    const garbage = '\u0000\u0001\uFFFD'.repeat(10_000);
    expect((await scanWith(execUsed, garbage)).findings).toEqual([]);
    const chain = `x = ${Array.from({ length: 50_000 }, (_, i) => `a${i}`).join(' + ')}\nexec(x)\n`;
    expect(findingLines((await scanWith(execUsed, chain)).findings)).toEqual(['2:python.exec-used']);
  });
});
