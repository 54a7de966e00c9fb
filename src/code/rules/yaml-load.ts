/**
 * B506 yaml_load: PyYAML's `yaml.load` with a full loader builds arbitrary Python objects from tags
 * such as `!!python/object/apply`, i.e. runs code chosen by whoever wrote the document.
 * https://bandit.readthedocs.io/en/latest/plugins/b506_yaml_load.html
 *
 * Semantics follow bandit 1.9: `yaml.load(...)` unless its loader (`Loader=` or the second positional
 * argument) is `SafeLoader` or `CSafeLoader` (by last name: `yaml.SafeLoader`, `yaml.CSafeLoader`);
 * medium severity, high confidence, CWE-20.
 *
 * Deliberate differences: `from yaml import load` is caught too (bandit needs `import yaml`), a local
 * object named `yaml` is not; `BaseLoader` / `CBaseLoader` also count as safe (they build only strings,
 * lists and dicts). `yaml.unsafe_load` and `yaml.load_all` are not this rule, as in bandit.
 */
import type { CodeRule } from '../types.js';
import { calledName } from '../imported-calls.js';
import { argument, terminalName } from '../syntax.js';

const SAFE_LOADERS: ReadonlySet<string> = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader']);

/** yamlLoad flags `yaml.load` without a safe loader (bandit B506). */
export const yamlLoad: CodeRule = {
  doc: {
    id: 'python.yaml-load',
    banditId: 'B506',
    name: 'Unsafe yaml.load',
    help: '`yaml.load` with `Loader`, `FullLoader` or `UnsafeLoader` can instantiate arbitrary Python objects described in the document, which means code execution for untrusted input. Use `yaml.safe_load()` (or `Loader=yaml.SafeLoader`).',
    cwe: 20,
  },
  severity: 'medium',
  confidence: 'high',
  nodeTypes: ['call'],
  check(node, context) {
    if (calledName(node, context) !== 'yaml.load') return;
    const loader = terminalName(argument(node, 1, 'Loader'));
    if (loader !== null && SAFE_LOADERS.has(loader)) return;
    context.report(node, { message: 'Use of unsafe yaml load. Allows instantiation of arbitrary objects. Consider yaml.safe_load().' });
  },
};
