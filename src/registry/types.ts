/**
 * PackageRegistry is how the pipeline learns about packages: PyPI's JSON API
 * (https://docs.pypi.org/api/json/) and Simple API (PEP 691 JSON, with PEP 700 upload times, PEP 740
 * provenance and PEP 792 project status). Implementations check every payload with a schema, cache, and
 * never throw for one missing package: a 404 is `null`; an unreachable index throws `RegistryError`.
 * Licenses, risks and remediation read it through this interface only, and tests replace it.
 */

/** DistributionFile is one file of a release (wheel or sdist). */
export interface DistributionFile {
  filename: string;
  /** `bdist_wheel`, `sdist`, … (PyPI `packagetype`). */
  packageType: string;
  url: string;
  /** Digests by algorithm (`sha256`, …). */
  digests: Record<string, string>;
  /** ISO 8601 upload time, null when the index does not say. */
  uploadTime: string | null;
  requiresPython: string | null;
  yanked: boolean;
  yankedReason: string | null;
  /** PEP 740: the index holds provenance (attestations) for this file. Null when the index does not say. */
  hasProvenance: boolean | null;
}

/** ReleaseInfo is one version of a project and its files. */
export interface ReleaseInfo {
  version: string;
  files: DistributionFile[];
  /** Earliest upload time among the files (ISO 8601), null without files. */
  uploadTime: string | null;
  /** A release is yanked when all its files are (PEP 592). */
  yanked: boolean;
  yankedReason: string | null;
}

/** PackageMetadata is the core metadata of one version (PyPI JSON `info`). */
export interface PackageMetadata {
  name: string;
  version: string;
  summary: string | null;
  /** PEP 639 `License-Expression`, when the release declares one. */
  licenseExpression: string | null;
  /** The free-text `License` field. */
  license: string | null;
  classifiers: string[];
  requiresPython: string | null;
  /** `Requires-Dist` lines as written (PEP 508 strings). */
  requiresDist: string[];
  /** `Project-URL`s by label (`Source`, `Changelog`, `Homepage`…), plus `home_page` as `Homepage`. */
  projectUrls: Record<string, string>;
}

/** ProjectStatus is PEP 792's project status (`active` when the index says nothing). */
export interface ProjectStatus {
  status: 'active' | 'archived' | 'quarantined' | 'deprecated';
  reason: string | null;
}

/** ProjectInfo is everything the index says about a project: the latest metadata and every release. */
export interface ProjectInfo {
  name: string;
  /** Metadata of the latest version (PyPI JSON `info`). */
  latest: PackageMetadata;
  /** Every release, in the index's order (not necessarily sorted). */
  releases: ReleaseInfo[];
  /** PEP 792 status where the index reports it, else null. */
  status: ProjectStatus | null;
}

/**
 * SimpleProject is a project's page of the Simple API in its JSON form (PEP 691), with the fields later
 * PEPs added: PEP 700 `versions` and `upload-time`, PEP 740 `provenance` per file, PEP 792
 * `project-status`. Files are grouped into releases by the version their filename carries.
 */
export interface SimpleProject {
  name: string;
  /** `meta.api-version` (e.g. `1.4`), null when the index does not say. */
  apiVersion: string | null;
  /** PEP 700: every version the index knows, files or not (empty when the index predates PEP 700). */
  versions: string[];
  /** Releases built from the files, each file's `hasProvenance` set from PEP 740 `provenance`. */
  releases: ReleaseInfo[];
  /**
   * PEP 792 status: the index's `project-status`; `active` when an API 1.4+ page says nothing; null
   * when the page predates PEP 792 (the status is then unknown, not active).
   */
  status: ProjectStatus | null;
}

/** PackageRegistry answers questions about packages on one index. */
export interface PackageRegistry {
  /** The index's base URL, for messages and cache keys. */
  readonly baseUrl: string;
  /** project is the project's metadata and releases; null when the index does not have it (404). */
  project(name: string): Promise<ProjectInfo | null>;
  /** release is the metadata of one exact version (PyPI `/pypi/<name>/<version>/json`); null when absent. */
  release(name: string, version: string): Promise<{ metadata: PackageMetadata; files: DistributionFile[] } | null>;
  /**
   * simpleProject is the project's Simple API page (PEP 691 JSON); null when absent (404). Optional:
   * only checks that need PEP 740 provenance or PEP 792 status call it, and fakes may leave it out.
   */
  simpleProject?(name: string): Promise<SimpleProject | null>;
}
