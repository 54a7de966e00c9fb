import { describe, expect, it } from 'vitest';
import { satisfiesSpecifier } from '../../../src/pep440/index.js';
import { poetryToPep440 } from '../../../src/manifests/pyproject/poetry-constraint.js';
import { readClauses } from '../../../src/remediation/edit/clauses.js';
import { rewriteConstraint } from '../../../src/remediation/edit/rewrite.js';
import { capAbove, caretUpper, tildeUpper, withPrecision } from '../../../src/remediation/edit/versions.js';

function changed(text: string, target: string, dialect: 'pep440' | 'poetry' = 'pep440') {
  const result = rewriteConstraint(text, target, dialect);
  if (result.kind !== 'changed') throw new Error(`expected a change, got ${JSON.stringify(result)}`);
  return result;
}

describe('rewriteConstraint, PEP 440', () => {
  it.each([
    ['==4.2.5', '4.2.16', '==4.2.16'],
    ['== 4.2.5', '4.2.16', '== 4.2.16'],
    ['===4.2.5', '4.2.16', '===4.2.16'],
    ['==4.2.5+local', '4.2.16', '==4.2.16'],
    ['>=1.0,<2', '1.1', '>=1.1,<2'],
    ['>=1.0, <2', '1.1', '>=1.1, <2'],
    [' >= 1.0 , < 2', '1.1', ' >= 1.1 , < 2'],
    ['<2,>=1.0', '1.1', '<2,>=1.1'],
    ['>1.0', '1.1', '>=1.1'],
    ['(>=1.0,<2)', '1.1', '(>=1.1,<2)'],
    ['~=1.4', '1.6', '~=1.6'],
    ['~=1.4.2', '1.4.5', '~=1.4.5'],
    ['~=1.4', '1.4.5', '>=1.4.5,~=1.4'],
    ['>=1.0,!=1.0.3', '1.1', '>=1.1,!=1.0.3'],
  ])('%s → %s gives %s', (text, target, expected) => {
    const result = changed(text, target);
    expect(result.text).toBe(expected);
    expect(result.breaking).toBe(false);
  });

  it('adds a floor where no clause keeps older versions out', () => {
    expect(changed('<2', '1.1')).toEqual({ kind: 'changed', text: '>=1.1,<2', breaking: false, notes: ['floor >=1.1 added'] });
    expect(changed('!=1.3', '1.4').text).toBe('>=1.4,!=1.3');
    expect(changed('==4.2.*', '4.2.10').text).toBe('>=4.2.10,==4.2.*');
    expect(changed('< 2, != 1.3', '1.4').text).toBe('>= 1.4, < 2, != 1.3');
  });

  it('writes a floor for a declaration without any constraint', () => {
    expect(changed('', '1.1')).toEqual({
      kind: 'changed',
      text: '>=1.1',
      breaking: false,
      notes: ['no version constraint before: now >=1.1'],
    });
  });

  it('widens a cap that excludes the target, at its own precision, and calls it breaking', () => {
    expect(changed('>=1.0,<2', '2.1.3')).toEqual({
      kind: 'changed',
      text: '>=2.1.3,<3',
      breaking: true,
      notes: ['cap "<2" excluded 2.1.3: widened to "<3"'],
    });
    expect(changed('>=1.0,<2.0', '2.0.1').text).toBe('>=2.0.1,<3.0');
    expect(changed('>=1.0,<1.5', '1.6.2').text).toBe('>=1.6.2,<1.7');
    expect(changed('>=1.0,<1.5', '2.0.1').text).toBe('>=2.0.1,<2.1');
    expect(changed('>=1.0,<=1.5', '1.6').text).toBe('>=1.6,<=1.6');
    expect(changed('>=1.0,<1.5.0', '1.5.0').text).toBe('>=1.5.0,<1.6.0');
  });

  it('moves compatible-release and wildcard ranges the target left, as breaking', () => {
    expect(changed('~=1.4.2', '1.5.0')).toMatchObject({ text: '~=1.5.0', breaking: true });
    expect(changed('~=1.4', '2.0.1')).toMatchObject({ text: '>=2.0.1,~=2.0', breaking: true });
    expect(changed('==4.1.*', '4.2.10')).toMatchObject({ text: '>=4.2.10,==4.2.*', breaking: true });
    expect(changed('==4.*', '5.0.0')).toMatchObject({ text: '==5.*', breaking: true });
    // A pre-release sorts below its own prefix (2.0.0rc1 < 2.0): the clause names the target itself.
    expect(changed('~=1.9', '2.0.0rc1')).toMatchObject({ text: '~=2.0.0rc1', breaking: true });
  });

  it('leaves a constraint that already requires the target', () => {
    expect(rewriteConstraint('>=4.2.16,<5', '4.2.16', 'pep440')).toEqual({
      kind: 'unchanged',
      reason: '">=4.2.16,<5" already requires 4.2.16 or later',
    });
    expect(rewriteConstraint('==4.2.16', '4.2.16', 'pep440').kind).toBe('unchanged');
    expect(rewriteConstraint('==4.2.16.0', '4.2.16', 'pep440').kind).toBe('unchanged');
  });

  it('refuses what it would have to guess', () => {
    expect(rewriteConstraint('!=1.1', '1.1', 'pep440')).toEqual({
      kind: 'problem',
      message: 'the target 1.1 is excluded by "!=1.1"; edit it by hand',
    });
    expect(rewriteConstraint('>=2', '1.1', 'pep440')).toEqual({
      kind: 'problem',
      message: 'the lower bound ">=2" is above the target 1.1 (a downgrade)',
    });
    expect(rewriteConstraint('==1.0', 'not a version', 'pep440')).toEqual({
      kind: 'problem',
      message: '"not a version" is not a PEP 440 version',
    });
    expect(rewriteConstraint('>=1.0 and more', '1.1', 'pep440').kind).toBe('problem');
    expect(rewriteConstraint('x'.repeat(5000), '1.1', 'pep440').kind).toBe('problem');
  });

  it('always produces a valid specifier that allows the target', () => {
    const cases = ['==1.0', '>=0.9,<1.0', '~=0.9', '<1', '!=0.5', '==0.*', '>0.1,<=0.9', ''];
    for (const text of cases) {
      for (const target of ['1.0', '1.2.3', '2.0.0rc1', '10.0.1.post2']) {
        const result = rewriteConstraint(text, target, 'pep440');
        if (result.kind === 'changed') expect(satisfiesSpecifier(target, result.text.replace(/\s+/g, ''))).toBe(true);
        else expect(result.kind).toBe('unchanged');
      }
    }
  });
});

describe('rewriteConstraint, Poetry', () => {
  it('keeps caret and tilde semantics inside their ranges', () => {
    expect(changed('^4.2.5', '4.2.10', 'poetry')).toEqual({ kind: 'changed', text: '^4.2.10', breaking: false, notes: [] });
    expect(changed('^4.2', '4.3.0', 'poetry').text).toBe('^4.3');
    expect(changed('^4.2', '4.2.10', 'poetry').text).toBe('^4.2.10');
    expect(changed('~2.3.1', '2.3.3', 'poetry').text).toBe('~2.3.3');
    expect(changed('4.2.5', '4.2.10', 'poetry').text).toBe('4.2.10');
    expect(changed('=4.2.5', '4.2.10', 'poetry').text).toBe('=4.2.10');
    expect(changed('==4.2.5', '4.2.10', 'poetry').text).toBe('==4.2.10');
  });

  it('says it is breaking when the target leaves the caret or tilde range', () => {
    expect(changed('^4.2.5', '5.0.1', 'poetry')).toEqual({
      kind: 'changed',
      text: '^5.0.1',
      breaking: true,
      notes: ['5.0.1 is outside the caret range of "^4.2.5" (<5.0.0): a breaking update'],
    });
    expect(changed('^0.2.3', '0.3.1', 'poetry')).toMatchObject({ text: '^0.3.1', breaking: true });
    expect(changed('~4.2.5', '4.3.1', 'poetry')).toMatchObject({ text: '~4.3.1', breaking: true });
  });

  it('rewrites ranges written with blanks or commas', () => {
    expect(changed('>=1.2 <2.0', '2.0.1', 'poetry').text).toBe('>=2.0.1 <3.0');
    expect(changed('>= 1.2, < 2.0', '1.5', 'poetry').text).toBe('>= 1.5, < 2.0');
    expect(changed('1.2.*', '1.3.1', 'poetry').text).toBe('>=1.3.1,1.3.*');
  });

  it('refuses an OR of ranges', () => {
    expect(rewriteConstraint('^1 || ^2', '2.1', 'poetry')).toEqual({
      kind: 'problem',
      message: '"^1 || ^2" is an OR of ranges; edit it by hand',
    });
  });

  it('produces constraints Poetry reads as allowing the target', () => {
    for (const text of ['^1.2', '~1.2.3', '1.2.3', '>=1.0,<1.3', '1.2.*', '<1.3']) {
      const result = changed(text, '1.4.1', 'poetry');
      const translated = poetryToPep440(result.text);
      expect(translated.ok && translated.specifier !== null && satisfiesSpecifier('1.4.1', translated.specifier)).toBe(true);
    }
  });
});

describe('clauses and version arithmetic', () => {
  it('reads clauses with offsets into the written text', () => {
    expect(readClauses(' >= 1.0 , <2', 'pep440')).toEqual({
      ok: true,
      clauses: [
        { op: '>=', opStart: 1, opEnd: 3, version: '1.0', verStart: 4, verEnd: 7 },
        { op: '<', opStart: 10, opEnd: 11, version: '2', verStart: 11, verEnd: 12 },
      ],
    });
  });

  it('computes caret, tilde and cap bounds', () => {
    expect(caretUpper('1.2.3')).toBe('2.0.0');
    expect(caretUpper('0.2.3')).toBe('0.3.0');
    expect(caretUpper('0.0.3')).toBe('0.0.4');
    expect(tildeUpper('1.2.3')).toBe('1.3.0');
    expect(tildeUpper('1')).toBe('2');
    expect(capAbove('2', '2.1.3')).toBe('3');
    expect(capAbove('1.5', '1.6.2')).toBe('1.7');
    expect(capAbove('1!2', '1!2.1')).toBeNull();
    expect(withPrecision('4.3.0', 2)).toBe('4.3');
    expect(withPrecision('4.3.1', 2)).toBe('4.3.1');
    expect(withPrecision('4.3.0rc1', 2)).toBe('4.3.0rc1');
  });
});
