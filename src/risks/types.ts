/**
 * The shape of a supply-chain risk check and of what the runner hands it. Checks are plain functions of
 * the audit's data; the runner does all registry IO beforehand (bounded, each project once) and passes
 * the answers in, so a check never talks to the network and can be tested with plain objects.
 */
import type { Dependency } from '../manifests/inventory.js';
import type { ProjectSummary } from '../manifests/project-summary.js';
import type { Manifest } from '../manifests/types.js';
import type { ProjectInfo, SimpleProject } from '../registry/types.js';
import type { RiskFinding } from '../report/types.js';
import type { RiskConfig, RiskKind } from './config.js';

/** RiskInput is what the audit knows before the risk checks run. */
export interface RiskInput {
  manifests: readonly Manifest[];
  dependencies: readonly Dependency[];
  projects: readonly ProjectSummary[];
  /** File contents by path (pip-compile headers tell which `.in` a `.txt` was compiled from). */
  contents?: ReadonlyMap<string, string>;
}

/**
 * RegistrySnapshot is what the index said, looked up before the checks ran. `undefined` means "not
 * known" (not asked, or the lookup failed): checks then skip the package instead of guessing; `null`
 * means the index does not have the project.
 */
export interface RegistrySnapshot {
  /** The index's base URL (for messages). */
  baseUrl: string;
  project(name: string): ProjectInfo | null | undefined;
  simple(name: string): SimpleProject | null | undefined;
}

/** RiskContext is everything one check may read. */
export interface RiskContext {
  input: RiskInput;
  config: RiskConfig;
  now: Date;
  /** The top-level `minimumReleaseAge`, in ms; null when unset. */
  minimumReleaseAgeMs: number | null;
  /** Registry answers; null when the audit runs offline (registry checks do not run then). */
  registry: RegistrySnapshot | null;
}

/** RegistryNeeds says which registry data a check reads, and for which packages. */
export interface RegistryNeeds {
  /** The JSON API's project (`/pypi/<name>/json`). */
  project?: boolean;
  /** The Simple API page (PEP 691), for PEP 740 provenance and PEP 792 status. */
  simple?: boolean;
  /** The PEP 503 names to look up; default: the dependencies installed from PyPI. */
  names?: (context: Omit<RiskContext, 'registry'>) => string[];
}

/** RiskCheck is one supply-chain check: a stable id (its finding kind), a title, and a pure `run`. */
export interface RiskCheck {
  id: RiskKind;
  title: string;
  /** Registry data the check needs; a check with needs does not run offline. */
  registry?: RegistryNeeds;
  run(context: RiskContext): RiskFinding[] | Promise<RiskFinding[]>;
}
