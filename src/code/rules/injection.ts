/**
 * The "injection" group of code rules: bandit's B6xx tests (shell, SQL, wildcard and code injection, and
 * the supply-chain loads B614/B615). Every bandit id has its own rule and RuleDoc, so it can be skipped,
 * selected and silenced on its own and SARIF publishes help for each. The lead assembles the groups into
 * the scanner's rule set.
 */
import type { CodeRule, RuleDoc } from '../types.js';
import { djangoExtraUsed, djangoRawsqlUsed } from './django-sql-injection.js';
import { hardcodedSqlExpressions } from './hardcoded-sql-expressions.js';
import { huggingfaceUnsafeDownload } from './huggingface-unsafe-download.js';
import { linuxCommandsWildcardInjection } from './linux-commands-wildcard-injection.js';
import { loggingConfigInsecureListen } from './logging-config-insecure-listen.js';
import { paramikoCalls } from './paramiko-calls.js';
import { pytorchLoad } from './pytorch-load.js';
import { SHELL_INJECTION_RULES } from './shell-injection.js';
import { trojansource } from './trojansource.js';

/** INJECTION_RULES are the group's rules, in bandit id order (B601 … B615). Each reports exactly one bandit id. */
export const INJECTION_RULES: readonly CodeRule[] = [
  paramikoCalls,
  ...SHELL_INJECTION_RULES,
  hardcodedSqlExpressions,
  linuxCommandsWildcardInjection,
  djangoExtraUsed,
  djangoRawsqlUsed,
  loggingConfigInsecureListen,
  trojansource,
  pytorchLoad,
  huggingfaceUnsafeDownload,
];

/** INJECTION_RULE_DOCS documents every rule id the group can report (SARIF `rules[]`). */
export const INJECTION_RULE_DOCS: readonly RuleDoc[] = INJECTION_RULES.map((rule) => rule.doc);
