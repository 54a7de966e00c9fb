/**
 * zod schemas of the payloads PyPI sends, written to accept what PyPI really sends: extra fields are
 * ignored, and fields PyPI sets to `null` (`project_urls`, `requires_dist`, `license_expression`,
 * `home_page`…) or leaves out on older releases are optional. A payload that fails these schemas is a
 * `RegistryError`, never a silent "no data".
 * - JSON API: https://docs.pypi.org/api/json/ (`GET /pypi/<project>/json`, `/pypi/<project>/<version>/json`)
 * - Simple API, JSON form: PEP 691, with PEP 700 (`versions`, `upload-time`), PEP 740 (`provenance`) and
 *   PEP 792 (`project-status`); https://packaging.python.org/en/latest/specifications/simple-repository-api/
 */
import { z } from 'zod';

const text = z.string().nullish();

/** jsonFileSchema is one file of a release in the JSON API (`releases[version][]`, `urls[]`). */
export const jsonFileSchema = z.object({
  filename: z.string(),
  packagetype: text,
  url: text,
  digests: z.record(z.string(), z.string().nullish()).nullish(),
  upload_time_iso_8601: text,
  /** The same time without a zone (UTC), on payloads that lack the ISO field. */
  upload_time: text,
  requires_python: text,
  yanked: z.boolean().nullish(),
  yanked_reason: text,
  /** Not documented for the JSON API; read when an index sends it (string URL or null), as in PEP 740. */
  provenance: text,
});

/** jsonInfoSchema is the core metadata of one version (`info`). */
export const jsonInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  summary: text,
  license_expression: text,
  license: text,
  classifiers: z.array(z.string()).nullish(),
  requires_python: text,
  requires_dist: z.array(z.string()).nullish(),
  project_urls: z.record(z.string(), z.string().nullish()).nullish(),
  home_page: text,
});

/** jsonProjectSchema is `GET /pypi/<project>/json`. `releases` is deprecated by PyPI, so it may go. */
export const jsonProjectSchema = z.object({
  info: jsonInfoSchema,
  releases: z.record(z.string(), z.array(jsonFileSchema)).nullish(),
  urls: z.array(jsonFileSchema).nullish(),
});

/** jsonReleaseSchema is `GET /pypi/<project>/<version>/json`: `info` and the release's files in `urls`. */
export const jsonReleaseSchema = z.object({
  info: jsonInfoSchema,
  urls: z.array(jsonFileSchema).nullish(),
});

/** simpleFileSchema is one file of a PEP 691 project page. */
export const simpleFileSchema = z.object({
  filename: z.string(),
  url: z.string(),
  hashes: z.record(z.string(), z.string()).nullish(),
  'requires-python': text,
  /** PEP 592 as carried by PEP 691: `false`, `true`, or the reason as a string (which means yanked). */
  yanked: z.union([z.boolean(), z.string()]).nullish(),
  /** PEP 700. */
  'upload-time': text,
  /** PEP 740: the URL of the file's provenance object, or null when it has none; absent on older indexes. */
  provenance: text,
});

/** simpleProjectSchema is `GET /simple/<project>/` with `Accept: application/vnd.pypi.simple.v1+json`. */
export const simpleProjectSchema = z.object({
  meta: z.object({ 'api-version': z.string().nullish() }).nullish(),
  name: z.string(),
  files: z.array(simpleFileSchema),
  /** PEP 700 (API 1.1+). */
  versions: z.array(z.string()).nullish(),
  /** PEP 792 (API 1.4+): a key beside `meta`, with `status` and an optional free-text `reason`. */
  'project-status': z.object({ status: text, reason: text }).nullish(),
});

/** JsonFile is a parsed JSON API file. */
export type JsonFile = z.infer<typeof jsonFileSchema>;
/** JsonInfo is a parsed JSON API `info`. */
export type JsonInfo = z.infer<typeof jsonInfoSchema>;
/** JsonProject is a parsed `GET /pypi/<project>/json`. */
export type JsonProject = z.infer<typeof jsonProjectSchema>;
/** JsonRelease is a parsed `GET /pypi/<project>/<version>/json`. */
export type JsonRelease = z.infer<typeof jsonReleaseSchema>;
/** SimpleFile is a parsed PEP 691 file. */
export type SimpleFile = z.infer<typeof simpleFileSchema>;
/** SimplePage is a parsed PEP 691 project page. */
export type SimplePage = z.infer<typeof simpleProjectSchema>;
