/**
 * Google Cloud service-account key files: the JSON that `gcloud iam service-accounts keys create` writes
 * (https://cloud.google.com/iam/docs/keys-create-delete), recognised by `"type": "service_account"` and
 * a `"private_key"` holding a real PEM key. Reported once, on the `private_key` line, rather than as a
 * bare private key: the fix is on the service account, not on a key pair.
 */
import { readKeyBody } from './private-key.js';
import { SECRET_CWE, secretHelp } from './rule-help.js';
import type { SecretCandidate, SecretDetector, SecretScanInput } from './types.js';

const SERVICE_ACCOUNT_TYPE = /["']type["'][ \t]*:[ \t]*["']service_account["']/;
/** The private_key value: a JSON (or Python dict) string, escapes allowed, up to 20,000 characters. */
const PRIVATE_KEY_VALUE = /(["'])private_key\1[ \t]*:[ \t]*(["'])((?:(?!\2)[^\\\r\n]|\\.){0,20000})\2/dg;

/** gcpServiceAccountDetector finds the private key of a service-account key file. */
export const gcpServiceAccountDetector: SecretDetector = {
  doc: {
    id: 'secret.gcp-service-account',
    name: 'Google Cloud service-account key',
    help: secretHelp(
      'A Google Cloud service-account key file (JSON with `"type": "service_account"` and a `private_key`) is committed. It lets anyone act as the service account, with all of its IAM roles, until the key is deleted.',
      'Delete the key: IAM & Admin → Service accounts → Keys, or `gcloud iam service-accounts keys delete KEY_ID --iam-account=ACCOUNT`. Check Cloud Audit Logs for its use.',
      'Avoid long-lived keys altogether: use Workload Identity Federation (GitHub Actions: `google-github-actions/auth` with OIDC), attached service accounts on Google Cloud, or Secret Manager; enforce the `iam.disableServiceAccountKeyCreation` organisation policy.',
    ),
    cwe: SECRET_CWE,
  },
  severity: 'high',
  confidence: 'high',
  generic: false,
  *find({ text }: SecretScanInput): Iterable<SecretCandidate> {
    if (!text.includes('service_account') || !SERVICE_ACCOUNT_TYPE.test(text)) return;
    PRIVATE_KEY_VALUE.lastIndex = 0;
    for (let match = PRIVATE_KEY_VALUE.exec(text); match; match = PRIVATE_KEY_VALUE.exec(text)) {
      const value = match[3] ?? '';
      const span = match.indices?.[3];
      const begin = /-----BEGIN [A-Z ]*PRIVATE KEY-----/.exec(value);
      if (!span || !begin || !readKeyBody(value, begin.index + begin[0].length).real) continue;
      yield {
        start: span[0],
        end: span[1],
        message: 'Google Cloud service-account key file with its private key: delete this key on the service account and use Workload Identity Federation or Secret Manager instead.',
      };
    }
  },
};
