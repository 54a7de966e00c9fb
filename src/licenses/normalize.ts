/**
 * normalizeLicense reads a release's license from its core metadata, in the order PEP 639 sets:
 * `License-Expression` (PyPI JSON `license_expression`) first, then the free-text `License` field, then
 * the deprecated `License ::` classifiers. The answer is SPDX; the raw text stays in `declared`.
 *
 * A source that is empty or a placeholder ("UNKNOWN", "see LICENSE") gives way to the next. A source
 * that is ambiguous ("BSD") gives way only to a later one that narrows it down (a `License` of "BSD"
 * with a "BSD-3-Clause" somewhere later): a later source that contradicts it is not believed.
 */
import type { PackageMetadata } from '../registry/types.js';
import { categoryOfReadings } from './categories.js';
import { isLicenseClassifier, readingsOfClassifier } from './classifiers.js';
import { interpretLicenseText, MAX_SHORT_TEXT } from './free-text.js';
import { combineReadings } from './readings.js';
import { normalizeSpdx } from './spdx.js';
import { recognizeLicenseText } from './texts.js';
import type { LicenseCategory } from '../report/types.js';

/** LicenseSource is the metadata field a license was read from. */
export type LicenseSource = 'license-expression' | 'license' | 'classifiers' | 'none';

/** NormalizedLicense is what a release's metadata says about its license, in SPDX. */
export interface NormalizedLicense {
  /** The SPDX expression when the declaration is exact; null when it is unknown or ambiguous. */
  expression: string | null;
  /**
   * Every SPDX expression the declaration can mean: one when exact, several when ambiguous (a bare
   * "BSD License" classifier: BSD-2-Clause, BSD-3-Clause or BSD-4-Clause), none when unknown.
   */
  readings: string[];
  /** The category of the expression; for an ambiguous declaration, the most restrictive reading's. */
  category: LicenseCategory;
  /** The raw text it was read from (long pasted texts shortened), absent when nothing was declared. */
  declared?: string;
  source: LicenseSource;
}

/** LicenseFields are the metadata fields that declare a license. */
export type LicenseFields = Pick<PackageMetadata, 'licenseExpression' | 'license' | 'classifiers'>;

/** MAX_DECLARED bounds the raw text kept in reports: a pasted GPL is 35 kB. */
export const MAX_DECLARED = 300;

/** normalizeLicense reads the license of one release's metadata. */
export function normalizeLicense(fields: LicenseFields): NormalizedLicense {
  const found: NormalizedLicense[] = [];
  const expression = fields.licenseExpression?.trim();
  if (expression) found.push(fromExpression(expression));
  const license = fields.license?.trim();
  if (license) found.push(fromText(license, 'license'));
  const classifiers = fields.classifiers.filter(isLicenseClassifier);
  if (classifiers.length > 0) found.push(fromClassifiers(classifiers));

  let chosen: NormalizedLicense | null = null;
  for (const candidate of found) {
    if (candidate.readings.length === 0) continue;
    if (chosen === null) chosen = candidate;
    else if (candidate.readings.length < chosen.readings.length && candidate.readings.every((r) => chosen?.readings.includes(r))) {
      chosen = candidate;
    }
    if (chosen.readings.length === 1) break;
  }
  if (chosen) return chosen;
  const first = found[0];
  return { expression: null, readings: [], category: 'unknown', source: first?.source ?? 'none', ...(first?.declared ? { declared: first.declared } : {}) };
}

/**
 * fromExpression reads PEP 639's `License-Expression`. PyPI validates it, but other indexes may not: an
 * invalid one is read as free text.
 */
function fromExpression(text: string): NormalizedLicense {
  const spdx = normalizeSpdx(text);
  if (spdx) return result([spdx], text, 'license-expression');
  return fromText(text, 'license-expression');
}

/** fromText reads the free-text field: a name ("MIT License") or a whole pasted license text. */
function fromText(text: string, source: LicenseSource): NormalizedLicense {
  const long = text.length > MAX_SHORT_TEXT || /[\r\n]/.test(text);
  const readings = long ? recognizeLicenseText(text) : interpretLicenseText(text);
  return result(readings, text, source);
}

/**
 * fromClassifiers reads the license classifiers. Several of them offer a choice (the user may take any
 * of them), so they join with OR; a classifier that names no license ("License :: OSI Approved", the
 * parent of the others) or one pipwarden does not know adds nothing to that choice and is left out.
 */
function fromClassifiers(classifiers: readonly string[]): NormalizedLicense {
  const parts = classifiers.map(readingsOfClassifier).filter((r): r is string[] => r !== null && r.length > 0);
  const readings = parts.length === 0 ? [] : (combineReadings(parts, parts.slice(1).map(() => 'OR' as const)) ?? []);
  return result(readings, classifiers.join('; '), 'classifiers');
}

function result(readings: string[], declared: string, source: LicenseSource): NormalizedLicense {
  const unique = [...new Set(readings)];
  return {
    expression: unique.length === 1 ? (unique[0] ?? null) : null,
    readings: unique,
    category: unique.length === 0 ? 'unknown' : categoryOfReadings(unique),
    declared: shorten(declared),
    source,
  };
}

/** shorten keeps the head of a long declaration and says it was cut. */
export function shorten(text: string, max = MAX_DECLARED): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max).trimEnd()}…`;
}
