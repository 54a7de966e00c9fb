/**
 * OsvApiSource asks the OSV API (https://google.github.io/osv.dev/api/) which advisories concern each
 * package: `POST /v1/querybatch` (at most 1,000 queries per call, answers in query order, each answer
 * `{id, modified}` only, paginated per query with `next_page_token`), then `GET /v1/vulns/{id}` once per
 * distinct advisory that the record cache does not already hold with the same `modified`.
 */
import { z } from 'zod';
import { AdvisorySourceError } from '../errors.js';
import type { HttpClient } from '../http/client.js';
import { mapWithConcurrency } from '../http/pool.js';
import { normalizePackageName } from '../manifests/pep508.js';
import { NO_OSV_CACHE, type OsvRecordCache } from './cache.js';
import {
  osvRecordSchema,
  type AdvisorySource,
  type OsvRecord,
  type PackageQuery,
  type SourceResult,
} from './types.js';

/** OSV_API_URL is the default OSV API address (`PIPWARDEN_OSV_URL` overrides it). */
export const OSV_API_URL = 'https://api.osv.dev';

/** OSV_BATCH_LIMIT is the most queries one querybatch call accepts (OSV API docs). */
export const OSV_BATCH_LIMIT = 1000;

/** MAX_PAGES bounds the pages followed for one batch, so a server that keeps sending tokens cannot loop us. */
const MAX_PAGES = 100;

/** OsvApiSourceOptions configure an OsvApiSource. */
export interface OsvApiSourceOptions {
  http: HttpClient;
  /** API address without the `/v1` path (default `https://api.osv.dev`). */
  baseUrl?: string;
  /** Where full records are kept between runs (default: no cache). */
  cache?: OsvRecordCache;
  /** Queries per querybatch call (default and maximum 1,000). */
  batchSize?: number;
  /** `GET /v1/vulns/{id}` calls in flight at once (default 8). */
  concurrency?: number;
}

const querybatchResponseSchema = z.object({
  results: z.array(
    z.object({
      // An answer without matches may be `{}` (OSV API docs), so `vulns` is optional.
      vulns: z.array(z.object({ id: z.string().min(1), modified: z.string() })).optional(),
      next_page_token: z.string().optional(),
    }),
  ),
});

interface ApiQuery {
  package: { name: string; ecosystem: 'PyPI' };
  version?: string;
  page_token?: string;
}

interface PendingQuery {
  index: number;
  pageToken: string | undefined;
}

/** OsvApiSource is the AdvisorySource `osv`: the OSV API, batched and cached. */
export class OsvApiSource implements AdvisorySource {
  readonly id = 'osv' as const;
  private readonly http: HttpClient;
  private readonly baseUrl: string;
  private readonly cache: OsvRecordCache;
  private readonly batchSize: number;
  private readonly concurrency: number;

  constructor(options: OsvApiSourceOptions) {
    this.http = options.http;
    this.baseUrl = (options.baseUrl ?? OSV_API_URL).replace(/\/+$/, '');
    this.cache = options.cache ?? NO_OSV_CACHE;
    this.batchSize = Math.min(OSV_BATCH_LIMIT, Math.max(1, options.batchSize ?? OSV_BATCH_LIMIT));
    this.concurrency = Math.max(1, options.concurrency ?? 8);
  }

  /**
   * fetch returns every advisory the OSV API links to each package (all of a package's advisories for a
   * query without version). Every queried name has an entry, empty when nothing was found. Any failure
   * — after the HTTP client's retries — is an AdvisorySourceError naming `osv` and the cause.
   */
  async fetch(packages: readonly PackageQuery[]): Promise<SourceResult> {
    try {
      return await this.lookup(packages);
    } catch (error) {
      if (error instanceof AdvisorySourceError) throw error;
      throw new AdvisorySourceError(this.id, error instanceof Error ? error.message : String(error), error);
    }
  }

  private async lookup(packages: readonly PackageQuery[]): Promise<SourceResult> {
    const queries = distinctQueries(packages);
    const idsByQuery: Map<string, string>[] = queries.map(() => new Map());
    for (let start = 0; start < queries.length; start += this.batchSize) {
      const chunk = queries.slice(start, start + this.batchSize);
      const found = await this.queryBatch(chunk);
      found.forEach((ids, offset) => (idsByQuery[start + offset] = ids));
    }

    // One detail call per distinct id, whichever packages it concerns.
    const modifiedById = new Map<string, string>();
    for (const ids of idsByQuery) {
      for (const [id, modified] of ids) {
        const known = modifiedById.get(id);
        if (known === undefined || modified > known) modifiedById.set(id, modified);
      }
    }
    const ids = [...modifiedById.keys()];
    const records = await mapWithConcurrency(ids, this.concurrency, (id) =>
      this.record(id, modifiedById.get(id) ?? ''),
    );
    const recordById = new Map(ids.map((id, index) => [id, records[index] as OsvRecord]));

    const advisories = new Map<string, OsvRecord[]>();
    queries.forEach((query, index) => {
      const list = advisories.get(query.name) ?? [];
      advisories.set(query.name, list);
      for (const id of idsByQuery[index]?.keys() ?? []) {
        const record = recordById.get(id);
        if (record && !list.some((known) => known.id === record.id)) list.push(record);
      }
    });
    return { source: this.id, advisories };
  }

  /**
   * queryBatch asks one querybatch for up to 1,000 queries and follows `next_page_token`s: the queries
   * that have more pages are asked again, together, each with its own `page_token`.
   */
  private async queryBatch(chunk: readonly PackageQuery[]): Promise<Map<string, string>[]> {
    const found = chunk.map(() => new Map<string, string>());
    let pending: PendingQuery[] = chunk.map((_, index) => ({ index, pageToken: undefined }));
    for (let page = 1; pending.length > 0; page++) {
      if (page > MAX_PAGES) throw new Error(`querybatch pagination did not end after ${MAX_PAGES} pages`);
      const body = { queries: pending.map((item) => apiQuery(chunk[item.index] as PackageQuery, item.pageToken)) };
      const url = `${this.baseUrl}/v1/querybatch`;
      const response = await this.http.postJson(url, body, querybatchResponseSchema);
      if (response.results.length !== pending.length) {
        throw new Error(
          `POST ${url}: ${pending.length} queries sent but ${response.results.length} results received`,
        );
      }
      const next: PendingQuery[] = [];
      response.results.forEach((result, position) => {
        const item = pending[position] as PendingQuery;
        for (const vuln of result.vulns ?? []) found[item.index]?.set(vuln.id, vuln.modified);
        if (result.next_page_token) next.push({ index: item.index, pageToken: result.next_page_token });
      });
      pending = next;
    }
    return found;
  }

  /** record returns the full advisory: from the cache when it has this `modified`, else from the API. */
  private async record(id: string, modified: string): Promise<OsvRecord> {
    const cached = await this.cache.get(id, modified);
    if (cached) return cached;
    const record = await this.http.getJson(`${this.baseUrl}/v1/vulns/${encodeURIComponent(id)}`, osvRecordSchema);
    // The cache only saves work: failing to write it must not fail the audit.
    await this.cache.put(record).catch(() => undefined);
    return record;
  }
}

/** distinctQueries drops repeated (name, version) pairs and normalises names (PEP 503). */
function distinctQueries(packages: readonly PackageQuery[]): PackageQuery[] {
  const seen = new Map<string, PackageQuery>();
  for (const item of packages) {
    const name = normalizePackageName(item.name);
    const version = item.version && item.version.trim() !== '' ? item.version.trim() : null;
    const key = `${name}\u0000${version ?? ''}`;
    if (!seen.has(key)) seen.set(key, { name, version });
  }
  return [...seen.values()];
}

/** apiQuery is one querybatch query: a PyPI package, its version when known, and a page token when paging. */
function apiQuery(query: PackageQuery, pageToken: string | undefined): ApiQuery {
  const result: ApiQuery = { package: { name: query.name, ecosystem: 'PyPI' } };
  if (query.version !== null) result.version = query.version;
  if (pageToken !== undefined) result.page_token = pageToken;
  return result;
}
