/**
 * License compliance: SPDX normalisation of PyPI metadata, categories, the repository's policy, and
 * what the audit, the CLI's `pipwarden licenses` and the GitHub integration need from them.
 */
export { attributionRows, renderAttribution, renderAttributionCsv, renderAttributionJson, renderAttributionMarkdown, ATTRIBUTION_FORMATS, type AttributionFormat, type AttributionRow } from './attribution.js';
export { categoryOfExpression, categoryOfLicenseId, CATEGORY_LABELS, CATEGORY_ORDER } from './categories.js';
export { licenseChanges, type LicenseChange } from './changes.js';
export { checkLicenses, licenseEntryOf, NOT_CHECKED_PREFIX, type CheckedLicenseEntry, type CheckLicensesInput } from './check.js';
export { DEFAULT_LICENSE_CONFIG, licenseConfigSchema, type LicenseConfig, type LicenseException } from './config.js';
export { fetchLicenseMetadata, DEFAULT_LICENSE_CONCURRENCY, type LicenseLookup, type LicenseMetadata } from './fetch.js';
export { desiredLicenseIssues, reconcileLicenseIssues, licenseIssueMarker, type DesiredLicenseIssue, type ExistingLicenseIssue, type LicenseIssueAction } from './issues.js';
export { licensesMarkdownSection } from './markdown.js';
export { normalizeLicense, type NormalizedLicense } from './normalize.js';
export { evaluateLicense, projectLicense, resolveLicensePolicy, type LicenseVerdict, type ResolvedLicensePolicy } from './policy.js';
