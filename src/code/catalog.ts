/**
 * The catalogue of code rules: every rule group in one list, and every id a finding can carry with its
 * documentation (SARIF publishes help for each rule id). A new group is added here and nowhere else.
 */
import { BLACKLIST_RULES } from './rules/blacklist.js';
import { GENERAL_RULES } from './rules/general.js';
import { INJECTION_RULES } from './rules/injection.js';
import { SECRET_RULE_DOCS } from './secrets/index.js';
import type { CodeRule, RuleDoc } from './types.js';

/** CODE_RULES is every Python rule, in the order groups are listed. */
export const CODE_RULES: readonly CodeRule[] = [...GENERAL_RULES, ...BLACKLIST_RULES, ...INJECTION_RULES];

/** RULE_DOCS documents every rule id a code finding can carry: Python rules and secret detectors. */
export const RULE_DOCS: readonly RuleDoc[] = [...CODE_RULES.map((rule) => rule.doc), ...SECRET_RULE_DOCS];
