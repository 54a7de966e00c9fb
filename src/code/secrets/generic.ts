/**
 * The generic detector: a random-looking literal assigned to a secret-like name, in the assignment forms
 * of the formats secrets are found in: `name = "value"` (Python, TOML, INI, Gradle), `name: value` (YAML,
 * JavaScript objects), `NAME=value` (.env, shell, `export`, Dockerfile `ENV`/`ARG`), `"name": "value"`
 * (JSON, Python dicts, notebooks, where the quotes are escaped). Neither half is enough on its own: names
 * without random values are settings, and random values without names are hashes and ids. It is a guess,
 * so it reports medium severity and medium confidence, and only runs on lines up to
 * MAX_GENERIC_LINE_LENGTH characters (see there).
 */
import { isHighEntropy } from './entropy.js';
import { looksLikePlaceholder, looksLikeReference } from './placeholders.js';
import { redactSecret } from './redact.js';
import { CI_SECRETS, SECRET_CWE, secretHelp } from './rule-help.js';
import { isSecretLikeName } from './secret-names.js';
import type { SecretCandidate, SecretDetector, SecretScanInput } from './types.js';

/**
 * MAX_GENERIC_LINE_LENGTH: longer lines are minified code, embedded data (notebook image outputs, base64
 * blobs, one-line JSON dumps) or generated files. Assignments there are not written by a person, entropy
 * is high everywhere, and walking every name of a megabyte line costs time for noise; the specific
 * detectors, whose patterns are anchored on literal prefixes, still scan them.
 */
export const MAX_GENERIC_LINE_LENGTH = 10_000;
/** A value shorter than this is too short to judge by entropy (and passwords that short are another problem). */
export const MIN_GENERIC_VALUE_LENGTH = 20;
/** A longer value is a certificate, a blob or a document, not a credential assigned by hand. */
const MAX_GENERIC_VALUE_LENGTH = 1_000;

/** A cheap test a line must pass before its names are looked at: no secret-like word, no assignment worth parsing. */
const LINE_HINT = /pass|pwd|secret|token|key|auth|cred|bearer/i;
/** The same test on one name, before the (costlier) word split of isSecretLikeName. */
const NAME_HINT = /pass|pwd|secret|token|key|auth|cred|bearer/i;
const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/g;
/**
 * NAME_BOUNDARY: what may stand right before a name. Anything else (`=`, `+`, `/`, `:`, `%`…) means the
 * "name" is a piece of a longer literal (a query string, a base64 run, someone's secret), and a piece of
 * a secret must never end up in a message as a name.
 */
const NAME_BOUNDARY = /[\s"'`{[(,;$&?@<|-]/;
const JWT = /^eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*$/;
const AUTH_SCHEME = /^(?:Bearer|Basic|Token)\s+/i;

/**
 * CODE_EXTENSIONS: in these languages an unquoted value is a variable or a call, never a literal
 * (`password = get_password()`), so only quoted values are judged. Notebooks hold Python; documentation
 * (Markdown, reStructuredText, AsciiDoc) mostly holds code snippets, so it is read the same way.
 */
const CODE_EXTENSIONS: ReadonlySet<string> = new Set([
  'py', 'pyi', 'pyw', 'pyx', 'ipynb', 'js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'rb', 'go',
  'java', 'kt', 'kts', 'scala', 'groovy', 'gradle', 'cs', 'php', 'rs', 'swift', 'c', 'h', 'cc', 'cpp',
  'hpp', 'm', 'dart', 'lua', 'r', 'jl', 'md', 'markdown', 'rst', 'adoc',
]);

/** isCodePath says whether `path` is source code in one of CODE_EXTENSIONS. */
function isCodePath(path: string): boolean {
  const name = path.replace(/\\/g, '/').split('/').at(-1)?.toLowerCase() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 && CODE_EXTENSIONS.has(name.slice(dot + 1));
}

/** AssignedValue is a literal found after a name: its text, its offsets in the line, and the HTTP auth scheme dropped from its front. */
interface AssignedValue {
  text: string;
  start: number;
  end: number;
  scheme?: string;
}

/** TYPE_ANNOTATION is a Python / TypeScript annotation between `name:` and `= value` (`token: Optional[str] = `). */
const TYPE_ANNOTATION = /^[A-Za-z_][\w.]*(?:\[[^\]=]*\])?(?:[ \t]*\|[ \t]*[A-Za-z_][\w.]*(?:\[[^\]=]*\])?)*[ \t]*=(?!=)[ \t]*/;

/**
 * valueAfterName reads the value assigned to a name that ends at `at` on `line`: the name's closing
 * quote (escaped in notebooks) and a subscript bracket, an operator (`=`, `:`, `:=`, `=>`, not `==` or
 * `::`; none after `ENV NAME` in a Dockerfile), then a quoted string, or, outside code, an unquoted word.
 * Null when what follows is not an assignment of a literal.
 */
function valueAfterName(line: string, at: number, code: boolean, envLine: boolean): AssignedValue | null {
  let i = at;
  if (line[i] === '\\' && (line[i + 1] === '"' || line[i + 1] === "'")) i += 2;
  else if (line[i] === '"' || line[i] === "'") i += 1;
  if (line[i] === ']') i += 1;
  const beforeSpace = i;
  while (line[i] === ' ' || line[i] === '\t') i++;
  let colon = false;
  if (line.startsWith(':=', i) || line.startsWith('=>', i)) i += 2;
  else if (line[i] === '=' && line[i + 1] !== '=') i += 1;
  else if (line[i] === ':' && line[i + 1] !== ':') {
    i += 1;
    colon = true;
  } else if (!(envLine && i > beforeSpace)) return null;
  while (line[i] === ' ' || line[i] === '\t') i++;
  if (colon && code) {
    const annotation = TYPE_ANNOTATION.exec(line.slice(i, i + 200));
    if (annotation) i += annotation[0].length;
  }
  if (code) {
    const prefix = /^[rRbBuUfF]{1,2}(?=\\?["'`])/.exec(line.slice(i, i + 3));
    if (prefix) i += prefix[0].length;
  }
  const escaped = line[i] === '\\' && (line[i + 1] === '"' || line[i + 1] === "'");
  const quote = escaped ? line.slice(i, i + 2) : (line[i] ?? '');
  if (escaped || quote === '"' || quote === "'" || quote === '`') {
    const open = i + quote.length;
    let close = line.indexOf(quote, open);
    // Skip escaped quotes inside the string; in a notebook the quotes themselves are the escaped ones.
    while (!escaped && close > 0 && line[close - 1] === '\\') close = line.indexOf(quote, close + 1);
    if (close < 0) return null;
    return trimAuthScheme({ text: line.slice(open, close), start: open, end: close });
  }
  if (code) return null;
  const word = /^[^\s"'`,;&)\]}]+/.exec(line.slice(i, i + MAX_GENERIC_VALUE_LENGTH + 1));
  if (!word) return null;
  const value = { text: word[0], start: i, end: i + word[0].length };
  if (AUTH_SCHEME.test(line.slice(i, i + 8))) {
    const rest = /^(?:Bearer|Basic|Token)\s+([^\s"'`,;&)\]}]+)/i.exec(line.slice(i, i + MAX_GENERIC_VALUE_LENGTH + 8));
    if (rest?.[1]) return { text: rest[1], start: i + rest[0].length - rest[1].length, end: i + rest[0].length, scheme: rest[0].slice(0, 5).toLowerCase() };
  }
  return value;
}

/** trimAuthScheme drops an HTTP auth scheme (`Bearer `, `Basic `, `Token `) from the front of a quoted value. */
function trimAuthScheme(value: AssignedValue): AssignedValue {
  const scheme = AUTH_SCHEME.exec(value.text);
  if (!scheme) return value;
  return { text: value.text.slice(scheme[0].length), start: value.start + scheme[0].length, end: value.end, scheme: scheme[0].slice(0, 5).toLowerCase() };
}

/**
 * isPlaceholderBasicAuth says whether a `Basic` credential (base64 of `user:password`, RFC 7617) holds a
 * made-up password, which its base64 form hides from the placeholder checks.
 */
function isPlaceholderBasicAuth(encoded: string): boolean {
  let decoded: string;
  try {
    decoded = atob(encoded);
  } catch {
    return false;
  }
  const colon = decoded.indexOf(':');
  return colon >= 0 && looksLikePlaceholder(decoded.slice(colon + 1));
}

/**
 * isGenericSecretValue says whether a value assigned to a secret-like name is itself a secret: 20 to
 * 1,000 printable ASCII characters without spaces, not a reference (`${VAR}`, `os.environ[...]`, an env var's name, a
 * URL), not a placeholder (`changeme`, `xxx…`, `<your-token>`, `example`, `dummy`, `test`, one repeated
 * character), not a path, not a CamelCase type name, not a JWT (signed claims, not a credential by themselves), and random by
 * entropy (see entropy.ts).
 */
export function isGenericSecretValue(value: string): boolean {
  if (value.length < MIN_GENERIC_VALUE_LENGTH || value.length > MAX_GENERIC_VALUE_LENGTH) return false;
  // Printable ASCII only: credentials are; prose in other scripts (translations, messages) is not.
  if (!/^[\x21-\x7e]+$/.test(value)) return false;
  if (looksLikeReference(value) || looksLikePlaceholder(value) || JWT.test(value)) return false;
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(value)) return false;
  // A CamelCase name (`_EllipticCurvePrivateKey`, a Python forward-reference annotation) is a type.
  if (/^_?(?:[A-Z][a-z]+)+$/.test(value)) return false;
  return isHighEntropy(value);
}

/** genericSecretDetector finds high-entropy literals assigned to secret-like names. */
export const genericSecretDetector: SecretDetector = {
  doc: {
    id: 'secret.generic',
    name: 'Hard-coded secret (high-entropy value assigned to a secret-like name)',
    help: secretHelp(
      'A random-looking literal (Shannon entropy at least 4.5 bits per character for base64-like values, less for values too short to reach it; 3.0 for hex) is assigned to a name that says it is a secret (`password`, `secret`, `token`, `api_key`, `access_key`, `private_key`, `auth`, `credential`…). This is a heuristic: medium severity, medium confidence.',
      'Find out which system issued the value and rotate it there (change the password, regenerate the key or token).',
      CI_SECRETS,
    ),
    cwe: SECRET_CWE,
  },
  severity: 'medium',
  confidence: 'medium',
  generic: true,
  *find({ path, lines }: SecretScanInput): Iterable<SecretCandidate> {
    const code = isCodePath(path);
    const verdicts = new Map<string, boolean>();
    const dockerfile = /(?:^|[/\\])(?:[^/\\]*\.)?dockerfile(?:\.[^/\\]*)?$|containerfile$/i.test(path);
    for (let line = 1; line <= lines.count; line++) {
      const text = lines.lineText(line);
      if (text.length > MAX_GENERIC_LINE_LENGTH || !LINE_HINT.test(text)) continue;
      const envLine = dockerfile && /^\s*(?:ENV|ARG)\s/i.test(text);
      const lineStart = lines.startOf(line);
      for (const match of text.matchAll(NAME)) {
        const name = match[0];
        if (!NAME_HINT.test(name) || (match.index > 0 && !NAME_BOUNDARY.test(text[match.index - 1] ?? ''))) continue;
        let secretLike = verdicts.get(name);
        if (secretLike === undefined) {
          secretLike = isSecretLikeName(name);
          // Names repeat (a config file says `password` many times): judge each once per file.
          if (verdicts.size < 10_000) verdicts.set(name, secretLike);
        }
        if (!secretLike) continue;
        const value = valueAfterName(text, match.index + name.length, code, envLine);
        if (!value || !isGenericSecretValue(value.text)) continue;
        if (value.scheme === 'basic' && isPlaceholderBasicAuth(value.text)) continue;
        yield {
          start: lineStart + value.start,
          end: lineStart + value.end,
          message: `Hard-coded secret ${redactSecret(value.text)} assigned to \`${name.slice(0, 80)}\`: move it to the environment or a secret store, and rotate it if it is real.`,
        };
      }
    }
  },
};
