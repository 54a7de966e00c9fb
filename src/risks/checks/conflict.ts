/**
 * conflict: one package pinned to different versions by different files of the same project
 * (`requirements.txt` says `django==4.2.1`, `requirements-prod.txt` says `django==4.2.7`, or the lock
 * disagrees with an exact pin). Which version is really installed then depends on which file is used,
 * and a fix applied in one file is missing from the other. Severity medium.
 *
 * Files are compared by the sets of versions they pin: a lock may hold several versions of a package for
 * different Pythons or platforms, so two files conflict only when they share no version. Requirements
 * with environment markers are left out (`numpy==1.24; python_version < "3.9"` beside `numpy==2.0;
 * python_version >= "3.9"` is deliberate).
 */
import type { Location } from '../../manifests/inventory.js';
import type { Manifest } from '../../manifests/types.js';
import { versionIdentity } from '../../pep440/index.js';
import type { RiskFinding } from '../../report/types.js';
import { finding, requirementLocation } from '../scope.js';
import type { RiskCheck } from '../types.js';

interface Pins {
  /** Version identities by file. */
  byFile: Map<string, Set<string>>;
  /** Versions as written, by file, for the message. */
  written: Map<string, Set<string>>;
  locations: Location[];
}

/** conflictCheck reports packages pinned to disjoint versions by files of one project. */
export const conflictCheck: RiskCheck = {
  id: 'conflict',
  title: 'One package pinned to different versions',
  run({ input }) {
    const manifests = new Map<string, Manifest>(input.manifests.map((m) => [m.path, m]));
    const findings: RiskFinding[] = [];
    for (const project of input.projects) {
      const pins = new Map<string, Pins>();
      for (const path of project.manifests) {
        const manifest = manifests.get(path);
        if (!manifest) continue;
        for (const requirement of manifest.requirements) {
          if (requirement.version === null || requirement.markers) continue;
          const entry: Pins = pins.get(requirement.normalizedName) ?? { byFile: new Map(), written: new Map(), locations: [] };
          const identities = entry.byFile.get(path) ?? new Set<string>();
          const written = entry.written.get(path) ?? new Set<string>();
          identities.add(versionIdentity(requirement.version));
          written.add(requirement.version);
          entry.byFile.set(path, identities);
          entry.written.set(path, written);
          entry.locations.push(requirementLocation(manifest, requirement));
          pins.set(requirement.normalizedName, entry);
        }
      }
      for (const [name, entry] of pins) {
        const files = [...entry.byFile.entries()];
        const disjoint = files.some(([, a], i) => files.slice(i + 1).some(([, b]) => ![...a].some((v) => b.has(v))));
        if (!disjoint) continue;
        const listing = [...entry.written.entries()].map(([path, versions]) => `${path}: ${[...versions].join(', ')}`).join('; ');
        const where = project.root === '.' ? 'the project at the repository root' : `the project in ${project.root}`;
        findings.push(
          finding({
            kind: 'conflict',
            severity: 'medium',
            package: name,
            locations: entry.locations,
            message:
              `${name} is pinned to different versions by files of ${where} (${listing}). Which version is installed ` +
              'depends on the file used, and a fix made in one file is missing from the other. Align the pins (or ' +
              're-lock) so every file says the same version.',
          }),
        );
      }
    }
    return findings;
  },
};
