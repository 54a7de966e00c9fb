/**
 * gatherUpdateDetails collects, for each update of a group, what the pull request says about it: the
 * release notes (ReleaseNotesSource) and the breaking-change warnings, which need both releases'
 * metadata and files (PackageRegistry.release). IO through the two injected interfaces only; it never
 * rejects: what cannot be read is left out (the notes' status says why), and the warnings are computed
 * from what is known. Offline (no registry, no notes source) only the version numbers are judged.
 */
import { mapWithConcurrency } from '../../http/pool.js';
import type { PackageRegistry } from '../../registry/types.js';
import type { PlannedUpdate } from '../types.js';
import { breakingChanges, type BreakingWarning, type ReleaseSide } from './breaking.js';
import type { ReleaseNotesSource } from './fetch.js';
import type { ReleaseNotesResult } from './types.js';

/** UpdateDetails is what the pull request shows about one update. */
export interface UpdateDetails {
  /** The notes lookup; null when notes were not asked for (disabled, offline). */
  notes: ReleaseNotesResult | null;
  warnings: BreakingWarning[];
}

/** GatherOptions say where to look and what the project uses. */
export interface GatherOptions {
  registry: PackageRegistry | null;
  /** Null: no release notes (disabled in the configuration, or offline). */
  notes: ReleaseNotesSource | null;
  /** The project's requires-python, when declared. */
  projectRequiresPython?: string | null;
  /** Extras the project installs, by PEP 503 package name. */
  usedExtras?: Readonly<Record<string, readonly string[]>>;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
}

/** gatherUpdateDetails returns the details of every update, by package (PEP 503 name as in the update). */
export async function gatherUpdateDetails(updates: readonly PlannedUpdate[], options: GatherOptions): Promise<Record<string, UpdateDetails>> {
  const entries = await mapWithConcurrency(updates, Math.max(1, options.concurrency ?? 4), async (update) => {
    const [before, after] = await Promise.all([
      update.from === null ? Promise.resolve(null) : releaseSide(options.registry, update.package, update.from),
      releaseSide(options.registry, update.package, update.to),
    ]);
    const notes = options.notes ? await askNotes(options.notes, update, after) : null;
    const warnings = breakingChanges({
      package: update.package,
      from: update.from,
      to: update.to,
      before,
      after,
      projectRequiresPython: options.projectRequiresPython ?? null,
      notes: notes?.notes ?? null,
      usedExtras: options.usedExtras?.[update.package] ?? [],
    });
    return [update.package, { notes, warnings }] as const;
  });
  return Object.fromEntries(entries);
}

/** releaseSide reads one release from the registry; null when it is unknown or the registry fails. */
async function releaseSide(registry: PackageRegistry | null, name: string, version: string): Promise<ReleaseSide | null> {
  if (!registry) return null;
  try {
    const release = await registry.release(name, version);
    return release ? { metadata: release.metadata, files: release.files } : null;
  } catch {
    return null;
  }
}

/** askNotes asks for one update's notes; a source that rejects (it should not) becomes an `error` result. */
async function askNotes(source: ReleaseNotesSource, update: PlannedUpdate, after: ReleaseSide | null): Promise<ReleaseNotesResult> {
  try {
    return await source.releaseNotes({ package: update.package, projectUrls: after?.metadata?.projectUrls ?? {}, from: update.from, to: update.to });
  } catch (error) {
    return { status: 'error', notes: null, repository: null, message: error instanceof Error ? error.message : String(error) };
  }
}
