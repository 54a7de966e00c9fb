/**
 * PDM's `[tool.pdm]`: `dev-dependencies` (legacy, before PDM adopted PEP 735 `[dependency-groups]`:
 * one group per key, e.g. `test`, `lint`), `resolution.overrides` (versions forced on the resolver)
 * and `[[tool.pdm.source]]` (index options). Besides PEP 508 strings, dev-dependencies may hold pip-style
 * editable entries: `-e ./path`, `-e git+https://…#egg=name`, `-e file:///${PROJECT_ROOT}/sub#egg=name`,
 * `-e name @ file:///…`.
 * See https://pdm-project.org/en/latest/usage/dependency/ and
 * https://pdm-project.org/en/latest/usage/config/#override-the-resolved-package-versions
 */
import { isValidPackageName, sourceOfUrl } from '../pep508.js';
import { makeRequirement, requirementFromPep508 } from '../requirement.js';
import type { LineRange } from '../types.js';
import type { PyprojectContext } from './context.js';
import { readPdmSources } from './indexes.js';
import { readPep508Item, readPep508List, type ItemOutcome } from './pep508-list.js';
import { describeType, hasKey, isTable, tableAt, type TomlTable } from './values.js';

const PDM = ['tool', 'pdm'];

/** readPdm reads `[tool.pdm]` into the context. */
export function readPdm(ctx: PyprojectContext, pdm: TomlTable): void {
  readPdmSources(ctx, pdm);
  readDevDependencies(ctx, pdm);
  readOverrides(ctx, pdm);
}

function readDevDependencies(ctx: PyprojectContext, pdm: TomlTable): void {
  if (!hasKey(pdm, 'dev-dependencies')) return;
  const table = pdm['dev-dependencies'];
  if (!isTable(table)) {
    ctx.error(`[tool.pdm.dev-dependencies] must be a table, not ${describeType(table)}`, ctx.lineOf(PDM, ['dev-dependencies']));
    return;
  }
  const tablePath = [...PDM, 'dev-dependencies'];
  for (const [group, list] of Object.entries(table)) {
    readPep508List(ctx, {
      tablePath,
      key: [group],
      value: list,
      groups: [group],
      label: `[tool.pdm.dev-dependencies] ${group}`,
      readSpecial: (text, lines) => readEditable(text, lines, group),
    });
  }
}

/** readEditable reads a `-e` / `--editable` entry; undefined for plain PEP 508 strings. */
function readEditable(text: string, lines: LineRange, group: string): ItemOutcome | undefined {
  const match = /^\s*(?:-e|--editable)(?:\s+|=)(.*)$/.exec(text);
  if (!match) return undefined;
  const target = (match[1] ?? '').trim();
  if (target === '') return { error: 'editable entry without a path or URL' };
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*@/.test(target)) {
    const result = requirementFromPep508(target, { lines, groups: [group], editable: true });
    return result.ok ? { requirement: result.requirement } : { error: result.error };
  }
  // pip's convention: the package name is the `egg=` fragment of the URL.
  const egg = /[#&]egg=([^&\s]+)/.exec(target)?.[1]?.replace(/\[.*$/, '');
  if (egg === undefined) {
    return { skip: 'editable local project without a package name (no #egg=): it is installed from the repository itself' };
  }
  if (!isValidPackageName(egg)) return { error: `invalid package name "${egg}" in #egg=` };
  const url = target.replace(/#.*$/, '');
  return {
    requirement: makeRequirement({ name: egg, specifier: null, groups: [group], source: sourceOfUrl(url, true), lines }),
  };
}

/**
 * readOverrides: `[tool.pdm.resolution.overrides] name = "spec"` forces a version on the resolver
 * without adding a dependency, so each becomes a constraint-only requirement in group `override`.
 * The value is a specifier (`>=1.2`), a bare version (`1.2.3`, pinned) or a URL.
 */
function readOverrides(ctx: PyprojectContext, pdm: TomlTable): void {
  const overrides = tableAt(tableAt(pdm, 'resolution'), 'overrides');
  if (!overrides) return;
  const tablePath = [...PDM, 'resolution', 'overrides'];
  for (const [name, value] of Object.entries(overrides)) {
    const lines = ctx.linesOf(tablePath, [name]);
    const label = '[tool.pdm.resolution.overrides]';
    if (typeof value !== 'string') {
      ctx.error(`${label} ${name} must be a string, not ${describeType(value)}`, lines.start);
      continue;
    }
    const spec = value.trim();
    const text =
      spec === '' || spec === '*'
        ? name
        : /^[a-z][a-z0-9+.-]*:/i.test(spec)
          ? `${name} @ ${spec}`
          : /^\d/.test(spec)
            ? `${name}==${spec}`
            : `${name}${spec}`;
    const requirement = readPep508Item(ctx, text, lines, ['override'], label);
    if (requirement) requirement.constraintOnly = true;
  }
}
