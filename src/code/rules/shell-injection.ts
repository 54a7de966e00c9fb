/**
 * B602–B607: bandit's process-spawning family, each its own rule (so it can be skipped, selected and
 * silenced on its own) over the one function list in shell-injection-config.ts. Semantics follow bandit
 * 1.9's bandit/plugins/injection_shell.py (https://bandit.readthedocs.io/en/latest/plugins/index.html,
 * B602–B607); every finding is CWE-78.
 *
 * - B602 subprocess_popen_with_shell_equals_true: a subprocess function with a true `shell=` (as bandit's
 *   `has_shell` evaluates it: a variable counts as true) and a command. Low severity when the command is
 *   a `str` literal ("seems safe"), high otherwise (formatting, f-strings, variables, lists, bytes); high
 *   confidence. Reported at the `shell=` argument (bandit reports its line).
 * - B603 subprocess_without_shell_equals_true: a subprocess function without a true `shell=`: low, high.
 * - B604 any_other_function_with_shell_equals_true: any other call with a true `shell=` (custom wrappers,
 *   local functions named `Popen`): medium severity, low confidence, at the `shell=` argument.
 * - B605 start_process_with_a_shell: a shell function (`os.system`, `os.popen`, `subprocess.getoutput`…)
 *   with a command: low/high for a `str` literal ("seems safe"), high/high otherwise.
 * - B606 start_process_with_no_shell: an exec/spawn function: low severity, medium confidence.
 * - B607 start_process_with_partial_path: any listed function whose command is a `str` literal (or a
 *   list whose first item is one) that does not start with `/`, `\`, `.` or a drive letter (`C:`): low,
 *   high. The executable is then found through `PATH`.
 *
 * Deliberate differences from bandit: a function counts only when its name's head was bound by an import
 * (`subprocess.Popen(…)` with no `import subprocess` is someone's local object; it is B604 material if it
 * gets `shell=True`); the subprocess functions' command may also be the `args=` keyword (bandit reads
 * only positional arguments, so `subprocess.run(args=cmd, shell=True)` escaped B602 and B607); B607 does
 * not fail on an empty list. `# nosec` for B602/B603/B604 goes on the line of the `shell=` argument when
 * there is one (bandit also accepts any line of the call).
 */
import type { Node } from 'web-tree-sitter';
import type { CodeRule, RuleContext } from '../types.js';
import { calledName } from '../imported-calls.js';
import { keywordArgumentNode, namedChildrenOf, strValue, unparenthesized } from '../syntax.js';
import { commandArgument, isStrConstant, shellArgument } from './injection-support.js';
import { processKind, type ProcessKind } from './shell-injection-config.js';

const CWE_OS_COMMAND_INJECTION = 78;

const HELP_SHELL =
  'A command run through a shell is parsed by the shell: if any part of it comes from outside (a file name, a form field, an environment variable), quotes, `;`, `$(…)` and backticks in it run commands of the attacker\'s choosing. Pass the program and its arguments as a list without a shell (`subprocess.run(["ls", "-l", path])`); if a shell is truly needed, quote every value with `shlex.quote()`.';

function processCall(call: Node, context: RuleContext): { kind: ProcessKind | null; name: string | null } {
  const name = calledName(call, context);
  return { kind: processKind(name), name };
}

/**
 * reportCommand reports a command run through a shell as bandit does for B602 and B605: at low severity
 * when the command is a `str` constant (safe today, but the next change may format a value into it),
 * else at the rule's severity.
 */
function reportCommand(context: RuleContext, at: Node, command: Node, messages: { constant: string; computed: string }): void {
  if (isStrConstant(command)) context.report(at, { message: messages.constant, severity: 'low' });
  else context.report(at, { message: messages.computed });
}

/** subprocessPopenWithShellEqualsTrue flags subprocess calls with `shell=True` (bandit B602). */
export const subprocessPopenWithShellEqualsTrue: CodeRule = {
  doc: {
    id: 'python.subprocess-popen-with-shell-equals-true',
    banditId: 'B602',
    name: 'subprocess call with shell=True',
    help: `${HELP_SHELL} A constant command is reported with low severity: it is safe today, but the next change that formats a value into it is not.`,
    cwe: CWE_OS_COMMAND_INJECTION,
  },
  severity: 'high',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    if (!keywordArgumentNode(node, 'shell')) return;
    if (processCall(node, context).kind !== 'subprocess') return;
    const shell = shellArgument(node);
    if (!shell.truthy || !shell.keyword) return;
    const command = commandArgument(node, 'subprocess');
    if (!command) return;
    reportCommand(context, shell.keyword, command, {
      constant: 'subprocess call with shell=True seems safe, but may be changed in the future, consider rewriting without shell',
      computed: 'subprocess call with shell=True identified, security issue.',
    });
  },
};

/** subprocessWithoutShellEqualsTrue flags subprocess calls without a shell (bandit B603). */
export const subprocessWithoutShellEqualsTrue: CodeRule = {
  doc: {
    id: 'python.subprocess-without-shell-equals-true',
    banditId: 'B603',
    name: 'subprocess call without a shell',
    help: 'Starting a program without a shell is not open to shell injection, but the program and its arguments must still not be chosen by an attacker: check where each list item comes from, use absolute paths, and put `--` before user-supplied file names so they cannot be read as options.',
    cwe: CWE_OS_COMMAND_INJECTION,
  },
  severity: 'low',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    if (processCall(node, context).kind !== 'subprocess') return;
    const shell = shellArgument(node);
    if (shell.truthy) return;
    context.report(shell.keyword ?? node, { message: 'subprocess call - check for execution of untrusted input.' });
  },
};

/** anyOtherFunctionWithShellEqualsTrue flags other calls with `shell=True` (bandit B604). */
export const anyOtherFunctionWithShellEqualsTrue: CodeRule = {
  doc: {
    id: 'python.any-other-function-with-shell-equals-true',
    banditId: 'B604',
    name: 'Function call with shell=True',
    help: `A function that takes \`shell=True\` is usually a wrapper around subprocess that runs its command through a shell. ${HELP_SHELL}`,
    cwe: CWE_OS_COMMAND_INJECTION,
  },
  severity: 'medium',
  confidence: 'low',
  nodeTypes: ['call'],
  check(node, context) {
    if (!keywordArgumentNode(node, 'shell')) return;
    if (processCall(node, context).kind === 'subprocess') return;
    const shell = shellArgument(node);
    if (!shell.truthy || !shell.keyword) return;
    context.report(shell.keyword, { message: 'Function call with shell=True parameter identified, possible security issue.' });
  },
};

/** startProcessWithAShell flags `os.system`, `os.popen` and the other shell functions (bandit B605). */
export const startProcessWithAShell: CodeRule = {
  doc: {
    id: 'python.start-process-with-a-shell',
    banditId: 'B605',
    name: 'Starting a process with a shell',
    help: `\`os.system\`, \`os.popen\`, \`subprocess.getoutput\` and their kin always run their command through a shell. ${HELP_SHELL}`,
    cwe: CWE_OS_COMMAND_INJECTION,
  },
  severity: 'high',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    if (processCall(node, context).kind !== 'shell') return;
    const command = commandArgument(node, 'shell');
    if (!command) return;
    reportCommand(context, node, command, {
      constant: 'Starting a process with a shell: Seems safe, but may be changed in the future, consider rewriting without shell',
      computed: 'Starting a process with a shell, possible injection detected, security issue.',
    });
  },
};

/** startProcessWithNoShell flags the `os.exec*` / `os.spawn*` / `os.startfile` functions (bandit B606). */
export const startProcessWithNoShell: CodeRule = {
  doc: {
    id: 'python.start-process-with-no-shell',
    banditId: 'B606',
    name: 'Starting a process without a shell',
    help: 'The `os.exec*` and `os.spawn*` functions start a program without a shell, so they are not open to shell injection; this is reported so that every place that starts a program can be reviewed. Make sure the program path and arguments are not chosen from outside.',
    cwe: CWE_OS_COMMAND_INJECTION,
  },
  severity: 'low',
  confidence: 'medium',
  nodeTypes: ['call'],
  check(node, context) {
    if (processCall(node, context).kind !== 'no_shell') return;
    context.report(node, { message: 'Starting a process without a shell.' });
  },
};

/** FULL_PATH is bandit's `full_path_match`: a drive letter before `:`, or a leading `/`, `\` or `.`. */
const FULL_PATH = /^(?:[A-Za-z](?=:)|[\\/.])/;

/** startProcessWithPartialPath flags programs started by a bare name, found through PATH (bandit B607). */
export const startProcessWithPartialPath: CodeRule = {
  doc: {
    id: 'python.start-process-with-partial-path',
    banditId: 'B607',
    name: 'Starting a process with a partial executable path',
    help: 'A program named without a path (`"git"`, `["ls", "-l"]`) is looked up in the `PATH` environment variable: whoever controls `PATH` or a directory early in it chooses which program runs, with this process\'s privileges. Use the absolute path (`/usr/bin/git`, or `shutil.which("git")` resolved once at start-up and checked).',
    cwe: CWE_OS_COMMAND_INJECTION,
  },
  severity: 'low',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    const { kind } = processCall(node, context);
    if (kind === null) return;
    let program = commandArgument(node, kind);
    if (!program) return;
    program = unparenthesized(program);
    if (program.type === 'list') program = namedChildrenOf(program)[0] ?? null;
    if (!program || !isStrConstant(program)) return;
    if (FULL_PATH.test(strValue(program) ?? '')) return;
    context.report(node, { message: 'Starting a process with a partial executable path' });
  },
};

/** SHELL_INJECTION_RULES are B602–B607, in bandit id order. */
export const SHELL_INJECTION_RULES: readonly CodeRule[] = [
  subprocessPopenWithShellEqualsTrue,
  subprocessWithoutShellEqualsTrue,
  anyOtherFunctionWithShellEqualsTrue,
  startProcessWithAShell,
  startProcessWithNoShell,
  startProcessWithPartialPath,
];
