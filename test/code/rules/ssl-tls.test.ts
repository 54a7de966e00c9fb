import { describe, expect, it } from 'vitest';
import { sslWithBadDefaults, sslWithBadVersion, sslWithNoVersion } from '../../../src/code/rules/ssl-tls.js';
import { findingLines, scanWith } from '../helpers.js';

describe('B502 ssl with bad version', () => {
  it('flags ssl.wrap_socket with a broken version, at the argument', async () => {
    const { findings } = await scanWith(sslWithBadVersion, 'import ssl\nssl.wrap_socket(ssl_version=ssl.PROTOCOL_SSLv3)\n');
    expect(findings).toEqual([
      {
        ruleId: 'python.ssl-with-bad-version',
        banditId: 'B502',
        path: 'app/module.py',
        line: 2,
        column: 29,
        severity: 'high',
        confidence: 'high',
        cwe: 327,
        message: 'ssl.wrap_socket call with insecure SSL/TLS protocol version identified, security issue.',
      },
    ]);
  });

  it('covers every bad version, pyOpenSSL contexts, ssl.SSLContext and positional arguments', async () => {
    const source = [
      'import ssl',
      'from OpenSSL import SSL',
      'from ssl import PROTOCOL_TLSv1_1',
      'ssl.wrap_socket(ssl_version=ssl.PROTOCOL_SSLv2)',
      'ssl.wrap_socket(s, None, None, False, ssl.CERT_NONE, ssl.PROTOCOL_TLSv1)',
      'SSL.Context(SSL.SSLv23_METHOD)',
      'SSL.Context(method=SSL.TLSv1_1_METHOD)',
      'ssl.SSLContext(PROTOCOL_TLSv1_1)',
      'ssl.SSLContext(protocol=ssl.PROTOCOL_SSLv3)',
    ].join('\n');
    expect((await scanWith(sslWithBadVersion, source)).findings.map((f) => `${f.line}:${f.severity}:${f.message.split(' call')[0]}`)).toEqual([
      '4:high:ssl.wrap_socket',
      '5:high:ssl.wrap_socket',
      '6:high:SSL.Context',
      '7:high:SSL.Context',
      '8:high:ssl.SSLContext',
      '9:high:ssl.SSLContext',
    ]);
  });

  it('grades other calls with method= or ssl_version= medium', async () => {
    const source = 'from OpenSSL import SSL\nimport ssl\nherp_derp(ssl_version=ssl.PROTOCOL_SSLv2)\nmake_conn(method=SSL.SSLv3_METHOD)\n';
    expect((await scanWith(sslWithBadVersion, source)).findings.map((f) => [f.line, f.column, f.severity, f.confidence, f.message])).toEqual([
      [3, 23, 'medium', 'medium', 'Function call with insecure SSL/TLS protocol identified, possible security issue.'],
      [4, 18, 'medium', 'medium', 'Function call with insecure SSL/TLS protocol identified, possible security issue.'],
    ]);
  });

  it('does not flag good versions or unknown values', async () => {
    const source = [
      'import ssl',
      'from OpenSSL import SSL',
      'ssl.wrap_socket(ssl_version=ssl.PROTOCOL_TLSv1_2)',
      'ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)',
      'SSL.Context(SSL.TLS_METHOD)',
      'SSL.Context(method=version)',
      'connect(method="GET")',
      'ssl.create_default_context()',
    ].join('\n');
    expect((await scanWith(sslWithBadVersion, source)).findings).toEqual([]);
  });

  it('honours # nosec', async () => {
    const { findings, silenced } = await scanWith(sslWithBadVersion, 'import ssl\nssl.SSLContext(ssl.PROTOCOL_TLSv1)  # nosec B502\n');
    expect(findings).toEqual([]);
    expect(silenced).toBe(1);
  });
});

describe('B503 ssl with bad defaults', () => {
  it('flags each parameter defaulting to a broken version, at the default', async () => {
    const source = 'from OpenSSL import SSL\nimport ssl\ndef open_ssl_socket(version=SSL.SSLv2_METHOD, *, other: int = ssl.PROTOCOL_TLSv1, fine=ssl.PROTOCOL_TLS):\n    pass\n';
    const { findings } = await scanWith(sslWithBadDefaults, source);
    expect(findings).toEqual([
      {
        ruleId: 'python.ssl-with-bad-defaults',
        banditId: 'B503',
        path: 'app/module.py',
        line: 3,
        column: 29,
        severity: 'medium',
        confidence: 'medium',
        cwe: 327,
        message: 'Function definition identified with insecure SSL/TLS protocol version by default, possible security issue.',
      },
      expect.objectContaining({ line: 3, column: 63, banditId: 'B503' }),
    ]);
  });

  it('does not flag good defaults', async () => {
    expect((await scanWith(sslWithBadDefaults, 'def f(v=ssl.PROTOCOL_TLS_CLIENT, w=None): pass\n')).findings).toEqual([]);
  });
});

describe('B504 ssl with no version', () => {
  it('flags ssl.wrap_socket without ssl_version', async () => {
    const { findings } = await scanWith(sslWithNoVersion, 'import ssl\nssl.wrap_socket(sock)\n');
    expect(findings).toEqual([
      {
        ruleId: 'python.ssl-with-no-version',
        banditId: 'B504',
        path: 'app/module.py',
        line: 2,
        column: 1,
        severity: 'low',
        confidence: 'medium',
        cwe: 327,
        message: 'ssl.wrap_socket call with no SSL/TLS protocol version specified, the default SSLv23 could be insecure, possible security issue.',
      },
    ]);
  });

  it('does not flag a given version (keyword or positional), **kwargs, or other wrap_socket methods', async () => {
    const source = 'import ssl\nssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_TLSv1_2)\nssl.wrap_socket(s, k, c, False, ssl.CERT_REQUIRED, ssl.PROTOCOL_TLS)\nssl.wrap_socket(s, **options)\ncontext.wrap_socket(s)\n';
    expect((await scanWith(sslWithNoVersion, source)).findings).toEqual([]);
  });

  it('reports B502 and not B504 when the version is bad', async () => {
    const { findings } = await scanWith([sslWithBadVersion, sslWithNoVersion], 'import ssl\nssl.wrap_socket(ssl_version=ssl.PROTOCOL_SSLv2)\n');
    expect(findingLines(findings, true)).toEqual(['2:B502']);
  });
});
