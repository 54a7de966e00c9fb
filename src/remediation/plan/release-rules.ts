/**
 * The rules every release the planner proposes must pass, whether it fixes a vulnerable package or lifts
 * another package's cap: not yanked (PEP 592: installers skip yanked releases unless pinned exactly), at
 * least `minimumReleaseAge` old (Renovate's `minimumReleaseAge`, uv's `exclude-newer`: the age of the
 * release's first uploaded file), and installable on the project's lowest Python (see python.ts).
 * A release without an upload time cannot be proven old enough: when a minimum age is set it is refused
 * (`age-unknown`), since the setting exists to keep releases of unknown vintage out.
 */
import type { ReleaseInfo } from '../../registry/types.js';
import { releaseFitsPython, releaseRequiresPython, type LowestPython } from './python.js';

/** ReleaseRules are what a proposed release is checked against. */
export interface ReleaseRules {
  /** The project's lowest Python (null: not known, every release fits). */
  lowestPython: LowestPython | null;
  /** The top-level `minimumReleaseAge` in ms; null or 0: no minimum. */
  minimumReleaseAgeMs: number | null;
  now: Date;
}

/** Rejection is why a release cannot be proposed. */
export type Rejection =
  | { kind: 'yanked'; reason: string | null }
  | { kind: 'python'; requiresPython: string }
  | { kind: 'too-young'; eligibleOn: string }
  | { kind: 'age-unknown' };

/** releaseRejection is why a release breaks the rules, or null when it may be proposed. Checks run in the order above. */
export function releaseRejection(release: ReleaseInfo, rules: ReleaseRules): Rejection | null {
  if (release.yanked) return { kind: 'yanked', reason: release.yankedReason };
  if (!releaseFitsPython(release, rules.lowestPython)) return { kind: 'python', requiresPython: releaseRequiresPython(release) ?? '' };
  const minimum = rules.minimumReleaseAgeMs ?? 0;
  if (minimum > 0) {
    const uploaded = release.uploadTime === null ? NaN : Date.parse(release.uploadTime);
    if (!Number.isFinite(uploaded)) return { kind: 'age-unknown' };
    if (rules.now.getTime() - uploaded < minimum) return { kind: 'too-young', eligibleOn: new Date(uploaded + minimum).toISOString().slice(0, 10) };
  }
  return null;
}
