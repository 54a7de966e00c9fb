/**
 * Supply-chain risk signals (issue 7): one check per file in `checks/`, one runner. The audit calls
 * `runRiskChecks` with what it knows and a PackageRegistry (or null offline).
 */
export { RISK_CHECKS } from './checks/index.js';
export { DEFAULT_RISK_CONFIG, RISK_KINDS, riskConfigSchema, type RiskConfig, type RiskKind } from './config.js';
export { DEFAULT_CONCURRENCY, runRiskChecks, SKIPPED_KIND, type RiskOptions, type RiskResult } from './runner.js';
export type { RegistryNeeds, RegistrySnapshot, RiskCheck, RiskContext, RiskInput } from './types.js';
