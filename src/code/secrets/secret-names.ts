/**
 * Does a name (variable, key, setting, header) hold a secret? The generic detector only believes a
 * random-looking value is a secret when the name it is assigned to says so, which is what keeps it quiet
 * on hashes, ids and test vectors. Names are split into words (snake_case, kebab-case, dotted paths,
 * camelCase) and judged by their words, so `author` is not `auth` and `tokenizer` is not `token`.
 */

/** SECRET_WORDS make a name secret-like wherever they appear in it. */
const SECRET_WORDS: ReadonlySet<string> = new Set([
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'credential', 'credentials',
  'creds', 'apikey', 'accesskey', 'secretkey', 'privatekey', 'authtoken', 'authkey', 'auth',
  'authorization', 'bearer', 'accesstoken', 'refreshtoken', 'clientsecret', 'signingkey',
  'encryptionkey', 'masterkey',
]);

/** KEY_QUALIFIERS make the word after them, `key`, secret-like: `api_key`, `accessKey`, `signing-key`. */
const KEY_QUALIFIERS: ReadonlySet<string> = new Set([
  'api', 'access', 'secret', 'private', 'signing', 'encryption', 'master', 'auth', 'account', 'app',
  'client', 'shared', 'session', 'subscription', 'license', 'service', 'admin', 'webhook',
]);

/**
 * NOT_SECRET_LAST: a name ending in one of these words is about a secret, not the secret itself
 * (`token_url`, `password_file`, `secret_name`, `auth_method`, `aws_access_key_id`, `password_hash`).
 */
const NOT_SECRET_LAST: ReadonlySet<string> = new Set([
  'url', 'uri', 'urls', 'endpoint', 'host', 'hostname', 'port', 'path', 'file', 'filename', 'dir',
  'directory', 'name', 'names', 'id', 'ids', 'type', 'types', 'header', 'headers', 'field', 'fields',
  'length', 'len', 'size', 'env', 'var', 'variable', 'prefix', 'suffix', 'format', 'pattern', 'regex',
  'regexp', 'label', 'placeholder', 'hint', 'help', 'policy', 'required', 'enabled', 'enable',
  'disabled', 'expiry', 'expires', 'expiration', 'ttl', 'timeout', 'count', 'version', 'manager',
  'provider', 'backend', 'backends', 'class', 'store', 'source', 'method', 'methods', 'mode', 'scope',
  'scopes', 'kind', 'arn', 'ref', 'location', 'param', 'params', 'hash', 'digest', 'reset', 'confirm',
  'confirmation', 'validator', 'validators', 'validation', 'min', 'max', 'strength', 'input', 'prompt',
  'widget', 'form', 'rule', 'rules', 'algorithm', 'algorithms', 'alg', 'usage', 'limit', 'lifetime',
  'age', 'mask', 'template', 'keyid', 'index', 'idx', 'encoding', 'schema',
]);

/**
 * NOT_SECRET_FIRST: a name starting with one of these is a flag or a count about a secret (`use_auth`,
 * `max_tokens`), or a one-way transform of it (`hashed_token`).
 */
const NOT_SECRET_FIRST: ReadonlySet<string> = new Set([
  'is', 'has', 'use', 'no', 'enable', 'disable', 'require', 'requires', 'show', 'hide', 'max', 'min',
  'num', 'allow', 'skip', 'hashed',
]);

/** nameWords splits a name into lower-case words at `_ - . $ /`, spaces and camelCase humps. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.\-$/]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

/** isSecretLikeName says whether a value assigned to `name` would be a secret (see the word lists above). */
export function isSecretLikeName(name: string): boolean {
  // AWS SigV4 query parameters (`X-Amz-Credential`, `X-Amz-Security-Token`) belong to presigned URLs,
  // which are shared on purpose and expire.
  if (/^x-amz-/i.test(name)) return false;
  const words = nameWords(name);
  const last = words.at(-1);
  const first = words[0];
  if (last === undefined || first === undefined) return false;
  if (NOT_SECRET_FIRST.has(first) && words.length > 1) return false;
  if (NOT_SECRET_LAST.has(last)) return false;
  return words.some((word, index) => SECRET_WORDS.has(word) || (word === 'key' && index > 0 && KEY_QUALIFIERS.has(words[index - 1] ?? '')));
}
