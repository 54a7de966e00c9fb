/**
 * fetchLicenseMetadata asks the package index for the metadata licenses are read from: once per
 * (name, version), a bounded number of requests at a time. A dependency with an exact version is read
 * at that version (`/pypi/<name>/<version>/json`); one known only by a range at the latest release, and
 * the result says so. Offline (no registry), nothing is asked and nothing is guessed. A failing package
 * becomes an error of its own; the others are still read.
 */
import { mapWithConcurrency } from '../http/pool.js';
import type { Dependency } from '../manifests/inventory.js';
import type { Problem } from '../manifests/types.js';
import type { PackageMetadata, PackageRegistry } from '../registry/types.js';

/** DEFAULT_LICENSE_CONCURRENCY is how many index requests run at once by default. */
export const DEFAULT_LICENSE_CONCURRENCY = 8;

/**
 * LicenseLookupStatus says how the metadata was found: `found`; `not-found` (the index has no such
 * project or version); `offline` (no index to ask); `error` (the index failed); `not-registry` (installed
 * from a URL, VCS or path: the index's package of that name may be another one).
 */
export type LicenseLookupStatus = 'found' | 'not-found' | 'offline' | 'error' | 'not-registry';

/** LicenseLookup is the metadata of one (name, version). */
export interface LicenseLookup {
  status: LicenseLookupStatus;
  metadata: PackageMetadata | null;
  /** The version whose metadata was read; for a dependency without an exact version, the latest. */
  checkedVersion: string | null;
  /** True when the dependency has no exact version and the latest release was read instead. */
  latest: boolean;
  error?: Problem;
}

/** LicenseMetadata is one dependency with its lookup. */
export interface LicenseMetadata extends LicenseLookup {
  dependency: Dependency;
}

/** FetchLicenseOptions tunes the lookups. */
export interface FetchLicenseOptions {
  /** At most this many requests at once (default 8). */
  concurrency?: number;
  /** Lookups already made, by `name\0version`: pass one map to several calls to share them. */
  cache?: Map<string, Promise<LicenseLookup>>;
}

/** fetchLicenseMetadata looks up every dependency, in input order. It never rejects. */
export async function fetchLicenseMetadata(
  dependencies: readonly Dependency[],
  registry: PackageRegistry | null,
  options: FetchLicenseOptions = {},
): Promise<LicenseMetadata[]> {
  const cache = options.cache ?? new Map<string, Promise<LicenseLookup>>();
  const keys = [...new Set(dependencies.filter(fromRegistry).map(keyOf))];
  const byKey = new Map(dependencies.map((d) => [keyOf(d), d]));
  if (registry) {
    await mapWithConcurrency(keys, Math.max(1, options.concurrency ?? DEFAULT_LICENSE_CONCURRENCY), (key) => {
      let lookup = cache.get(key);
      if (!lookup) {
        lookup = lookUp(byKey.get(key) as Dependency, registry);
        cache.set(key, lookup);
      }
      return lookup;
    });
  }
  return Promise.all(
    dependencies.map(async (dependency): Promise<LicenseMetadata> => {
      if (!fromRegistry(dependency)) return { dependency, ...notLooked('not-registry', dependency) };
      if (!registry) return { dependency, ...notLooked('offline', dependency) };
      return { dependency, ...(await (cache.get(keyOf(dependency)) as Promise<LicenseLookup>)) };
    }),
  );
}

/** lookUp asks the index about one dependency; failures become an `error` lookup, never a rejection. */
async function lookUp(dependency: Dependency, registry: PackageRegistry): Promise<LicenseLookup> {
  try {
    if (dependency.version !== null) {
      const release = await registry.release(dependency.name, dependency.version);
      if (!release) return { status: 'not-found', metadata: null, checkedVersion: dependency.version, latest: false };
      return { status: 'found', metadata: release.metadata, checkedVersion: dependency.version, latest: false };
    }
    const project = await registry.project(dependency.name);
    if (!project) return { status: 'not-found', metadata: null, checkedVersion: null, latest: true };
    return { status: 'found', metadata: project.latest, checkedVersion: project.latest.version, latest: true };
  } catch (error) {
    const what = dependency.version === null ? dependency.name : `${dependency.name} ${dependency.version}`;
    const reason = error instanceof Error ? error.message : String(error);
    return {
      status: 'error',
      metadata: null,
      checkedVersion: dependency.version,
      latest: dependency.version === null,
      error: { message: `license of ${what} not checked: ${reason}` },
    };
  }
}

function notLooked(status: 'offline' | 'not-registry', dependency: Dependency): LicenseLookup {
  return { status, metadata: null, checkedVersion: dependency.version, latest: false };
}

/** A dependency installed from a URL, a VCS or a path is not the index's package of that name. */
function fromRegistry(dependency: Dependency): boolean {
  return dependency.source === undefined || dependency.source.type === 'registry';
}

function keyOf(dependency: Dependency): string {
  return `${dependency.name}\u0000${dependency.version ?? ''}`;
}
