/**
 * The license policy applied to one package. For each license of its expression: `deny` rejects it,
 * `allow` accepts it, otherwise its category must not be denied; a license without a category is
 * unknown. An `OR` passes when one branch passes (the user may choose it), an `AND` needs every part
 * (SPDX specification, annex D.4). A declaration with several readings ("BSD License") passes when
 * every reading does, violates when every reading does, and is otherwise unknown: pipwarden does not
 * guess which one the author meant. An exception clears a package whatever its license.
 */
import spdxSatisfies from 'spdx-satisfies';
import { normalizePackageName } from '../manifests/pep508.js';
import { versionsEqual } from '../pep440/index.js';
import type { LicenseCategory, LicenseViolation } from '../report/types.js';
import { CATEGORY_LABELS, categoryOfLeaf } from './categories.js';
import type { LicenseConfig, LicenseException } from './config.js';
import { projectLicenseCategory } from './project-license.js';
import { canonicalizeSpdx, formatLeaf, isConjunction, normalizeSpdx, parseSpdx, type SpdxLeaf, type SpdxNode } from './spdx.js';

export { projectLicense, projectLicenseCategory } from './project-license.js';

/** ResolvedLicensePolicy is the `licenses` section with `auto` decided for one project. */
export interface ResolvedLicensePolicy {
  /** Canonical SPDX ids (deprecated spellings upgraded). */
  allow: readonly string[];
  deny: readonly string[];
  deniedCategories: readonly LicenseCategory[];
  /** Why those categories are denied, for messages ("because this project's license, MIT, is permissive"). */
  categoriesReason: string;
  unknown: 'warn' | 'deny';
  exceptions: readonly LicenseException[];
}

/** The categories `auto` denies for a project whose license does not already oblige it to share. */
const COPYLEFT_CATEGORIES: readonly LicenseCategory[] = ['strong-copyleft', 'network-copyleft'];

/**
 * defaultDeniedCategories is what `deniedCategories: auto` means for a project license category: a
 * strong- or network-copyleft project (GPL, AGPL) already shares its whole work, so copyleft packages
 * are no problem; any other project (permissive, weak copyleft, proprietary, none declared, unreadable)
 * would have to take the package's license for the whole work, so strong and network copyleft are
 * denied. License compatibility between copyleft licenses (GPL-2.0-only with Apache-2.0) is not judged.
 */
export function defaultDeniedCategories(projectCategory: LicenseCategory | null): LicenseCategory[] {
  return projectCategory === 'strong-copyleft' || projectCategory === 'network-copyleft' ? [] : [...COPYLEFT_CATEGORIES];
}

/** resolveLicensePolicy decides `auto` from the project's own license (as `projectLicense` returns it). */
export function resolveLicensePolicy(config: LicenseConfig, projectLicense: string | null): ResolvedLicensePolicy {
  const canonical = (ids: readonly string[]): string[] => ids.map((id) => normalizeSpdx(id) ?? id);
  let deniedCategories: LicenseCategory[];
  let categoriesReason: string;
  if (config.deniedCategories === 'auto') {
    const category = projectLicenseCategory(projectLicense);
    deniedCategories = defaultDeniedCategories(category);
    const shown = projectLicense === null ? '' : projectLicense.split('\n')[0]?.slice(0, 80) ?? '';
    categoriesReason =
      category === null
        ? 'because this project declares no license of its own'
        : category === 'unknown'
          ? `because this project's own license ("${shown}") could not be read`
          : `because this project's own license, ${shown}, is ${CATEGORY_LABELS[category]}`;
  } else {
    deniedCategories = [...config.deniedCategories];
    categoriesReason = 'by licenses.deniedCategories';
  }
  return {
    allow: canonical(config.allow),
    deny: canonical(config.deny),
    deniedCategories,
    categoriesReason,
    unknown: config.unknown,
    exceptions: config.exceptions,
  };
}

/** PackageRef names the package version being judged. */
export interface PackageRef {
  name: string;
  version: string | null;
}

/** LicenseToJudge is what the policy needs of a normalised license. */
export interface LicenseToJudge {
  expression: string | null;
  readings: readonly string[];
  declared?: string;
  /** Why there is nothing to read, when that is not the package's fault ("not found on https://pypi.org"). */
  unreadable?: string;
}

/** LicenseVerdict is the policy's answer for one package. */
export type LicenseVerdict =
  | { outcome: 'pass' }
  | { outcome: 'exception'; reason: string }
  | { outcome: 'violation'; violation: LicenseViolation }
  | { outcome: 'warning'; warning: string };

/**
 * evaluateLicense judges one package version's license. `via` names the direct dependencies that bring
 * a transitive package in; messages say so.
 */
export function evaluateLicense(
  pkg: PackageRef,
  license: LicenseToJudge,
  policy: ResolvedLicensePolicy,
  via: readonly string[] = [],
): LicenseVerdict {
  const exception = findException(pkg, policy.exceptions);
  if (exception) return { outcome: 'exception', reason: exception.reason };
  const subject = pkg.version ? `${pkg.name} ${pkg.version}` : pkg.name;
  const suffix = viaSuffix(via) + exceptionHint(pkg, policy.exceptions);

  const judgements = license.readings.map((reading) => ({ reading, judgement: judgeReading(reading, policy) }));
  if (judgements.length > 0 && judgements.every((j) => j.judgement.kind === 'pass')) return { outcome: 'pass' };

  const failing = judgements.filter((j) => j.judgement.kind === 'deny' || j.judgement.kind === 'category');
  if (failing.length > 0 && failing.length === judgements.length) {
    const first = failing[0] as { reading: string; judgement: Judgement };
    // An ambiguous declaration every reading of which breaks the policy: name them all.
    const shown = judgements.length > 1 ? `${judgements.map((j) => j.reading).join(' or ')} (declared "${short(license.declared)}")` : first.reading;
    return { outcome: 'violation', violation: violationOf(subject, shown, first.judgement, policy, suffix) };
  }

  const message = `${unknownMessage(subject, license, judgements, policy)}${suffix}`;
  return policy.unknown === 'deny' ? { outcome: 'violation', violation: { rule: 'unknown', message } } : { outcome: 'warning', warning: message };
}

/** Judgement is the policy's answer for one expression, with the license that decided it. */
type Judgement =
  | { kind: 'pass' }
  | { kind: 'unknown'; license: string }
  | { kind: 'deny'; license: string; entry: string }
  | { kind: 'category'; license: string; category: LicenseCategory };

function judgeReading(reading: string, policy: ResolvedLicensePolicy): Judgement {
  const node = parseSpdx(reading);
  return node ? judgeNode(canonicalizeSpdx(node), policy) : { kind: 'unknown', license: reading };
}

function judgeNode(node: SpdxNode, policy: ResolvedLicensePolicy): Judgement {
  if (!isConjunction(node)) return judgeLeaf(node, policy);
  const left = judgeNode(node.left, policy);
  const right = judgeNode(node.right, policy);
  // OR: the best branch (the user may choose it); AND: the worst part (the user must take them all).
  if (node.conjunction === 'or') return rank(right) < rank(left) ? right : left;
  return rank(right) > rank(left) ? right : left;
}

function judgeLeaf(leaf: SpdxLeaf, policy: ResolvedLicensePolicy): Judgement {
  const license = formatLeaf(leaf);
  // A license WITH an exception is its base license with extra permissions: list entries of the base match.
  const forms = leaf.exception ? [license, formatLeaf({ license: leaf.license, ...(leaf.plus ? { plus: true } : {}) })] : [license];
  const denied = policy.deny.find((entry) => forms.some((form) => matches(form, entry)));
  if (denied) return { kind: 'deny', license, entry: denied };
  if (policy.allow.some((entry) => forms.some((form) => matches(form, entry)))) return { kind: 'pass' };
  const category = categoryOfLeaf(leaf);
  if (category === 'unknown') return { kind: 'unknown', license };
  if (policy.deniedCategories.includes(category)) return { kind: 'category', license, category };
  return { kind: 'pass' };
}

/** matches: a license matches a list entry when it is the entry or a range that includes it (spdx-satisfies). */
function matches(license: string, entry: string): boolean {
  if (license === entry) return true;
  try {
    return spdxSatisfies(license, [entry]);
  } catch {
    return false;
  }
}

function rank(judgement: Judgement): number {
  return judgement.kind === 'pass' ? 0 : judgement.kind === 'unknown' ? 1 : 2;
}

function violationOf(subject: string, expression: string, judgement: Judgement, policy: ResolvedLicensePolicy, suffix: string): LicenseViolation {
  const licensed = `${subject} is licensed ${expression}`;
  const which = judgement.kind !== 'pass' && judgement.license !== expression ? `; ${judgement.license} is` : ', which is';
  if (judgement.kind === 'deny') {
    const match = judgement.license === judgement.entry ? '' : ` (it includes ${judgement.entry})`;
    return {
      rule: `deny:${judgement.entry}`,
      message: `${licensed}${which} on the deny list${match}.${suffix}`,
    };
  }
  const category = judgement.kind === 'category' ? judgement.category : 'unknown';
  const label = CATEGORY_LABELS[category];
  return {
    rule: `category:${category}`,
    message: `${licensed}${which} ${article(label)} ${label} license, and ${label} licenses are denied ${policy.categoriesReason}.${suffix}`,
  };
}

function unknownMessage(
  subject: string,
  license: LicenseToJudge,
  judgements: ReadonlyArray<{ reading: string; judgement: Judgement }>,
  policy: ResolvedLicensePolicy,
): string {
  const check = ' Check its license by hand, then allow it (licenses.allow) or add an exception.';
  if (judgements.length === 0) {
    if (license.unreadable) return `The license of ${subject} could not be read: ${license.unreadable}.${check}`;
    return license.declared
      ? `${subject} declares its license as "${short(license.declared)}", which pipwarden cannot read as SPDX.${check}`
      : `${subject} declares no license.${check}`;
  }
  if (judgements.length === 1) {
    const only = judgements[0] as { reading: string; judgement: Judgement };
    const license = only.judgement.kind === 'unknown' ? only.judgement.license : only.reading;
    return `${subject} is licensed ${only.reading}; pipwarden has no category for ${license}.${check}`;
  }
  const bad = judgements.find((j) => j.judgement.kind === 'deny' || j.judgement.kind === 'category');
  const detail = bad
    ? ` Read as ${bad.reading}, it would break the policy: ${violationOf(subject, bad.reading, bad.judgement, policy, '').message}`
    : ' pipwarden has no category for some of them.';
  return `${subject} declares "${short(license.declared)}", which may mean ${judgements.map((j) => j.reading).join(', ')}.${detail}${check}`;
}

function findException(pkg: PackageRef, exceptions: readonly LicenseException[]): LicenseException | undefined {
  const name = normalizePackageName(pkg.name);
  return exceptions.find(
    (e) => normalizePackageName(e.package) === name && (e.version === undefined || (pkg.version !== null && versionsEqual(e.version, pkg.version))),
  );
}

/** exceptionHint says when an exception exists for another version of the package (it was upgraded). */
function exceptionHint(pkg: PackageRef, exceptions: readonly LicenseException[]): string {
  const name = normalizePackageName(pkg.name);
  const others = exceptions.filter((e) => normalizePackageName(e.package) === name && e.version !== undefined).map((e) => e.version);
  return others.length > 0 ? ` An exception covers version ${others.join(', ')} only.` : '';
}

function viaSuffix(via: readonly string[]): string {
  if (via.length === 0) return '';
  return ` It is not a direct dependency: ${via.join(', ')} ${via.length === 1 ? 'brings' : 'bring'} it in.`;
}

function short(text: string | undefined): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length <= 80 ? flat : `${flat.slice(0, 79)}…`;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
