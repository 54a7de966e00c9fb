/**
 * The remediation planner (issue 5, "Choosing the target version", "Grouping and ranking"): the entry
 * point `planRemediation`, its configuration section, and the pieces the other remediation stages reuse.
 */
export { planRemediation, type PlanInput } from './plan.js';
export {
  remediationConfigSchema,
  remediationGroupSchema,
  DEFAULT_REMEDIATION_CONFIG,
  REMEDIATION_STRATEGIES,
  type RemediationConfig,
  type RemediationGroupConfig,
  type RemediationStrategy,
} from './config.js';
export { chooseTarget, preferredCandidate, type TargetCandidate, type TargetRequest, type TargetResult } from './target.js';
export { breakingReasons } from './breaking.js';
export { groupTitle, namePackages } from './title.js';
export { compareGroups, rankGroups, applyPullRequestLimit } from './rank.js';
