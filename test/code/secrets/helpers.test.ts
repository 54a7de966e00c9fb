import { describe, expect, it } from 'vitest';
import { entropyThreshold, isHighEntropy, isSecretLikeName, redactSecret, shannonEntropy } from '../../../src/code/secrets/index.js';
import { alphabetOf } from '../../../src/code/secrets/entropy.js';
import { nameWords } from '../../../src/code/secrets/secret-names.js';
import { isGenericSecretValue } from '../../../src/code/secrets/generic.js';
import { looksLikePlaceholder, looksLikeReference } from '../../../src/code/secrets/placeholders.js';
import { LineIndex } from '../../../src/code/secrets/lines.js';
import { FAKE, randomString } from './fake-secrets.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

describe('redactSecret', () => {
  it.each([
    [FAKE.GITHUB_PAT_CLASSIC.value, 'ghp_…(40 chars)'],
    [FAKE.GITHUB_FINE_GRAINED.value, 'gith…(93 chars)'],
    [FAKE.PYPI_TOKEN.value, 'pypi…(180 chars)'],
    ['AKIA2E0A8F3B244C9986', 'AKIA…(20 chars)'],
    ['SG.abc.def', 'SG.…(10 chars)'],
    ['sk-ant-api03-xyz', 'sk-a…(16 chars)'],
    ['SKdeadbeef', 'SK…(10 chars)'],
    ['Xq3vB8nR2kLmT5wY7zP0aHcJ4dF6gS9e', '…'],
    ['', '…'],
    ['ghp_', '…'],
  ])('redactSecret(%s) is %j', (value, expected) => {
    expect(redactSecret(value)).toBe(expected);
  });
});

describe('entropy', () => {
  it('measures bits per character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abab')).toBe(1);
    expect(shannonEntropy('0123456789abcdef')).toBe(4);
  });

  it('judges hex against 3.0 and base64 against 4.5, or log2(length) − 0.75 for short values', () => {
    expect(alphabetOf('deadBEEF0123')).toBe('hex');
    expect(alphabetOf('7f9c2ba4-e88f-4c6a-9d2e-1b3a5c7e9f01')).toBe('hex');
    expect(alphabetOf('Xq3vB8nR')).toBe('base64');
    expect(entropyThreshold('9fceb02d0ae598e95dc970b74767f19372d61af8')).toBe(3);
    expect(entropyThreshold('x'.repeat(64))).toBe(4.5);
    expect(entropyThreshold('x'.repeat(32))).toBeCloseTo(4.25, 5);
  });

  it('accepts random tokens of 20 to 64 characters and rejects word-like values', () => {
    for (const length of [20, 24, 32, 40, 64]) {
      const accepted = Array.from({ length: 200 }, (_, seed) => randomString(length, ALNUM, 1000 + seed)).filter(isHighEntropy).length;
      expect(accepted, `length ${length}`).toBeGreaterThanOrEqual(194);
    }
    expect(isHighEntropy('correcthorsebatterystaple')).toBe(false);
    expect(isHighEntropy('my-super-secret-password-123')).toBe(false);
    expect(isHighEntropy('98127391827391827391')).toBe(false);
  });
});

describe('secret-like names', () => {
  it('splits names into words', () => {
    expect(nameWords('AWS_SECRET_ACCESS_KEY')).toEqual(['aws', 'secret', 'access', 'key']);
    expect(nameWords('clientSecret')).toEqual(['client', 'secret']);
    expect(nameWords('APIKey')).toEqual(['api', 'key']);
    expect(nameWords('spring.datasource.password')).toEqual(['spring', 'datasource', 'password']);
    expect(nameWords('x-api-key')).toEqual(['x', 'api', 'key']);
  });

  it.each([
    'password', 'DB_PASSWORD', 'passwd', 'pwd', 'smtp_pass', 'passphrase', 'SECRET_KEY', 'client_secret', 'token',
    'access_token', 'AUTH_TOKEN', 'api_key', 'apiKey', 'APIKEY', 'x-api-key', 'access_key', 'private_key', 'auth',
    'Authorization', 'credentials', 'signing_key', 'self.password', 'webhook_secret',
  ])('%s is secret-like', (name) => {
    expect(isSecretLikeName(name)).toBe(true);
  });

  it.each([
    'author', 'tokenizer', 'max_tokens', 'key', 'cache_key', 'primary_key', 'token_url', 'auth_method', 'secret_name',
    'password_file', 'password_hash', 'aws_access_key_id', 'api_key_header', 'use_auth', 'is_secret', 'token_type',
    'AUTH_PASSWORD_VALIDATORS', 'monkey', 'keyboard', '',
  ])('%s is not secret-like', (name) => {
    expect(isSecretLikeName(name)).toBe(false);
  });
});

describe('placeholders and references', () => {
  it.each([
    'changeme', 'xxxxxxxxxxxxxxxxxxxx', 'your-api-key-here', 'EXAMPLE_KEY_123', 'dummy', 'test-token-abcdefghij',
    'aaaaaaaaaaaaaaaaaaaaaaaa', '12345678901234567890', 'abcdefghijklmnop', '****************', 'AKIAIOSFODNN7EXAMPLE',
    'abababababababababab',
  ])('%s looks like a placeholder', (value) => {
    expect(looksLikePlaceholder(value)).toBe(true);
  });

  it('a random token does not', () => {
    expect(looksLikePlaceholder(randomString(36, ALNUM, 5))).toBe(false);
  });

  it.each([
    '${API_TOKEN}', '${{ secrets.TOKEN }}', '{{ token }}', '%(password)s', '$(cat /run/secrets/token)', '$TOKEN',
    '<your-token>', '{password}', 'os.environ["TOKEN"]', 'process.env.TOKEN', 'vault:secret/data/x', 'arn:aws:secretsmanager:x',
    '!Ref DbPassword', 'op://vault/item/field', 'projects/p/secrets/s/versions/1', 'GITHUB_TOKEN', 'settings.API_KEY',
    'config.get_token()', 'https://example.com/token',
  ])('%s looks like a reference', (value) => {
    expect(looksLikeReference(value)).toBe(true);
  });

  it('a Django-style random key with symbols is not a reference', () => {
    expect(looksLikeReference('k#9v@x$q(2m)8z!w%p^4r&t*6y-u_1b=n+3c')).toBe(false);
    expect(isGenericSecretValue('k#9v@x$q(2m)8z!w%p^4r&t*6y-u_1b=n+3c')).toBe(true);
  });
});

describe('LineIndex', () => {
  it('maps offsets to lines and columns for \\n, \\r\\n and \\r endings', () => {
    const index = new LineIndex('ab\ncd\r\nef\rgh');
    expect(index.count).toBe(4);
    expect([0, 3, 7, 10].map((offset) => [index.lineOf(offset), index.columnOf(offset)])).toEqual([[1, 1], [2, 1], [3, 1], [4, 1]]);
    expect([1, 2, 3, 4].map((line) => index.lineText(line))).toEqual(['ab', 'cd', 'ef', 'gh']);
    expect(index.columnOf(4)).toBe(2);
  });
});
