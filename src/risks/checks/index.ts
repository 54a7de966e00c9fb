/**
 * RISK_CHECKS is every supply-chain check, in the order the report lists their findings when severities
 * tie. One file per check; each file's comment is the check's documentation.
 */
import type { RiskCheck } from '../types.js';
import { conflictCheck } from './conflict.js';
import { dependencyConfusionCheck } from './dependency-confusion.js';
import { deprecatedCheck } from './deprecated.js';
import { driftCheck } from './drift.js';
import { extraIndexUrlCheck } from './extra-index-url.js';
import { provenanceLostCheck } from './provenance-lost.js';
import { sdistOnlyCheck } from './sdist-only.js';
import { tooNewCheck } from './too-new.js';
import { typosquatCheck } from './typosquat.js';
import { unhashedCheck } from './unhashed.js';
import { unmaintainedCheck } from './unmaintained.js';
import { unpinnedCheck } from './unpinned.js';
import { urlSourceCheck } from './url-source.js';
import { yankedCheck } from './yanked.js';

/** RISK_CHECKS lists the checks the runner knows. */
export const RISK_CHECKS: readonly RiskCheck[] = [
  dependencyConfusionCheck,
  typosquatCheck,
  deprecatedCheck,
  yankedCheck,
  extraIndexUrlCheck,
  urlSourceCheck,
  provenanceLostCheck,
  tooNewCheck,
  unpinnedCheck,
  unhashedCheck,
  conflictCheck,
  driftCheck,
  unmaintainedCheck,
  sdistOnlyCheck,
];
