/**
 * SPDX license expressions (SPDX specification, annex D "SPDX License Expressions"): parsing that never
 * throws, a canonical spelling, and the upgrade of deprecated GNU identifiers. The one place that calls
 * spdx-expression-parse.
 */
import parseExpression from 'spdx-expression-parse';
import deprecatedIds from 'spdx-license-ids/deprecated.json' with { type: 'json' };
import licenseIds from 'spdx-license-ids/index.json' with { type: 'json' };

/** SpdxLeaf is one license of an expression: an id, maybe `+` (or later), maybe `WITH` an exception. */
export interface SpdxLeaf {
  license: string;
  plus?: boolean;
  exception?: string;
}

/** SpdxConjunction is `left AND right` or `left OR right`. */
export interface SpdxConjunction {
  conjunction: 'and' | 'or';
  left: SpdxNode;
  right: SpdxNode;
}

/** SpdxNode is a parsed SPDX license expression. */
export type SpdxNode = SpdxLeaf | SpdxConjunction;

/**
 * MAX_EXPRESSION_LENGTH bounds what is handed to the recursive parser: a real expression is a few
 * licenses long, and a pasted megabyte must not cost a stack overflow per package.
 */
const MAX_EXPRESSION_LENGTH = 1000;

const CURRENT_IDS: ReadonlySet<string> = new Set(licenseIds);
const DEPRECATED_IDS: ReadonlySet<string> = new Set(deprecatedIds);

/**
 * DEPRECATED_GNU maps the GNU ids SPDX 3.0 deprecated to their successors: a bare `GPL-2.0` means
 * `GPL-2.0-only` and `GPL-2.0+` means `GPL-2.0-or-later` (SPDX license list, "deprecated identifiers");
 * the `-with-…-exception` forms became `WITH` expressions.
 */
const DEPRECATED_GNU: Readonly<Record<string, { id: string; exception?: string }>> = {
  'GPL-1.0': { id: 'GPL-1.0' },
  'GPL-2.0': { id: 'GPL-2.0' },
  'GPL-3.0': { id: 'GPL-3.0' },
  'LGPL-2.0': { id: 'LGPL-2.0' },
  'LGPL-2.1': { id: 'LGPL-2.1' },
  'LGPL-3.0': { id: 'LGPL-3.0' },
  'AGPL-1.0': { id: 'AGPL-1.0' },
  'AGPL-3.0': { id: 'AGPL-3.0' },
  'GFDL-1.1': { id: 'GFDL-1.1' },
  'GFDL-1.2': { id: 'GFDL-1.2' },
  'GFDL-1.3': { id: 'GFDL-1.3' },
  'GPL-2.0-with-GCC-exception': { id: 'GPL-2.0', exception: 'GCC-exception-2.0' },
  'GPL-2.0-with-autoconf-exception': { id: 'GPL-2.0', exception: 'Autoconf-exception-2.0' },
  'GPL-2.0-with-bison-exception': { id: 'GPL-2.0', exception: 'Bison-exception-2.2' },
  'GPL-2.0-with-classpath-exception': { id: 'GPL-2.0', exception: 'Classpath-exception-2.0' },
  'GPL-2.0-with-font-exception': { id: 'GPL-2.0', exception: 'Font-exception-2.0' },
  'GPL-3.0-with-GCC-exception': { id: 'GPL-3.0', exception: 'GCC-exception-3.1' },
  'GPL-3.0-with-autoconf-exception': { id: 'GPL-3.0', exception: 'Autoconf-exception-3.0' },
};

/** Deprecated BSD spellings SPDX folded into the plain ids. */
const DEPRECATED_ALIASES: Readonly<Record<string, string>> = {
  'BSD-2-Clause-FreeBSD': 'BSD-2-Clause',
  'BSD-2-Clause-NetBSD': 'BSD-2-Clause',
};

/** parseSpdx parses a license expression; null when it is not valid SPDX (it never throws). */
export function parseSpdx(text: string): SpdxNode | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > MAX_EXPRESSION_LENGTH) return null;
  try {
    return toNode(parseExpression(trimmed));
  } catch {
    // Invalid syntax, an unknown id, or a nesting deep enough to exhaust the stack.
    return null;
  }
}

function toNode(info: parseExpression.Info): SpdxNode {
  if ('conjunction' in info) return { conjunction: info.conjunction, left: toNode(info.left), right: toNode(info.right) };
  const leaf: SpdxLeaf = { license: info.license };
  if (info.plus) leaf.plus = true;
  if (info.exception) leaf.exception = info.exception;
  return leaf;
}

/** isConjunction tells a conjunction from a leaf. */
export function isConjunction(node: SpdxNode): node is SpdxConjunction {
  return 'conjunction' in node;
}

/**
 * formatSpdx spells an expression canonically: upper-case operators, and parentheses wherever an
 * operand mixes AND with OR, so a reader never has to remember that AND binds tighter.
 */
export function formatSpdx(node: SpdxNode): string {
  if (!isConjunction(node)) return formatLeaf(node);
  const operand = (child: SpdxNode): string =>
    isConjunction(child) && child.conjunction !== node.conjunction ? `(${formatSpdx(child)})` : formatSpdx(child);
  return `${operand(node.left)} ${node.conjunction.toUpperCase()} ${operand(node.right)}`;
}

/** formatLeaf spells one license: `GPL-2.0-or-later`, `Apache-2.0+`, `GPL-2.0-only WITH Classpath-exception-2.0`. */
export function formatLeaf(leaf: SpdxLeaf): string {
  return `${leaf.license}${leaf.plus ? '+' : ''}${leaf.exception ? ` WITH ${leaf.exception}` : ''}`;
}

/** leavesOf lists the licenses of an expression, left to right. */
export function leavesOf(node: SpdxNode): SpdxLeaf[] {
  const leaves: SpdxLeaf[] = [];
  const pending: SpdxNode[] = [node];
  while (pending.length > 0) {
    const current = pending.pop() as SpdxNode;
    if (isConjunction(current)) pending.push(current.right, current.left);
    else leaves.push(current);
  }
  return leaves;
}

/**
 * canonicalizeSpdx replaces deprecated ids by their successors (`GPL-3.0` → `GPL-3.0-only`, `GPL-2.0+`
 * → `GPL-2.0-or-later`, `GPL-2.0-with-classpath-exception` → `GPL-2.0-only WITH Classpath-exception-2.0`,
 * `BSD-2-Clause-FreeBSD` → `BSD-2-Clause`), so allow and deny lists written with current ids match.
 */
export function canonicalizeSpdx(node: SpdxNode): SpdxNode {
  if (isConjunction(node)) return { conjunction: node.conjunction, left: canonicalizeSpdx(node.left), right: canonicalizeSpdx(node.right) };
  const gnu = DEPRECATED_GNU[node.license];
  if (gnu) {
    const leaf: SpdxLeaf = { license: `${gnu.id}-${node.plus ? 'or-later' : 'only'}` };
    const exception = node.exception ?? gnu.exception;
    if (exception) leaf.exception = exception;
    return leaf;
  }
  const alias = DEPRECATED_ALIASES[node.license];
  return alias ? { ...node, license: alias } : node;
}

/** normalizeSpdx parses, canonicalises and re-spells an expression; null when it is not valid SPDX. */
export function normalizeSpdx(text: string): string | null {
  const node = parseSpdx(text);
  return node ? formatSpdx(canonicalizeSpdx(node)) : null;
}

/** isLicenseRef tells a user-defined reference (`LicenseRef-…`, `DocumentRef-…:LicenseRef-…`). */
export function isLicenseRef(id: string): boolean {
  return /^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(id);
}

/** isSpdxLicenseId tells an id of the SPDX license list, current or deprecated (exact case). */
export function isSpdxLicenseId(id: string): boolean {
  return CURRENT_IDS.has(id) || DEPRECATED_IDS.has(id);
}

/** isDeprecatedLicenseId tells an id the SPDX license list has deprecated. */
export function isDeprecatedLicenseId(id: string): boolean {
  return DEPRECATED_IDS.has(id);
}

/** SPDX_LICENSE_IDS is the current SPDX license list (spdx-license-ids). */
export const SPDX_LICENSE_IDS: readonly string[] = licenseIds;

/**
 * combineSpdx joins expressions with one operator (`OR` for "any of these", `AND` for "all of these"),
 * dropping duplicates; null when a part is not valid SPDX.
 */
export function combineSpdx(parts: readonly string[], operator: 'OR' | 'AND'): string | null {
  const unique = [...new Set(parts)];
  if (unique.length === 0) return null;
  if (unique.length === 1) return unique[0] ?? null;
  return normalizeSpdx(unique.map((p) => `(${p})`).join(` ${operator} `));
}
