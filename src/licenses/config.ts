/**
 * The `licenses` section of `.github/pipwarden.yml`: which dependency licenses the project accepts.
 * The lead mounts it as `licenses: licenseConfigSchema.prefault({})` so every key has its default.
 *
 * How the keys combine (see `policy.ts`): an exception clears a package whatever its license; then, for
 * each license of the expression, `deny` rejects it, `allow` accepts it, and otherwise its category is
 * checked against `deniedCategories`; a license pipwarden cannot categorise is handled by `unknown`.
 */
import spdxCorrect from 'spdx-correct';
import { z } from 'zod';
import type { LicenseCategory } from '../report/types.js';
import { isConjunction, parseSpdx } from './spdx.js';

/** DENIABLE_CATEGORIES are the categories `deniedCategories` may list (`unknown` has its own key). */
export const DENIABLE_CATEGORIES = [
  'public-domain',
  'permissive',
  'weak-copyleft',
  'strong-copyleft',
  'network-copyleft',
  'proprietary',
] as const satisfies readonly LicenseCategory[];

/** DeniableCategory is a category `deniedCategories` may list. */
export type DeniableCategory = (typeof DENIABLE_CATEGORIES)[number];

/**
 * spdxListEntry is one entry of `allow` or `deny`: one SPDX license id as the SPDX license list spells
 * it, optionally with `+` or `WITH <exception>`, or a `LicenseRef-…`. Not a compound expression.
 */
const spdxListEntry = z
  .string()
  .trim()
  .min(1)
  .superRefine((value, ctx) => {
    const problem = listEntryProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** listEntryProblem says what is wrong with an allow/deny entry, null when it is fine. */
function listEntryProblem(value: string): string | null {
  const node = parseSpdx(value);
  if (node && isConjunction(node)) return `"${value}" is an expression: list one license per entry`;
  if (node) return null;
  let suggestion: string | null = null;
  try {
    suggestion = spdxCorrect(value, { upgrade: true });
  } catch {
    suggestion = null;
  }
  return `"${value}" is not an SPDX license id${suggestion ? ` (did you mean ${suggestion}?)` : ''}; see https://spdx.org/licenses/`;
}

/** licenseExceptionSchema is one package the policy accepts whatever its license. */
export const licenseExceptionSchema = z.strictObject({
  /** The package (any spelling; compared by PEP 503 name). */
  package: z.string().trim().min(1),
  /** Why it is acceptable (legal review, a commercial license…): shown in reports. */
  reason: z.string().trim().min(1),
  /**
   * Only this version (PEP 440 equality): when the package is upgraded, its license is checked again.
   * Quote it in YAML ("1.10"), or YAML reads it as the number 1.1.
   */
  version: z.string({ error: 'version must be a quoted string, e.g. "1.10"' }).trim().min(1).optional(),
});

/** licenseConfigSchema is the `licenses` section. */
export const licenseConfigSchema = z
  .strictObject({
    /** Check dependency licenses at all (default true). */
    enabled: z.boolean().default(true),
    /**
     * SPDX ids always accepted, whatever their category (default: none), e.g. `[LGPL-2.1-or-later]`. A
     * range matches what it includes: allowing `GPL-3.0-only` accepts `GPL-2.0-or-later`, which may be
     * used under GPL-3.0. A license `WITH` an exception matches entries of its base license.
     */
    allow: z.array(spdxListEntry).default([]),
    /**
     * SPDX ids never accepted (default: none), e.g. `[AGPL-3.0-only, SSPL-1.0]`. Wins over `allow` and
     * over categories. A range is denied when it includes a denied license (`GPL-2.0-or-later` when
     * `GPL-3.0-only` is denied).
     */
    deny: z.array(spdxListEntry).default([]),
    /**
     * Categories denied unless `allow` lists the license (default `auto`): `auto` denies
     * strong-copyleft and network-copyleft when the project's own license (pyproject `[project]
     * license`) is permissive, public-domain, weak-copyleft, proprietary or absent, and nothing when it
     * is itself strong or network copyleft. A list replaces that choice, e.g. `[network-copyleft]` or
     * `[]` for none.
     */
    deniedCategories: z.union([z.literal('auto'), z.array(z.enum(DENIABLE_CATEGORIES))]).default('auto'),
    /**
     * What to do with a license pipwarden cannot read (none declared, "see LICENSE", an ambiguous
     * declaration that the policy would reject under one reading): `warn` (default) reports it, `deny`
     * makes it a violation.
     */
    unknown: z.enum(['warn', 'deny']).default('warn'),
    /** Packages accepted whatever their license, each with the reason (default: none). */
    exceptions: z.array(licenseExceptionSchema).default([]),
    /** Labels of the issues pipwarden opens for violations (default `[license-policy]`). */
    labels: z.array(z.string().trim().min(1)).default(['license-policy']),
  })
  .superRefine((config, ctx) => {
    const allowed = new Set(config.allow);
    for (const [index, id] of config.deny.entries()) {
      if (allowed.has(id)) ctx.addIssue({ code: 'custom', path: ['deny', index], message: `${id} is in both allow and deny` });
    }
  });

/** LicenseConfig is the validated `licenses` section with defaults filled in. */
export type LicenseConfig = z.infer<typeof licenseConfigSchema>;
/** LicenseException is one entry of `exceptions`. */
export type LicenseException = z.infer<typeof licenseExceptionSchema>;

/** DEFAULT_LICENSE_CONFIG is the section of a repository that says nothing about licenses. */
export const DEFAULT_LICENSE_CONFIG: LicenseConfig = licenseConfigSchema.parse({});
