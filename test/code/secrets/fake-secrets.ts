/**
 * Fake secrets for the secret-scanner tests: format-valid, built at run time from a seeded generator so
 * the repository never holds anything that looks like a real credential (GitHub push protection and
 * other scanners stay quiet) and every run sees the same values. Fixtures carry `@@NAME@@` markers that
 * `readFixture` fills in.
 */
import { readFileSync } from 'node:fs';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const HEX = '0123456789abcdef';
const BASE64 = ALNUM + '+/';
const URL_SAFE = ALNUM + '_-';
const BASE32 = UPPER + '234567';

/** mulberry32 is a small seeded PRNG (public domain): same seed, same sequence. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** randomString is `length` characters of `alphabet`, from the generator seeded with `seed`. */
export function randomString(length: number, alphabet: string, seed: number): string {
  const next = mulberry32(seed);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

/** FakeSecret is a value and the part of it that is public (a provider prefix), which a finding may show. */
export interface FakeSecret {
  value: string;
  publicPrefix: string;
}

const secret = (publicPrefix: string, rest: string): FakeSecret => ({ value: publicPrefix + rest, publicPrefix });

/** pemBody is a fake DER body in base64 (what sits between BEGIN and END), `bytes` long. */
function pemBody(bytes: number, seed: number): string {
  const next = mulberry32(seed);
  return Buffer.from(Array.from({ length: bytes }, () => Math.floor(next() * 256))).toString('base64');
}

const RSA_BODY = pemBody(1190, 901);
const OPENSSH_BODY = pemBody(400, 902);
const PKCS8_BODY = pemBody(1216, 903);
const IMAGE_BODY = pemBody(9000, 904);

/** lines64 wraps base64 at 64 characters, as PEM does (RFC 7468 §2). */
const lines64 = (body: string): string => (body.match(/.{1,64}/g) ?? []).join('\n');

/** FAKE holds every fake secret by marker name. */
export const FAKE = {
  GITHUB_PAT_CLASSIC: secret('ghp_', randomString(36, ALNUM, 1)),
  GITHUB_OAUTH: secret('gho_', randomString(36, ALNUM, 2)),
  GITHUB_USER_TO_SERVER: secret('ghu_', randomString(36, ALNUM, 3)),
  GITHUB_INSTALLATION: secret('ghs_', randomString(36, ALNUM, 4)),
  GITHUB_REFRESH: secret('ghr_', randomString(36, ALNUM, 5)),
  GITHUB_FINE_GRAINED: secret('github_pat_', `${randomString(22, ALNUM, 6)}_${randomString(59, ALNUM, 7)}`),
  GITLAB_PAT: secret('glpat-', randomString(20, URL_SAFE, 8)),
  SLACK_BOT: secret('xoxb-', `${randomString(12, DIGITS, 9)}-${randomString(13, DIGITS, 10)}-${randomString(24, ALNUM, 11)}`),
  SLACK_USER: secret('xoxp-', `${randomString(10, DIGITS, 12)}-${randomString(12, DIGITS, 13)}-${randomString(12, DIGITS, 14)}-${randomString(32, HEX, 15)}`),
  SLACK_WEBHOOK_PATH: secret('', `T${randomString(10, UPPER + DIGITS, 16)}/B${randomString(10, UPPER + DIGITS, 17)}/${randomString(24, ALNUM, 18)}`),
  STRIPE_LIVE: secret('sk_live_', randomString(24, ALNUM, 19)),
  STRIPE_RESTRICTED: secret('rk_live_', randomString(99, ALNUM, 20)),
  STRIPE_TEST: secret('sk_test_', randomString(24, ALNUM, 21)),
  TWILIO_API_KEY: secret('SK', randomString(32, HEX, 22)),
  SENDGRID: secret('SG.', `${randomString(22, URL_SAFE, 23)}.${randomString(43, URL_SAFE, 24)}`),
  NPM_TOKEN: secret('npm_', randomString(36, ALNUM, 25)),
  PYPI_TOKEN: secret('pypi-AgEIcHlwaS5vcmc', randomString(160, URL_SAFE, 26)),
  TEST_PYPI_TOKEN: secret('pypi-AgENdGVzdC5weXBpLm9yZw', randomString(160, URL_SAFE, 27)),
  OPENAI_PROJECT: secret('sk-proj-', randomString(156, URL_SAFE, 28)),
  OPENAI_LEGACY: secret('sk-', `${randomString(20, ALNUM, 29)}T3BlbkFJ${randomString(20, ALNUM, 30)}`),
  ANTHROPIC: secret('sk-ant-api03-', `${randomString(93, URL_SAFE, 31)}AA`),
  GOOGLE_API_KEY: secret('AIza', randomString(35, URL_SAFE, 32)),
  AWS_ACCESS_KEY_ID: secret('AKIA', randomString(16, BASE32, 33)),
  AWS_TEMP_KEY_ID: secret('ASIA', randomString(16, BASE32, 34)),
  AWS_SECRET: secret('', randomString(40, BASE64, 35)),
  AZURE_ACCOUNT_KEY: secret('', `${randomString(86, BASE64, 36)}==`),
  DB_PASSWORD: secret('', randomString(18, ALNUM, 37)),
  MONGO_PASSWORD: secret('', randomString(16, ALNUM, 38)),
  REDIS_PASSWORD: secret('', randomString(24, ALNUM, 39)),
  DJANGO_SECRET_KEY: secret('', randomString(50, LOWER + DIGITS + '!@#%^&*-_=+', 40)),
  HEX_SECRET: secret('', randomString(40, HEX, 41)),
  API_KEY_VALUE: secret('', randomString(32, ALNUM, 42)),
  BEARER_TOKEN: secret('', randomString(40, URL_SAFE, 43)),
  SHORT_RANDOM: secret('', randomString(22, ALNUM, 44)),
  RSA_BODY: secret('', RSA_BODY),
  OPENSSH_BODY: secret('', OPENSSH_BODY),
  PKCS8_BODY: secret('', PKCS8_BODY),
} satisfies Record<string, FakeSecret>;

/** FakeName is a marker name. */
export type FakeName = keyof typeof FAKE;

/** Fillers that are not secrets themselves but layouts of one (PEM bodies wrapped or JSON-escaped). */
const LAYOUTS: Record<string, string> = {
  RSA_BODY_LINES: lines64(RSA_BODY),
  OPENSSH_BODY_LINES: lines64(OPENSSH_BODY),
  PKCS8_BODY_ESCAPED: `${lines64(PKCS8_BODY).replace(/\n/g, '\\n')}\\n`,
  IMAGE_BASE64: IMAGE_BODY,
};

/** fill replaces every `@@NAME@@` marker in `template` with its fake value; an unknown marker throws. */
export function fill(template: string): string {
  return template.replace(/@@([A-Z0-9_]+)@@/g, (_, name: string) => {
    const layout = LAYOUTS[name];
    if (layout !== undefined) return layout;
    const fake = (FAKE as Record<string, FakeSecret | undefined>)[name];
    if (!fake) throw new Error(`unknown fixture marker @@${name}@@`);
    return fake.value;
  });
}

/** readFixture reads `fixtures/<name>` beside this file and fills its markers. */
export function readFixture(name: string): string {
  return fill(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
}

/**
 * leaks lists what of `secret` appears in `serialised`: the whole value, or any 8-character window of it
 * that reaches beyond its public prefix. Empty when nothing leaks.
 */
export function leaks(serialised: string, secret: FakeSecret): string[] {
  const found: string[] = [];
  if (serialised.includes(secret.value)) found.push(secret.value);
  for (let i = Math.max(0, secret.publicPrefix.length - 7); i + 8 <= secret.value.length; i++) {
    const window = secret.value.slice(i, i + 8);
    if (serialised.includes(window)) found.push(window);
  }
  return found;
}
