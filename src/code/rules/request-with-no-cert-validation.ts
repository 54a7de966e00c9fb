/**
 * B501 request_with_no_cert_validation: `verify=False` turns off TLS certificate checks, so anyone on the
 * network path can impersonate the server. https://bandit.readthedocs.io/en/latest/plugins/b501_request_with_no_cert_validation.html
 *
 * Semantics follow bandit 1.9: `verify=False` on `requests.get/options/head/post/put/patch/delete`, or on
 * `httpx.get/…/request/stream/Client/AsyncClient`; high severity, high confidence, CWE-295, reported at
 * the `verify` argument (bandit reports the argument's line).
 *
 * Deliberate differences: the module must really be imported, and only its module-level functions count
 * (`requests.get`, `requests.api.get`, `httpx.Client`), not any dotted name that starts with `requests`.
 * Session objects (`session.get(url, verify=False)`) are not typed statically, so they are not reported,
 * as in bandit.
 */
import type { CodeRule } from '../types.js';
import { isFalse, keywordArgumentNode, unparenthesized } from '../syntax.js';
import { httpClientCall } from './http-client-calls.js';

/** requestWithNoCertValidation flags requests/httpx calls with `verify=False` (bandit B501). */
export const requestWithNoCertValidation: CodeRule = {
  doc: {
    id: 'python.request-with-no-cert-validation',
    banditId: 'B501',
    name: 'HTTP request without certificate validation',
    help: 'With `verify=False` the client accepts any certificate, so a man in the middle can read and change the traffic, credentials included. Keep the default (`verify=True`); for a private CA, pass its bundle: `verify="/path/to/ca.pem"`.',
    cwe: 295,
  },
  severity: 'high',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    const verify = keywordArgumentNode(node, 'verify');
    const value = verify?.childForFieldName('value') ?? null;
    if (!verify || !value || !isFalse(unparenthesized(value))) return;
    const client = httpClientCall(node, context);
    if (!client) return;
    context.report(verify, { message: `Call to ${client} with verify=False disabling SSL certificate checks, security issue.` });
  },
};
