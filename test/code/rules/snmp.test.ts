import { describe, expect, it } from 'vitest';
import { snmpInsecureVersion, snmpWeakCryptography } from '../../../src/code/rules/snmp.js';
import { findingLines, scanWith } from '../helpers.js';

describe('B508 snmp insecure version', () => {
  it('flags CommunityData with mpModel 0 or 1, with bandit metadata', async () => {
    const source = 'from pysnmp.hlapi import CommunityData\na = CommunityData("public", mpModel=0)\nb = CommunityData("public", mpModel=1)\n';
    const { findings } = await scanWith(snmpInsecureVersion, source);
    expect(findings[0]).toEqual({
      ruleId: 'python.snmp-insecure-version',
      banditId: 'B508',
      path: 'app/module.py',
      line: 2,
      column: 5,
      severity: 'medium',
      confidence: 'high',
      cwe: 319,
      message: 'The use of SNMPv1 and SNMPv2 is insecure. You should use SNMPv3 if able.',
    });
    expect(findingLines(findings, true)).toEqual(['2:B508', '3:B508']);
  });

  it('recognises hlapi flavours, module imports and star imports', async () => {
    const source = [
      'from pysnmp.hlapi.asyncio import CommunityData as CD',
      'import pysnmp.hlapi',
      'CD("public", mpModel=0)',
      'pysnmp.hlapi.CommunityData("public", mpModel=1)',
    ].join('\n');
    expect(findingLines((await scanWith(snmpInsecureVersion, source)).findings, true)).toEqual(['3:B508', '4:B508']);
    const star = 'from pysnmp.hlapi.v3arch.asyncio import *\nCommunityData("public", mpModel=0)\n';
    expect(findingLines((await scanWith(snmpInsecureVersion, star)).findings, true)).toEqual(['2:B508']);
  });

  it('does not flag other models, other modules, or unimported names', async () => {
    const source = 'from pysnmp.hlapi import CommunityData\nCommunityData("public", mpModel=3)\nCommunityData("public", mpModel=model)\nfrom mylib import CommunityData as Other\nOther("x", mpModel=0)\n';
    expect((await scanWith(snmpInsecureVersion, source)).findings).toEqual([]);
    expect((await scanWith(snmpInsecureVersion, 'CommunityData("public", mpModel=0)\n')).findings).toEqual([]);
  });
});

describe('B509 snmp weak cryptography', () => {
  it('flags UsmUserData without a privacy key, with bandit metadata', async () => {
    const source = 'from pysnmp.hlapi import *\ninsecure = UsmUserData("securityName")\nauth_only = UsmUserData("securityName", "authName")\n';
    const { findings } = await scanWith(snmpWeakCryptography, source);
    expect(findings[0]).toEqual({
      ruleId: 'python.snmp-weak-cryptography',
      banditId: 'B509',
      path: 'app/module.py',
      line: 2,
      column: 12,
      severity: 'medium',
      confidence: 'high',
      cwe: 319,
      message: 'You should not use SNMPv3 without encryption. noAuthNoPriv & authNoPriv is insecure',
    });
    expect(findingLines(findings, true)).toEqual(['2:B509', '3:B509']);
  });

  it('accepts a privacy key given positionally or by keyword, and skips **kwargs', async () => {
    const source = [
      'from pysnmp.hlapi import UsmUserData',
      'UsmUserData("securityName", "authName", "privName")',
      'UsmUserData("securityName", authKey="a", privKey="p")',
      'UsmUserData("securityName", **keys)',
      'UsmUserData("securityName", authKey="a", privKey=None)',
    ].join('\n');
    expect(findingLines((await scanWith(snmpWeakCryptography, source)).findings, true)).toEqual(['5:B509']);
  });

  it('honours # nosec', async () => {
    const { findings, silenced } = await scanWith(snmpWeakCryptography, 'from pysnmp.hlapi import UsmUserData\nUsmUserData("u")  # nosec B509\n');
    expect(findings).toEqual([]);
    expect(silenced).toBe(1);
  });
});
