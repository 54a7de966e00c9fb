/**
 * Values that have the shape of a secret but are not one: placeholders in docs and templates, published
 * example keys, and references to a secret kept elsewhere. A scanner that cries wolf on these is switched
 * off, so they matter as much as real detections.
 */

/**
 * KNOWN_EXAMPLE_SECRETS are secrets published on purpose: AWS's documentation keys
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html) and the fixed account key of
 * the Azurite / Azure Storage emulator (https://learn.microsoft.com/azure/storage/common/storage-use-azurite),
 * which every developer machine shares; the OAuth 2.0 RFC's example tokens (RFC 6749 §4.1.4). GitHub's REST API documentation uses one example token under
 * every prefix (https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app):
 * see GITHUB_DOCS_TOKEN_BODY.
 */
const KNOWN_EXAMPLE_SECRETS: ReadonlySet<string> = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'AKIAI44QH8DHBEXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  // RFC 6749's example access and refresh tokens, in every OAuth library's docs and tests.
  '2YotnFZFEjr1zCsicMWpAA',
  'tGzv3JOkF0XG5Qx2TlKWIA',
]);

/**
 * PLACEHOLDER_WORDS, found anywhere in a value (case-insensitively), mark it as written by hand for show;
 * a value that names what it stands for (`mypersonalaccesstoken123`, `db-password-here`) is one too.
 */
const PLACEHOLDER_WORDS =
  /example|sample|dummy|placeholder|redacted|change[_-]?me|fake|your|xxxx|test|mock|insert|replace|todo|not[_-]?real|password|passwd|secret|token|api[_-]?key|access[_-]?key|\*{4}|\.{4}|…/i;

/** MIN_DISTINCT is how many different characters a secret of 16+ characters has at the very least. */
const MIN_DISTINCT = 8;

/** GITHUB_DOCS_TOKEN_BODY is the body of GitHub's example token, also shown as a 40-hex legacy token (`e72e16c7e4…`). */
const GITHUB_DOCS_TOKEN_BODY = '16c7e42f292c6912e7710c838347ae178b4a';

/** isKnownExampleSecret says whether `value` is a secret its vendor published as an example. */
export function isKnownExampleSecret(value: string): boolean {
  return KNOWN_EXAMPLE_SECRETS.has(value) || value.toLowerCase().includes(GITHUB_DOCS_TOKEN_BODY);
}

/**
 * looksLikePlaceholder says whether `value` (a token, or the part after its public prefix) was made up:
 * it contains a placeholder word, repeats one character (6 in a row, or too few different ones), or
 * counts up (`abcdefgh`, `12345678`). Random tokens almost never do any of these (a run of 6 equal
 * characters in 36 random base62 characters has odds of about 3·10⁻⁸).
 */
export function looksLikePlaceholder(value: string): boolean {
  if (isKnownExampleSecret(value) || PLACEHOLDER_WORDS.test(value)) return true;
  const shape = shapeOf(value);
  return shape.longestRepeat >= 6 || shape.longestCount >= 8 || shape.distinct < Math.min(MIN_DISTINCT, Math.ceil(value.length / 2));
}

/** Shape is what looksLikePlaceholder measures of a value, in one pass. */
interface Shape {
  distinct: number;
  /** The longest run of one repeated character. */
  longestRepeat: number;
  /** The longest run of characters counting up by one. */
  longestCount: number;
}

/** shapeOf measures `value` in one pass (this runs for every candidate of every line, so it avoids regexes and Sets). */
function shapeOf(value: string): Shape {
  const ascii = new Uint8Array(128);
  let others: Set<number> | null = null;
  let distinct = 0;
  let repeat = 1;
  let count = 1;
  let longestRepeat = value.length > 0 ? 1 : 0;
  let longestCount = longestRepeat;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 128) {
      if (ascii[code] === 0) {
        ascii[code] = 1;
        distinct++;
      }
    } else {
      others ??= new Set();
      if (!others.has(code)) {
        others.add(code);
        distinct++;
      }
    }
    if (i === 0) continue;
    const previous = value.charCodeAt(i - 1);
    repeat = code === previous ? repeat + 1 : 1;
    count = code === previous + 1 ? count + 1 : 1;
    if (repeat > longestRepeat) longestRepeat = repeat;
    if (count > longestCount) longestCount = count;
  }
  return { distinct, longestRepeat, longestCount };
}

/**
 * REFERENCE_PATTERNS recognise values that point at a secret instead of holding it: interpolation
 * (`${VAR}`, `{{ var }}`, `%(var)s`, `$(cmd)`, `$VAR`), template markers (`<your-token>`), environment
 * and secret-manager lookups (`os.environ[...]`, `getenv(...)`, `process.env`, Vault, AWS ARNs and SSM,
 * CloudFormation `!Ref`, Azure Key Vault references, GCP Secret Manager names, 1Password `op://`), and
 * URLs (a value with `://` is an address; database URLs have their own detector).
 */
const REFERENCE_PATTERNS: readonly RegExp[] = [
  /\$\{[^}]*\}|\{\{.*?\}\}|%\(\w+\)[sdirf]|\$\([A-Za-z_][\w ./-]*\)/,
  /^\$[A-Za-z_{]/,
  /^<[^<>]*>$/,
  /^\{[A-Za-z_][\w.]*\}$/,
  /os\.environ|getenv|process\.env|\benv\(|ENV\[/i,
  /^(?:vault:|arn:aws|ssm:|!Ref\b|!Sub\b|!GetAtt\b|@Microsoft\.KeyVault|op:\/\/)/,
  /^projects\/[^/]+\/secrets\//,
  /:\/\//,
];

/**
 * looksLikeReference says whether `value` refers to a secret kept elsewhere rather than being one: the
 * patterns above, an environment variable's name (`GITHUB_TOKEN`), a dotted name or a call
 * (`settings.API_KEY`, `config.get_token()`, `createTokenAuth(TOKEN)`).
 */
export function looksLikeReference(value: string): boolean {
  if (REFERENCE_PATTERNS.some((pattern) => pattern.test(value))) return true;
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return true;
  return /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?:\(\))?$/.test(value) || /^[A-Za-z_$][\w$.]*\(/.test(value);
}
