/**
 * unmaintained: the project's newest upload is older than `risks.unmaintainedYears` (default 2). A
 * project nobody releases any more gets no security fixes either; a dependency on it is a fix that
 * will not come. Severity low: old is not broken, but it is worth a look and a replacement plan.
 * Reads the JSON API; the age is that of the newest file of any release, so a project that only
 * publishes new builds of old releases still counts as alive.
 */
import type { RiskCheck } from '../types.js';
import { finding, latestUploadTime, pypiDependencies } from '../scope.js';

const YEAR_MS = 365.25 * 24 * 60 * 60 * 1000;

/** unmaintainedCheck reports dependencies whose project has not published for `unmaintainedYears`. */
export const unmaintainedCheck: RiskCheck = {
  id: 'unmaintained',
  title: 'No release for a long time',
  registry: { project: true },
  run({ input, config, now, registry }) {
    if (!registry) return [];
    const limitMs = config.unmaintainedYears * YEAR_MS;
    return pypiDependencies(input.dependencies, config, registry.baseUrl).flatMap((dependency) => {
      const project = registry.project(dependency.name);
      if (!project) return [];
      const latest = latestUploadTime(project.releases);
      if (latest === null || now.getTime() - latest <= limitMs) return [];
      const date = new Date(latest).toISOString().slice(0, 10);
      const years = Math.floor((now.getTime() - latest) / YEAR_MS);
      return [
        finding({
          kind: 'unmaintained',
          severity: 'low',
          package: dependency.name,
          version: dependency.version,
          locations: dependency.locations,
          message:
            `${dependency.name} has not published a release since ${date} (over ${years} year${years === 1 ? '' : 's'}; ` +
            `the limit is ${config.unmaintainedYears}). An unmaintained package gets no security fixes: check whether ` +
            'the project moved or has a maintained successor, and plan to replace it.',
        }),
      ];
    });
  },
};
