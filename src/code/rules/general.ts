/**
 * The "general" group of code rules: bandit's B1xx (general checks), B2xx (application and framework
 * misconfiguration) and B5xx (cryptography and transport) tests. The lead assembles the groups into the
 * scanner's rule set.
 */
import type { CodeRule, RuleDoc } from '../types.js';
import { assertUsed } from './assert-used.js';
import { execUsed } from './exec-used.js';
import { flaskDebugTrue } from './flask-debug-true.js';
import { hardcodedBindAllInterfaces } from './hardcoded-bind-all-interfaces.js';
import { hardcodedPasswordDefault, hardcodedPasswordFuncarg, hardcodedPasswordString } from './hardcoded-password.js';
import { hardcodedTmpDirectory } from './hardcoded-tmp-directory.js';
import { requestWithNoCertValidation } from './request-with-no-cert-validation.js';
import { requestWithoutTimeout } from './request-without-timeout.js';
import { setBadFilePermissions } from './set-bad-file-permissions.js';
import { snmpInsecureVersion, snmpWeakCryptography } from './snmp.js';
import { sshNoHostKeyVerification } from './ssh-no-host-key-verification.js';
import { sslWithBadDefaults, sslWithBadVersion, sslWithNoVersion } from './ssl-tls.js';
import { tarfileUnsafeMembers } from './tarfile-unsafe-members.js';
import { tryExceptContinue, tryExceptPass } from './try-except-ignored.js';
import { weakCryptographicKey } from './weak-cryptographic-key.js';
import { yamlLoad } from './yaml-load.js';

/** GENERAL_RULES are the group's rules, in bandit id order (B101 … B509). Each reports exactly one bandit id. */
export const GENERAL_RULES: readonly CodeRule[] = [
  assertUsed,
  execUsed,
  setBadFilePermissions,
  hardcodedBindAllInterfaces,
  hardcodedPasswordString,
  hardcodedPasswordFuncarg,
  hardcodedPasswordDefault,
  hardcodedTmpDirectory,
  tryExceptPass,
  tryExceptContinue,
  requestWithoutTimeout,
  flaskDebugTrue,
  tarfileUnsafeMembers,
  requestWithNoCertValidation,
  sslWithBadVersion,
  sslWithBadDefaults,
  sslWithNoVersion,
  weakCryptographicKey,
  yamlLoad,
  sshNoHostKeyVerification,
  snmpInsecureVersion,
  snmpWeakCryptography,
];

/** GENERAL_RULE_DOCS documents every rule id the group can report (SARIF `rules[]`). */
export const GENERAL_RULE_DOCS: readonly RuleDoc[] = GENERAL_RULES.map((rule) => rule.doc);
