import { describe, expect, it } from 'vitest';
import { requestWithoutTimeout } from '../../../src/code/rules/request-without-timeout.js';
import { findingLines, scanWith } from '../helpers.js';

const scan = (source: string) => scanWith(requestWithoutTimeout, source);

describe('B113 request without timeout', () => {
  it('flags requests calls without a timeout, with bandit metadata', async () => {
    const { findings } = await scan("import requests\nrequests.get('https://gmail.com')\n");
    expect(findings).toEqual([
      {
        ruleId: 'python.request-without-timeout',
        banditId: 'B113',
        path: 'app/module.py',
        line: 2,
        column: 1,
        severity: 'medium',
        confidence: 'low',
        cwe: 400,
        message: 'Call to requests without timeout',
      },
    ]);
  });

  it('flags every verb and timeout=None, through aliases and from-imports', async () => {
    const source = [
      'import requests as r',
      'from requests import post',
      'from requests.api import delete',
      'r.options(u)',
      'r.head(u)',
      'post(u, json=body)',
      'r.put(u)',
      'r.patch(u)',
      'delete(u)',
      'r.get(u, timeout=None)',
      'r.api.get(u)',
    ].join('\n');
    expect((await scan(source)).findings.map((f) => `${f.line}:${f.message}`)).toEqual([
      '4:Call to requests without timeout',
      '5:Call to requests without timeout',
      '6:Call to requests without timeout',
      '7:Call to requests without timeout',
      '8:Call to requests without timeout',
      '9:Call to requests without timeout',
      '10:Call to requests with timeout set to None',
      '11:Call to requests without timeout',
    ]);
  });

  it('flags httpx only for an explicit timeout=None (httpx has a default timeout)', async () => {
    const source = 'import httpx\nhttpx.get(u)\nhttpx.Client()\nhttpx.AsyncClient(timeout=None)\nhttpx.stream("GET", u, timeout=(None))\nhttpx.post(u, timeout=5)\n';
    expect((await scan(source)).findings.map((f) => `${f.line}:${f.message}`)).toEqual([
      '4:Call to httpx with timeout set to None',
      '5:Call to httpx with timeout set to None',
    ]);
  });

  it('accepts any timeout value other than None, and calls that may pass one in **kwargs', async () => {
    const source = 'import requests\nrequests.get(u, timeout=5)\nrequests.get(u, timeout=2.5)\nrequests.get(u, timeout=(3, 27))\nrequests.get(u, timeout=Timeout(5))\nrequests.get(u, **options)\n';
    expect((await scan(source)).findings).toEqual([]);
  });

  it('does not flag look-alikes: other objects, other modules, unimported names', async () => {
    const source = [
      'import requests',
      'self.requests.get(uri)', // bandit #996
      'existing_requests.get(uri)', // bandit #1010
      'requests.codes.get("ok")',
      'requests.request("GET", u)',
      'requests.Session().get(u)',
      'session.get(u)',
      'import requests_cache',
      'requests_cache.get(u)',
    ].join('\n');
    expect((await scan(source)).findings).toEqual([]);
    expect((await scan('requests.get(u)\n')).findings).toEqual([]); // `requests` never imported: a local object
  });

  it('honours # nosec on any line of the call', async () => {
    const source = 'import requests\nrequests.get(\n    u,\n)  # nosec B113\nrequests.get(u)  # nosec B501\n';
    const { findings, silenced } = await scan(source);
    expect(findingLines(findings, true)).toEqual(['5:B113']);
    expect(silenced).toBe(1);
  });
});
