/**
 * unpinned: a direct dependency of an application known only by a range (`flask>=2`), with no exact
 * pin and no lock entry. An application is deployed: each install resolves the range afresh, so a new
 * release (or a compromised one) reaches production without anybody choosing it, and two installs of
 * the same commit can differ. Libraries are not concerned: they should declare ranges. Which projects
 * are applications comes from the project summary (a project without its own name and metadata).
 * Severity medium for runtime dependencies, low for the rest (dev, test, docs groups…). URL, VCS and
 * path dependencies are the `url-source` check's.
 */
import type { RiskFinding } from '../../report/types.js';
import { finding, projectsByManifest } from '../scope.js';
import type { RiskCheck } from '../types.js';

/** unpinnedCheck reports range-only direct dependencies of applications. */
export const unpinnedCheck: RiskCheck = {
  id: 'unpinned',
  title: 'Application dependency without a pin or lock',
  run({ input }) {
    const projectOf = projectsByManifest(input.projects);
    const findings: RiskFinding[] = [];
    for (const dependency of input.dependencies) {
      if (!dependency.direct || dependency.version !== null) continue;
      if (dependency.source && dependency.source.type !== 'registry') continue;
      const applications = [...new Set(dependency.manifests.map((m) => projectOf.get(m)).filter((p) => p?.application))];
      if (applications.length === 0) continue;
      const roots = applications.map((p) => (p?.root === '.' ? 'the repository root' : p?.root)).join(', ');
      const runtime = dependency.groups.includes('main');
      findings.push(
        finding({
          kind: 'unpinned',
          severity: runtime ? 'medium' : 'low',
          package: dependency.name,
          version: null,
          locations: dependency.locations,
          message:
            `${dependency.name} is declared ${dependency.specifier ? `as "${dependency.specifier}"` : 'without any version'} by the ` +
            `application in ${roots}, with no exact pin and no lock: every install picks whatever release is newest, ` +
            'so an unreviewed (or compromised) release can reach production. Pin it (==) or lock the project ' +
            '(pip-compile, uv lock, poetry lock, pipenv lock).',
        }),
      );
    }
    return findings;
  },
};
