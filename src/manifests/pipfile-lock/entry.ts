/**
 * One package of a Pipfile.lock category: an object with `version` (`==1.2.3`), `hashes`, `markers`,
 * `index`, `extras`, or `git`/`ref`, `path`/`editable`, `file` for direct references. The keys are the
 * Pipfile's table keys, so the Pipfile entry reader does the work; the lock adds hashes.
 * See https://github.com/pypa/pipfile#pipfilelock and https://pipenv.pypa.io/en/latest/pipfile.html
 */
import { requirementFromPipfileEntry, type PipfileEntryContext, type PipfileEntryResult } from '../pipfile/entry.js';
import { describe } from '../pipfile/requires-python.js';
import { isRecord } from '../pipfile/sources.js';

/** requirementFromLockEntry reads one `"name": {…}` member; a wrong shape is a problem, not a throw. */
export function requirementFromLockEntry(name: string, value: unknown, context: PipfileEntryContext): PipfileEntryResult {
  if (!isRecord(value)) return { problems: [`${name}: expected an object, found ${describe(value)}`] };
  const hashes = value['hashes'];
  if (hashes !== undefined && !(Array.isArray(hashes) && hashes.every((h) => typeof h === 'string'))) {
    return { problems: [`${name}: "hashes" must be a list of "algorithm:digest" strings`] };
  }
  const result = requirementFromPipfileEntry(name, value, context);
  if (result.requirement && Array.isArray(hashes)) result.requirement.hashes = hashes.map((h) => String(h));
  return result;
}
