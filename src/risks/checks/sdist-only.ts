/**
 * sdist-only: the version in use has no wheel, only a source distribution. Installing an sdist builds
 * it, which runs the package's build code (setup.py, build backends) on the machine that installs it,
 * with that user's rights: a compromised sdist needs no import to act. Wheels are installed by copying
 * files. Severity low: many honest packages ship only sdists; prefer a version with wheels, or build
 * wheels once in a controlled place.
 */
import type { RiskCheck } from '../types.js';
import { showUrl } from '../indexes.js';
import { finding, pinnedReleases } from '../scope.js';

/** sdistOnlyCheck reports pinned or locked versions whose release has files but no wheel. */
export const sdistOnlyCheck: RiskCheck = {
  id: 'sdist-only',
  title: 'No wheel: installing runs build code',
  registry: { project: true },
  run({ input, config, registry }) {
    if (!registry) return [];
    return pinnedReleases(input.dependencies, config, registry).flatMap(({ dependency, version, release }) => {
      const files = release.files.filter((f) => !f.yanked);
      if (files.length === 0 || files.some((f) => f.packageType === 'bdist_wheel')) return [];
      if (!files.some((f) => f.packageType === 'sdist')) return [];
      return [
        finding({
          kind: 'sdist-only',
          severity: 'low',
          package: dependency.name,
          version,
          locations: dependency.locations,
          message:
            `${dependency.name} ${version} has no wheel on ${showUrl(registry.baseUrl)}, only a source distribution: ` +
            "installing it runs the package's build code on the installing machine. Prefer a version that ships " +
            'wheels, or build the wheel once in a controlled environment and install that.',
        }),
      ];
    });
  },
};
