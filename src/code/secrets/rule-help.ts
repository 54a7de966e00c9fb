/**
 * The help text every secret rule shares: what to do first (revoke, because git history keeps the value
 * after the line is deleted), where the secret belongs instead, and how to silence a false positive.
 */

/** SECRET_CWE is CWE-798, "Use of Hard-coded Credentials" (https://cwe.mitre.org/data/definitions/798.html). */
export const SECRET_CWE = 798;

/**
 * secretHelp builds a rule's markdown help from what the secret is, how to revoke or rotate it (provider
 * specific) and where to keep it instead.
 */
export function secretHelp(what: string, revoke: string, keepInstead: string): string {
  return [
    what,
    '',
    `**Revoke or rotate it first.** ${revoke} Deleting the line is not enough: the value stays in the git history and in every clone and fork, so treat it as leaked.`,
    '',
    `**Keep it out of the repository.** ${keepInstead}`,
    '',
    'If this is not a real secret (a test value, a documented example), mark the line with `pipwarden:allow-secret` (or `# nosec`, `gitleaks:allow`).',
  ].join('\n');
}

/** CI_SECRETS is the usual advice on where a credential used by code or CI belongs. */
export const CI_SECRETS =
  'Read it from the environment at run time, and store it in a secret manager (GitHub Actions encrypted secrets, Vault, AWS Secrets Manager, GCP Secret Manager, Azure Key Vault) or a git-ignored `.env` file for local development.';
