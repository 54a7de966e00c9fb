/**
 * The conda environment file format (environment.yml), read for its `- pip:` requirements and its
 * Python version. See https://docs.conda.io/projects/conda/en/latest/user-guide/tasks/manage-environments.html
 */
import type { ManifestFormat } from '../types.js';
import { parseCondaEnvironment } from './parse.js';

export { parseCondaEnvironment } from './parse.js';

/**
 * ENVIRONMENT_FILE matches `environment.yml` / `environment.yaml` (the names `conda env create` looks
 * for) and the variants projects keep beside them: `environment-dev.yml`, `environment_cpu.yaml`,
 * `dev-environment.yml`, `ci.environment.yml`. A match that turns out not to be a conda file costs an
 * empty manifest or an error on it, never a crash.
 */
const ENVIRONMENT_FILE = /^(?:[^/]+[-_.])?environment(?:[-_.][^/]+)?\.ya?ml$/;

/** condaEnvironmentFormat reads conda environment files, by basename. */
export const condaEnvironmentFormat: ManifestFormat = {
  id: 'conda-environment',
  matches: (path) => ENVIRONMENT_FILE.test(path.split('/').pop() ?? ''),
  parse: parseCondaEnvironment,
};
