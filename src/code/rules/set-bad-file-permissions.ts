/**
 * B103 set_bad_file_permissions: `chmod` with a mode that lets the group or everyone write or execute a
 * file. https://bandit.readthedocs.io/en/latest/plugins/b103_set_bad_file_permissions.html
 *
 * Semantics follow bandit 1.9: any call whose name contains `chmod` (`os.chmod`, `os.fchmod`,
 * `os.lchmod`, paramiko's `sftp.chmod`…) with a path and a mode; the mode is dangerous when it has any of
 * S_IWOTH, S_IWGRP, S_IXGRP, S_IXOTH; severity is high when others may write (S_IWOTH), medium
 * otherwise; confidence is high. The mode may be an integer literal or `stat` constants joined by `|`
 * (`stat.S_IRWXU | stat.S_IWOTH`), as bandit ≥ 1.9.5 reads them.
 *
 * Deliberate differences: `stat` constants resolve through imports (`from stat import S_IWOTH` works,
 * a local object called `stat` does not), and `mode=` / `path=` given by keyword are read too (bandit
 * reads positional arguments only). Modes computed at run time are not judged.
 */
import type { Node } from 'web-tree-sitter';
import type { CodeRule, RuleContext } from '../types.js';
import { callTarget, integerValue, keywordArgument, positionalArguments, strValue, terminalName, unparenthesized } from '../syntax.js';

/** The integer `stat.S_I*` constants (Linux values; the permission bits are the same everywhere). */
const STAT_CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['S_ISUID', 0o4000], ['S_ISGID', 0o2000], ['S_ISVTX', 0o1000],
  ['S_IRWXU', 0o700], ['S_IRUSR', 0o400], ['S_IWUSR', 0o200], ['S_IXUSR', 0o100],
  ['S_IREAD', 0o400], ['S_IWRITE', 0o200], ['S_IEXEC', 0o100],
  ['S_IRWXG', 0o70], ['S_IRGRP', 0o40], ['S_IWGRP', 0o20], ['S_IXGRP', 0o10],
  ['S_IRWXO', 0o7], ['S_IROTH', 0o4], ['S_IWOTH', 0o2], ['S_IXOTH', 0o1],
  ['S_IFSOCK', 0o140000], ['S_IFLNK', 0o120000], ['S_IFREG', 0o100000], ['S_IFBLK', 0o60000],
  ['S_IFDIR', 0o40000], ['S_IFCHR', 0o20000], ['S_IFIFO', 0o10000],
]);

const S_IWOTH = 0o2;
/** S_IWOTH | S_IWGRP | S_IXGRP | S_IXOTH: what bandit calls dangerous. */
const DANGEROUS = 0o33;

/** setBadFilePermissions flags chmod calls with group/world writable or executable modes (bandit B103). */
export const setBadFilePermissions: CodeRule = {
  doc: {
    id: 'python.set-bad-file-permissions',
    banditId: 'B103',
    name: 'Permissive file permissions set with chmod',
    help: 'A mode that lets the group or everyone write (or execute) a file lets other local users replace its content or run it. Grant only what the owner needs (`0o600` for data, `0o700` for executables) and widen deliberately, never with `0o777`.',
    cwe: 732,
  },
  severity: 'high',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    const name = terminalName(callTarget(node));
    if (!name?.includes('chmod')) return;
    const positional = positionalArguments(node);
    if (positional.length > 2) return;
    const modeNode = positional[1] ?? keywordArgument(node, 'mode');
    if (!modeNode) return;
    const mode = resolveMode(modeNode, context);
    if (mode === null || (mode & DANGEROUS) === 0) return;
    const pathNode = positional[0] ?? keywordArgument(node, 'path');
    context.report(node, {
      message: `Chmod setting a permissive mask 0o${mode.toString(8)} on file (${fileName(pathNode)}).`,
      severity: mode & S_IWOTH ? 'high' : 'medium',
    });
  },
};

/**
 * resolveMode evaluates an integer literal or `stat` constants joined by `|`. The operands are kept on
 * an explicit stack: a hostile `a | b | c …` chain nests as deep as it is long.
 */
function resolveMode(node: Node, context: RuleContext): number | null {
  let mode = 0;
  const pending: Node[] = [node];
  while (pending.length > 0) {
    const current = unparenthesized(pending.pop() as Node);
    if (current.type === 'binary_operator') {
      if (current.childForFieldName('operator')?.type !== '|') return null;
      const left = current.childForFieldName('left');
      const right = current.childForFieldName('right');
      if (!left || !right) return null;
      pending.push(left, right);
      continue;
    }
    const literal = integerValue(current);
    if (literal !== null) {
      mode |= literal;
      continue;
    }
    const qualified = current.type === 'attribute' || current.type === 'identifier' ? context.qualifiedName(current) : null;
    const constant = qualified?.startsWith('stat.') ? STAT_CONSTANTS.get(qualified.slice(5)) : undefined;
    // A bare `S_IWOTH` resolves to `stat.S_IWOTH` only when `from stat import …` bound it.
    if (constant === undefined) return null;
    mode |= constant;
  }
  return mode;
}

/** fileName is how bandit names the file: a string literal's value, a variable's name, else NOT PARSED. */
function fileName(node: Node | null): string {
  if (!node) return 'NOT PARSED';
  const text = strValue(node);
  if (text !== null) return text;
  const inner = unparenthesized(node);
  return inner.type === 'identifier' ? inner.text : 'NOT PARSED';
}
