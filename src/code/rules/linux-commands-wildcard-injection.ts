/**
 * B609 linux_commands_wildcard_injection: `chown`, `chmod`, `tar` and `rsync` given a `*` through a
 * shell. The shell expands `*` to file names, and a file named `--reference=…`, `--checkpoint-action=…`
 * or `-e sh x.sh` becomes an option of the command.
 * https://bandit.readthedocs.io/en/latest/plugins/b609_linux_commands_wildcard_injection.html
 *
 * Semantics follow bandit 1.9 (bandit/plugins/injection_wildcard.py): a shell function (`os.system`,
 * `os.popen`…), or a subprocess function with the literal `shell=True`, whose command (a string literal,
 * or a list whose items are joined with spaces) contains one of `chown`, `chmod`, `tar`, `rsync` anywhere
 * (so `start` and `target` count, as in bandit) and a `*`. List items count as bandit reads them: a
 * string by its value, bytes by their literal, a variable by its name, a number or `True` by its text,
 * anything else as `None`.
 * High severity, medium confidence, CWE-155, reported at the `shell=` argument when there is one.
 *
 * Deliberate differences: a function counts only when its name's head was bound by an import, and the
 * subprocess functions' command may also be the `args=` keyword (as in B602).
 */
import type { Node } from 'web-tree-sitter';
import type { CodeRule } from '../types.js';
import { calledName } from '../imported-calls.js';
import { isBytesLiteral, keywordArgumentNode, namedChildrenOf, strValue, unparenthesized } from '../syntax.js';
import { commandArgument, isLiteralTrue } from './injection-support.js';
import { processKind } from './shell-injection-config.js';

const VULNERABLE_COMMANDS = ['chown', 'chmod', 'tar', 'rsync'];

/** argumentText is the command as bandit reads it: a string's value, or a list's items after spaces. */
function argumentText(command: Node): string {
  const node = unparenthesized(command);
  const text = strValue(node);
  if (text !== null) return text;
  if (node.type !== 'list') return '';
  let joined = '';
  for (const item of namedChildrenOf(node)) joined += ` ${itemText(unparenthesized(item))}`;
  return joined;
}

/** itemText is how bandit's `_get_literal_value` renders a list item, as Python's f-string would print it. */
function itemText(item: Node): string {
  const text = strValue(item);
  if (text !== null) return text;
  if (item.type === 'string' && isBytesLiteral(item)) return item.text; // Python prints b'…'
  switch (item.type) {
    case 'identifier':
    case 'integer':
    case 'float':
      return item.text;
    case 'true':
      return 'True';
    case 'false':
      return 'False';
    default:
      return 'None';
  }
}

/** linuxCommandsWildcardInjection flags `chmod`/`chown`/`tar`/`rsync` with `*` run through a shell (bandit B609). */
export const linuxCommandsWildcardInjection: CodeRule = {
  doc: {
    id: 'python.linux-commands-wildcard-injection',
    banditId: 'B609',
    name: 'Possible wildcard injection',
    help: 'When a shell expands `*` for `chown`, `chmod`, `tar` or `rsync`, every file name in the directory becomes an argument, and a file named like an option (`--reference=/etc/passwd`, `--checkpoint-action=exec=sh x.sh`) changes what the command does. Anyone who can create files there controls the command. List the files in Python (`pathlib.Path.glob`) and pass them after `--` without a shell, or use `os.chmod` / `shutil.chown` / `tarfile` directly.',
    cwe: 155,
  },
  severity: 'high',
  confidence: 'medium',
  nodeTypes: ['call'],
  check(node, context) {
    const name = calledName(node, context);
    const kind = processKind(name);
    const shell = keywordArgumentNode(node, 'shell');
    if (kind !== 'shell' && !(kind === 'subprocess' && isLiteralTrue(shell))) return;
    const command = commandArgument(node, kind);
    if (!command) return;
    const text = argumentText(command);
    if (!text.includes('*') || !VULNERABLE_COMMANDS.some((vulnerable) => text.includes(vulnerable))) return;
    context.report(shell ?? node, { message: `Possible wildcard injection in call: ${name ?? ''}` });
  },
};
