import { describe, expect, it } from 'vitest';
import { requestWithNoCertValidation } from '../../../src/code/rules/request-with-no-cert-validation.js';
import { findingLines, scanWith } from '../helpers.js';

const scan = (source: string) => scanWith(requestWithNoCertValidation, source);

describe('B501 request with no cert validation', () => {
  it('flags verify=False on requests, at the verify argument', async () => {
    const { findings } = await scan("import requests\nrequests.get('https://gmail.com',\n             verify=False)\n");
    expect(findings).toEqual([
      {
        ruleId: 'python.request-with-no-cert-validation',
        banditId: 'B501',
        path: 'app/module.py',
        line: 3,
        column: 14,
        severity: 'high',
        confidence: 'high',
        cwe: 295,
        message: 'Call to requests with verify=False disabling SSL certificate checks, security issue.',
      },
    ]);
  });

  it('covers every requests verb and the httpx functions and clients, through aliases', async () => {
    const source = [
      'import requests as rq, httpx',
      'from httpx import AsyncClient',
      'rq.post(u, verify=False)',
      'rq.delete(u, verify=(False))',
      'httpx.get(u, verify=False)',
      'httpx.Client(verify=False)',
      'AsyncClient(verify=False)',
      'httpx.stream("GET", u, verify=False)',
    ].join('\n');
    expect((await scan(source)).findings.map((f) => `${f.line}:${f.message.slice(0, 14)}`)).toEqual([
      '3:Call to reques',
      '4:Call to reques',
      '5:Call to httpx ',
      '6:Call to httpx ',
      '7:Call to httpx ',
      '8:Call to httpx ',
    ]);
  });

  it('does not flag verify=True, a CA bundle, computed values, other objects or other modules', async () => {
    const source = [
      'import requests, httpx',
      'requests.get(u, verify=True)',
      'requests.get(u, verify="/etc/ca.pem")',
      'requests.get(u, verify=settings.VERIFY)',
      'session.get(u, verify=False)',
      'other.get(u, verify=False)',
      'requests.request("GET", u, verify=False)',
      'httpx.Response(verify=False)',
    ].join('\n');
    expect((await scan(source)).findings).toEqual([]);
  });

  it('honours # nosec', async () => {
    const { findings, silenced } = await scan('import requests\nrequests.get(u, verify=False)  # nosec B501\nrequests.get(u, verify=False)\n');
    expect(findingLines(findings, true)).toEqual(['3:B501']);
    expect(silenced).toBe(1);
  });
});
