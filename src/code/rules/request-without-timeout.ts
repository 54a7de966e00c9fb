/**
 * B113 request_without_timeout: an HTTP call without a timeout can hang forever on a slow or malicious
 * server, tying up a worker per request (denial of service).
 * https://bandit.readthedocs.io/en/latest/plugins/b113_request_without_timeout.html
 *
 * Semantics follow bandit 1.9: `requests.get/options/head/post/put/patch/delete` without `timeout=`
 * ("Call to requests without timeout") or with `timeout=None`; for httpx, which has a 5-second default
 * timeout, only an explicit `timeout=None` on `httpx.get/…/request/stream/Client/AsyncClient` (bandit
 * PR #1177). Medium severity, low confidence, CWE-400.
 *
 * Deliberate differences: the module must really be imported (bandit 1.9 takes any dotted name whose
 * first part is `requests`, a local variable of that name included; earlier versions also misfired on
 * `self.requests.get(uri)`, bandit issues #996 and #1010); only module-level functions count
 * (`requests.get`, `requests.api.get`; not `requests.codes.get("ok")`); any `timeout=` value other than
 * `None` counts as a timeout (bandit only recognises literals it can read, so `timeout=Timeout(5.0)`
 * or a float was reported, issue #1175); a call that passes `**kwargs` may carry a timeout and is not
 * reported as missing one.
 */
import type { CodeRule } from '../types.js';
import { hasKwargsSplat, keywordArgument, unparenthesized } from '../syntax.js';
import { httpClientCall } from './http-client-calls.js';

/** requestWithoutTimeout flags requests calls without a timeout and requests/httpx calls with `timeout=None` (bandit B113). */
export const requestWithoutTimeout: CodeRule = {
  doc: {
    id: 'python.request-without-timeout',
    banditId: 'B113',
    name: 'HTTP request without timeout',
    help: '`requests` waits forever by default: a server that accepts the connection and never answers blocks the calling thread indefinitely, which attackers use to exhaust workers. Pass `timeout=` on every call (`requests.get(url, timeout=10)`, or a `(connect, read)` tuple). With httpx, never pass `timeout=None`.',
    cwe: 400,
  },
  severity: 'medium',
  confidence: 'low',
  nodeTypes: ['call'],
  check(node, context) {
    const client = httpClientCall(node, context);
    if (!client) return;
    const timeout = keywordArgument(node, 'timeout');
    const timeoutIsNone = timeout !== null && unparenthesized(timeout).type === 'none';
    if (client === 'requests') {
      if (timeout === null && !hasKwargsSplat(node)) context.report(node, { message: 'Call to requests without timeout' });
      else if (timeoutIsNone) context.report(node, { message: 'Call to requests with timeout set to None' });
    } else if (timeoutIsNone) {
      context.report(node, { message: 'Call to httpx with timeout set to None' });
    }
  },
};
