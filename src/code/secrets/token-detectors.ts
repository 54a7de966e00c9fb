/**
 * Provider tokens with a recognisable format, one table entry per detector. Each pattern starts with a
 * literal (the provider's prefix or a fixed key name), uses only bounded repetition and never crosses a
 * line, so a scan is linear in the file's size and safe on megabyte-long lines. The formats come from the
 * providers' own documentation (linked in each entry) and the patterns gitleaks and GitHub secret scanning
 * publish for them.
 */
import { redactSecret } from './redact.js';
import { isKnownExampleSecret, looksLikePlaceholder } from './placeholders.js';
import { CI_SECRETS, SECRET_CWE, secretHelp } from './rule-help.js';
import type { SecretCandidate, SecretDetector, SecretScanInput } from './types.js';

/** TokenPattern describes one provider's token. */
interface TokenPattern {
  id: string;
  name: string;
  /** What it is, how to revoke it, where to keep it: see `secretHelp`. */
  what: string;
  revoke: string;
  keepInstead?: string;
  /** A global regex with the `d` flag and a named group `secret` holding the credential itself. */
  pattern: RegExp;
  /** A cheap substring test: when the text lacks it, the pattern cannot match and is not run. */
  needle: string;
  /** The public part at the start of the secret, left out of the placeholder test. */
  publicPrefix: RegExp;
  /** The label in the message, which may depend on the token's prefix. */
  label: (secret: string) => string;
  /** What to do, appended to the message. */
  action: string;
  /** A last look at the text before the match (`start` is where the secret starts); false drops the match. */
  accept?: (text: string, start: number) => boolean;
}

const GITHUB_TOKEN_KINDS: Readonly<Record<string, string>> = {
  ghp_: 'GitHub personal access token (classic)',
  gho_: 'GitHub OAuth access token',
  ghu_: 'GitHub App user access token',
  ghs_: 'GitHub App installation (server-to-server) token',
  ghr_: 'GitHub App refresh token',
  github_pat_: 'GitHub fine-grained personal access token',
};

const SLACK_TOKEN_KINDS: Readonly<Record<string, string>> = {
  'xoxb-': 'Slack bot token',
  'xoxp-': 'Slack user token',
  'xoxa-': 'Slack app token',
  'xoxr-': 'Slack refresh token',
  'xoxs-': 'Slack session token',
};

/** TOKEN_PATTERNS, most specific first (an overlap goes to the earlier entry). */
const TOKEN_PATTERNS: readonly TokenPattern[] = [
  {
    id: 'secret.aws-access-key',
    name: 'AWS access key ID',
    what: 'An AWS access key ID is committed (`AKIA…` for an IAM user\'s long-term key, `ASIA…` for temporary STS credentials). With its secret access key, usually nearby, it signs requests as that IAM identity.',
    revoke: 'In IAM, create a new key for the user, switch the application over, then deactivate and delete the old one (`aws iam update-access-key --status Inactive`, `aws iam delete-access-key`); review CloudTrail for its use. AWS may already have quarantined the user with `AWSCompromisedKeyQuarantine`.',
    keepInstead: 'Prefer roles to keys: instance profiles, IRSA / EKS Pod Identity, and for GitHub Actions OIDC with `aws-actions/configure-aws-credentials`. Where a key is unavoidable, keep it in AWS Secrets Manager or the CI secret store (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html).',
    pattern: /(?<![A-Za-z0-9])(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})(?![A-Za-z0-9])/dg,
    needle: 'A',
    publicPrefix: /^.{4}/,
    label: () => 'AWS access key ID',
    action: 'deactivate the key in IAM and use a role or a secret store instead',
    // In a presigned S3 URL the key id is public by design (the URL is meant to be shared and expires):
    // recorded HTTP fixtures (vcrpy cassettes, moto responses) are full of them.
    accept: (text, start) => !/(?:X-Amz-Credential|AWSAccessKeyId)=$/i.test(text.slice(Math.max(0, start - 17), start)),
  },
  {
    id: 'secret.aws-secret-key',
    name: 'AWS secret access key',
    what: 'An AWS secret access key (40 characters, assigned to `aws_secret_access_key` or `SecretAccessKey`) is committed. Together with its access key ID it gives full use of the IAM identity.',
    revoke: 'Rotate the access key pair in IAM (create a new one, deploy it, deactivate and delete the old one) and review CloudTrail for its use.',
    keepInstead: 'Use roles (instance profiles, IRSA, GitHub Actions OIDC) instead of long-term keys, or keep the key in AWS Secrets Manager / the CI secret store, never in `~/.aws/credentials` files inside the repository.',
    pattern: /(?<![A-Za-z0-9])(?:aws[_.-]?)?secret[_.-]?access[_.-]?key\\?["']?[ \t]*\]?[ \t]*(?:=>|:=|=|:)[ \t]*\\?["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi,
    needle: '',
    publicPrefix: /^/,
    label: () => 'AWS secret access key',
    action: 'rotate the access key pair in IAM and use a role or a secret store instead',
  },
  {
    id: 'secret.google-api-key',
    name: 'Google API key',
    what: 'A Google API key (`AIza…`, 39 characters) is committed. Unrestricted keys can be used by anyone against every API enabled on the project, billed to it.',
    revoke: 'In Google Cloud console → APIs & Services → Credentials, regenerate or delete the key, and add application and API restrictions to its replacement (https://cloud.google.com/docs/authentication/api-keys).',
    pattern: /(?<![A-Za-z0-9_-])(?<secret>AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/dg,
    needle: 'AIza',
    publicPrefix: /^AIza/,
    label: () => 'Google API key',
    action: 'regenerate it in the Cloud console, restrict its replacement, and load it from a secret store',
  },
  {
    id: 'secret.azure-storage-key',
    name: 'Azure Storage account key',
    what: 'An Azure Storage connection string with its `AccountKey=` is committed. The account key grants full control of the storage account (every blob, queue, table and file share).',
    revoke: 'Rotate the key: Storage account → Security + networking → Access keys → Rotate key (or `az storage account keys renew`), after moving clients to the other key (https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage).',
    keepInstead: 'Prefer Microsoft Entra ID (managed identities, `DefaultAzureCredential`) or short-lived SAS tokens; otherwise keep the connection string in Azure Key Vault or the CI secret store.',
    pattern: /AccountKey=(?<secret>[A-Za-z0-9+/]{40,120}={0,2})(?![A-Za-z0-9+/=])/dgi,
    needle: '',
    publicPrefix: /^/,
    label: () => 'Azure Storage account key (in a connection string)',
    action: 'rotate the account key and use a managed identity or Key Vault instead',
  },
  {
    id: 'secret.github-token',
    name: 'GitHub token',
    what: 'A GitHub token is committed: a personal access token (`ghp_`, fine-grained `github_pat_`), an OAuth token (`gho_`), or a GitHub App user, installation or refresh token (`ghu_`, `ghs_`, `ghr_`). It acts on GitHub with its owner\'s access (https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/).',
    revoke: 'Revoke it: Settings → Developer settings → Personal access tokens (or the OAuth / GitHub App authorisation), or through the credential-revocation API; organisation owners can revoke fine-grained tokens too. Review the security log for its use.',
    keepInstead: 'In Actions use the built-in `GITHUB_TOKEN` or a GitHub App token minted per run; elsewhere read it from the environment and keep it in a secret store (GitHub Actions secrets, a keychain via `gh auth`).',
    pattern: /(?<![A-Za-z0-9_])(?<secret>gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{82,240})(?![A-Za-z0-9_])/dg,
    needle: 'gh',
    publicPrefix: /^(?:gh[pousr]_|github_pat_)/,
    label: (secret) => GITHUB_TOKEN_KINDS[secret.startsWith('github_pat_') ? 'github_pat_' : secret.slice(0, 4)] ?? 'GitHub token',
    action: 'revoke it on GitHub and read tokens from the environment or a secret store',
  },
  {
    id: 'secret.gitlab-token',
    name: 'GitLab personal access token',
    what: 'A GitLab personal, project or group access token (`glpat-…`) is committed. It acts on GitLab with the scopes it was created with (https://docs.gitlab.com/ee/security/tokens/).',
    revoke: 'Revoke it under User settings → Access tokens (or the project / group\'s Access tokens page), or with the personal access tokens API, and check the audit events.',
    pattern: /(?<![A-Za-z0-9_-])(?<secret>glpat-[A-Za-z0-9_-]{20,300}(?:\.[A-Za-z0-9_-]{1,40}){0,3})(?![A-Za-z0-9_-])/dg,
    needle: 'glpat-',
    publicPrefix: /^glpat-/,
    label: () => 'GitLab access token',
    action: 'revoke it in GitLab and read it from the environment or a secret store',
  },
  {
    id: 'secret.slack-token',
    name: 'Slack token',
    what: 'A Slack API token is committed (`xoxb-` bot, `xoxp-` user, `xoxa-` app, `xoxr-` refresh, `xoxs-` session). It reads and posts in the workspace as its owner (https://api.slack.com/authentication/token-types).',
    revoke: 'Revoke it with `auth.revoke` or by reinstalling / regenerating tokens on the app\'s OAuth & Permissions page (https://api.slack.com/methods/auth.revoke); a workspace admin can also revoke it.',
    pattern: /(?<![A-Za-z0-9-])(?<secret>xox[abprs]-[0-9]{1,20}-[A-Za-z0-9-]{8,250})(?![A-Za-z0-9-])/dg,
    needle: 'xox',
    publicPrefix: /^xox[abprs]-/,
    label: (secret) => SLACK_TOKEN_KINDS[secret.slice(0, 5)] ?? 'Slack token',
    action: 'revoke it (auth.revoke or regenerate it on the Slack app page) and read it from a secret store',
  },
  {
    id: 'secret.slack-webhook',
    name: 'Slack incoming webhook URL',
    what: 'A Slack incoming-webhook URL (`https://hooks.slack.com/services/T…/B…/…`) is committed. Anyone with it can post messages into the channel, e.g. convincing phishing (https://api.slack.com/messaging/webhooks).',
    revoke: 'Remove the webhook from the app\'s Incoming Webhooks page (or the legacy integration) and create a new one.',
    pattern: /hooks\.slack\.com\/services\/(?<secret>T[A-Za-z0-9_]{6,20}\/B[A-Za-z0-9_]{6,20}\/[A-Za-z0-9_]{20,40})(?![A-Za-z0-9_])/dg,
    needle: 'hooks.slack.com',
    publicPrefix: /^/,
    label: () => 'Slack incoming webhook URL',
    action: 'replace the webhook in the Slack app settings and keep the URL in a secret store',
  },
  {
    id: 'secret.stripe-key',
    name: 'Stripe live secret key',
    what: 'A Stripe live-mode secret key (`sk_live_…`) or restricted key (`rk_live_…`) is committed. It moves real money: charges, refunds, payouts, customer data (https://docs.stripe.com/keys). Test-mode keys (`sk_test_`, `rk_test_`) are not reported: they reach only test data and are routinely shared in fixtures.',
    revoke: 'Roll the key in the Dashboard → Developers → API keys ("Roll key", optionally with a grace period) and review the logs for requests you did not make.',
    keepInstead: 'Keep it in the server\'s environment or a secret manager; use restricted keys with the fewest permissions, and never ship a secret key to a browser or app.',
    pattern: /(?<![A-Za-z0-9_])(?<secret>[sr]k_live_[A-Za-z0-9]{20,247})(?![A-Za-z0-9_])/dg,
    needle: '_live_',
    publicPrefix: /^[sr]k_live_/,
    label: (secret) => (secret.startsWith('rk_') ? 'Stripe live restricted key' : 'Stripe live secret key'),
    action: 'roll it in the Stripe dashboard and load it from a secret store',
  },
  {
    id: 'secret.twilio-api-key',
    name: 'Twilio API key',
    what: 'A Twilio API key SID (`SK` + 32 hex digits) is committed; its secret is usually next to it. Together they call the Twilio API on the account (messages, calls, billing) (https://www.twilio.com/docs/iam/api-keys).',
    revoke: 'Delete the API key in the Twilio Console → Account → API keys & tokens and create a new one.',
    pattern: /(?<![A-Za-z0-9_])(?<secret>SK[0-9a-fA-F]{32})(?![A-Za-z0-9_])/dg,
    needle: 'SK',
    publicPrefix: /^SK/,
    label: () => 'Twilio API key',
    action: 'delete the key in the Twilio console and load its replacement from a secret store',
  },
  {
    id: 'secret.sendgrid-api-key',
    name: 'SendGrid API key',
    what: 'A SendGrid API key (`SG.` + id + `.` + secret) is committed. It sends mail as the account (phishing from a trusted domain) and, depending on its scopes, reads contacts and settings (https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys).',
    revoke: 'Delete the key in SendGrid → Settings → API Keys and create a new one with the fewest scopes needed.',
    pattern: /(?<![A-Za-z0-9_-])(?<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/dg,
    needle: 'SG.',
    publicPrefix: /^SG\./,
    label: () => 'SendGrid API key',
    action: 'delete it in SendGrid and load its replacement from a secret store',
  },
  {
    id: 'secret.npm-token',
    name: 'npm access token',
    what: 'An npm access token (`npm_…`, 40 characters) is committed. A publish-capable token lets anyone publish malicious versions of your packages (https://docs.npmjs.com/about-access-tokens).',
    revoke: 'Revoke it with `npm token revoke` or on npmjs.com → Access Tokens, and check your packages\' recent versions.',
    keepInstead: 'Publish from CI with trusted publishing (OIDC) where possible; otherwise keep a granular, scoped token in the CI secret store and reference it as `${NPM_TOKEN}` in `.npmrc`.',
    pattern: /(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/dg,
    needle: 'npm_',
    publicPrefix: /^npm_/,
    label: () => 'npm access token',
    action: 'revoke it (npm token revoke) and use trusted publishing or a CI secret',
  },
  {
    id: 'secret.pypi-token',
    name: 'PyPI API token',
    what: 'A PyPI (or TestPyPI) API token (`pypi-AgEIcHlwaS5vcmc…`, a macaroon) is committed. With upload scope it lets anyone publish malicious releases of your projects (https://pypi.org/help/#apitoken). PyPI itself revokes tokens it finds in public GitHub repositories.',
    revoke: 'Remove the token on pypi.org → Account settings → API tokens, and check the project\'s release history and security log.',
    keepInstead: 'Publish from CI with Trusted Publishing (OIDC, `pypa/gh-action-pypi-publish` without a password: https://docs.pypi.org/trusted-publishers/); otherwise keep a project-scoped token in the CI secret store or a keyring, never in `.pypirc` inside the repository.',
    pattern: /(?<![A-Za-z0-9_-])(?<secret>pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000})(?![A-Za-z0-9_-])/dg,
    needle: 'pypi-',
    publicPrefix: /^pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)/,
    label: () => 'PyPI API token',
    action: 'remove it on pypi.org and publish with Trusted Publishing or a CI secret',
  },
  {
    id: 'secret.openai-api-key',
    name: 'OpenAI API key',
    what: 'An OpenAI API key is committed (`sk-proj-…` project key, `sk-svcacct-…` service-account key, `sk-admin-…` admin key, or a legacy `sk-…T3BlbkFJ…` key). Anyone can spend the organisation\'s credits and read its files and fine-tunes with it.',
    revoke: 'Delete the key on platform.openai.com → API keys (or the project\'s keys page) and create a new one (https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety).',
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,300}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})(?![A-Za-z0-9_-])/dg,
    needle: 'sk-',
    publicPrefix: /^sk-(?:proj-|svcacct-|admin-)?/,
    label: () => 'OpenAI API key',
    action: 'delete it on the OpenAI platform and read it from the environment (OPENAI_API_KEY) or a secret store',
  },
  {
    id: 'secret.anthropic-api-key',
    name: 'Anthropic API key',
    what: 'An Anthropic API key (`sk-ant-api03-…`, or an admin key `sk-ant-admin01-…`) is committed. Anyone can spend the organisation\'s credits with it (https://docs.anthropic.com/en/api/getting-started).',
    revoke: 'Delete the key in the Anthropic Console → Settings → API keys and create a new one.',
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-ant-[a-z]{3,8}[0-9]{2}-[A-Za-z0-9_-]{80,200})(?![A-Za-z0-9_-])/dg,
    needle: 'sk-ant-',
    publicPrefix: /^sk-ant-[a-z]{3,8}[0-9]{2}-/,
    label: () => 'Anthropic API key',
    action: 'delete it in the Anthropic console and read it from the environment (ANTHROPIC_API_KEY) or a secret store',
  },
];

/** tokenDetector turns a table entry into a detector (specific format: high severity, high confidence). */
function tokenDetector(entry: TokenPattern): SecretDetector {
  return {
    doc: { id: entry.id, name: entry.name, help: secretHelp(entry.what, entry.revoke, entry.keepInstead ?? CI_SECRETS), cwe: SECRET_CWE },
    severity: 'high',
    confidence: 'high',
    generic: false,
    *find({ text }: SecretScanInput): Iterable<SecretCandidate> {
      if (entry.needle !== '' && !text.includes(entry.needle)) return;
      const pattern = new RegExp(entry.pattern.source, entry.pattern.flags);
      for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
        const secret = match.groups?.['secret'];
        const span = match.indices?.groups?.['secret'];
        if (secret === undefined || span === undefined) continue;
        // The public prefix is the same in every token: only the rest says whether it was made up.
        if (isKnownExampleSecret(secret) || looksLikePlaceholder(secret.replace(entry.publicPrefix, ''))) continue;
        if (entry.accept && !entry.accept(text, span[0])) continue;
        yield { start: span[0], end: span[1], message: `${entry.label(secret)} ${redactSecret(secret)} is committed in this file: ${entry.action}.` };
      }
    },
  };
}

/** TOKEN_DETECTORS are the table's detectors, in table order. */
export const TOKEN_DETECTORS: readonly SecretDetector[] = TOKEN_PATTERNS.map(tokenDetector);
