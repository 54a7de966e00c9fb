/**
 * B508 snmp_insecure_version and B509 snmp_weak_cryptography: SNMP v1/v2c authenticate with a
 * community string sent in clear text, and SNMPv3 without `privKey` sends everything unencrypted.
 * One family, two rules (each can be skipped on its own).
 * https://bandit.readthedocs.io/en/latest/plugins/b508_snmp_insecure_version.html
 * https://bandit.readthedocs.io/en/latest/plugins/b509_snmp_weak_cryptography.html
 *
 * Semantics follow bandit 1.9 (its test functions are `snmp_insecure_version_check` and
 * `snmp_crypto_check`): pysnmp's `hlapi.CommunityData(…, mpModel=0|1)` (v1 / v2c) and
 * `hlapi.UsmUserData(…)` with fewer than three arguments (no privacy key); medium severity, high
 * confidence, CWE-319.
 *
 * Deliberate differences: the hlapi flavours (`pysnmp.hlapi.asyncio`, `pysnmp.hlapi.v3arch…`) and
 * `from pysnmp.hlapi import *` are recognised; for `UsmUserData` the keys may be given by keyword
 * (`privKey=`), which bandit counts as missing; a call passing `**kwargs` is not judged.
 */
import type { Node } from 'web-tree-sitter';
import type { CodeRule, RuleContext } from '../types.js';
import { argument, callTarget, hasKwargsSplat, integerValue, keywordArgument, unparenthesized } from '../syntax.js';

/** isPysnmpApi says whether a call target is pysnmp's hlapi `name` (imported, or from a `*` import). */
function isPysnmpApi(call: Node, name: string, context: RuleContext): boolean {
  const target = callTarget(call);
  if (!target) return false;
  const qualified = context.qualifiedName(target);
  if (qualified !== null && new RegExp(`^pysnmp\\.hlapi(\\.[\\w.]+)?\\.${name}$`).test(qualified)) return true;
  return target.type === 'identifier' && target.text === name && !context.imports.has(name) && hasHlapiWildcard(context);
}

/** hasHlapiWildcard says whether the module does `from pysnmp.hlapi… import *` at its top level. */
function hasHlapiWildcard(context: RuleContext): boolean {
  for (const statement of context.tree.rootNode.namedChildren) {
    if (statement?.type !== 'import_from_statement') continue;
    if (!statement.namedChildren.some((n) => n?.type === 'wildcard_import')) continue;
    const module = statement.childForFieldName('module_name')?.text.replace(/\s+/g, '') ?? '';
    if (module === 'pysnmp.hlapi' || module.startsWith('pysnmp.hlapi.')) return true;
  }
  return false;
}

const HELP_V3 =
  'Use SNMPv3 with authentication and privacy (authPriv): `UsmUserData("user", authKey, privKey, authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol)`.';

/** snmpInsecureVersion flags pysnmp `CommunityData` set to SNMP v1 or v2c (bandit B508). */
export const snmpInsecureVersion: CodeRule = {
  doc: {
    id: 'python.snmp-insecure-version',
    banditId: 'B508',
    name: 'Insecure SNMP version',
    help: `SNMP v1 and v2c authenticate with a community string sent in clear text, so anyone on the path can read it and query or reconfigure the device. ${HELP_V3}`,
    cwe: 319,
  },
  severity: 'medium',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    const model = keywordArgument(node, 'mpModel');
    if (!model) return;
    const version = integerValue(unparenthesized(model));
    if (version !== 0 && version !== 1) return;
    if (!isPysnmpApi(node, 'CommunityData', context)) return;
    context.report(node, { message: 'The use of SNMPv1 and SNMPv2 is insecure. You should use SNMPv3 if able.' });
  },
};

/** snmpWeakCryptography flags pysnmp `UsmUserData` without a privacy key (bandit B509). */
export const snmpWeakCryptography: CodeRule = {
  doc: {
    id: 'python.snmp-weak-cryptography',
    banditId: 'B509',
    name: 'SNMPv3 without encryption',
    help: `SNMPv3 without a privacy key (noAuthNoPriv, authNoPriv) sends every request and response unencrypted. ${HELP_V3}`,
    cwe: 319,
  },
  severity: 'medium',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    const privacyKey = argument(node, 2, 'privKey');
    if ((privacyKey && unparenthesized(privacyKey).type !== 'none') || hasKwargsSplat(node)) return;
    if (!isPysnmpApi(node, 'UsmUserData', context)) return;
    context.report(node, { message: 'You should not use SNMPv3 without encryption. noAuthNoPriv & authNoPriv is insecure' });
  },
};
