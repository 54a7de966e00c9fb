import { describe, expect, it } from 'vitest';
import { yamlLoad } from '../../../src/code/rules/yaml-load.js';
import { findingLines, scanWith } from '../helpers.js';

const scan = (source: string) => scanWith(yamlLoad, source);

describe('B506 yaml load', () => {
  it('flags yaml.load without a loader, with bandit metadata', async () => {
    expect((await scan("import yaml\nystr = yaml.dump({'a': 1})\ny = yaml.load(ystr)\n")).findings).toEqual([
      {
        ruleId: 'python.yaml-load',
        banditId: 'B506',
        path: 'app/module.py',
        line: 3,
        column: 5,
        severity: 'medium',
        confidence: 'high',
        cwe: 20,
        message: 'Use of unsafe yaml load. Allows instantiation of arbitrary objects. Consider yaml.safe_load().',
      },
    ]);
  });

  it('flags unsafe loaders, through aliases and from-imports', async () => {
    const source = 'import yaml as y\nfrom yaml import load, FullLoader\ny.load(s, Loader=y.FullLoader)\nload(s, FullLoader)\ny.load(s, Loader=y.UnsafeLoader)\n';
    expect(findingLines((await scan(source)).findings, true)).toEqual(['3:B506', '4:B506', '5:B506']);
  });

  it('does not flag safe loaders, safe_load, other modules or unimported names', async () => {
    const source = [
      'import yaml',
      'from yaml import CSafeLoader',
      'yaml.load(s, Loader=yaml.SafeLoader)',
      'yaml.load(s, CSafeLoader)',
      'yaml.load(s, Loader=yaml.BaseLoader)',
      'yaml.safe_load(s)',
      'json.load(f)',
      'pickle.load(f)',
      'ruamel.yaml.load(s)',
      'config.yaml.load(s)',
    ].join('\n');
    expect((await scan(source)).findings).toEqual([]);
    expect((await scan('yaml.load(s)\n')).findings).toEqual([]); // no import: a local object called yaml
  });

  it('honours # nosec', async () => {
    const { findings, silenced } = await scan('import yaml\nyaml.load(s)  # nosec B506\n');
    expect(findings).toEqual([]);
    expect(silenced).toBe(1);
  });
});
