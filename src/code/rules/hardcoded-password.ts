/**
 * B105, B106, B107: hardcoded passwords, one family with bandit's word list, each its own rule so it can
 * be skipped on its own (`skip: [B105]`).
 * https://bandit.readthedocs.io/en/latest/plugins/b105_hardcoded_password_string.html
 *
 * A name "looks like a password" exactly as in bandit 1.9: RE_WORDS
 * `(pas+wo?r?d|pass(phrase)?|pwd|token|secrete?)` as the whole name, or as a `_`-separated part of it at
 * the start, the end or in the middle (`password`, `DB_PASSWORD`, `api_token_value`, not `passenger`),
 * case-insensitive. Values are `str` constants only (bytes, f-strings and `None` are not reported). All
 * three are low severity, medium confidence, CWE-259, and say `Possible hardcoded password: '…'`.
 *
 * - B105 (string): a string assigned to a password-like name, attribute (`o.password = "…"`) or subscript
 *   (`d["password"] = "…"`, `d[password] = "…"`), in plain, chained (`a = b.password = "…"`) and annotated
 *   assignments; a dict display value under a password-like key (`{"password": "…"}`); a string compared
 *   with a password-like operand (`password == "…"`, any comparison operator).
 * - B106 (funcarg): a string passed as a password-like keyword argument (`login(password="…")`).
 * - B107 (default): a string default of a password-like parameter (`def f(password="…")`).
 *
 * Deliberate differences: every matching keyword argument / parameter is reported at its value (bandit
 * stops at the first one and reports B107 on the `def` line); B107 also reads positional-only and
 * keyword-only parameters (bandit: `args.args` only) and `async def`. The value shown in the message is
 * cut to 40 characters with control characters escaped, so a report never carries a whole key.
 */
import type { Node } from 'web-tree-sitter';
import type { CodeRule, RuleContext } from '../types.js';
import { defaultParameters, keywordArguments, namedChildrenOf, strValue, unparenthesized } from '../syntax.js';

const RE_WORDS = '(pas+wo?r?d|pass(phrase)?|pwd|token|secrete?)';
/** PASSWORD_NAME is bandit's RE_CANDIDATES. */
export const PASSWORD_NAME = new RegExp(`(^${RE_WORDS}$|_${RE_WORDS}_|^${RE_WORDS}_|_${RE_WORDS}$)`, 'i');

const HELP =
  'Credentials written in source code end up in every clone, fork, backup and log of the repository, and cannot be rotated without a release. Read them at run time from the environment or a secret manager (`os.environ["DB_PASSWORD"]`, a vault client), and rotate any credential that was committed. This check matches names only, so expect false positives such as `token = "Bearer"` prefixes: silence those with `# nosec B105` and a comment.';

function report(context: RuleContext, value: Node, text: string): void {
  context.report(value, { message: `Possible hardcoded password: '${shown(text)}'` });
}

/** shown is a value as a message may carry it: control characters escaped, at most 40 characters. */
function shown(text: string): string {
  let escaped = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 10) escaped += '\\n';
    else if (code === 9) escaped += '\\t';
    else if (code === 13) escaped += '\\r';
    else if (code < 32 || code === 127) escaped += `\\x${code.toString(16).padStart(2, '0')}`;
    else escaped += char;
    if (escaped.length > 40) return `${escaped.slice(0, 40)}…`;
  }
  return escaped;
}

/**
 * looksLikePassword says whether an assignment target or comparison operand has a password-like name:
 * a variable, an attribute (`o.password`), or a subscript by a string or a variable (`d["password"]`,
 * `d[password]`).
 */
function looksLikePassword(candidate: Node): boolean {
  const node = unparenthesized(candidate);
  if (node.type === 'identifier') return PASSWORD_NAME.test(node.text);
  if (node.type === 'attribute') return PASSWORD_NAME.test(node.childForFieldName('attribute')?.text ?? '');
  if (node.type !== 'subscript') return false;
  const keys = node.childrenForFieldName('subscript').filter((n): n is Node => n !== null && n.type !== 'comment');
  const key = keys.length === 1 ? unparenthesized(keys[0] as Node) : null;
  if (!key) return false;
  if (key.type === 'identifier') return PASSWORD_NAME.test(key.text);
  const text = strValue(key);
  return text !== null && PASSWORD_NAME.test(text);
}

/** hardcodedPasswordString is B105: string constants assigned to, stored under or compared with password-like names. */
export const hardcodedPasswordString: CodeRule = {
  doc: { id: 'python.hardcoded-password-string', banditId: 'B105', name: 'Possible hardcoded password string', help: HELP, cwe: 259 },
  severity: 'low',
  confidence: 'medium',
  nodeTypes: ['expression_statement', 'pair', 'comparison_operator'],
  check(node, context) {
    if (node.type === 'expression_statement') {
      for (const child of node.namedChildren) if (child?.type === 'assignment') checkAssignment(child, context);
    } else if (node.type === 'pair') {
      const key = node.childForFieldName('key');
      const value = node.childForFieldName('value');
      const text = value ? strValue(value) : null;
      if (!key || !value || text === null) return;
      const keyNode = unparenthesized(key);
      const keyText = keyNode.type === 'identifier' ? keyNode.text : strValue(keyNode);
      if (keyText !== null && PASSWORD_NAME.test(keyText)) report(context, value, text);
    } else {
      const operands = namedChildrenOf(node);
      if (!operands.some(looksLikePassword)) return;
      for (const operand of operands) {
        const text = strValue(operand);
        if (text !== null) report(context, operand, text);
      }
    }
  },
};

/**
 * checkAssignment reads one assignment statement: `a = b.c = d["e"] = "value"` nests to the right in the
 * tree, so the targets are gathered down the chain (in a loop) and judged against the final value.
 */
function checkAssignment(statement: Node, context: RuleContext): void {
  const targets: Node[] = [];
  let current: Node = statement;
  let value: Node | null = null;
  for (;;) {
    const left = current.childForFieldName('left');
    if (left) targets.push(left);
    value = current.childForFieldName('right');
    if (value?.type !== 'assignment') break;
    current = value;
  }
  const text = value ? strValue(value) : null;
  if (value && text !== null && targets.some(looksLikePassword)) report(context, value, text);
}

/** hardcodedPasswordFuncarg is B106: string constants passed as password-like keyword arguments. */
export const hardcodedPasswordFuncarg: CodeRule = {
  doc: { id: 'python.hardcoded-password-funcarg', banditId: 'B106', name: 'Possible hardcoded password function argument', help: HELP, cwe: 259 },
  severity: 'low',
  confidence: 'medium',
  nodeTypes: ['call'],
  check(node, context) {
    for (const { name, value } of keywordArguments(node)) {
      const text = strValue(value);
      if (text !== null && PASSWORD_NAME.test(name)) report(context, value, text);
    }
  },
};

/** hardcodedPasswordDefault is B107: string constants as defaults of password-like parameters. */
export const hardcodedPasswordDefault: CodeRule = {
  doc: { id: 'python.hardcoded-password-default', banditId: 'B107', name: 'Possible hardcoded password argument default', help: HELP, cwe: 259 },
  severity: 'low',
  confidence: 'medium',
  nodeTypes: ['function_definition'],
  check(node, context) {
    for (const { name, value } of defaultParameters(node)) {
      const text = strValue(value);
      if (name?.type === 'identifier' && text !== null && PASSWORD_NAME.test(name.text)) report(context, value, text);
    }
  },
};
