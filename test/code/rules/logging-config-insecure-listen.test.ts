import { describe, expect, it } from 'vitest';
import { loggingConfigInsecureListen } from '../../../src/code/rules/logging-config-insecure-listen.js';
import { findingLines, scanWith } from '../helpers.js';

describe('B612 logging_config_insecure_listen', () => {
  it('flags logging.config.listen without verify, with bandit metadata', async () => {
    const source = 'import logging.config\n\nt = logging.config.listen(9999)\n';
    expect((await scanWith(loggingConfigInsecureListen, source)).findings).toEqual([
      {
        ruleId: 'python.logging-config-insecure-listen',
        banditId: 'B612',
        path: 'app/module.py',
        line: 3,
        column: 5,
        severity: 'medium',
        confidence: 'high',
        cwe: 94,
        message: 'Use of insecure logging.config.listen detected.',
      },
    ]);
  });

  it('resolves from-imports and aliases', async () => {
    const source = 'from logging import config as c\nfrom logging.config import listen as l\nc.listen()\nl(port)\n';
    expect(findingLines((await scanWith(loggingConfigInsecureListen, source)).findings, true)).toEqual(['3:B612', '4:B612']);
  });

  it('does not flag listen with verify, other listen functions, or unimported names', async () => {
    const source = 'import logging.config\nlogging.config.listen(9999, verify=check_signature)\nserver.listen(5)\nlogging.listen()\n';
    expect((await scanWith(loggingConfigInsecureListen, source)).findings).toEqual([]);
    expect((await scanWith(loggingConfigInsecureListen, 'logging.config.listen(9999)\n')).findings).toEqual([]);
  });

  it('honours # nosec', async () => {
    const { silenced } = await scanWith(loggingConfigInsecureListen, 'import logging.config\nlogging.config.listen()  # nosec\n');
    expect(silenced).toBe(1);
  });
});
