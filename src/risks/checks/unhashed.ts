/**
 * unhashed: requirements files of an application that do not protect what they pin with hashes.
 * pip's hash-checking mode (`--hash`, `--require-hashes`) makes sure the file installed is the file
 * reviewed: without it, a compromised index, mirror or proxy can serve other bytes under the same
 * version (https://pip.pypa.io/en/stable/topics/secure-installs/). Two cases, per file:
 * - some requirements have `--hash` and others do not (medium, one finding per unhashed requirement):
 *   any `--hash` turns hash-checking mode on for the whole install, and pip then refuses the lines
 *   without one; when the file is installed piecemeal those lines go unchecked;
 * - every requirement is pinned (`==`) but none has a hash (low, one finding for the file): the pins
 *   fix versions, not files. `pip-compile --generate-hashes` or `uv pip compile --generate-hashes` adds them.
 * Only pip requirements files (not `.in` inputs or constraints files) of application projects, and only
 * requirements installed from an index, are judged.
 */
import type { RiskFinding } from '../../report/types.js';
import { finding, projectsByManifest, requirementLocation } from '../scope.js';
import type { RiskCheck } from '../types.js';

/** unhashedCheck reports application requirements files with missing or partial hashes. */
export const unhashedCheck: RiskCheck = {
  id: 'unhashed',
  title: 'Pins without hashes',
  run({ input }) {
    const projectOf = projectsByManifest(input.projects);
    const findings: RiskFinding[] = [];
    for (const manifest of input.manifests) {
      if (manifest.kind !== 'requirements' || manifest.path.endsWith('.in')) continue;
      if (!projectOf.get(manifest.path)?.application) continue;
      const requirements = manifest.requirements.filter((r) => !r.constraintOnly && r.source.type === 'registry');
      if (requirements.length === 0) continue;
      const hashed = requirements.filter((r) => r.hashes.length > 0);
      if (hashed.length > 0 && hashed.length < requirements.length) {
        for (const requirement of requirements.filter((r) => r.hashes.length === 0)) {
          findings.push(
            finding({
              kind: 'unhashed',
              severity: 'medium',
              package: requirement.normalizedName,
              version: requirement.version,
              locations: [requirementLocation(manifest, requirement)],
              message:
                `${requirement.name} has no --hash in ${manifest.path}, while ${hashed.length} other requirement` +
                `${hashed.length === 1 ? ' has' : 's have'} one. Any --hash turns on pip's hash-checking mode, which then refuses ` +
                'requirements without a hash; installed on its own, this line is not checked at all. Add its hashes ' +
                '(pip-compile --generate-hashes, or pip hash).',
            }),
          );
        }
      } else if (hashed.length === 0 && requirements.every((r) => r.version !== null)) {
        const first = requirements[0];
        if (!first) continue;
        findings.push(
          finding({
            kind: 'unhashed',
            severity: 'low',
            locations: [requirementLocation(manifest, first)],
            message:
              `${manifest.path} pins ${requirements.length} requirement${requirements.length === 1 ? '' : 's'} to exact versions ` +
              'without any --hash: pins fix versions, not files, so a compromised index or mirror could serve different ' +
              'files under the same versions. Generate hashes (pip-compile --generate-hashes, uv pip compile ' +
              '--generate-hashes) and install with --require-hashes.',
          }),
        );
      }
    }
    return findings;
  },
};
