/**
 * Release notes and breaking-change warnings for remediation pull requests: the folder's public face.
 */
export { breakingChanges, breakingReasons, extrasInMarkers, flaggedLines, isBreaking, MAX_NOTE_LINES, type BreakingInput, type BreakingKind, type BreakingWarning, type ReleaseMetadata, type ReleaseSide, type WarningLevel } from './breaking.js';
export { changelogSections, sliceChangelog, type ChangelogSection } from './changelog.js';
export { releaseNotesConfigSchema, releasesApiUrl, type ReleaseNotesConfig } from './config.js';
export { DEFAULT_MAX_RELEASE_PAGES, GITHUB_API_URL, GitHubReleaseNotes, MAX_CHANGELOG_BYTES, RELEASES_PER_PAGE, type GitHubReleaseNotesOptions, type ReleaseNotesRequest, type ReleaseNotesSource } from './fetch.js';
export { gatherUpdateDetails, type GatherOptions, type UpdateDetails } from './gather.js';
export { sanitizeNotes } from './sanitize.js';
export { changelogFileOf, githubRepositoryOf, parseGitHubFileUrl, parseGitHubUrl, type ChangelogFile } from './source.js';
export { DEFAULT_NOTES_BUDGET, renderReleaseNotes, shareOut } from './trim.js';
export type { GitHubRepository, ReleaseNote, ReleaseNotes, ReleaseNotesOrigin, ReleaseNotesResult, ReleaseNotesStatus } from './types.js';
export { canonicalVersion, inVersionRange, versionInTitle, versionOfReleaseName, versionOfTag, type VersionRange } from './versions.js';
export { coversCPython, platformsOfTag, tagCoversCPython, wheelCoverage, wheelTagsOf, type WheelCoverage, type WheelTag } from './wheels.js';
