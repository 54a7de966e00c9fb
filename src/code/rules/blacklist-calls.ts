/**
 * B301–B323 blacklisted calls: one table, as upstream bandit 1.9 keeps it in `bandit/blacklists/calls.py`
 * (https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html), turned into one CodeRule per
 * bandit id so that `skip: [B311]` or `# nosec B311` acts on that id alone.
 *
 * What bandit 1.9 lists, and what it no longer does:
 * - B303 holds the Crypto/Cryptodome/cryptography MD2/MD4/MD5/SHA1 constructors only: `hashlib.md5` and
 *   `hashlib.sha1` moved to the hashlib plugin, B324 (hashlib-insecure.ts), which honours
 *   `usedforsecurity=False`.
 * - B309 (httpsconnection), B322 (input) and B325 (tempnam) were removed upstream; they are not reported.
 * - Every entry has confidence high; severity is medium unless the table says otherwise.
 *
 * Deliberate differences from bandit (fewer false positives, same true positives):
 * - A dotted name counts only when its first part was bound by an import (`random = Random();
 *   random.choice(x)` is a local object, not the module). Bandit matches the text of any call.
 * - B307 flags the builtin `eval` (or `builtins.eval`), not a function named `eval` imported from elsewhere.
 * - B310: `urlopen("https://…")`, `urlretrieve(f"http://{host}/x")` and `urlopen(Request("https://…"))`
 *   are not flagged: the scheme is written in the code, so `file:` or a custom scheme cannot get in,
 *   which is the whole point of the check (ruff's S310 does the same). A literal `file://` URL, a URL
 *   from a variable, and the URLopener classes are flagged as bandit flags them.
 */
import type { Node } from 'web-tree-sitter';
import type { CodeRule, Level, RuleContext, RuleDoc } from '../types.js';
import { calledName } from '../imported-calls.js';
import { argument, leadingStringText, unparenthesized } from '../syntax.js';

/** BlacklistCall is one row of the table: a bandit blacklist id and the calls it names. */
export interface BlacklistCall {
  banditId: string;
  /** bandit's name for the check (`urllib_urlopen`); the rule id is `python.` + its kebab-case. */
  banditName: string;
  title: string;
  /** Qualified names; a trailing `.*` matches everything under a module (bandit uses fnmatch). */
  qualnames: readonly string[];
  /** bandit's message; `{name}` is the qualified name of the call. */
  message: string;
  severity: Level;
  cwe: number;
  help: string;
  /** exempt says a matching call is known to be safe (see B310). */
  exempt?: (call: Node, name: string, context: RuleContext) => boolean;
}

const XML_MESSAGE =
  'Using {name} to parse untrusted XML data is known to be vulnerable to XML attacks. Replace {name} with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called';

const XML_HELP =
  'The standard library XML parsers expand entities and follow external references: a crafted document can exhaust memory ("billion laughs"), read local files or reach internal hosts (XXE). Parse untrusted XML with the `defusedxml` equivalents (`defusedxml.ElementTree.parse`, …), or call `defusedxml.defuse_stdlib()` at start-up.';

/** URLs whose scheme is written in the code as http: or https: cannot be turned into `file:`. */
function hasWebScheme(url: Node | null, context: RuleContext): boolean {
  let current = url;
  // `urlopen(Request("https://…"))`: the URL is the Request's. A loop, not recursion: nesting may be hostile.
  while (current) {
    const inner = unparenthesized(current);
    if (inner.type !== 'call') {
      const text = leadingStringText(inner);
      return text !== null && /^https?:/i.test(text.trim());
    }
    const name = calledName(inner, context);
    if (name !== 'urllib.request.Request' && name !== 'urllib2.Request' && name !== 'six.moves.urllib.request.Request') return false;
    current = argument(inner, 0, 'url');
  }
  return false;
}

const URL_TAKING = new Set([
  'urllib.urlopen',
  'urllib.request.urlopen',
  'urllib.urlretrieve',
  'urllib.request.urlretrieve',
  'urllib2.urlopen',
  'urllib2.Request',
  'six.moves.urllib.request.urlopen',
  'six.moves.urllib.request.urlretrieve',
]);

/** BLACKLIST_CALLS is bandit 1.9's call blacklist, B301–B323 (B309 and B322 were removed upstream). */
export const BLACKLIST_CALLS: readonly BlacklistCall[] = [
  {
    banditId: 'B301',
    banditName: 'pickle',
    title: 'Deserialization with pickle or a pickle-based module',
    qualnames: [
      'pickle.loads',
      'pickle.load',
      'pickle.Unpickler',
      'dill.loads',
      'dill.load',
      'dill.Unpickler',
      'shelve.open',
      'shelve.DbfilenameShelf',
      'jsonpickle.decode',
      'jsonpickle.unpickler.decode',
      'jsonpickle.unpickler.Unpickler',
      'pandas.read_pickle',
    ],
    message: 'Pickle and modules that wrap it can be unsafe when used to deserialize untrusted data, possible security issue.',
    severity: 'medium',
    cwe: 502,
    help: 'Unpickling runs code chosen by whoever wrote the data: `pickle`, `dill`, `shelve`, `jsonpickle` and `pandas.read_pickle` must never read data that could come from outside. Use a data-only format (JSON, `msgpack`, Parquet) for anything that crosses a trust boundary, or authenticate the bytes (HMAC) before loading them.',
  },
  {
    banditId: 'B302',
    banditName: 'marshal',
    title: 'Deserialization with marshal',
    qualnames: ['marshal.load', 'marshal.loads'],
    message: 'Deserialization with the marshal module is possibly dangerous.',
    severity: 'medium',
    cwe: 502,
    help: '`marshal` is an internal format for `.pyc` files: it is not designed to be safe against malformed or hostile input. Use JSON or another data-only format for data from outside.',
  },
  {
    banditId: 'B303',
    banditName: 'md5',
    title: 'Use of an insecure MD2, MD4, MD5 or SHA1 hash (Crypto, Cryptodome, cryptography)',
    qualnames: [
      'Crypto.Hash.MD2.new',
      'Crypto.Hash.MD4.new',
      'Crypto.Hash.MD5.new',
      'Crypto.Hash.SHA.new',
      'Cryptodome.Hash.MD2.new',
      'Cryptodome.Hash.MD4.new',
      'Cryptodome.Hash.MD5.new',
      'Cryptodome.Hash.SHA.new',
      'cryptography.hazmat.primitives.hashes.MD5',
      'cryptography.hazmat.primitives.hashes.SHA1',
    ],
    message: 'Use of insecure MD2, MD4, MD5, or SHA1 hash function.',
    severity: 'medium',
    cwe: 327,
    help: 'MD2, MD4, MD5 and SHA1 have practical collision attacks: they must not protect signatures, certificates, passwords or integrity checks. Use SHA-256 or better (`hashes.SHA256()`, `SHA256.new()`), and a password hash (argon2, scrypt, bcrypt) for passwords. (`hashlib.md5`/`hashlib.sha1` are reported as B324.)',
  },
  {
    banditId: 'B304',
    banditName: 'ciphers',
    title: 'Use of an insecure cipher',
    qualnames: [
      'Crypto.Cipher.ARC2.new',
      'Crypto.Cipher.ARC4.new',
      'Crypto.Cipher.Blowfish.new',
      'Crypto.Cipher.DES.new',
      'Crypto.Cipher.XOR.new',
      'Cryptodome.Cipher.ARC2.new',
      'Cryptodome.Cipher.ARC4.new',
      'Cryptodome.Cipher.Blowfish.new',
      'Cryptodome.Cipher.DES.new',
      'Cryptodome.Cipher.XOR.new',
      'cryptography.hazmat.primitives.ciphers.algorithms.ARC4',
      'cryptography.hazmat.primitives.ciphers.algorithms.Blowfish',
      'cryptography.hazmat.primitives.ciphers.algorithms.IDEA',
    ],
    message: 'Use of insecure cipher {name}. Replace with a known secure cipher such as AES.',
    severity: 'high',
    cwe: 327,
    help: 'RC2, RC4, Blowfish, DES, IDEA and XOR are broken or have too small a block or key size. Use AES in an authenticated mode (AES-GCM, `cryptography`\'s `Fernet` or `AESGCM`) or ChaCha20-Poly1305.',
  },
  {
    banditId: 'B305',
    banditName: 'cipher_modes',
    title: 'Use of an insecure cipher mode (ECB)',
    qualnames: ['cryptography.hazmat.primitives.ciphers.modes.ECB'],
    message: 'Use of insecure cipher mode {name}.',
    severity: 'medium',
    cwe: 327,
    help: 'ECB encrypts equal blocks to equal ciphertext, so the structure of the plaintext shows through, and it offers no integrity. Use an authenticated mode such as GCM (`modes.GCM`) or a high-level recipe (`Fernet`).',
  },
  {
    banditId: 'B306',
    banditName: 'mktemp_q',
    title: 'Use of tempfile.mktemp',
    qualnames: ['tempfile.mktemp'],
    message: 'Use of insecure and deprecated function (mktemp).',
    severity: 'medium',
    cwe: 377,
    help: '`tempfile.mktemp` returns a name that another process can create (or symlink) before you open it. Use `tempfile.mkstemp`, `NamedTemporaryFile` or `TemporaryDirectory`, which create the file atomically.',
  },
  {
    banditId: 'B307',
    banditName: 'eval',
    title: 'Use of eval',
    qualnames: ['eval'],
    message: 'Use of possibly insecure function - consider using safer ast.literal_eval.',
    severity: 'medium',
    cwe: 78,
    help: '`eval()` runs its argument as Python code: if any part of it comes from outside, an attacker runs their code. To read a Python literal use `ast.literal_eval`; otherwise parse the input explicitly.',
  },
  {
    banditId: 'B308',
    banditName: 'mark_safe',
    title: 'Use of Django mark_safe',
    qualnames: ['django.utils.safestring.mark_safe'],
    message: 'Use of mark_safe() may expose cross-site scripting vulnerabilities and should be reviewed.',
    severity: 'medium',
    cwe: 79,
    help: '`mark_safe()` turns off Django\'s auto-escaping for a string: any user-controlled part of it is rendered as HTML (XSS). Build HTML with `format_html()` / `format_html_join()`, which escape their arguments.',
  },
  {
    banditId: 'B310',
    banditName: 'urllib_urlopen',
    title: 'URL open with an unchecked scheme',
    qualnames: [
      'urllib.urlopen',
      'urllib.request.urlopen',
      'urllib.urlretrieve',
      'urllib.request.urlretrieve',
      'urllib.URLopener',
      'urllib.request.URLopener',
      'urllib.FancyURLopener',
      'urllib.request.FancyURLopener',
      'urllib2.urlopen',
      'urllib2.Request',
      'six.moves.urllib.request.urlopen',
      'six.moves.urllib.request.urlretrieve',
      'six.moves.urllib.request.URLopener',
      'six.moves.urllib.request.FancyURLopener',
    ],
    message: 'Audit url open for permitted schemes. Allowing use of file:/ or custom schemes is often unexpected.',
    severity: 'medium',
    cwe: 22,
    help: '`urllib` opens `file:`, `ftp:` and `data:` URLs as readily as `http:`: a URL that comes from outside can read local files (`file:///etc/passwd`). Check the scheme (`urllib.parse.urlsplit(url).scheme in {"http", "https"}`) before opening, or use an HTTP-only client such as `requests` or `httpx`. Calls whose URL is written in the code with an `http:`/`https:` scheme are not reported.',
    exempt: (call, name, context) => URL_TAKING.has(name) && hasWebScheme(argument(call, 0, 'url'), context),
  },
  {
    banditId: 'B311',
    banditName: 'random',
    title: 'Standard pseudo-random generator used',
    qualnames: [
      'random.Random',
      'random.random',
      'random.randrange',
      'random.randint',
      'random.choice',
      'random.choices',
      'random.uniform',
      'random.triangular',
    ],
    message: 'Standard pseudo-random generators are not suitable for security/cryptographic purposes.',
    severity: 'low',
    cwe: 330,
    help: 'The `random` module is a Mersenne Twister: its output can be predicted from a few observed values. For tokens, passwords, keys and nonces use `secrets` (`secrets.token_urlsafe()`, `secrets.choice()`) or `random.SystemRandom`.',
  },
  {
    banditId: 'B312',
    banditName: 'telnetlib',
    title: 'Telnet call',
    qualnames: ['telnetlib.*'],
    message: 'Telnet-related functions are being called. Telnet is considered insecure. Use SSH or some other encrypted protocol.',
    severity: 'high',
    cwe: 319,
    help: 'Telnet sends everything, credentials included, in clear text. Use SSH (`paramiko`, `asyncssh`). `telnetlib` was also removed from the standard library in Python 3.13.',
  },
  {
    banditId: 'B313',
    banditName: 'xml_bad_cElementTree',
    title: 'XML parsing with xml.etree.cElementTree',
    qualnames: [
      'xml.etree.cElementTree.parse',
      'xml.etree.cElementTree.iterparse',
      'xml.etree.cElementTree.fromstring',
      'xml.etree.cElementTree.XMLParser',
    ],
    message: XML_MESSAGE,
    severity: 'medium',
    cwe: 20,
    help: XML_HELP,
  },
  {
    banditId: 'B314',
    banditName: 'xml_bad_ElementTree',
    title: 'XML parsing with xml.etree.ElementTree',
    qualnames: [
      'xml.etree.ElementTree.parse',
      'xml.etree.ElementTree.iterparse',
      'xml.etree.ElementTree.fromstring',
      'xml.etree.ElementTree.XMLParser',
    ],
    message: XML_MESSAGE,
    severity: 'medium',
    cwe: 20,
    help: XML_HELP,
  },
  {
    banditId: 'B315',
    banditName: 'xml_bad_expatreader',
    title: 'XML parsing with xml.sax.expatreader',
    qualnames: ['xml.sax.expatreader.create_parser'],
    message: XML_MESSAGE,
    severity: 'medium',
    cwe: 20,
    help: XML_HELP,
  },
  {
    banditId: 'B316',
    banditName: 'xml_bad_expatbuilder',
    title: 'XML parsing with xml.dom.expatbuilder',
    qualnames: ['xml.dom.expatbuilder.parse', 'xml.dom.expatbuilder.parseString'],
    message: XML_MESSAGE,
    severity: 'medium',
    cwe: 20,
    help: XML_HELP,
  },
  {
    banditId: 'B317',
    banditName: 'xml_bad_sax',
    title: 'XML parsing with xml.sax',
    qualnames: ['xml.sax.parse', 'xml.sax.parseString', 'xml.sax.make_parser'],
    message: XML_MESSAGE,
    severity: 'medium',
    cwe: 20,
    help: XML_HELP,
  },
  {
    banditId: 'B318',
    banditName: 'xml_bad_minidom',
    title: 'XML parsing with xml.dom.minidom',
    qualnames: ['xml.dom.minidom.parse', 'xml.dom.minidom.parseString'],
    message: XML_MESSAGE,
    severity: 'medium',
    cwe: 20,
    help: XML_HELP,
  },
  {
    banditId: 'B319',
    banditName: 'xml_bad_pulldom',
    title: 'XML parsing with xml.dom.pulldom',
    qualnames: ['xml.dom.pulldom.parse', 'xml.dom.pulldom.parseString'],
    message: XML_MESSAGE,
    severity: 'medium',
    cwe: 20,
    help: XML_HELP,
  },
  {
    banditId: 'B320',
    banditName: 'xml_bad_etree',
    title: 'XML parsing with lxml.etree',
    qualnames: [
      'lxml.etree.parse',
      'lxml.etree.fromstring',
      'lxml.etree.RestrictedElement',
      'lxml.etree.GlobalParserTLS',
      'lxml.etree.getDefaultParser',
      'lxml.etree.check_docinfo',
    ],
    message: 'Using {name} to parse untrusted XML data is known to be vulnerable to XML attacks. Replace {name} with its defusedxml equivalent function.',
    severity: 'medium',
    cwe: 20,
    help: '`lxml` resolves entities and can load external resources with its default parser. Parse untrusted XML with a parser configured with `resolve_entities=False, no_network=True`, or through `defusedxml.lxml`.',
  },
  {
    banditId: 'B321',
    banditName: 'ftplib',
    title: 'FTP call',
    qualnames: ['ftplib.*'],
    message: 'FTP-related functions are being called. FTP is considered insecure. Use SSH/SFTP/SCP or some other encrypted protocol.',
    severity: 'high',
    cwe: 319,
    help: 'FTP sends credentials and data in clear text. Use SFTP/SCP (`paramiko`), or at least FTPS (`ftplib.FTP_TLS` with `prot_p()`).',
  },
  {
    banditId: 'B323',
    banditName: 'unverified_context',
    title: 'Unverified SSL context',
    qualnames: ['ssl._create_unverified_context'],
    message:
      'By default, Python will create a secure, verified ssl context for use in such classes as HTTPSConnection. However, it still allows using an insecure context via the _create_unverified_context that reverts to the previous behavior that does not validate certificates or perform hostname checks.',
    severity: 'medium',
    cwe: 295,
    help: '`ssl._create_unverified_context()` checks neither the certificate nor the host name: anyone on the path can impersonate the server. Use `ssl.create_default_context()` (add a private CA with `cafile=` if needed).',
  },
];

/** ruleIdOf is the pipwarden rule id of a bandit check name: `python.` + kebab-case (`xml_bad_sax` → `python.xml-bad-sax`). */
export function ruleIdOf(banditName: string): string {
  return `python.${banditName.toLowerCase().replace(/_/g, '-')}`;
}

function matches(qualnames: readonly string[], name: string): boolean {
  return qualnames.some((q) => (q.endsWith('.*') ? name.startsWith(q.slice(0, -1)) && name.length > q.length - 1 : q === name));
}

/** blacklistCallRule makes the CodeRule of one table row (bandit: confidence high for every blacklist). */
export function blacklistCallRule(entry: BlacklistCall): CodeRule {
  const doc: RuleDoc = { id: ruleIdOf(entry.banditName), banditId: entry.banditId, name: entry.title, help: entry.help, cwe: entry.cwe };
  return {
    doc,
    severity: entry.severity,
    confidence: 'high',
    nodeTypes: ['call'],
    check(node, context) {
      const name = calledName(node, context);
      if (name === null || !matches(entry.qualnames, name)) return;
      if (entry.exempt?.(node, name, context)) return;
      context.report(node, { message: entry.message.replaceAll('{name}', name) });
    },
  };
}

/** BLACKLIST_CALL_RULES is one rule per row of BLACKLIST_CALLS, in bandit id order. */
export const BLACKLIST_CALL_RULES: readonly CodeRule[] = BLACKLIST_CALLS.map(blacklistCallRule);
