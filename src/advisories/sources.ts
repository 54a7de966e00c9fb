/**
 * buildAdvisorySources turns the settings (flags, environment) into the list of advisory sources an
 * audit asks. The one place that decides which databases are used:
 * - `--advisory-db PATH` (or PIPWARDEN_ADVISORY_DB): that offline OSV database, instead of the OSV API;
 * - `--offline` without a path: the database `pipwarden db update` stored in the cache directory;
 * - otherwise the OSV API (PIPWARDEN_OSV_URL), with records cached on disk;
 * - plus the GitHub Advisory Database whenever a GitHub token is given and the run is not offline.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { HttpClient } from '../http/client.js';
import { DiskOsvRecordCache } from './cache.js';
import { OFFLINE_DB_FILE } from './db-update.js';
import { GhsaSource } from './ghsa.js';
import { OfflineDatabase } from './offline-db.js';
import { OSV_API_URL, OsvApiSource } from './osv-api.js';
import type { AdvisorySource, PackageQuery, SourceResult } from './types.js';

/** SourceSettings are the knobs that choose the sources. */
export interface SourceSettings {
  offline: boolean;
  advisoryDb?: string | undefined;
  osvUrl?: string | undefined;
  cacheDir: string;
  githubToken?: string | undefined;
  githubGraphqlUrl?: string | undefined;
  http?: HttpClient;
}

/** buildAdvisorySources returns the sources to ask, or throws a usage-level message when none can be. */
export function buildAdvisorySources(settings: SourceSettings): AdvisorySource[] {
  const http = settings.http ?? new HttpClient();
  const sources: AdvisorySource[] = [];
  const cachedDb = path.join(settings.cacheDir, OFFLINE_DB_FILE);
  const dbPath = settings.advisoryDb ?? (settings.offline && existsSync(cachedDb) ? cachedDb : undefined);
  if (dbPath) sources.push(new LazyOfflineDatabase(dbPath));
  else if (!settings.offline) {
    sources.push(new OsvApiSource({ http, baseUrl: settings.osvUrl ?? OSV_API_URL, cache: new DiskOsvRecordCache(settings.cacheDir) }));
  }
  if (settings.githubToken && !settings.offline) {
    const options = settings.githubGraphqlUrl ? { endpoint: settings.githubGraphqlUrl } : {};
    sources.push(new GhsaSource({ http, token: settings.githubToken, ...options }));
  }
  return sources;
}

/** LazyOfflineDatabase loads the database on first use, so a load failure is a source error in the report. */
class LazyOfflineDatabase implements AdvisorySource {
  readonly id = 'offline-db' as const;
  private loading: Promise<OfflineDatabase> | undefined;

  constructor(private readonly location: string) {}

  async fetch(packages: readonly PackageQuery[]): Promise<SourceResult> {
    this.loading ??= OfflineDatabase.load(this.location);
    return (await this.loading).fetch(packages);
  }
}

/** defaultCacheDir is PIPWARDEN_CACHE_DIR, else `$XDG_CACHE_HOME/pipwarden`, else `~/.cache/pipwarden`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv, home: string): string {
  if (env.PIPWARDEN_CACHE_DIR) return env.PIPWARDEN_CACHE_DIR;
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'pipwarden');
}
