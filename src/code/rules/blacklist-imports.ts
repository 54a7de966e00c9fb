/**
 * B401–B415 blacklisted imports: one table, as upstream bandit 1.9 keeps it in
 * `bandit/blacklists/imports.py` (https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html),
 * turned into one CodeRule per bandit id. Each rule looks at `import m`, `from m import n` and the dynamic
 * imports bandit also blacklists: `__import__("m")`, `importlib.import_module("m")`.
 *
 * What bandit 1.9 lists: B401 telnetlib, B402 ftplib, B403 pickle/cPickle/dill/shelve, B404 subprocess,
 * B405–B410 the XML modules and lxml, B411 xmlrpc, B412 CGI handlers (httpoxy), B413 pycrypto's `Crypto.*`
 * packages, B415 pyghmi. B414 (pycryptodome) was removed upstream and is not reported. Severity is low
 * for B403–B410 and high for the others; confidence is always high.
 *
 * Deliberate differences from bandit:
 * - Modules match on dotted-name boundaries: bandit's `startswith` takes `import pickletools`,
 *   `import subprocess_tee` or `import lxml_stubs` for pickle, subprocess and lxml. Python 2's
 *   `xmlrpclib`, which bandit catches only through that prefix match, is listed under B411 explicitly.
 * - Relative imports (`from . import pickle`, `from .subprocess import run`) name the project's own
 *   modules: they are not reported (bandit reports them).
 * - Every blacklisted name of a statement is reported (`import pickle, subprocess` gives B403 and B404;
 *   bandit stops at the first), each at the statement, as bandit locates it, so `# nosec` on any line of
 *   the statement applies.
 * - `{name}` in the message is the full dotted name (`from pickle import loads` → `pickle.loads`); bandit
 *   puts only the imported name (`loads`).
 */
import type { Node } from 'web-tree-sitter';
import { calledName } from '../imported-calls.js';
import { argument, stringValue } from '../syntax.js';
import type { CodeRule, Level, RuleContext, RuleDoc } from '../types.js';
import { ruleIdOf } from './blacklist-calls.js';

/** BlacklistImport is one row of the table: a bandit blacklist id and the modules it names. */
export interface BlacklistImport {
  banditId: string;
  /** bandit's name for the check (`import_pickle`); the rule id is `python.` + its kebab-case. */
  banditName: string;
  title: string;
  /** Dotted module (or object) names: a name matches itself and everything below it. */
  modules: readonly string[];
  /** bandit's message; `{name}` is the dotted name imported. */
  message: string;
  severity: Level;
  cwe: number;
  help: string;
}

const XML_MESSAGE =
  'Using {name} to parse untrusted XML data is known to be vulnerable to XML attacks. Replace {name} with the equivalent defusedxml package, or make sure defusedxml.defuse_stdlib() is called.';

const XML_HELP =
  'The standard library XML parsers expand entities and follow external references: a crafted document can exhaust memory or read local files (XXE). Import the `defusedxml` equivalent (`defusedxml.ElementTree`, `defusedxml.sax`, `defusedxml.minidom`, …) for untrusted XML, or call `defusedxml.defuse_stdlib()` at start-up. This is low severity on its own: the parse calls are reported separately (B313–B320).';

/** BLACKLIST_IMPORTS is bandit 1.9's import blacklist, B401–B415 (B414 was removed upstream). */
export const BLACKLIST_IMPORTS: readonly BlacklistImport[] = [
  {
    banditId: 'B401',
    banditName: 'import_telnetlib',
    title: 'Import of telnetlib',
    modules: ['telnetlib'],
    message: 'A telnet-related module is being imported.  Telnet is considered insecure. Use SSH or some other encrypted protocol.',
    severity: 'high',
    cwe: 319,
    help: 'Telnet sends everything, credentials included, in clear text. Use SSH (`paramiko`, `asyncssh`). `telnetlib` was removed from the standard library in Python 3.13.',
  },
  {
    banditId: 'B402',
    banditName: 'import_ftplib',
    title: 'Import of ftplib',
    modules: ['ftplib'],
    message: 'A FTP-related module is being imported.  FTP is considered insecure. Use SSH/SFTP/SCP or some other encrypted protocol.',
    severity: 'high',
    cwe: 319,
    help: 'FTP sends credentials and data in clear text. Use SFTP/SCP (`paramiko`), or at least FTPS (`ftplib.FTP_TLS` with `prot_p()`).',
  },
  {
    banditId: 'B403',
    banditName: 'import_pickle',
    title: 'Import of pickle or a pickle-based module',
    modules: ['pickle', 'cPickle', 'dill', 'shelve'],
    message: 'Consider possible security implications associated with {name} module.',
    severity: 'low',
    cwe: 502,
    help: 'Unpickling runs code chosen by whoever wrote the data. Make sure `pickle`, `dill` and `shelve` only ever read data this program wrote itself; use JSON or another data-only format for anything from outside. The load calls are reported separately (B301).',
  },
  {
    banditId: 'B404',
    banditName: 'import_subprocess',
    title: 'Import of subprocess',
    modules: ['subprocess'],
    message: 'Consider possible security implications associated with the subprocess module.',
    severity: 'low',
    cwe: 78,
    help: 'Running programs is a classic injection point. Pass arguments as a list (never `shell=True` with outside input), use absolute program paths, and validate every argument that comes from outside. The risky calls themselves are reported by the B6xx rules.',
  },
  {
    banditId: 'B405',
    banditName: 'import_xml_etree',
    title: 'Import of xml.etree',
    modules: ['xml.etree.cElementTree', 'xml.etree.ElementTree'],
    message: XML_MESSAGE,
    severity: 'low',
    cwe: 20,
    help: XML_HELP,
  },
  {
    banditId: 'B406',
    banditName: 'import_xml_sax',
    title: 'Import of xml.sax',
    modules: ['xml.sax'],
    message: XML_MESSAGE,
    severity: 'low',
    cwe: 20,
    help: XML_HELP,
  },
  {
    banditId: 'B407',
    banditName: 'import_xml_expat',
    title: 'Import of xml.dom.expatbuilder',
    modules: ['xml.dom.expatbuilder'],
    message: XML_MESSAGE,
    severity: 'low',
    cwe: 20,
    help: XML_HELP,
  },
  {
    banditId: 'B408',
    banditName: 'import_xml_minidom',
    title: 'Import of xml.dom.minidom',
    modules: ['xml.dom.minidom'],
    message: XML_MESSAGE,
    severity: 'low',
    cwe: 20,
    help: XML_HELP,
  },
  {
    banditId: 'B409',
    banditName: 'import_xml_pulldom',
    title: 'Import of xml.dom.pulldom',
    modules: ['xml.dom.pulldom'],
    message: XML_MESSAGE,
    severity: 'low',
    cwe: 20,
    help: XML_HELP,
  },
  {
    banditId: 'B410',
    banditName: 'import_lxml',
    title: 'Import of lxml',
    modules: ['lxml'],
    message: 'Using {name} to parse untrusted XML data is known to be vulnerable to XML attacks. Replace {name} with the equivalent defusedxml package.',
    severity: 'low',
    cwe: 20,
    help: '`lxml` resolves entities and can load external resources with its default parser. Parse untrusted XML with a parser configured with `resolve_entities=False, no_network=True`, or through `defusedxml.lxml`.',
  },
  {
    banditId: 'B411',
    banditName: 'import_xmlrpclib',
    title: 'Import of xmlrpc',
    modules: ['xmlrpc', 'xmlrpclib'],
    message:
      'Using {name} to parse untrusted XML data is known to be vulnerable to XML attacks. Use defusedxml.xmlrpc.monkey_patch() function to monkey-patch xmlrpclib and mitigate XML vulnerabilities.',
    severity: 'high',
    cwe: 20,
    help: 'XML-RPC parses XML that arrives over the network, so the XML attacks (entity expansion, external entities) are remote. Call `defusedxml.xmlrpc.monkey_patch()` before using `xmlrpc`, or move to a JSON-based API.',
  },
  {
    banditId: 'B412',
    banditName: 'import_httpoxy',
    title: 'Import of a CGI handler (httpoxy)',
    modules: ['wsgiref.handlers.CGIHandler', 'twisted.web.twcgi.CGIScript', 'twisted.web.twcgi.CGIDirectory'],
    message: 'Consider possible security implications associated with {name} module.',
    severity: 'high',
    cwe: 284,
    help: 'httpoxy (https://httpoxy.org/): under CGI, a request\'s `Proxy:` header becomes the `HTTP_PROXY` environment variable, and HTTP clients in the handler send their outgoing requests through the attacker\'s proxy. Avoid CGI; serve the application with a WSGI/ASGI server.',
  },
  {
    banditId: 'B413',
    banditName: 'import_pycrypto',
    title: 'Import of pycrypto',
    modules: ['Crypto.Cipher', 'Crypto.Hash', 'Crypto.IO', 'Crypto.Protocol', 'Crypto.PublicKey', 'Crypto.Random', 'Crypto.Signature', 'Crypto.Util'],
    message: 'The pyCrypto library and its module {name} are no longer actively maintained and have been deprecated. Consider using pyca/cryptography library.',
    severity: 'high',
    cwe: 327,
    help: 'pycrypto is unmaintained and has a publicly disclosed buffer overflow (https://github.com/dlitz/pycrypto/issues/176). Use `cryptography` (pyca). If the `Crypto` package actually comes from pycryptodome, which installs under the same name, prefer its `Cryptodome` namespace or move to `cryptography`.',
  },
  {
    banditId: 'B415',
    banditName: 'import_pyghmi',
    title: 'Import of pyghmi (IPMI)',
    modules: ['pyghmi'],
    message: 'An IPMI-related module is being imported. IPMI is considered insecure. Use an encrypted protocol.',
    severity: 'high',
    cwe: 319,
    help: 'IPMI has weak authentication (password hashes can be retrieved by anyone who can reach the interface) and is often used unencrypted. Keep BMCs on an isolated network and prefer Redfish over HTTPS.',
  },
];

/** importedNames is every dotted name an import statement loads (`from a import b` → `a.b`); none for relative imports. */
export function importedNames(statement: Node): string[] {
  const names: string[] = [];
  const clean = (text: string): string => text.replace(/\s+/g, '');
  if (statement.type === 'import_statement') {
    for (const child of statement.childrenForFieldName('name')) {
      if (child?.type === 'dotted_name') names.push(clean(child.text));
      else if (child?.type === 'aliased_import') {
        const name = child.childForFieldName('name');
        if (name) names.push(clean(name.text));
      }
    }
    return names;
  }
  if (statement.type !== 'import_from_statement') return names;
  const moduleNode = statement.childForFieldName('module_name');
  if (!moduleNode || moduleNode.type !== 'dotted_name') return names;
  const module = clean(moduleNode.text);
  for (const child of statement.childrenForFieldName('name')) {
    if (child?.type === 'dotted_name') names.push(`${module}.${clean(child.text)}`);
    else if (child?.type === 'aliased_import') {
      const name = child.childForFieldName('name');
      if (name) names.push(`${module}.${clean(name.text)}`);
    }
  }
  if (statement.namedChildren.some((n) => n?.type === 'wildcard_import')) names.push(`${module}.*`);
  return names;
}

/**
 * dynamicImportName is the module a call imports when it is `__import__("m")`, `importlib.import_module("m")`
 * or `importlib.__import__("m")` with a constant name (bandit blacklists those calls as it does `import m`).
 * Null for any other call, or a name computed at run time.
 */
export function dynamicImportName(call: Node, context: RuleContext): string | null {
  const name = calledName(call, context);
  if (name !== '__import__' && name !== 'importlib.import_module' && name !== 'importlib.__import__') return null;
  if (name === '__import__' && context.imports.has('__import__')) return null;
  const module = argument(call, 0, 'name');
  return module ? stringValue(module) : null;
}

function matches(modules: readonly string[], name: string): boolean {
  return modules.some((m) => name === m || name.startsWith(`${m}.`));
}

/** blacklistImportRule makes the CodeRule of one table row. */
export function blacklistImportRule(entry: BlacklistImport): CodeRule {
  const doc: RuleDoc = { id: ruleIdOf(entry.banditName), banditId: entry.banditId, name: entry.title, help: entry.help, cwe: entry.cwe };
  const message = (name: string): string => entry.message.replaceAll('{name}', name);
  return {
    doc,
    severity: entry.severity,
    confidence: 'high',
    nodeTypes: ['import_statement', 'import_from_statement', 'call'],
    check(node: Node, context: RuleContext) {
      if (node.type === 'call') {
        const name = dynamicImportName(node, context);
        if (name !== null && matches(entry.modules, name)) context.report(node, { message: message(name) });
        return;
      }
      const seen = new Set<string>();
      for (const name of importedNames(node)) {
        if (seen.has(name) || !matches(entry.modules, name)) continue;
        seen.add(name);
        // `from m import *` is reported under the module's own name.
        context.report(node, { message: message(name.endsWith('.*') ? name.slice(0, -2) : name) });
      }
    },
  };
}

/** BLACKLIST_IMPORT_RULES is one rule per row of BLACKLIST_IMPORTS, in bandit id order. */
export const BLACKLIST_IMPORT_RULES: readonly CodeRule[] = BLACKLIST_IMPORTS.map(blacklistImportRule);
