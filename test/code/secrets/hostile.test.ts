import { describe, expect, it } from 'vitest';
import { randomString } from './fake-secrets.js';
import { FAKE } from './fake-secrets.js';
import { MAX_GENERIC_LINE_LENGTH, scanSecrets } from '../../../src/code/secrets/index.js';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

describe('scanSecrets: hostile input', () => {
  it('returns nothing for binary content (a NUL byte), even around a token', () => {
    const binary = `\x89PNG\r\n\x1a\n\0\0\0\rIHDR${FAKE.GITHUB_PAT_CLASSIC.value}\0\xff\xfe`;
    expect(scanSecrets('logo.png', binary)).toEqual([]);
    expect(scanSecrets('blob.bin', '\0'.repeat(1_000_000))).toEqual([]);
  });

  it('returns nothing for an empty file, and handles CRLF and lone CR line endings', () => {
    expect(scanSecrets('.env', '')).toEqual([]);
    const token = FAKE.NPM_TOKEN.value;
    expect(scanSecrets('.env', `A=1\r\nB=2\r\nNPM_TOKEN=${token}\r\n`).map((f) => [f.line, f.column])).toEqual([[3, 11]]);
    expect(scanSecrets('.env', `A=1\rNPM_TOKEN=${token}\r`).map((f) => [f.line, f.column])).toEqual([[2, 11]]);
  });

  it('scans a 100,000-line file and finds the one secret at its end', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `setting_${i} = "value number ${i}"  # key, token, password`);
    lines.push(`NPM_TOKEN = "${FAKE.NPM_TOKEN.value}"`);
    const findings = scanSecrets('big_settings.py', lines.join('\n'));
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([['secret.npm-token', 100_001]]);
  });

  it('scans a 5 MB single line: provider tokens are found, the generic detector stays off (line too long)', () => {
    const filler = 'x=1;'.repeat(1_250_000);
    const generic = `;password="${FAKE.API_KEY_VALUE.value}";`;
    const text = `${filler}${generic}token="${FAKE.GITHUB_PAT_CLASSIC.value}"`;
    expect(text.length).toBeGreaterThan(5_000_000);
    const findings = scanSecrets('bundle.js', text);
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['secret.github-token', 1, text.indexOf('ghp_') + 1]]);
    // The same assignment on a line of normal length is found.
    expect(scanSecrets('bundle.js', generic).map((f) => f.ruleId)).toEqual(['secret.generic']);
  });

  it('applies the generic detector up to MAX_GENERIC_LINE_LENGTH characters and not past it', () => {
    const assignment = `password = "${FAKE.API_KEY_VALUE.value}"`;
    const pad = (length: number): string => assignment + ' '.repeat(length - assignment.length);
    expect(scanSecrets('a.py', pad(MAX_GENERIC_LINE_LENGTH))).toHaveLength(1);
    expect(scanSecrets('a.py', pad(MAX_GENERIC_LINE_LENGTH + 1))).toEqual([]);
  });

  it('scans a 1 MB base64 blob (one line, and wrapped at 76) without false findings', () => {
    const blob = randomString(1_048_576, BASE64, 77);
    expect(scanSecrets('payload.txt', `data = "${blob}"`)).toEqual([]);
    const wrapped = (blob.match(/.{1,76}/g) ?? []).join('\n');
    expect(scanSecrets('payload.b64', wrapped)).toEqual([]);
  });

  it('survives prefixes repeated a million times (no catastrophic backtracking)', () => {
    for (const unit of ['AKIA', 'ghp_', 'sk-proj-', 'xoxb-1-', 'postgres://u:', 'AccountKey=', 'pypi-AgEIcHlwaS5vcmc', '-----BEGIN RSA PRIVATE KEY-----', 'aws_secret_access_key=']) {
      const text = unit.repeat(Math.ceil(2_000_000 / unit.length));
      expect(scanSecrets('junk.txt', text), unit).toEqual([]);
    }
  });

  it('survives a service-account file whose private_key string never ends', () => {
    const text = `{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n${'A'.repeat(3_000_000)}`;
    expect(scanSecrets('key.json', text)).toEqual([]);
  });

  it('survives deeply nested JSON and YAML', () => {
    const depth = 100_000;
    const json = `${'{"a":'.repeat(depth)}{"password": "${FAKE.API_KEY_VALUE.value}"}${'}'.repeat(depth)}`;
    // One line of 600 KB: only the specific detectors run, and there is nothing for them.
    expect(scanSecrets('deep.json', json)).toEqual([]);
    const yaml = Array.from({ length: 5_000 }, (_, i) => `${' '.repeat(i % 200)}k${i}:`).join('\n') + `\n  api_key: ${FAKE.API_KEY_VALUE.value}`;
    expect(scanSecrets('deep.yaml', yaml).map((f) => [f.ruleId, f.line])).toEqual([['secret.generic', 5_001]]);
  });

  it('survives very many findings in one file', () => {
    const text = Array.from({ length: 20_000 }, () => `NPM_TOKEN=${FAKE.NPM_TOKEN.value}`).join('\n');
    const findings = scanSecrets('.env', text);
    expect(findings).toHaveLength(20_000);
    expect(findings.at(-1)).toMatchObject({ line: 20_000, column: 11 });
  });

  it('handles non-ASCII text around a secret (columns in UTF-16 units)', () => {
    const text = `# Geheimnis für die Übergabe 🔑\nTOKEN="${FAKE.GITHUB_PAT_CLASSIC.value}" # 秘密`;
    expect(scanSecrets('.env', text).map((f) => [f.line, f.column])).toEqual([[2, 8]]);
  });
});
