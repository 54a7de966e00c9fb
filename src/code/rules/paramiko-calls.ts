/**
 * B601 paramiko_calls: Paramiko's `exec_command` runs its command in a shell on the remote host, so a
 * value formatted into it can inject commands there.
 * https://bandit.readthedocs.io/en/latest/plugins/b601_paramiko_calls.html
 *
 * Semantics follow bandit 1.9 (bandit/plugins/injection_paramiko.py): in a module that imports anything
 * whose name contains `paramiko`, any call of a function or method named `exec_command`
 * (`client.exec_command(cmd)`, `ssh.get_transport().open_session().exec_command(cmd)`). The receiver's type
 * is not known statically, so the import stands for it. Medium severity, medium confidence, CWE-78.
 */
import type { CodeRule } from '../types.js';
import { callFunctionName } from '../imported-calls.js';
import { isModuleImportedLike } from './injection-support.js';

/** paramikoCalls flags `exec_command` calls in modules that use Paramiko (bandit B601). */
export const paramikoCalls: CodeRule = {
  doc: {
    id: 'python.paramiko-calls',
    banditId: 'B601',
    name: 'Possible shell injection via Paramiko call',
    help: "`SSHClient.exec_command()` hands its command to the remote user's shell, so quotes, `;` and `$(…)` in any value formatted into it run commands on the remote host. Quote every value with `shlex.quote()` (for a POSIX shell), or avoid building commands from outside input.",
    cwe: 78,
  },
  severity: 'medium',
  confidence: 'medium',
  nodeTypes: ['call'],
  check(node, context) {
    if (callFunctionName(node, context) !== 'exec_command') return;
    if (!isModuleImportedLike(context, 'paramiko')) return;
    context.report(node, { message: 'Possible shell injection via Paramiko call, check inputs are properly sanitized.' });
  },
};
