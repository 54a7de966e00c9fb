/**
 * too-new: the version in use was published less than `minimumReleaseAge` ago (a top-level setting,
 * e.g. `3 days`). Compromised releases are usually caught and removed within days; waiting before
 * adopting a release keeps them out (the same idea as Renovate's `minimumReleaseAge` and uv's
 * `exclude-newer`). The release's age is that of its first uploaded file. Severity medium. The check does
 * nothing when `minimumReleaseAge` is not set.
 */
import { formatDuration } from '../../config/duration.js';
import type { RiskCheck } from '../types.js';
import { finding, pinnedReleases } from '../scope.js';

/** tooNewCheck reports pinned or locked versions younger than the minimum release age. */
export const tooNewCheck: RiskCheck = {
  id: 'too-new',
  title: 'Release younger than the minimum release age',
  registry: { project: true },
  run({ input, config, now, registry, minimumReleaseAgeMs }) {
    if (!registry || minimumReleaseAgeMs === null || minimumReleaseAgeMs <= 0) return [];
    return pinnedReleases(input.dependencies, config, registry).flatMap(({ dependency, version, release }) => {
      const published = release.uploadTime ? Date.parse(release.uploadTime) : NaN;
      if (!Number.isFinite(published)) return [];
      const age = now.getTime() - published;
      if (age >= minimumReleaseAgeMs) return [];
      return [
        finding({
          kind: 'too-new',
          severity: 'medium',
          package: dependency.name,
          version,
          locations: dependency.locations,
          message:
            `${dependency.name} ${version} was published ${describeAge(age)} ago (${release.uploadTime ?? ''}), less than ` +
            `the minimum release age of ${formatDuration(minimumReleaseAgeMs)}. Compromised releases are usually found and ` +
            'removed within days: keep the previous version until this one is old enough, or review it before use.',
        }),
      ];
    });
  },
};

function describeAge(ms: number): string {
  const hours = Math.max(0, ms) / 3_600_000;
  if (hours < 1) return 'less than an hour';
  if (hours < 48) return `${Math.floor(hours)} hour${Math.floor(hours) === 1 ? '' : 's'}`;
  return `${Math.floor(hours / 24)} days`;
}
