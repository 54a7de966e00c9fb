/**
 * The vocabulary of release notes: where a package's upstream lives on GitHub, the notes of each release
 * between two versions, and how a lookup went. Plain data, shared by the fetcher, the trimmer, the
 * breaking-change detector and the pull-request renderer.
 */

/** GitHubRepository is a package's upstream repository, read from its PyPI `project_urls`. */
export interface GitHubRepository {
  owner: string;
  repo: string;
  /** The repository's web address (`https://github.com/<owner>/<repo>`), for links. */
  url: string;
}

/** ReleaseNote is what upstream says about one release. */
export interface ReleaseNote {
  /** The PEP 440 version the release is (read from the tag, the release name or the changelog heading). */
  version: string;
  /** The release's title: its GitHub release name or tag, or the changelog heading. */
  title: string;
  /** The notes as upstream wrote them (Markdown for GitHub releases; Markdown or reST for changelogs). */
  body: string;
  /** Where the release is shown upstream, when known. */
  url: string | null;
  /** ISO 8601 publication time, when known. */
  publishedAt: string | null;
}

/** ReleaseNotesOrigin says where notes came from: GitHub releases, or a changelog file in the repository. */
export type ReleaseNotesOrigin = 'releases' | 'changelog';

/** ReleaseNotes are the notes of every release after `from` up to and including `to`, newest first. */
export interface ReleaseNotes {
  package: string;
  from: string | null;
  to: string;
  repository: GitHubRepository;
  origin: ReleaseNotesOrigin;
  releases: ReleaseNote[];
  /** Where a reader finds everything: the releases page or the changelog file. */
  url: string;
  /** The changelog file's path in the repository, for `origin: 'changelog'`. */
  path?: string;
}

/**
 * ReleaseNotesStatus says how a lookup went: `found`; `no-repository` (no GitHub repository among the
 * project URLs); `not-found` (the repository has no releases or changelog covering the versions);
 * `error` (GitHub could not answer: rate limit, outage).
 */
export type ReleaseNotesStatus = 'found' | 'no-repository' | 'not-found' | 'error';

/** ReleaseNotesResult is one lookup: the notes when found, else why not (for the PR body). */
export interface ReleaseNotesResult {
  status: ReleaseNotesStatus;
  notes: ReleaseNotes | null;
  /** The repository, when one was found. */
  repository: GitHubRepository | null;
  /** Why there are no notes (`not-found`, `error`), in words. */
  message?: string;
}
