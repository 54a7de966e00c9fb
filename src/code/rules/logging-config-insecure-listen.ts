/**
 * B612 logging_config_insecure_listen: `logging.config.listen()` opens a socket that accepts logging
 * configurations, and parts of a configuration are evaluated, so whoever can connect to the port can run
 * code in the process unless the bytes are checked with `verify=`.
 * https://bandit.readthedocs.io/en/latest/plugins/b612_logging_config_insecure_listen.html
 *
 * Semantics follow bandit 1.9 (bandit/plugins/logging_config_insecure_listen.py): a call of
 * `logging.config.listen` (through any import form: `import logging.config`, `from logging import config`,
 * `from logging.config import listen as l`) without a `verify` keyword. Medium severity, high confidence,
 * CWE-94. A `verify` hidden in `**kwargs` is not seen, as in bandit. Deliberate difference: the name's
 * head must be bound by an import.
 */
import type { CodeRule } from '../types.js';
import { keywordArgument } from '../syntax.js';
import { calledName } from '../imported-calls.js';

/** loggingConfigInsecureListen flags `logging.config.listen()` without `verify` (bandit B612). */
export const loggingConfigInsecureListen: CodeRule = {
  doc: {
    id: 'python.logging-config-insecure-listen',
    banditId: 'B612',
    name: 'Insecure use of logging.config.listen',
    help: '`logging.config.listen()` accepts new logging configurations over a socket, and a configuration can name arbitrary callables and evaluate expressions: any local user or process that reaches the port can run code as this process. Pass `verify=` a function that checks a signature (or decrypts) the received bytes, or do not listen at all.',
    cwe: 94,
  },
  severity: 'medium',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    if (calledName(node, context) !== 'logging.config.listen') return;
    if (keywordArgument(node, 'verify')) return;
    context.report(node, { message: 'Use of insecure logging.config.listen detected.' });
  },
};
