/**
 * drift: a lock or compiled requirements file that no longer matches what it was made from, so installs
 * do not give what the project declares (a dependency added, a bound raised for a security fix…).
 * - A lock out of step with its manifest (the project summary's `inSync: false`: poetry.lock's
 *   content-hash, Pipfile.lock's hash, uv.lock's recorded requirements): medium, on the lock file.
 * - A pip-tools pair, `X.in` compiled into `X.txt`: the pair is found from the header pip-compile (or
 *   `uv pip compile`) writes in the `.txt` (`#    pip-compile --output-file=X.txt X.in`), or else from
 *   the same stem beside it. Medium, for each requirement of the `.in` (and of the `.in` files it
 *   includes with `-r`) that is missing from the `.txt`, and each `.txt` pin that the `.in`'s specifier
 *   does not allow. Requirements with environment markers may be left out by pip-compile on purpose
 *   and are not judged; neither are constraints (`-c`) or local paths.
 */
import path from 'node:path';
import type { Manifest, ManifestKind, Requirement } from '../../manifests/types.js';
import { satisfiesSpecifier } from '../../pep440/index.js';
import type { RiskFinding } from '../../report/types.js';
import { finding, lineLocation, requirementLocation } from '../scope.js';
import type { RiskCheck } from '../types.js';

const RELOCK: Partial<Record<ManifestKind, string>> = {
  'poetry-lock': 'poetry lock',
  'uv-lock': 'uv lock',
  'pipfile-lock': 'pipenv lock',
  'pdm-lock': 'pdm lock',
};

/** HEADER_LINES bounds how far the pip-compile header is looked for. */
const HEADER_LINES = 40;

/** compiledFrom finds the `.in` files a `.txt` was compiled from (header first, then the same stem). */
function compiledFrom(txt: Manifest, manifests: ReadonlyMap<string, Manifest>, content: string | undefined): Manifest[] {
  const sources: Manifest[] = [];
  const dir = path.posix.dirname(txt.path);
  const header = (content ?? '').split('\n', HEADER_LINES).filter((line) => line.startsWith('#'));
  const command = header.filter((line) => /\b(pip-compile|uv pip compile)\b/.test(line)).join(' ');
  for (const token of command.split(/\s+/)) {
    const target = token.replace(/^--?[a-z-]+=/, '');
    if (!target.endsWith('.in')) continue;
    for (const candidate of [path.posix.normalize(path.posix.join(dir, target)), path.posix.normalize(target)]) {
      const found = manifests.get(candidate);
      if (found && !sources.includes(found)) {
        sources.push(found);
        break;
      }
    }
  }
  if (sources.length > 0) return sources;
  const sameStem = manifests.get(txt.path.replace(/\.txt$/, '.in'));
  return sameStem ? [sameStem] : [];
}

/** inputRequirements are an `.in` file's requirements and those of the `.in` files it includes with `-r`. */
function inputRequirements(root: Manifest, manifests: ReadonlyMap<string, Manifest>): Array<{ manifest: Manifest; requirement: Requirement }> {
  const seen = new Set<string>();
  const result: Array<{ manifest: Manifest; requirement: Requirement }> = [];
  const pending = [root];
  while (pending.length > 0) {
    const manifest = pending.pop();
    if (!manifest || seen.has(manifest.path)) continue;
    seen.add(manifest.path);
    for (const requirement of manifest.requirements) result.push({ manifest, requirement });
    for (const include of manifest.includes ?? []) {
      if (include.kind !== 'requirement') continue;
      const target = manifests.get(path.posix.normalize(path.posix.join(path.posix.dirname(manifest.path), include.target)));
      if (target) pending.push(target);
    }
  }
  return result;
}

function allows(version: string, specifier: string): boolean {
  try {
    return satisfiesSpecifier(version, specifier);
  } catch {
    // A version the PEP 440 library cannot read is not judged.
    return true;
  }
}

/** driftCheck reports stale locks and compiled requirements files. */
export const driftCheck: RiskCheck = {
  id: 'drift',
  title: 'Lock or compiled requirements out of step',
  run({ input }) {
    const findings: RiskFinding[] = [];
    for (const project of input.projects) {
      for (const lock of project.lockFiles) {
        if (lock.inSync !== false) continue;
        const relock = RELOCK[lock.kind];
        findings.push(
          finding({
            kind: 'drift',
            severity: 'medium',
            locations: [lineLocation(lock.path, 1)],
            message:
              `${lock.path} is out of step with ${lock.manifest ?? 'its manifest'} (${lock.reason}): installs from the lock do ` +
              `not give what the manifest declares. Re-lock${relock ? ` (${relock})` : ''} and commit both files together.`,
          }),
        );
      }
    }
    const manifests = new Map<string, Manifest>(input.manifests.map((m) => [m.path, m]));
    for (const txt of input.manifests) {
      if (txt.kind !== 'requirements' || !txt.path.endsWith('.txt')) continue;
      const sources = compiledFrom(txt, manifests, input.contents?.get(txt.path));
      if (sources.length === 0) continue;
      const pins = new Map<string, Requirement[]>();
      for (const requirement of txt.requirements) pins.set(requirement.normalizedName, [...(pins.get(requirement.normalizedName) ?? []), requirement]);
      const seen = new Set<string>();
      for (const source of sources) {
        for (const { manifest, requirement } of inputRequirements(source, manifests)) {
          if (requirement.constraintOnly || requirement.markers || requirement.source.type === 'path') continue;
          const key = `${requirement.normalizedName}\u0000${requirement.specifier ?? ''}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const compiled = pins.get(requirement.normalizedName);
          if (!compiled) {
            findings.push(
              finding({
                kind: 'drift',
                severity: 'medium',
                package: requirement.normalizedName,
                locations: [requirementLocation(manifest, requirement)],
                message:
                  `${requirement.name} is required by ${manifest.path} but missing from ${txt.path}, which was compiled from it: ` +
                  `installing ${txt.path} leaves it out. Re-run pip-compile (or uv pip compile) and commit the result.`,
              }),
            );
            continue;
          }
          const specifier = requirement.specifier;
          if (!specifier) continue;
          for (const pin of compiled) {
            if (pin.version === null || allows(pin.version, specifier)) continue;
            findings.push(
              finding({
                kind: 'drift',
                severity: 'medium',
                package: requirement.normalizedName,
                version: pin.version,
                locations: [requirementLocation(txt, pin), requirementLocation(manifest, requirement)],
                message:
                  `${txt.path} pins ${pin.name}==${pin.version}, which ${manifest.path} does not allow ("${specifier}"): the compiled ` +
                  `file is older than its input. Re-run pip-compile (or uv pip compile) and commit the result.`,
              }),
            );
          }
        }
      }
    }
    return findings;
  },
};
