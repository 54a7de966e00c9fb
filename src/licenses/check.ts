/**
 * checkLicenses is the license stage of the audit: look up each dependency's metadata, read its license
 * as SPDX, categorise it, and judge it against the repository's policy. Packages that could not be
 * looked up are listed as `unknown` with why in `declared`, never guessed, and are not judged: the
 * report says what was not checked instead of inventing violations.
 */
import type { Dependency } from '../manifests/inventory.js';
import type { Problem } from '../manifests/types.js';
import type { PackageRegistry } from '../registry/types.js';
import type { LicenseEntry } from '../report/types.js';
import { DEFAULT_LICENSE_CONFIG, type LicenseConfig } from './config.js';
import { fetchLicenseMetadata, type LicenseLookup, type LicenseMetadata } from './fetch.js';
import { normalizeLicense } from './normalize.js';
import { evaluateLicense, resolveLicensePolicy, type LicenseToJudge, type LicenseVerdict, type ResolvedLicensePolicy } from './policy.js';
import { projectUrlOf } from './project-url.js';
import { viaIndex, type ViaIndex } from './via.js';

/** NOT_CHECKED_PREFIX starts the `declared` of every entry whose metadata could not be looked up. */
export const NOT_CHECKED_PREFIX = 'not checked';

/** CheckedLicenseEntry is a report `licenses` item with the extra fields the license stage adds. */
export interface CheckedLicenseEntry extends LicenseEntry {
  /** For a dependency without an exact version: the release whose metadata was read (the latest). */
  checkedVersion?: string;
  /** The reason of the `licenses.exceptions` entry that clears this package. */
  exception?: string;
}

/** CheckLicensesInput is everything the license stage needs. */
export interface CheckLicensesInput {
  dependencies: readonly Dependency[];
  /** The package index; null offline (every entry is then `unknown`, "not checked (offline)"). */
  registry: PackageRegistry | null;
  /** The validated `licenses` section (default: every default). */
  config?: LicenseConfig;
  /** The project's own license as `projectLicense(pyprojectText)` returns it; decides `deniedCategories: auto`. */
  projectLicense?: string | null;
  /** Index requests at once (default 8). */
  concurrency?: number;
  /** Lookups to share between calls (see `fetchLicenseMetadata`). */
  cache?: Map<string, Promise<LicenseLookup>>;
}

/** checkLicenses lists every dependency's license and the policy's verdict; index failures are errors, not throws. */
export async function checkLicenses(input: CheckLicensesInput): Promise<{ licenses: CheckedLicenseEntry[]; errors: Problem[] }> {
  const config = input.config ?? DEFAULT_LICENSE_CONFIG;
  if (!config.enabled) return { licenses: [], errors: [] };
  const policy = resolveLicensePolicy(config, input.projectLicense ?? null);
  const lookups = await fetchLicenseMetadata(input.dependencies, input.registry, {
    ...(input.concurrency !== undefined ? { concurrency: input.concurrency } : {}),
    ...(input.cache ? { cache: input.cache } : {}),
  });
  const index = viaIndex(input.dependencies);
  const indexName = input.registry?.baseUrl ?? 'the package index';
  const errors: Problem[] = [];
  const licenses = lookups.map((lookup) => {
    if (lookup.error) errors.push(lookup.error);
    return licenseEntryOf(lookup, policy, index, indexName);
  });
  return { licenses, errors };
}

/** licenseEntryOf builds one report entry from a lookup: pure, so the audit can re-judge without IO. */
export function licenseEntryOf(lookup: LicenseMetadata, policy: ResolvedLicensePolicy, index: ViaIndex, indexName: string): CheckedLicenseEntry {
  const { dependency } = lookup;
  const base: CheckedLicenseEntry = { package: dependency.name, version: dependency.version, expression: null, category: 'unknown' };
  switch (lookup.status) {
    case 'offline':
      return { ...base, declared: `${NOT_CHECKED_PREFIX} (offline)` };
    case 'error':
      return { ...base, declared: `${NOT_CHECKED_PREFIX} (${indexName} did not answer)` };
    case 'not-registry':
      return { ...base, declared: `${NOT_CHECKED_PREFIX} (installed from a ${dependency.source?.type ?? 'non-index'} source)` };
    case 'not-found': {
      const what = dependency.version === null ? 'the project' : `version ${dependency.version}`;
      const declared = `not found on ${indexName}`;
      const verdict = judge(dependency, { expression: null, readings: [], unreadable: `${what} is not on ${indexName}` }, policy, index);
      return withVerdict({ ...base, declared }, verdict);
    }
    case 'found': {
      const metadata = lookup.metadata;
      if (!metadata) return base;
      const license = normalizeLicense(metadata);
      const entry: CheckedLicenseEntry = { ...base, expression: license.expression, category: license.category };
      if (license.declared) entry.declared = license.declared;
      const url = projectUrlOf(metadata);
      if (url) entry.url = url;
      if (lookup.latest && lookup.checkedVersion) entry.checkedVersion = lookup.checkedVersion;
      return withVerdict(entry, judge(dependency, license, policy, index));
    }
  }
}

function judge(dependency: Dependency, license: LicenseToJudge, policy: ResolvedLicensePolicy, index: ViaIndex): { verdict: LicenseVerdict; via: string[] } {
  const via = dependency.direct ? [] : index.via(dependency.name);
  return { verdict: evaluateLicense({ name: dependency.name, version: dependency.version }, license, policy, via), via };
}

function withVerdict(entry: CheckedLicenseEntry, { verdict, via }: { verdict: LicenseVerdict; via: string[] }): CheckedLicenseEntry {
  if (via.length > 0) entry.via = via;
  if (verdict.outcome === 'violation') entry.violation = verdict.violation;
  if (verdict.outcome === 'warning') entry.warning = verdict.warning;
  if (verdict.outcome === 'exception') entry.exception = verdict.reason;
  return entry;
}
