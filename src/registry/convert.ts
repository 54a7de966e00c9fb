/**
 * From checked payloads to the registry's own types: one vocabulary for the JSON API and the Simple API,
 * so checks need not know which one answered.
 */
import { compareValidVersions } from '../pep440/index.js';
import { packageTypeOfFilename, versionOfFilename } from './filenames.js';
import type { JsonFile, JsonInfo, JsonProject, SimpleFile, SimplePage } from './schema.js';
import type { DistributionFile, PackageMetadata, ProjectStatus, ReleaseInfo, SimpleProject } from './types.js';

const STATUSES: ReadonlySet<string> = new Set(['active', 'archived', 'quarantined', 'deprecated']);

/** metadataOfInfo turns the JSON API's `info` into PackageMetadata. */
export function metadataOfInfo(info: JsonInfo): PackageMetadata {
  const projectUrls: Record<string, string> = {};
  for (const [label, url] of Object.entries(info.project_urls ?? {})) if (url) projectUrls[label] = url;
  // `home_page` is the older Home-page field; PyPI sends "" when it is unset.
  if (info.home_page && !Object.keys(projectUrls).some((label) => label.toLowerCase() === 'homepage')) {
    projectUrls.Homepage = info.home_page;
  }
  return {
    name: info.name,
    version: info.version,
    summary: info.summary ?? null,
    licenseExpression: info.license_expression || null,
    license: info.license || null,
    classifiers: info.classifiers ?? [],
    requiresPython: info.requires_python || null,
    requiresDist: info.requires_dist ?? [],
    projectUrls,
  };
}

/** fileOfJson turns one JSON API file into a DistributionFile. */
export function fileOfJson(file: JsonFile): DistributionFile {
  const digests: Record<string, string> = {};
  for (const [algorithm, value] of Object.entries(file.digests ?? {})) if (value) digests[algorithm] = value;
  return {
    filename: file.filename,
    packageType: file.packagetype || packageTypeOfFilename(file.filename),
    url: file.url ?? '',
    digests,
    uploadTime: file.upload_time_iso_8601 ?? (file.upload_time ? `${file.upload_time}Z` : null),
    requiresPython: file.requires_python || null,
    yanked: file.yanked === true,
    yankedReason: file.yanked === true ? file.yanked_reason || null : null,
    hasProvenance: file.provenance === undefined ? null : file.provenance !== null,
  };
}

/** fileOfSimple turns one PEP 691 file into a DistributionFile. */
export function fileOfSimple(file: SimpleFile): DistributionFile {
  const yanked = file.yanked === true || (typeof file.yanked === 'string');
  return {
    filename: file.filename,
    packageType: packageTypeOfFilename(file.filename),
    url: file.url,
    digests: { ...(file.hashes ?? {}) },
    uploadTime: file['upload-time'] ?? null,
    requiresPython: file['requires-python'] || null,
    yanked,
    // PEP 691: a string `yanked` is the reason; an empty string means yanked without a reason.
    yankedReason: typeof file.yanked === 'string' && file.yanked !== '' ? file.yanked : null,
    hasProvenance: file.provenance === undefined ? null : file.provenance !== null,
  };
}

/** releaseOf builds a release from its files (PEP 592: a release is yanked when all its files are). */
export function releaseOf(version: string, files: DistributionFile[]): ReleaseInfo {
  const times = files.map((f) => f.uploadTime).filter((t): t is string => t !== null).sort(byTime);
  const yanked = files.length > 0 && files.every((f) => f.yanked);
  return {
    version,
    files,
    uploadTime: times[0] ?? null,
    yanked,
    yankedReason: yanked ? (files.find((f) => f.yankedReason)?.yankedReason ?? null) : null,
  };
}

/** releasesOfJson turns the JSON API's `releases` map into releases, in the payload's order. */
export function releasesOfJson(releases: NonNullable<JsonProject['releases']>): ReleaseInfo[] {
  return Object.entries(releases).map(([version, files]) => releaseOf(version, files.map(fileOfJson)));
}

/** simpleProjectOf turns a PEP 691 page into a SimpleProject, grouping files by their filename's version. */
export function simpleProjectOf(page: SimplePage, requestedName: string): SimpleProject {
  const byVersion = new Map<string, DistributionFile[]>();
  for (const version of page.versions ?? []) byVersion.set(version, []);
  for (const file of page.files) {
    const version = versionOfFilename(file.filename, page.name || requestedName);
    if (version === null) continue;
    const list = byVersion.get(version) ?? [];
    list.push(fileOfSimple(file));
    byVersion.set(version, list);
  }
  const apiVersion = page.meta?.['api-version'] ?? null;
  return {
    name: page.name,
    apiVersion,
    versions: page.versions ?? [],
    releases: [...byVersion.entries()].map(([version, files]) => releaseOf(version, files)),
    status: statusOf(page['project-status'], apiVersion),
  };
}

/**
 * statusOf reads PEP 792's `project-status`. Without one, an API 1.4+ page means `active` (the Project
 * Status Markers spec: a project with no status explicitly noted is active); a page older than 1.4 comes
 * from an index that predates PEP 792, so its status is unknown. An unknown status value is not guessed.
 */
function statusOf(value: SimplePage['project-status'], apiVersion: string | null): ProjectStatus | null {
  const status = value?.status?.toLowerCase();
  if (status && STATUSES.has(status)) return { status: status as ProjectStatus['status'], reason: value?.reason || null };
  if (status) return null;
  return apiVersion !== null && compareValidVersions(apiVersion, '1.4') >= 0 ? { status: 'active', reason: null } : null;
}

function byTime(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b) || (a < b ? -1 : a > b ? 1 : 0);
}
