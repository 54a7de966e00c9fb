/**
 * PEP 518 `[build-system] requires`: the packages a build frontend installs to build the project. They
 * run on every build from source, so they are audited like any dependency, in group `build`.
 * See https://peps.python.org/pep-0518/
 */
import type { PyprojectContext } from './context.js';
import { readPep508List } from './pep508-list.js';
import { describeType, hasKey, isTable, type TomlTable } from './values.js';

/** readBuildSystem reads `[build-system] requires` into the context. */
export function readBuildSystem(ctx: PyprojectContext, doc: TomlTable): void {
  if (!hasKey(doc, 'build-system')) return;
  const table = doc['build-system'];
  if (!isTable(table)) {
    ctx.error(`[build-system] must be a table, not ${describeType(table)}`, ctx.lineOf([], ['build-system']));
    return;
  }
  if (!hasKey(table, 'requires')) return;
  readPep508List(ctx, {
    tablePath: ['build-system'],
    key: ['requires'],
    value: table.requires,
    groups: ['build'],
    label: '[build-system] requires',
  });
}
