/**
 * The module-level HTTP calls of `requests` and `httpx` that bandit's B113 (request_without_timeout) and
 * B501 (request_with_no_cert_validation) look at, as bandit 1.9 lists them in
 * bandit/plugins/request_without_timeout.py and crypto_request_no_cert_validation.py: one list, so the
 * two rules cannot drift apart.
 */
import type { Node } from 'web-tree-sitter';
import { calledNameParts } from '../imported-calls.js';
import type { RuleContext } from '../types.js';

/** HTTP_VERBS are the request functions of `requests` (and of httpx) that bandit checks. */
const HTTP_VERBS: ReadonlySet<string> = new Set(['get', 'options', 'head', 'post', 'put', 'patch', 'delete']);

/** HTTPX_FUNCTIONS are httpx's checked names: the verbs, `request`, `stream` and the client classes. */
const HTTPX_FUNCTIONS: ReadonlySet<string> = new Set([...HTTP_VERBS, 'request', 'stream', 'Client', 'AsyncClient']);

/** HttpClient is the library an HTTP call belongs to. */
export type HttpClient = 'requests' | 'httpx';

/**
 * httpClientCall says which library a call is a module-level HTTP function of: `requests.get` (or
 * `requests.api.get`) and the other verbs are `requests`; `httpx.get`, `httpx.request`, `httpx.stream`,
 * `httpx.Client`, `httpx.AsyncClient` are `httpx`. Null for anything else: the module must really be
 * imported (a local variable called `requests` is not it), and attributes of other objects
 * (`requests.codes.get("ok")`, `session.get(url)`) do not count.
 */
export function httpClientCall(call: Node, context: RuleContext): HttpClient | null {
  const parts = calledNameParts(call, context);
  if (parts === null) return null;
  const name = parts[parts.length - 1] ?? '';
  if (parts[0] === 'requests' && HTTP_VERBS.has(name) && (parts.length === 2 || (parts.length === 3 && parts[1] === 'api'))) return 'requests';
  if (parts[0] === 'httpx' && parts.length === 2 && HTTPX_FUNCTIONS.has(name)) return 'httpx';
  return null;
}
