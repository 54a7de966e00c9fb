/**
 * PypiRegistry is the PackageRegistry of PyPI, or of any index that serves PyPI's JSON API and the
 * Simple API in its JSON form (a mirror, a proxy, a local test server):
 * - `GET {base}/pypi/{name}/json` and `GET {base}/pypi/{name}/{version}/json` (https://docs.pypi.org/api/json/);
 * - `GET {simple}/{name}/` with `Accept: application/vnd.pypi.simple.v1+json` (PEP 691), read only when a
 *   check needs PEP 740 provenance or PEP 792 status.
 * Names go into URLs in their PEP 503 form (the Simple API requires it; the JSON API redirects to it).
 * Every answer is memoised by URL, the promise included: one audit asks each URL once, and concurrent
 * callers share the request. A 404 is `null`; any other failure is a RegistryError.
 */
import { HttpError, RegistryError } from '../errors.js';
import { HttpClient } from '../http/client.js';
import { normalizePackageName } from '../manifests/pep508.js';
import { fileOfJson, metadataOfInfo, releasesOfJson, simpleProjectOf } from './convert.js';
import { jsonProjectSchema, jsonReleaseSchema, simpleProjectSchema } from './schema.js';
import type { DistributionFile, PackageMetadata, PackageRegistry, ProjectInfo, SimpleProject } from './types.js';

/** PYPI_URL is the default index address (`PIPWARDEN_PYPI_URL` overrides it). */
export const PYPI_URL = 'https://pypi.org';

/** SIMPLE_JSON is PEP 691's media type for the JSON form of the Simple API, version 1. */
export const SIMPLE_JSON = 'application/vnd.pypi.simple.v1+json';

/** PypiRegistryOptions configure a PypiRegistry. */
export interface PypiRegistryOptions {
  /** The HTTP client (default: a new HttpClient with its default timeouts and retries). */
  http?: HttpClient;
  /** The index's address, without `/pypi` or `/simple` (default `https://pypi.org`). */
  baseUrl?: string;
  /** The Simple API's root (default `{baseUrl}/simple`), for mirrors that serve it elsewhere. */
  simpleUrl?: string;
}

/** PypiRegistry reads PyPI's JSON API and Simple API. */
export class PypiRegistry implements PackageRegistry {
  readonly baseUrl: string;
  private readonly simpleUrl: string;
  private readonly http: HttpClient;
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(options: PypiRegistryOptions = {}) {
    this.http = options.http ?? new HttpClient();
    this.baseUrl = trimSlashes(options.baseUrl ?? PYPI_URL);
    this.simpleUrl = trimSlashes(options.simpleUrl ?? `${this.baseUrl}/simple`);
  }

  /** project is `GET /pypi/{name}/json`: the latest metadata and every release; null when absent. */
  async project(name: string): Promise<ProjectInfo | null> {
    const url = `${this.baseUrl}/pypi/${encodeURIComponent(normalizePackageName(name))}/json`;
    return this.fetch(url, async () => {
      const payload = await this.http.getJson(url, jsonProjectSchema);
      // PyPI deprecated `releases` on this endpoint in favour of the Simple API: without it, ask there.
      const releases = payload.releases
        ? releasesOfJson(payload.releases)
        : ((await this.simpleProject(name))?.releases ?? []);
      return { name: payload.info.name, latest: metadataOfInfo(payload.info), releases, status: null };
    });
  }

  /** release is `GET /pypi/{name}/{version}/json`: one version's metadata and files; null when absent. */
  async release(name: string, version: string): Promise<{ metadata: PackageMetadata; files: DistributionFile[] } | null> {
    const url = `${this.baseUrl}/pypi/${encodeURIComponent(normalizePackageName(name))}/${encodeURIComponent(version)}/json`;
    return this.fetch(url, async () => {
      const payload = await this.http.getJson(url, jsonReleaseSchema);
      return { metadata: metadataOfInfo(payload.info), files: (payload.urls ?? []).map(fileOfJson) };
    });
  }

  /** simpleProject is the PEP 691 page `GET {simple}/{name}/`; null when absent. */
  async simpleProject(name: string): Promise<SimpleProject | null> {
    const url = `${this.simpleUrl}/${encodeURIComponent(normalizePackageName(name))}/`;
    return this.fetch(url, async () => simpleProjectOf(await this.http.getJson(url, simpleProjectSchema, { headers: { accept: SIMPLE_JSON } }), name));
  }

  /**
   * fetch runs a request (and the reading of its answer) once per URL: 404 becomes null, other failures
   * a RegistryError. Callers of the same URL share one promise, so they also share the result.
   */
  private fetch<T>(url: string, request: () => Promise<T>): Promise<T | null> {
    const known = this.memo.get(url);
    if (known) return known as Promise<T | null>;
    const pending = request().catch((error: unknown) => {
      if (error instanceof RegistryError) throw error;
      if (error instanceof HttpError && error.kind === 'status' && error.status === 404) return null;
      throw new RegistryError(this.baseUrl, describe(error), error);
    });
    this.memo.set(url, pending);
    return pending;
  }
}

function describe(error: unknown): string {
  if (error instanceof HttpError && error.kind === 'invalid-json') {
    return `${error.message} (does the index serve the JSON API and PEP 691?)`;
  }
  return error instanceof Error ? error.message : String(error);
}

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}
