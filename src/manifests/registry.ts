/**
 * The registry of manifest formats: one line per format. Discovery asks it which parser reads a path.
 */
import { condaEnvironmentFormat } from './conda/index.js';
import { pdmLockFormat } from './pdm-lock/index.js';
import { pipfileLockFormat } from './pipfile-lock/index.js';
import { pipfileFormat } from './pipfile/index.js';
import { poetryLockFormat } from './poetry-lock/index.js';
import { pylockFormat } from './pylock/index.js';
import { pyprojectFormat } from './pyproject/index.js';
import { requirementsFormat } from './requirements/index.js';
import { setupCfgFormat } from './setup-cfg/index.js';
import { setupPyFormat } from './setup-py/index.js';
import type { ManifestFormat, ManifestKind } from './types.js';
import { uvLockFormat } from './uv-lock/index.js';

/** RegisteredFormat is a parser and the kind its files have when they cannot be parsed at all. */
export interface RegisteredFormat {
  format: ManifestFormat;
  kind: ManifestKind;
}

/** REQUIREMENTS_ENTRY reads any file a requirements file includes. */
export const REQUIREMENTS_ENTRY: RegisteredFormat = { format: requirementsFormat, kind: 'requirements' };

/** MANIFEST_FORMATS lists every supported format; the first whose `matches` accepts a path reads it. */
export const MANIFEST_FORMATS: readonly RegisteredFormat[] = [
  REQUIREMENTS_ENTRY,
  { format: pyprojectFormat, kind: 'pyproject-pep621' },
  { format: setupPyFormat, kind: 'setup-py' },
  { format: setupCfgFormat, kind: 'setup-cfg' },
  { format: pipfileFormat, kind: 'pipfile' },
  { format: pipfileLockFormat, kind: 'pipfile-lock' },
  { format: poetryLockFormat, kind: 'poetry-lock' },
  { format: uvLockFormat, kind: 'uv-lock' },
  { format: pdmLockFormat, kind: 'pdm-lock' },
  { format: pylockFormat, kind: 'pylock' },
  { format: condaEnvironmentFormat, kind: 'conda-environment' },
];

/** formatForPath is the registered format that reads a path, if any. */
export function formatForPath(filePath: string): RegisteredFormat | undefined {
  return MANIFEST_FORMATS.find((entry) => entry.format.matches(filePath));
}
