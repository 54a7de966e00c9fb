/**
 * The category of an SPDX expression: how the license obliges the project that uses the package.
 * `OR` lets the user choose, so it takes its most permissive branch; `AND` binds the user to every part,
 * so it takes its most restrictive one (SPDX specification, annex D.4 "Composite license expressions").
 */
import type { LicenseCategory } from '../report/types.js';
import { CATEGORY_PATTERNS, LICENSE_CATEGORIES, LINKING_EXCEPTIONS } from './category-table.js';
import { canonicalizeSpdx, isConjunction, isLicenseRef, isSpdxLicenseId, parseSpdx, type SpdxLeaf, type SpdxNode } from './spdx.js';

/**
 * CATEGORY_ORDER ranks categories from the least to the most restrictive. `unknown` comes last: an
 * unknown part of an `AND` makes the whole unknown, and an `OR` prefers any known branch.
 */
export const CATEGORY_ORDER: readonly LicenseCategory[] = [
  'public-domain',
  'permissive',
  'weak-copyleft',
  'strong-copyleft',
  'network-copyleft',
  'proprietary',
  'unknown',
];

/** CATEGORY_LABELS are the categories in words, for messages. */
export const CATEGORY_LABELS: Readonly<Record<LicenseCategory, string>> = {
  'public-domain': 'public-domain',
  permissive: 'permissive',
  'weak-copyleft': 'weak copyleft',
  'strong-copyleft': 'strong copyleft',
  'network-copyleft': 'network copyleft',
  proprietary: 'proprietary',
  unknown: 'unknown',
};

/** A `LicenseRef-` that by its name dedicates the work to the public domain (PEP 639 suggests `LicenseRef-Public-Domain`). */
const PUBLIC_DOMAIN_REF = /^LicenseRef-(Public-?Domain|PD)$/i;

/**
 * categoryOfLicenseId is the category of one SPDX id: the table, then the family patterns. A
 * `LicenseRef-…` is `proprietary` (a license of its own, which nobody has vetted), except
 * `LicenseRef-Public-Domain`. A valid SPDX id pipwarden has no category for is `unknown`, never guessed.
 */
export function categoryOfLicenseId(id: string): LicenseCategory {
  const listed = LICENSE_CATEGORIES[id];
  if (listed) return listed;
  if (isLicenseRef(id)) return PUBLIC_DOMAIN_REF.test(id) ? 'public-domain' : 'proprietary';
  if (!isSpdxLicenseId(id)) return 'unknown';
  for (const [pattern, category] of CATEGORY_PATTERNS) if (pattern.test(id)) return category;
  return 'unknown';
}

/**
 * categoryOfLeaf is the category of one license with its `+` and exception: deprecated ids are read
 * as their successors, and a linking exception turns a strong copyleft into a weak one.
 */
export function categoryOfLeaf(leaf: SpdxLeaf): LicenseCategory {
  const canonical = canonicalizeSpdx(leaf) as SpdxLeaf;
  const category = categoryOfLicenseId(canonical.license);
  if (category === 'strong-copyleft' && canonical.exception && LINKING_EXCEPTIONS.has(canonical.exception)) return 'weak-copyleft';
  return category;
}

/** categoryOfExpression is the category of an expression (text or parsed); `unknown` when it is not valid SPDX. */
export function categoryOfExpression(expression: string | SpdxNode): LicenseCategory {
  const node = typeof expression === 'string' ? parseSpdx(expression) : expression;
  return node ? categoryOfNode(node) : 'unknown';
}

function categoryOfNode(node: SpdxNode): LicenseCategory {
  if (!isConjunction(node)) return categoryOfLeaf(node);
  const left = categoryOfNode(node.left);
  const right = categoryOfNode(node.right);
  return node.conjunction === 'or' ? mostPermissive([left, right]) : mostRestrictive([left, right]);
}

/** mostPermissive is the least restrictive of some categories (`unknown` for none). */
export function mostPermissive(categories: readonly LicenseCategory[]): LicenseCategory {
  return categories.reduce<LicenseCategory>((best, c) => (rank(c) < rank(best) ? c : best), 'unknown');
}

/** mostRestrictive is the most restrictive of some categories (`unknown` for none). */
export function mostRestrictive(categories: readonly LicenseCategory[]): LicenseCategory {
  if (categories.length === 0) return 'unknown';
  return categories.reduce<LicenseCategory>((worst, c) => (rank(c) > rank(worst) ? c : worst), 'public-domain');
}

/**
 * categoryOfReadings is the category of a declaration that may mean several expressions (a bare
 * "BSD License" classifier): the most restrictive reading, since pipwarden cannot tell which is meant.
 * When every reading agrees (all BSD variants are permissive), that is the answer.
 */
export function categoryOfReadings(readings: readonly string[]): LicenseCategory {
  return mostRestrictive(readings.map((r) => categoryOfExpression(r)));
}

function rank(category: LicenseCategory): number {
  return CATEGORY_ORDER.indexOf(category);
}
