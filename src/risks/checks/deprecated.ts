/**
 * deprecated: the project says it is finished with. Two sources:
 * - PEP 792 project status markers, from the Simple API page (`project-status`): `archived` (no more
 *   uploads, so no more fixes: medium), `deprecated` (obsolete, maybe superseded: medium), `quarantined`
 *   (the index considers it unsafe, e.g. malware, and stops serving it: critical);
 * - the `Development Status :: 7 - Inactive` trove classifier of the latest release (PEP 301): the
 *   maintainers' own word that it is inactive (low).
 * The strongest signal is reported, once per project and version.
 */
import type { ProjectStatus } from '../../registry/types.js';
import type { RiskSeverity } from '../../report/types.js';
import type { RiskCheck } from '../types.js';
import { finding, pypiDependencies, spell } from '../scope.js';

const INACTIVE = 'Development Status :: 7 - Inactive';

const STATUS_TEXT: Record<Exclude<ProjectStatus['status'], 'active'>, { severity: RiskSeverity; text: string; advice: string }> = {
  quarantined: {
    severity: 'critical',
    text: 'is quarantined by the index (PEP 792): the index considers it unsafe to use, for example because it held malware, and no longer serves its files',
    advice: 'Remove it now, and check the machines that installed it.',
  },
  archived: {
    severity: 'medium',
    text: 'is archived on the index (PEP 792): its maintainers expect no further releases, so no security fixes will come',
    advice: 'Plan to replace it with a maintained project.',
  },
  deprecated: {
    severity: 'medium',
    text: 'is marked deprecated on the index (PEP 792): its maintainers consider it obsolete, and it may have a successor',
    advice: 'Move to the project that replaces it.',
  },
};

/** deprecatedCheck reports archived, deprecated, quarantined and self-declared inactive projects. */
export const deprecatedCheck: RiskCheck = {
  id: 'deprecated',
  title: 'Archived, deprecated, quarantined or inactive project',
  registry: { project: true, simple: true },
  run({ input, config, registry }) {
    if (!registry) return [];
    return pypiDependencies(input.dependencies, config, registry.baseUrl).flatMap((dependency) => {
      const project = registry.project(dependency.name);
      const status = registry.simple(dependency.name)?.status ?? project?.status ?? null;
      const base = { kind: 'deprecated', package: dependency.name, version: dependency.version, locations: dependency.locations };
      if (status && status.status !== 'active') {
        const entry = STATUS_TEXT[status.status];
        const reason = status.reason ? ` (reason given: "${status.reason}")` : '';
        return [finding({ ...base, severity: entry.severity, message: `${spell(dependency.name, dependency.version)} ${entry.text}${reason}. ${entry.advice}` })];
      }
      if (project?.latest.classifiers.includes(INACTIVE)) {
        return [
          finding({
            ...base,
            severity: 'low',
            message:
              `${dependency.name} declares itself inactive: its latest release (${project.latest.version}) carries the ` +
              `"${INACTIVE}" classifier, so its maintainers do not plan further work. Look for a maintained alternative.`,
          }),
        ];
      }
      return [];
    });
  },
};
