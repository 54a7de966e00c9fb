/**
 * yanked: the version in use was yanked (PEP 592): its maintainers withdrew it, usually because it is
 * broken or insecure. pip still installs a yanked version when it is pinned exactly (`==`), so a pin or
 * a lock keeps using it silently. Severity high when the reason speaks of security, medium otherwise.
 */
import type { RiskCheck } from '../types.js';
import { finding, latestRelease, pinnedReleases } from '../scope.js';

const SECURITY_WORDS = /secur|vulnerab|cve-|malicious|malware|compromis|exploit/i;

/** yankedCheck reports dependencies pinned or locked to a yanked release. */
export const yankedCheck: RiskCheck = {
  id: 'yanked',
  title: 'Yanked release in use',
  registry: { project: true },
  run({ input, config, registry }) {
    if (!registry) return [];
    return pinnedReleases(input.dependencies, config, registry).flatMap(({ dependency, version, project, release }) => {
      if (!release.yanked) return [];
      const reason = release.yankedReason;
      const latest = latestRelease(project.releases);
      const advice = latest ? `move to ${latest.version} or another release that is not yanked` : 'move to a release that is not yanked';
      return [
        finding({
          kind: 'yanked',
          severity: reason && SECURITY_WORDS.test(reason) ? 'high' : 'medium',
          package: dependency.name,
          version,
          locations: dependency.locations,
          message:
            `${dependency.name} ${version} was yanked by its maintainers` +
            `${reason ? ` (reason: "${reason}")` : ' (no reason given)'}: a yanked release is one they ask people not to ` +
            `use, and an exact pin keeps installing it. ${capitalise(advice)}.`,
        }),
      ];
    });
  },
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
