/**
 * B502 ssl_with_bad_version, B503 ssl_with_bad_defaults, B504 ssl_with_no_version: SSL v2/v3 and TLS
 * 1.0/1.1 are broken (DROWN, POODLE, BEAST); code that asks for them, or lets a legacy API pick a
 * version, may talk them. One family, three rules (each can be skipped on its own).
 * https://bandit.readthedocs.io/en/latest/plugins/b502_ssl_with_bad_version.html
 *
 * Semantics follow bandit 1.9 and its default `bad_protocol_versions` (PROTOCOL_SSLv2, SSLv2_METHOD,
 * SSLv23_METHOD, PROTOCOL_SSLv3, PROTOCOL_TLSv1, SSLv3_METHOD, TLSv1_METHOD, PROTOCOL_TLSv1_1,
 * TLSv1_1_METHOD), a version being named by its last name (`ssl.PROTOCOL_SSLv3`, `SSL.TLSv1_METHOD`):
 * - B502: `ssl.wrap_socket(ssl_version=BAD)` and pyOpenSSL `SSL.Context(method=BAD)` are high severity,
 *   high confidence; any other call with `method=BAD` or `ssl_version=BAD` is medium/medium.
 * - B503: a function whose parameter defaults to a bad version, medium/medium.
 * - B504: `ssl.wrap_socket()` without `ssl_version`, low severity, medium confidence.
 * CWE-327. Findings point at the offending argument or default.
 *
 * Deliberate differences: positional arguments are read where the API defines them (`ssl_version` is
 * `wrap_socket`'s 6th parameter, `method` the first of `OpenSSL.SSL.Context`, which bandit only matches
 * under the name `pyOpenSSL.SSL.Context` no import produces); `ssl.SSLContext(PROTOCOL_TLSv1)` (its
 * `protocol` parameter) is high/high like `wrap_socket` (bandit does not look at it); B503 reports every
 * bad default, keyword-only parameters included; `wrap_socket(**options)` is not reported by B504.
 */
import type { Node } from 'web-tree-sitter';
import type { CodeRule } from '../types.js';
import { calledDottedName } from '../imported-calls.js';
import { argument, defaultParameters, hasKwargsSplat, keywordArguments, strValue, terminalName } from '../syntax.js';

/** BAD_PROTOCOL_VERSIONS is bandit's default `bad_protocol_versions`. */
export const BAD_PROTOCOL_VERSIONS: ReadonlySet<string> = new Set([
  'PROTOCOL_SSLv2', 'SSLv2_METHOD', 'SSLv23_METHOD', 'PROTOCOL_SSLv3', 'PROTOCOL_TLSv1',
  'SSLv3_METHOD', 'TLSv1_METHOD', 'PROTOCOL_TLSv1_1', 'TLSv1_1_METHOD',
]);

const HELP =
  'SSL 2.0/3.0 and TLS 1.0/1.1 have practical attacks (DROWN, POODLE, BEAST) and are deprecated (RFC 8996). Create contexts with `ssl.create_default_context()` (or `ssl.PROTOCOL_TLS_CLIENT` / `PROTOCOL_TLS_SERVER`) and set `context.minimum_version = ssl.TLSVersion.TLSv1_2`; with pyOpenSSL use `SSL.TLS_METHOD` and `set_min_proto_version`.';

/** isBadVersion says whether an argument names a broken protocol version (by its last name, or a string of it). */
function isBadVersion(node: Node | null): boolean {
  if (!node) return false;
  const name = terminalName(node) ?? strValue(node);
  return name !== null && BAD_PROTOCOL_VERSIONS.has(name);
}

/** The APIs whose protocol argument is known: qualified name → where the argument is and what to say. */
const PROTOCOL_APIS: ReadonlyMap<string, { index: number; keyword: string; label: string }> = new Map([
  ['ssl.wrap_socket', { index: 5, keyword: 'ssl_version', label: 'ssl.wrap_socket' }],
  ['ssl.SSLContext', { index: 0, keyword: 'protocol', label: 'ssl.SSLContext' }],
  ['OpenSSL.SSL.Context', { index: 0, keyword: 'method', label: 'SSL.Context' }],
  ['pyOpenSSL.SSL.Context', { index: 0, keyword: 'method', label: 'SSL.Context' }],
]);

/** sslWithBadVersion flags calls that ask for a broken SSL/TLS version (bandit B502). */
export const sslWithBadVersion: CodeRule = {
  doc: { id: 'python.ssl-with-bad-version', banditId: 'B502', name: 'SSL/TLS with a broken protocol version', help: HELP, cwe: 327 },
  severity: 'high',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    const qualified = calledDottedName(node, context);
    const api = qualified ? PROTOCOL_APIS.get(qualified) : undefined;
    if (api) {
      const version = argument(node, api.index, api.keyword);
      if (version && isBadVersion(version)) {
        context.report(version, { message: `${api.label} call with insecure SSL/TLS protocol version identified, security issue.` });
      }
      return;
    }
    for (const { name, value } of keywordArguments(node)) {
      if ((name === 'method' || name === 'ssl_version') && isBadVersion(value)) {
        context.report(value, {
          message: 'Function call with insecure SSL/TLS protocol identified, possible security issue.',
          severity: 'medium',
          confidence: 'medium',
        });
        return;
      }
    }
  },
};

/** sslWithBadDefaults flags parameters that default to a broken SSL/TLS version (bandit B503). */
export const sslWithBadDefaults: CodeRule = {
  doc: { id: 'python.ssl-with-bad-defaults', banditId: 'B503', name: 'Function defaulting to a broken SSL/TLS version', help: HELP, cwe: 327 },
  severity: 'medium',
  confidence: 'medium',
  nodeTypes: ['function_definition'],
  check(node, context) {
    for (const { value } of defaultParameters(node)) {
      if (isBadVersion(value)) {
        context.report(value, { message: 'Function definition identified with insecure SSL/TLS protocol version by default, possible security issue.' });
      }
    }
  },
};

/** sslWithNoVersion flags `ssl.wrap_socket()` without a protocol version (bandit B504). */
export const sslWithNoVersion: CodeRule = {
  doc: { id: 'python.ssl-with-no-version', banditId: 'B504', name: 'ssl.wrap_socket without a protocol version', help: `\`ssl.wrap_socket()\` without \`ssl_version\` negotiates with legacy defaults, and the function is deprecated (removed in Python 3.12). ${HELP}`, cwe: 327 },
  severity: 'low',
  confidence: 'medium',
  nodeTypes: ['call'],
  check(node, context) {
    if (calledDottedName(node, context) !== 'ssl.wrap_socket') return;
    if (argument(node, 5, 'ssl_version') || hasKwargsSplat(node)) return;
    context.report(node, {
      message: 'ssl.wrap_socket call with no SSL/TLS protocol version specified, the default SSLv23 could be insecure, possible security issue.',
    });
  },
};
