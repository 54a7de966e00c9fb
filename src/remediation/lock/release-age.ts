/**
 * checkReleaseAge holds `minimumReleaseAge` for every version a re-lock brings in, transitive ones
 * included: each must have been uploaded at or before the cut-off (now minus the minimum age). uv and PDM
 * take the cut-off themselves (`--exclude-newer`); Poetry and pipenv have no such option, so their
 * result is checked against the index's upload times (a release's earliest file, as PyPI reports it).
 * A version whose upload time cannot be learned fails the check: the rule cannot be shown to hold.
 * IO through the injected PackageRegistry only.
 */
import { versionsEqual } from '../../pep440/index.js';
import type { PackageRegistry } from '../../registry/types.js';
import type { LockedVersion } from './diff.js';

/** ReleaseAgeProblem is a version that is too young, or whose age is unknown. */
export interface ReleaseAgeProblem {
  package: string;
  version: string;
  /** ISO 8601 upload time when known. */
  uploadTime: string | null;
  /** Why it fails: `uploaded <time>, after the cut-off <time>`, or why the time is unknown. */
  reason: string;
}

/** ReleaseAgeResult lists the problems (empty: the rule holds for every version checked). */
export interface ReleaseAgeResult {
  problems: ReleaseAgeProblem[];
  /** How many versions were checked (registry versions only: git and path sources have no upload time). */
  checked: number;
}

/** checkReleaseAge checks versions against the cut-off, a few registry look-ups at a time. */
export async function checkReleaseAge(
  versions: readonly LockedVersion[],
  registry: PackageRegistry,
  cutoff: Date,
  concurrency = 8,
): Promise<ReleaseAgeResult> {
  const wanted = versions.filter((v): v is LockedVersion & { version: string } => v.source === 'registry' && v.version !== null);
  const problems: ReleaseAgeProblem[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < wanted.length) {
      const item = wanted[next++];
      if (!item) continue;
      const problem = await checkOne(item.package, item.version, registry, cutoff);
      if (problem) problems.push(problem);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, wanted.length)) }, worker));
  problems.sort((a, b) => (a.package < b.package ? -1 : a.package > b.package ? 1 : 0));
  return { problems, checked: wanted.length };
}

/** describeReleaseAgeProblems is one sentence for a refusal. */
export function describeReleaseAgeProblems(problems: readonly ReleaseAgeProblem[], cutoff: Date): string {
  const listed = problems.slice(0, 5).map((p) => `${p.package} ${p.version} (${p.reason})`);
  const more = problems.length > listed.length ? ` and ${problems.length - listed.length} more` : '';
  return `the re-lock brings in releases younger than the minimum release age (cut-off ${cutoff.toISOString()}): ${listed.join(', ')}${more}`;
}

async function checkOne(name: string, version: string, registry: PackageRegistry, cutoff: Date): Promise<ReleaseAgeProblem | null> {
  const unknown = (reason: string): ReleaseAgeProblem => ({ package: name, version, uploadTime: null, reason });
  let project;
  try {
    project = await registry.project(name);
  } catch (error) {
    return unknown(`its upload time could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!project) return unknown(`${registry.baseUrl} does not know it`);
  const release = project.releases.find((r) => r.version === version || versionsEqual(r.version, version));
  if (!release) return unknown(`${registry.baseUrl} lists no such release`);
  if (!release.uploadTime) return unknown('the index gives no upload time');
  const uploaded = Date.parse(release.uploadTime);
  if (Number.isNaN(uploaded)) return unknown(`unreadable upload time "${release.uploadTime}"`);
  if (uploaded > cutoff.getTime()) {
    return { package: name, version, uploadTime: release.uploadTime, reason: `uploaded ${new Date(uploaded).toISOString()}` };
  }
  return null;
}
