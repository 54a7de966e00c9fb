/**
 * B507 ssh_no_host_key_verification: paramiko's `AutoAddPolicy` and `WarningPolicy` accept any unknown
 * host key, so the first connection (or every one, for a fresh client) can go to an impostor.
 * https://bandit.readthedocs.io/en/latest/plugins/b507_ssh_no_host_key_verification.html
 *
 * Semantics follow bandit 1.9: in a module that imports anything paramiko, a
 * `.set_missing_host_key_policy(…)` call whose policy is `AutoAddPolicy` or `WarningPolicy`, as a class
 * (`paramiko.AutoAddPolicy`) or an instance (`AutoAddPolicy()`); high severity, medium confidence,
 * CWE-295. Deliberate difference: the policy given as `policy=` is read too.
 */
import type { CodeRule } from '../types.js';
import { argument, callTarget, terminalName, unparenthesized } from '../syntax.js';

const TRUSTING_POLICIES: ReadonlySet<string> = new Set(['AutoAddPolicy', 'WarningPolicy']);

/** sshNoHostKeyVerification flags paramiko clients set to trust unknown host keys (bandit B507). */
export const sshNoHostKeyVerification: CodeRule = {
  doc: {
    id: 'python.ssh-no-host-key-verification',
    banditId: 'B507',
    name: 'SSH without host key verification',
    help: 'Without host key verification an attacker on the network can impersonate the SSH server and capture credentials and data. Load known hosts (`client.load_system_host_keys()` or `load_host_keys(path)`) and keep the default `RejectPolicy`.',
    cwe: 295,
  },
  severity: 'high',
  confidence: 'medium',
  nodeTypes: ['call'],
  check(node, context) {
    if (terminalName(callTarget(node)) !== 'set_missing_host_key_policy') return;
    const policy = argument(node, 0, 'policy');
    if (!policy) return;
    const value = unparenthesized(policy);
    const name = terminalName(value.type === 'call' ? callTarget(value) : value);
    if (name === null || !TRUSTING_POLICIES.has(name)) return;
    if (![...context.imports.values()].some((module) => module.includes('paramiko'))) return;
    context.report(node, { message: 'Paramiko call with policy set to automatically trust the unknown host key.' });
  },
};
