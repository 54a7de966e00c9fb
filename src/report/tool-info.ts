/**
 * What the reports say about pipwarden itself, beside its version (src/version.ts).
 */

/** PIPWARDEN_INFORMATION_URI is the tool's home page, as the GitHub App manifest (app.yml) names it. */
export const PIPWARDEN_INFORMATION_URI = 'https://github.com/pipwarden/pipwarden';
