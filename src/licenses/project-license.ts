/**
 * The project's own license, read from its pyproject.toml, decides which dependency licenses are a
 * problem by default: a GPL project may use GPL packages, an MIT one should not (see `policy.ts`).
 */
import { parse as parseToml } from 'smol-toml';
import type { LicenseCategory } from '../report/types.js';
import { categoryOfReadings } from './categories.js';
import { isLicenseClassifier } from './classifiers.js';
import { normalizeLicense } from './normalize.js';

/**
 * projectLicense is the license a pyproject.toml declares, as written; null when it declares none or
 * the file cannot be read. In order:
 * - `[project] license` as a string: a PEP 639 SPDX expression (or, in older files, free text);
 * - `[project] license = { text = "…" }` (PEP 621): the text;
 * - `[project] license = { file = "…" }` (PEP 621): the file is not read (this function is pure), so
 *   the classifiers decide;
 * - `[project] classifiers` `License :: …`: their SPDX expression, or the classifiers themselves
 *   (one per line) when they are ambiguous;
 * - `[tool.poetry] license` (Poetry 1.x, an SPDX id).
 */
export function projectLicense(pyprojectText: string): string | null {
  let document: unknown;
  try {
    document = parseToml(pyprojectText);
  } catch {
    return null;
  }
  const project = table(table(document)?.project);
  const license = project?.license;
  if (typeof license === 'string' && license.trim() !== '') return license.trim();
  const text = table(license)?.text;
  if (typeof text === 'string' && text.trim() !== '') return text.trim();
  const classifiers = Array.isArray(project?.classifiers)
    ? project.classifiers.filter((c): c is string => typeof c === 'string' && isLicenseClassifier(c))
    : [];
  if (classifiers.length > 0) {
    const normalized = normalizeLicense({ licenseExpression: null, license: null, classifiers });
    return normalized.expression ?? classifiers.join('\n');
  }
  const poetry = table(table(table(document)?.tool)?.poetry)?.license;
  if (typeof poetry === 'string' && poetry.trim() !== '') return poetry.trim();
  return null;
}

/**
 * projectLicenseCategory is the category of a project license as `projectLicense` returns it (an
 * expression, free text, or classifiers one per line); `unknown` when it cannot be read, null when
 * there is none.
 */
export function projectLicenseCategory(license: string | null): LicenseCategory | null {
  if (license === null || license.trim() === '') return null;
  const lines = license.split('\n').map((l) => l.trim()).filter(Boolean);
  const normalized = lines.length > 0 && lines.every(isLicenseClassifier)
    ? normalizeLicense({ licenseExpression: null, license: null, classifiers: lines })
    : normalizeLicense({ licenseExpression: license, license: null, classifiers: [] });
  return normalized.readings.length === 0 ? 'unknown' : categoryOfReadings(normalized.readings);
}

function table(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
