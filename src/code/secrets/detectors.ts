/**
 * Every secret detector, in priority order: when matches overlap, the earlier detector's wins. A
 * service-account file beats the private key inside it, provider formats beat database URLs (a token can
 * sit in a URL's password), and the generic guess comes last.
 */
import type { RuleDoc } from '../types.js';
import { databaseUrlDetector } from './database-url.js';
import { gcpServiceAccountDetector } from './gcp-service-account.js';
import { genericSecretDetector } from './generic.js';
import { privateKeyDetector } from './private-key.js';
import { TOKEN_DETECTORS } from './token-detectors.js';
import type { SecretDetector } from './types.js';

/** SECRET_DETECTORS are all detectors, most specific first. */
export const SECRET_DETECTORS: readonly SecretDetector[] = [
  gcpServiceAccountDetector,
  privateKeyDetector,
  ...TOKEN_DETECTORS,
  databaseUrlDetector,
  genericSecretDetector,
];

/** SECRET_RULE_DOCS documents every secret rule (SARIF `rules[]`, README, `--list-rules`). */
export const SECRET_RULE_DOCS: RuleDoc[] = SECRET_DETECTORS.map((detector) => detector.doc);
