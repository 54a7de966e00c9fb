/**
 * Is an upgrade breaking? PEP 440 gives version numbers no compatibility meaning, so the planner reads
 * them the way most Python projects number releases (SemVer, https://semver.org/):
 * - a higher epoch (`1!1.0` after `2.0`) is a new numbering scheme: breaking;
 * - a higher first release segment (`3.2` → `4.0`) is a new major version: breaking;
 * - below 1.0, a higher second segment (`0.10` → `0.11`) is breaking too: SemVer §4 says anything may
 *   change in `0.y.z`, and Python projects in 0.x (FastAPI, Starlette…) do break on such bumps;
 * - calendar versioning (first segment 1000 or more in both versions: certifi's `2024.2.2`, pytz's
 *   `2024.1`) is not breaking by number alone: a new year is not a new API.
 * Other breaking signals (Requires-Python raised, dependencies dropped, release notes) are found from
 * release data by the notes stage; this one needs nothing but the two versions.
 */
import { explainVersion } from '../../pep440/index.js';

/** CALENDAR_MAJOR is the first release segment from which a version reads as a year (calendar versioning). */
const CALENDAR_MAJOR = 1000;

/** breakingReasons explains why going from `from` to `to` is breaking; empty when it is not (or cannot be told). */
export function breakingReasons(from: string | null, to: string): string[] {
  if (from === null) return [];
  const before = explainVersion(from);
  const after = explainVersion(to);
  if (before === null || after === null) return [];
  if (after.epoch !== before.epoch) return after.epoch > before.epoch ? [`version epoch ${before.epoch} → ${after.epoch}`] : [];
  const major = [before.release[0] ?? 0, after.release[0] ?? 0] as const;
  if (major[0] >= CALENDAR_MAJOR && major[1] >= CALENDAR_MAJOR) return [];
  if (major[1] > major[0]) return [`major version ${major[0]} → ${major[1]}`];
  if (major[1] === 0 && major[0] === 0) {
    const minor = [before.release[1] ?? 0, after.release[1] ?? 0] as const;
    if (minor[1] > minor[0]) return [`pre-1.0 minor version 0.${minor[0]} → 0.${minor[1]} (0.x releases may break on a minor bump)`];
  }
  return [];
}
