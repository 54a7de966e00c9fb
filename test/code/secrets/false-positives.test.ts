import { describe, expect, it } from 'vitest';
import { scanSecrets } from '../../../src/code/secrets/index.js';
import { FAKE, readFixture } from './fake-secrets.js';

describe('scanSecrets: what is not a secret', () => {
  it.each([
    ['placeholders.env', '.env.example'],
    ['references.py', 'app/settings.py'],
    ['docs-examples.md', 'docs/configure.md'],
    ['hashes-and-ids.yaml', 'ci/build.yaml'],
    ['pem-parser.py', 'pem/parse.py'],
  ])('%s yields nothing', (name, path) => {
    expect(scanSecrets(path, readFixture(name))).toEqual([]);
  });

  it('skips Stripe test-mode keys (documented decision: they reach test data only)', () => {
    expect(scanSecrets('.env', `STRIPE_KEY=${FAKE.STRIPE_TEST.value}`)).toEqual([]);
    expect(scanSecrets('.env', `STRIPE_KEY=${FAKE.STRIPE_LIVE.value}`).map((f) => f.ruleId)).toEqual(['secret.stripe-key']);
  });

  it('skips JWTs assigned to token names: signed claims are not a credential by themselves', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwaXB3YXJkZW4iLCJpYXQiOjE3MDAwMDAwMDB9.Xq3vB8nR2kLmT5wY7zP0aHcJ4dF6gS9e1uIoK3lQ2x4';
    expect(scanSecrets('config.yaml', `id_token: ${jwt}`)).toEqual([]);
    expect(scanSecrets('test_auth.py', `TOKEN = "${jwt}"`)).toEqual([]);
  });

  it.each([
    ['a short password', 'config.py', 'password = "hunter2"'],
    ['a word-like password', 'config.py', 'password = "correcthorsebatterystaple"'],
    ['a sentence', 'config.py', 'secret = "this is not a secret at all, it is a sentence"'],
    ['an env var name', 'config.yaml', 'token: GITHUB_TOKEN_FOR_RELEASES'],
    ['a GitHub Actions expression', 'ci.yml', 'token: ${{ secrets.GITHUB_TOKEN }}'],
    ['a shell variable', 'deploy.sh', 'TOKEN=$DEPLOY_TOKEN_FROM_VAULT_PATH'],
    ['a Jinja variable', 'values.yaml', 'password: "{{ .Values.database.password }}"'],
    ['a Python format field', 'config.py', 'password = "%(db_password)s-and-more-text"'],
    ['a Vault reference', 'config.yaml', 'password: vault:secret/data/app#db_password_value'],
    ['an AWS ARN', 'config.yaml', 'secret: arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf'],
    ['a GCP Secret Manager name', 'config.yaml', 'api_key: projects/acme-prod/secrets/api-key/versions/3'],
    ['a 1Password reference', '.env', 'API_TOKEN=op://Engineering/Deploy/credential'],
    ['a file path', 'config.yaml', 'private_key: /etc/ssl/private/server-2024-renewed.key'],
    ['a URL', 'config.yaml', 'token_endpoint: https://login.example.com/oauth2/v2.0/token'],
    ['a variable in Python', 'config.py', 'api_key = settings.STRIPE_API_KEY_FOR_PAYMENTS'],
    ['a call in Python', 'config.py', 'secret = base64.b64encode(os.urandom(32)).decode()'],
    ['a comparison', 'test_login.py', `assert response.json()["token"] == "${FAKE.API_KEY_VALUE.value}"`],
    ['all one character', '.env', 'SECRET=ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ'],
    ['a counting run', '.env', 'API_KEY=abcdefghijklmnopqrstuvwxyz012345'],
    ['a digit-only value', '.env', 'AUTH_PIN=98127391827391827391'],
    ['a UUID assigned to an id', 'config.yaml', 'client_id: 7f9c2ba4-e88f-4c6a-9d2e-1b3a5c7e9f01'],
    ['a token budget', 'config.py', 'max_tokens = "Xq3vB8nR2kLmT5wY7zP0aHcJ4dF6gS9e"'],
    ['an author', 'setup.py', 'author = "Xq3vB8nR2kLmT5wY7zP0aHcJ4dF6gS9e"'],
    ['a tokenizer name', 'train.py', 'tokenizer = "Xq3vB8nR2kLmT5wY7zP0aHcJ4dF6gS9e"'],
    ['a password field name', 'forms.py', 'password_field = "Xq3vB8nR2kLmT5wY7zP0aHcJ4dF6gS9e"'],
    ['a lock-file hash', 'requirements.txt', 'requests==2.32.3 --hash=sha256:55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760'],
    ['a name inside another literal', '.env', 'OPAQUE=Zq8_authToken=Xq3vB8nR2kLmT5wY7zP0aHcJ4dF6gS9e'],
    ['GitHub documentation tokens', 'docs.md', 'ghs_16C7e42F292c6912E7710c838347Ae178B4a, ghu_16C7e42F292c6912E7710c838347Ae178B4a'],
    ['a forward-reference annotation', 'ec.py', 'def sign(backend: "Backend", private_key: "_EllipticCurvePrivateKey", data: bytes):'],
    ['the OAuth RFC example tokens', 'oauth.py', '{"access_token":"2YotnFZFEjr1zCsicMWpAA", "refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA"}'],
    ['a presigned S3 URL', 'cassette.yaml', 'uri: https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAQ3EGVP7HZKXW5N2M%2F20240509%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=9fceb02d0ae598e95dc970b74767f19372d61af8'],
    ['a placeholder hidden in Basic auth', 'README.md', '"authorization": "basic MTIzNDU2Nzg5MGFiY2RlZjEyMzQ6MTIzNDU2Nzg5MGFiY2RlZjEyMzQ1Njc4OTBhYmNkZWYxMjM0NTY3OA=="'],
    ['a non-ASCII message', 'messages.json', '"Unexpected_token_expected_1068": "予期しないトークンです。コンストラクター、メソッド、アクセサー、またはプロパティが必要です。"'],
    ['a call in documentation', 'README.md', 'const auth = createTokenAuth(TOKEN);'],
    ['a value naming what it stands for', 'config.js', 'auth: "mypersonalaccesstoken123",'],
    ['AWS documentation keys', 'README.md', 'AKIAIOSFODNN7EXAMPLE and AKIAI44QH8DHBEXAMPLE'],
    ['a Twilio-like id without its prefix boundary', 'data.txt', `XSK${'0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d'}`],
    ['a GitHub prefix inside a longer word', 'data.txt', `xghp_${'Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2Y'}`],
  ])('does not report %s', (_, path, text) => {
    expect(scanSecrets(path, text)).toEqual([]);
  });

  it('does report the same value once it is assigned to a secret-like name (the contrast case)', () => {
    expect(scanSecrets('config.py', 'api_secret = "Xq3vB8nR2kLmT5wY7zP0aHcJ4dF6gS9e"').map((f) => f.ruleId)).toEqual(['secret.generic']);
  });
});
