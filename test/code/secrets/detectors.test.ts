import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { scanSecrets } from '../../../src/code/secrets/index.js';
import type { CodeFinding } from '../../../src/code/types.js';
import { FAKE, leaks, readFixture, type FakeName } from './fake-secrets.js';

/** An expected finding: rule, line, and the fake secret whose first character the column must point at. */
type Expected = [ruleId: string, line: number, secret: FakeName];

/** scanFixture scans a fixture as if it were at `path` (default: its own name). */
function scanFixture(name: string, path = name): { text: string; findings: CodeFinding[] } {
  const text = readFixture(name);
  return { text, findings: scanSecrets(path, text) };
}

/** expectFindings checks rules, lines and columns: each column is where the secret starts on its line. */
function expectFindings(text: string, findings: CodeFinding[], expected: Expected[]): void {
  const lines = text.split('\n');
  expect(findings.map((f) => [f.ruleId, f.line])).toEqual(expected.map(([rule, line]) => [rule, line]));
  findings.forEach((finding, i) => {
    const [, line, secret] = expected[i] as Expected;
    expect(finding.column, `${finding.ruleId} on line ${line}`).toBe((lines[line - 1] ?? '').indexOf(FAKE[secret].value) + 1);
    expect(finding.column).toBeGreaterThan(0);
    expect(finding.endLine).toBeUndefined();
  });
}

describe('scanSecrets: provider formats', () => {
  it('finds every provider token of a committed .env, one per line, high severity and confidence', () => {
    const { text, findings } = scanFixture('provider-tokens.env', '.env');
    expectFindings(text, findings, [
      ['secret.github-token', 2, 'GITHUB_PAT_CLASSIC'],
      ['secret.github-token', 3, 'GITHUB_OAUTH'],
      ['secret.github-token', 4, 'GITHUB_USER_TO_SERVER'],
      ['secret.github-token', 5, 'GITHUB_INSTALLATION'],
      ['secret.github-token', 6, 'GITHUB_REFRESH'],
      ['secret.github-token', 7, 'GITHUB_FINE_GRAINED'],
      ['secret.gitlab-token', 8, 'GITLAB_PAT'],
      ['secret.slack-token', 9, 'SLACK_BOT'],
      ['secret.slack-token', 10, 'SLACK_USER'],
      ['secret.stripe-key', 11, 'STRIPE_LIVE'],
      ['secret.stripe-key', 12, 'STRIPE_RESTRICTED'],
      ['secret.twilio-api-key', 13, 'TWILIO_API_KEY'],
      ['secret.sendgrid-api-key', 14, 'SENDGRID'],
      ['secret.npm-token', 15, 'NPM_TOKEN'],
      ['secret.pypi-token', 16, 'PYPI_TOKEN'],
      ['secret.pypi-token', 17, 'TEST_PYPI_TOKEN'],
      ['secret.openai-api-key', 18, 'OPENAI_PROJECT'],
      ['secret.openai-api-key', 19, 'OPENAI_LEGACY'],
      ['secret.anthropic-api-key', 20, 'ANTHROPIC'],
      ['secret.google-api-key', 21, 'GOOGLE_API_KEY'],
    ]);
    expect(new Set(findings.map((f) => `${f.severity}/${f.confidence}`))).toEqual(new Set(['high/high']));
    expect(findings.every((f) => f.cwe === 798 && f.path === '.env')).toBe(true);
  });

  it('names the kind of token and shows only its public prefix and length', () => {
    const { findings } = scanFixture('provider-tokens.env');
    expect(findings[0]?.message).toContain('GitHub personal access token (classic) ghp_…(40 chars)');
    expect(findings[4]?.message).toContain('GitHub App refresh token ghr_…(40 chars)');
    expect(findings[5]?.message).toContain('GitHub fine-grained personal access token gith…(93 chars)');
    expect(findings[7]?.message).toContain('Slack bot token xoxb…');
    expect(findings[10]?.message).toContain('Stripe live restricted key rk_l…(107 chars)');
    expect(findings[14]?.message).toContain('PyPI API token pypi…(180 chars)');
  });

  it('finds AWS key ids (AKIA, ASIA) and the secret key assigned to aws_secret_access_key, with or without spaces', () => {
    const { text, findings } = scanFixture('aws-credentials.ini');
    expectFindings(text, findings, [
      ['secret.aws-access-key', 3, 'AWS_ACCESS_KEY_ID'],
      ['secret.aws-secret-key', 4, 'AWS_SECRET'],
      ['secret.aws-access-key', 7, 'AWS_TEMP_KEY_ID'],
      ['secret.aws-secret-key', 8, 'AWS_SECRET'],
    ]);
  });

  it('finds the AWS secret key in JSON (SecretAccessKey) and Python (AWS_SECRET_ACCESS_KEY = "…"), not a random 40-char string elsewhere', () => {
    const secret = FAKE.AWS_SECRET.value;
    const json = `{"AccessKeyId": "${FAKE.AWS_ACCESS_KEY_ID.value}", "SecretAccessKey": "${secret}"}`;
    expect(scanSecrets('creds.json', json).map((f) => [f.ruleId, f.column])).toEqual([
      ['secret.aws-access-key', 18],
      ['secret.aws-secret-key', json.indexOf(secret) + 1],
    ]);
    expect(scanSecrets('conf.py', `AWS_SECRET_ACCESS_KEY = "${secret}"`).map((f) => f.ruleId)).toEqual(['secret.aws-secret-key']);
    expect(scanSecrets('data.txt', `checksum ${secret}`)).toEqual([]);
  });

  it('finds a Google Cloud service-account key once, on its private_key line, not also as a bare private key', () => {
    const { text, findings } = scanFixture('gcp-service-account.json');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'secret.gcp-service-account', line: 5, column: 19, severity: 'high', confidence: 'high', cwe: 798 });
    expect((text.split('\n')[4] ?? '').slice(18, 45)).toBe('-----BEGIN PRIVATE KEY-----');
  });

  it('finds an Azure Storage connection string, but not the public Azurite emulator key', () => {
    const { text, findings } = scanFixture('appsettings.json');
    expectFindings(text, findings, [
      ['secret.azure-storage-key', 4, 'AZURE_ACCOUNT_KEY'],
      ['secret.generic', 7, 'BEARER_TOKEN'],
    ]);
  });

  it('finds a Slack webhook and a bearer token in a shell script', () => {
    const { text, findings } = scanFixture('notify-slack.sh');
    expectFindings(text, findings, [
      ['secret.slack-webhook', 4, 'SLACK_WEBHOOK_PATH'],
      ['secret.generic', 6, 'BEARER_TOKEN'],
    ]);
    expect(findings[0]?.message).toMatch(/^Slack incoming webhook URL … is committed/);
  });
});

describe('scanSecrets: private keys', () => {
  it('reports a PEM file from its BEGIN line to its END line', () => {
    const { findings } = scanFixture('deploy-key.pem');
    expect(findings).toEqual([
      {
        ruleId: 'secret.private-key',
        path: 'deploy-key.pem',
        line: 1,
        column: 1,
        endLine: 27,
        severity: 'high',
        confidence: 'high',
        cwe: 798,
        message: 'Private key (RSA) committed in this file: generate a new key pair, revoke this one, and load keys from a secret store at run time.',
      },
    ]);
  });

  it('reads a key built from concatenated string literals in Python', () => {
    const { findings } = scanFixture('ssh-key-in-module.py');
    expect(findings.map((f) => [f.ruleId, f.line, f.column, f.endLine])).toEqual([['secret.private-key', 4, 6, 6]]);
    expect(findings[0]?.message).toContain('Private key (OPENSSH)');
  });

  it('skips a BEGIN line without a body, reports a truncated key and a PGP block (malformed input)', () => {
    const { findings } = scanFixture('malformed-keys.txt');
    expect(findings.map((f) => [f.line, f.endLine, f.message.slice(0, 26)])).toEqual([
      [6, 7, 'Private key (PKCS #8) comm'],
      [32, 43, 'Private key (PGP) committe'],
    ]);
  });

  it('reports each of the key types by name', () => {
    const body = `\n${FAKE.RSA_BODY.value.slice(0, 256)}\n`;
    const kinds = ['RSA', 'EC', 'DSA', 'OPENSSH', 'ENCRYPTED'].map((kind) => `-----BEGIN ${kind} PRIVATE KEY-----${body}-----END ${kind} PRIVATE KEY-----`);
    const findings = scanSecrets('keys.txt', kinds.join('\n'));
    expect(findings.map((f) => [f.line, /\(([^)]+)\)/.exec(f.message)?.[1]])).toEqual([
      [1, 'RSA'],
      [4, 'EC'],
      [7, 'DSA'],
      [10, 'OPENSSH'],
      [13, 'encrypted PKCS #8'],
    ]);
  });
});

describe('scanSecrets: database URLs', () => {
  it('finds inline passwords in SQLAlchemy, redis and mongodb+srv URLs, pointing at the password', () => {
    const { text, findings } = scanFixture('settings-django.py');
    expectFindings(text, findings, [
      ['secret.generic', 4, 'DJANGO_SECRET_KEY'],
      ['secret.database-url', 13, 'DB_PASSWORD'],
      ['secret.database-url', 14, 'REDIS_PASSWORD'],
      ['secret.database-url', 15, 'MONGO_PASSWORD'],
      ['secret.aws-access-key', 17, 'AWS_ACCESS_KEY_ID'],
      ['secret.generic', 20, 'API_KEY_VALUE'],
      ['secret.generic', 24, 'HEX_SECRET'],
    ]);
    expect(findings[1]?.message).toBe(
      'Database URL (postgresql+psycopg2) with an inline password …: change the password and build the URL from the environment or a secret store.',
    );
  });

  it('skips documentation defaults and interpolated passwords in docker-compose', () => {
    const { text, findings } = scanFixture('docker-compose.yml');
    expectFindings(text, findings, [
      ['secret.database-url', 5, 'DB_PASSWORD'],
      ['secret.generic', 11, 'API_KEY_VALUE'],
    ]);
  });

  it.each([
    ['mysql://root:root@127.0.0.1/app'],
    ['postgres://app:${DB_PASSWORD}@db/app'],
    ['postgres://app:{password}@db/app'],
    ['postgres://app:%(password)s@db/app'],
    ['postgres://app:********@db/app'],
    ['postgres://app:<password>@db/app'],
    ['postgresql://scott:tiger@example.com/mydatabase'],
    ['redis://localhost:6379/0'],
    ['postgres://db.internal/app'],
  ])('does not report %s', (url) => {
    expect(scanSecrets('settings.py', `URL = "${url}"`)).toEqual([]);
  });
});

describe('scanSecrets: generic high-entropy assignments', () => {
  it.each([
    ['config.py', `password = "${FAKE.API_KEY_VALUE.value}"`, 13],
    ['config.py', `client = Client(api_key='${FAKE.API_KEY_VALUE.value}')`, 26],
    ['config.py', `token: Optional[str] = "${FAKE.API_KEY_VALUE.value}"`, 25],
    ['config.py', `settings["secret_key"] = "${FAKE.API_KEY_VALUE.value}"`, 27],
    ['config.yaml', `  api_key: ${FAKE.API_KEY_VALUE.value}`, 12],
    ['config.yaml', `  api-key: "${FAKE.API_KEY_VALUE.value}"`, 13],
    ['.env', `export AUTH_TOKEN=${FAKE.API_KEY_VALUE.value}`, 19],
    ['config.json', `{"accessKey": "${FAKE.API_KEY_VALUE.value}"}`, 16],
    ['setup.cfg', `password = ${FAKE.API_KEY_VALUE.value}`, 12],
    ['app.ts', `const apiKey = \`${FAKE.API_KEY_VALUE.value}\`;`, 17],
    ['client.py', `headers = {"Authorization": "Bearer ${FAKE.BEARER_TOKEN.value}"}`, 37],
    ['settings.toml', `credentials = "${FAKE.HEX_SECRET.value}"`, 16],
    ['.env', `DB_PASS=${FAKE.SHORT_RANDOM.value}`, 9],
  ])('finds the value in %s: %s', (path, line, column) => {
    const findings = scanSecrets(path, line);
    expect(findings.map((f) => [f.ruleId, f.line, f.column, f.severity, f.confidence])).toEqual([['secret.generic', 1, column, 'medium', 'medium']]);
  });

  it('finds a token in a URL query string and real credentials in Basic auth', () => {
    const key = FAKE.API_KEY_VALUE.value;
    const query = `webhook: https://hooks.internal/notify?channel=ops&api_key=${key}&v=2`;
    expect(scanSecrets('alerts.yaml', query).map((f) => [f.ruleId, f.column])).toEqual([['secret.generic', query.indexOf(key) + 1]]);
    const basic = Buffer.from(`deploy:${FAKE.SHORT_RANDOM.value}`).toString('base64');
    const header = `curl -H "Authorization: Basic ${basic}" https://repo.internal/simple/`;
    expect(scanSecrets('publish.sh', header).map((f) => [f.ruleId, f.column])).toEqual([['secret.generic', header.indexOf(basic) + 1]]);
  });

  it('finds assignments in a notebook (escaped quotes) and the Anthropic key there; skips the long image line', () => {
    const { text, findings } = scanFixture('notebook-with-keys.ipynb');
    expectFindings(text, findings, [
      ['secret.generic', 11, 'API_KEY_VALUE'],
      ['secret.anthropic-api-key', 12, 'ANTHROPIC'],
    ]);
    expect(findings[0]?.message).toBe('Hard-coded secret … assigned to `openai.api_key`: move it to the environment or a secret store, and rotate it if it is real.');
  });

  it('reads Dockerfile ENV in both forms (ENV NAME value, ENV NAME=value)', () => {
    const { text, findings } = scanFixture('build-with-secrets.Dockerfile', 'Dockerfile');
    expectFindings(text, findings, [
      ['secret.generic', 3, 'BEARER_TOKEN'],
      ['secret.generic', 4, 'HEX_SECRET'],
    ]);
  });

  it('leaves a value that a provider detector claims to that detector (one finding per secret)', () => {
    const findings = scanSecrets('.env', `API_TOKEN=${FAKE.GITHUB_PAT_CLASSIC.value}`);
    expect(findings.map((f) => f.ruleId)).toEqual(['secret.github-token']);
  });

  it('can be turned off, leaving the provider detectors', () => {
    const text = readFixture('settings-django.py');
    expect(scanSecrets('settings.py', text, { generic: false }).map((f) => f.ruleId)).toEqual([
      'secret.database-url',
      'secret.database-url',
      'secret.database-url',
      'secret.aws-access-key',
    ]);
  });
});

describe('scanSecrets: redaction', () => {
  const fixtures = [
    'provider-tokens.env',
    'aws-credentials.ini',
    'settings-django.py',
    'gcp-service-account.json',
    'deploy-key.pem',
    'ssh-key-in-module.py',
    'docker-compose.yml',
    'build-with-secrets.Dockerfile',
    'appsettings.json',
    'notify-slack.sh',
    'notebook-with-keys.ipynb',
    'malformed-keys.txt',
  ];

  it.each(fixtures)('no finding of %s holds its secrets or any 8 characters of them past the public prefix', (name) => {
    const raw = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
    const markers = [...raw.matchAll(/@@([A-Z0-9_]+)@@/g)].map((m) => (m[1] ?? '').replace(/_(?:LINES|ESCAPED)$/, ''));
    const secrets = markers.filter((marker): marker is FakeName => marker in FAKE);
    expect(secrets.length).toBeGreaterThan(0);
    const serialised = JSON.stringify(scanSecrets(name, readFixture(name)));
    expect(serialised.length).toBeGreaterThan(2);
    for (const secret of secrets) expect(leaks(serialised, FAKE[secret]), secret).toEqual([]);
  });

  it('the fixtures exercise every detector', async () => {
    const { SECRET_RULE_DOCS } = await import('../../../src/code/secrets/index.js');
    const seen = new Set(fixtures.flatMap((name) => scanSecrets(name, readFixture(name)).map((f) => f.ruleId)));
    expect([...seen].sort()).toEqual(SECRET_RULE_DOCS.map((doc) => doc.id).sort());
  });
});
