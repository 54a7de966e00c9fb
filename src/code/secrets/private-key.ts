/**
 * Private keys in PEM / OpenSSH / PGP armour (RFC 7468 textual encodings, RFC 4716, RFC 4880 §6.2):
 * `-----BEGIN RSA PRIVATE KEY-----`, `-----BEGIN EC PRIVATE KEY-----`, `-----BEGIN PRIVATE KEY-----`
 * (PKCS #8), `-----BEGIN ENCRYPTED PRIVATE KEY-----`, `-----BEGIN OPENSSH PRIVATE KEY-----`,
 * `-----BEGIN DSA PRIVATE KEY-----`, `-----BEGIN PGP PRIVATE KEY BLOCK-----`. Found across lines (a
 * `.pem` file) or on one line with escaped newlines (a JSON key file, a Python string). A BEGIN line with
 * no real body (`...`, `<your key here>`, a header constant in a PEM parser) is not a key.
 */
import type { SecretCandidate, SecretDetector, SecretScanInput } from './types.js';
import { SECRET_CWE, secretHelp } from './rule-help.js';

const BEGIN = /-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY( BLOCK)?-----/g;

/** BODY_WINDOW bounds how far after BEGIN the END marker is looked for (a 16384-bit RSA key is ~13 KB). */
const BODY_WINDOW = 65_536;
/** A real key body has one base64 run at least this long (PEM lines are 64 characters, OpenSSH 70). */
const MIN_LONGEST_RUN = 40;
/** A real key body holds at least this many base64 characters (the smallest Ed25519 PKCS #8 key has 64). */
const MIN_BODY_CHARS = 64;

/** KeyBody is where a key's armour ends and whether its body looks real. */
export interface KeyBody {
  /** Offset just after the END marker, or after the body when there is none. */
  end: number;
  real: boolean;
}

/**
 * readKeyBody reads the body that follows a BEGIN marker ending at `from`. When the next armour line
 * within BODY_WINDOW is an END marker, the body is everything up to it: it is real if, escaped newlines (`\n`), quotes,
 * concatenation and armour headers (`Proc-Type:`) aside, it is mostly base64 with one long run and
 * enough characters of enough variety. Without an END marker (a truncated key), only a first line of
 * pure base64 makes it real: that keeps a lone BEGIN constant in code from matching the code after it.
 */
export function readKeyBody(text: string, from: number): KeyBody {
  // The body runs to the next armour line, whatever it is: an END, or the BEGIN of another block (then
  // this one has no END). Stopping there keeps the work per BEGIN proportional to its own body.
  const window = text.slice(from, from + BODY_WINDOW);
  const nextArmour = window.indexOf('-----');
  const endAt = window.startsWith('-----END', nextArmour) ? nextArmour : -1;
  if (endAt < 0) {
    const firstLine = /^(?:\s|\\[nr])*([A-Za-z0-9+/=]*)/.exec(window);
    const run = firstLine?.[1] ?? '';
    return { end: from + (firstLine?.[0].length ?? 0), real: run.length >= MIN_BODY_CHARS && new Set(run).size >= 20 };
  }
  const close = window.indexOf('-----', endAt + 8);
  const end = from + (close < 0 ? endAt + 8 : close + 5);
  const body = window
    .slice(0, endAt)
    .replace(/\\[nrt]/g, '\n')
    .split(/\r?\n|\r/)
    .filter((line) => !/^\s*["']?[A-Za-z-]+:\s/.test(line))
    .join('\n')
    .replace(/["'`+,;\\()\s]/g, '');
  const runs = body.match(/[A-Za-z0-9+/=]+/g) ?? [];
  const base64Chars = runs.reduce((sum, run) => sum + run.length, 0);
  const longest = runs.reduce((max, run) => Math.max(max, run.length), 0);
  const real =
    longest >= MIN_LONGEST_RUN &&
    base64Chars >= MIN_BODY_CHARS &&
    base64Chars >= 0.9 * body.length &&
    new Set(runs.join('')).size >= 20;
  return { end, real };
}

/** keyKind names the key from its BEGIN label: `RSA`, `OPENSSH`, `PGP`, or `PKCS #8` for a bare `PRIVATE KEY`. */
function keyKind(label: string, block: boolean): string {
  const kind = label.trim();
  if (block) return kind || 'PGP';
  return kind === '' ? 'PKCS #8' : kind === 'ENCRYPTED' ? 'encrypted PKCS #8' : kind;
}

/** privateKeyDetector finds armoured private keys; the finding starts on the BEGIN line and ends on the END line. */
export const privateKeyDetector: SecretDetector = {
  doc: {
    id: 'secret.private-key',
    name: 'Private key',
    help: secretHelp(
      'A private key (RSA, EC, DSA, Ed25519, OpenSSH or PGP) is committed. Whoever has it can impersonate its owner: sign as them, decrypt what was sent to them, log in where the public key is authorised.',
      'Generate a new key pair, install the new public key wherever the old one was trusted (authorized_keys, deploy keys, TLS certificates: reissue and revoke the certificate, PGP: publish a revocation certificate), then remove the old public key everywhere.',
      'Keep private keys out of source control entirely: load them from a secret manager or a mounted file at run time (GitHub Actions secrets, Kubernetes secrets, a KMS/HSM for signing keys), and add `*.pem`, `*.key` and `id_*` to `.gitignore`.',
    ),
    cwe: SECRET_CWE,
  },
  severity: 'high',
  confidence: 'high',
  generic: false,
  *find({ text }: SecretScanInput): Iterable<SecretCandidate> {
    if (!text.includes('PRIVATE KEY')) return;
    BEGIN.lastIndex = 0;
    for (let match = BEGIN.exec(text); match; match = BEGIN.exec(text)) {
      const body = readKeyBody(text, match.index + match[0].length);
      if (!body.real) continue;
      const kind = keyKind(match[1] ?? '', match[2] !== undefined);
      yield { start: match.index, end: body.end, message: `Private key (${kind}) committed in this file: generate a new key pair, revoke this one, and load keys from a secret store at run time.` };
      BEGIN.lastIndex = Math.max(BEGIN.lastIndex, body.end);
    }
  },
};
