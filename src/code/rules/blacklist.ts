/**
 * The "blacklist" group: bandit 1.9's blacklisted calls (B301–B323) and imports (B401–B415), the hashlib
 * check that took over md5/sha1 (B324), and the template/XSS checks (B701–B704). Every bandit id has its
 * own rule and RuleDoc, so it can be skipped, selected and silenced on its own and SARIF publishes help
 * for each.
 */
import type { CodeRule, RuleDoc } from '../types.js';
import { BLACKLIST_CALL_RULES } from './blacklist-calls.js';
import { BLACKLIST_IMPORT_RULES } from './blacklist-imports.js';
import { djangoMarkSafe } from './django-mark-safe.js';
import { hashlibInsecure } from './hashlib-insecure.js';
import { jinja2AutoescapeFalse } from './jinja2-autoescape-false.js';
import { useOfMakoTemplates } from './mako-templates.js';
import { markupsafeMarkupXss } from './markupsafe-markup-xss.js';

/** BLACKLIST_RULES is every rule of the group, in bandit id order. */
export const BLACKLIST_RULES: CodeRule[] = [
  ...BLACKLIST_CALL_RULES,
  hashlibInsecure,
  ...BLACKLIST_IMPORT_RULES,
  jinja2AutoescapeFalse,
  useOfMakoTemplates,
  djangoMarkSafe,
  markupsafeMarkupXss,
];

/** BLACKLIST_RULE_DOCS is the documentation of every rule id the group can report (one per rule). */
export const BLACKLIST_RULE_DOCS: RuleDoc[] = BLACKLIST_RULES.map((rule) => rule.doc);
