/**
 * Secret scanning (issue 7): committed credentials in any text file of a repository. The entry point is
 * `scanSecrets(path, text)`; `isSecretCandidatePath` says which files to give it, and `SECRET_RULE_DOCS`
 * documents every rule for SARIF and the README.
 */
export { scanSecrets, type SecretScanOptions } from './scan.js';
export { SECRET_DETECTORS, SECRET_RULE_DOCS } from './detectors.js';
export { isSecretCandidatePath } from './paths.js';
export { redactSecret } from './redact.js';
export { shannonEntropy, isHighEntropy, entropyThreshold } from './entropy.js';
export { isSecretLikeName } from './secret-names.js';
export { MAX_GENERIC_LINE_LENGTH } from './generic.js';
export { secretsConfigSchema, secretPathFilter, DEFAULT_SECRETS_CONFIG, type SecretsConfig } from './config.js';
export type { SecretDetector, SecretCandidate, SecretScanInput } from './types.js';
