/**
 * B610 django_extra_used and B611 django_rawsql_used: the two Django ORM doors to raw SQL, flagged when
 * the SQL they receive is not a string literal.
 * https://bandit.readthedocs.io/en/latest/plugins/b610_django_extra_used.html,
 * https://bandit.readthedocs.io/en/latest/plugins/b611_django_rawsql_used.html,
 * https://docs.djangoproject.com/en/stable/topics/security/#sql-injection-protection
 *
 * Semantics follow bandit 1.9 (bandit/plugins/django_sql_injection.py); both are medium severity, medium
 * confidence, CWE-89:
 * - B610: any call of a function or method named `extra` (QuerySet.extra's receiver type is not known
 *   statically), with its positional arguments bound as `select, where, params, tables, order_by,
 *   select_params`. It is insecure when `where` or `tables` is anything but a list of string literals, or
 *   when `select` is anything but a dict whose keys and values are all string literals.
 * - B611: in a module that imports anything whose name contains `django.db.models`, a call of a function
 *   named `RawSQL` whose SQL is not a string literal.
 *
 * Deliberate difference: B611 also reads the SQL from the `sql=` keyword (bandit reads only the first
 * positional argument, and fails on `RawSQL(sql=…)`).
 */
import type { Node } from 'web-tree-sitter';
import type { CodeRule } from '../types.js';
import { callFunctionName } from '../imported-calls.js';
import { astArgs, keywordArgument, keywordArguments, namedChildrenOf, unparenthesized } from '../syntax.js';
import { isModuleImportedLike, isStrConstant } from './injection-support.js';

const EXTRA_PARAMETERS = ['select', 'where', 'params', 'tables', 'order_by', 'select_params'];

/** extraArguments binds a call's arguments to QuerySet.extra's parameters, as bandit's keywords2dict does. */
function extraArguments(call: Node): Map<string, Node> {
  const bound = new Map<string, Node>();
  for (const { name, value } of keywordArguments(call)) bound.set(name, value);
  astArgs(call).forEach((argument, index) => {
    const parameter = EXTRA_PARAMETERS[index];
    if (parameter) bound.set(parameter, argument);
  });
  return bound;
}

/** isInsecureExtra is bandit's test of `where`, `tables` and `select`. */
function isInsecureExtra(bound: ReadonlyMap<string, Node>): boolean {
  for (const key of ['where', 'tables']) {
    const value = bound.get(key);
    if (!value) continue;
    const node = unparenthesized(value);
    if (node.type !== 'list') return true;
    if (!namedChildrenOf(node).every(isStrConstant)) return true;
  }
  const select = bound.get('select');
  if (!select) return false;
  const node = unparenthesized(select);
  if (node.type !== 'dictionary') return true;
  for (const item of namedChildrenOf(node)) {
    if (item.type !== 'pair') return true; // `**other`: its keys are not literals
    const key = item.childForFieldName('key');
    const value = item.childForFieldName('value');
    if (!key || !value || !isStrConstant(key) || !isStrConstant(value)) return true;
  }
  return false;
}

/** djangoExtraUsed flags QuerySet.extra() with SQL that is not literal (bandit B610). */
export const djangoExtraUsed: CodeRule = {
  doc: {
    id: 'python.django-extra-used',
    banditId: 'B610',
    name: 'Use of Django QuerySet.extra',
    help: '`QuerySet.extra()` pastes its `select`, `where` and `tables` strings into the SQL unescaped: a value formatted into them is SQL injection. Pass values through `params=` / `select_params=` placeholders, or better, express the query with annotations, `F()` and `Q()` expressions; Django plans to deprecate `extra()`.',
    cwe: 89,
  },
  severity: 'medium',
  confidence: 'medium',
  nodeTypes: ['call'],
  check(node, context) {
    if (callFunctionName(node, context) !== 'extra') return;
    if (!isInsecureExtra(extraArguments(node))) return;
    context.report(node, { message: 'Use of extra potential SQL attack vector.' });
  },
};

/** djangoRawsqlUsed flags RawSQL() with SQL that is not literal (bandit B611). */
export const djangoRawsqlUsed: CodeRule = {
  doc: {
    id: 'python.django-rawsql-used',
    banditId: 'B611',
    name: 'Use of Django RawSQL',
    help: "`RawSQL(sql, params)` puts `sql` into the query as written: a value formatted into it is SQL injection. Keep the SQL a constant with `%s` placeholders and pass the values in `params`, which the database driver quotes.",
    cwe: 89,
  },
  severity: 'medium',
  confidence: 'medium',
  nodeTypes: ['call'],
  check(node, context) {
    if (callFunctionName(node, context) !== 'RawSQL') return;
    if (!isModuleImportedLike(context, 'django.db.models')) return;
    const sql = astArgs(node)[0] ?? keywordArgument(node, 'sql');
    if (!sql || isStrConstant(sql)) return;
    context.report(node, { message: 'Use of RawSQL potential SQL attack vector.' });
  },
};
