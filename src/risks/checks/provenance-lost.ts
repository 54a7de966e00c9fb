/**
 * provenance-lost: a project that published with PEP 740 attestations (digital provenance, as PyPI's
 * Trusted Publishing adds) stopped doing so. Provenance binds a file to the repository and workflow that
 * built it; a release without it, after releases with it, was uploaded some other way: a maintainer's
 * machine, a leaked token, a hijacked account. It is not proof of compromise, but it is worth a look.
 *
 * Precisely, with V the version in use, P the release just before V and L the latest release (highest
 * version, not yanked, finals before pre-releases), a release being "attested" when one of its files has
 * provenance and "unattested" when it has files and none has:
 * 1. V is unattested and P is attested: the version in use lost its provenance (medium);
 * 2. otherwise, L is newer than V and unattested, while V or a release before V is attested: upgrading
 *    would move to a release that lost its provenance (low).
 * Provenance comes from the Simple API (`provenance` on each file); an index that does not say is never
 * judged.
 */
import { compareValidVersions } from '../../pep440/index.js';
import type { ReleaseInfo } from '../../registry/types.js';
import type { RiskCheck } from '../types.js';
import { findRelease, finding, latestRelease, pypiDependencies, sortedReleases } from '../scope.js';

type Attestation = 'attested' | 'unattested' | 'unknown';

function attestation(release: ReleaseInfo | undefined): Attestation {
  if (!release || release.files.length === 0) return 'unknown';
  if (release.files.some((f) => f.hasProvenance === true)) return 'attested';
  return release.files.every((f) => f.hasProvenance === false) ? 'unattested' : 'unknown';
}

/** provenanceLostCheck reports releases without PEP 740 provenance after releases with it. */
export const provenanceLostCheck: RiskCheck = {
  id: 'provenance-lost',
  title: 'Release without the provenance earlier releases had',
  registry: { simple: true },
  run({ input, config, registry }) {
    if (!registry) return [];
    return pypiDependencies(input.dependencies, config, registry.baseUrl).flatMap((dependency) => {
      if (dependency.version === null) return [];
      const page = registry.simple(dependency.name);
      if (!page) return [];
      const releases = sortedReleases(page.releases).filter((r) => !r.yanked);
      const current = findRelease(page.releases, dependency.version);
      if (!current) return [];
      const earlier = releases.filter((r) => compareValidVersions(r.version, current.version) < 0);
      const previous = earlier.at(-1);
      const base = { kind: 'provenance-lost', package: dependency.name, version: dependency.version, locations: dependency.locations };
      if (attestation(current) === 'unattested' && attestation(previous) === 'attested' && previous) {
        return [
          finding({
            ...base,
            severity: 'medium',
            message:
              `${dependency.name} ${current.version} was published without PEP 740 attestations, while the release before it ` +
              `(${previous.version}) had them: the way this project publishes changed with the version you use. Check that ` +
              `${current.version} really comes from the project (its repository's tags, release notes, announcements) before trusting it.`,
          }),
        ];
      }
      const latest = latestRelease(page.releases);
      if (!latest || compareValidVersions(latest.version, current.version) <= 0 || attestation(latest) !== 'unattested') return [];
      const attestedBefore = [...earlier, current].filter((r) => attestation(r) === 'attested').at(-1);
      if (!attestedBefore) return [];
      return [
        finding({
          ...base,
          severity: 'low',
          message:
            `The latest release of ${dependency.name}, ${latest.version}, was published without PEP 740 attestations, while ` +
            `${attestedBefore.version === current.version ? `${current.version}, the version you use,` : `${attestedBefore.version}`} had them. ` +
            `Before upgrading to ${latest.version}, check that it really comes from the project.`,
        }),
      ];
    });
  },
};
