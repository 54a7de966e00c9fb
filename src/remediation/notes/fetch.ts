/**
 * GitHubReleaseNotes reads the release notes between two versions of a package from its upstream
 * repository on GitHub (found through PyPI `project_urls`, see source.ts), with the REST API:
 * - releases: `GET {base}/repos/{owner}/{repo}/releases?per_page=100&page=N`
 *   (https://docs.github.com/rest/releases/releases#list-releases), newest first, paginated until the
 *   release in use (or older ones) shows up; tags are matched to versions (versions.ts);
 * - otherwise the changelog file: the `Changelog` project URL when it points at a file on GitHub, else
 *   a CHANGELOG / CHANGES / HISTORY / NEWS file at the top of the repository (or under `docs/`), found
 *   with `GET {base}/repos/{owner}/{repo}/git/trees/HEAD` (https://docs.github.com/rest/git/trees#get-a-tree)
 *   and read raw with `GET {base}/repos/{owner}/{repo}/contents/{path}` and
 *   `Accept: application/vnd.github.raw+json` (https://docs.github.com/rest/repos/contents#get-repository-content),
 *   then sliced to the sections between the two versions (changelog.ts).
 * `base` is PIPWARDEN_RELEASES_API_URL (default: the app's GitHub API, see config.ts). Every request goes
 * through the one HttpClient; each URL is asked once, and each (repository, package, from, to) is
 * looked up once. A lookup never rejects: GitHub failing is a result with status `error`, so a pull
 * request still opens without its notes.
 */
import { z } from 'zod';
import { HttpError } from '../../errors.js';
import { HttpClient } from '../../http/client.js';
import { normalizePackageName } from '../../manifests/pep508.js';
import { compareVersions, versionsEqual } from '../../pep440/index.js';
import { sliceChangelog } from './changelog.js';
import { changelogFileOf, githubRepositoryOf } from './source.js';
import type { GitHubRepository, ReleaseNote, ReleaseNotes, ReleaseNotesResult } from './types.js';
import { inVersionRange, versionOfReleaseName, versionOfTag, type VersionRange } from './versions.js';

/** GITHUB_API_URL is the public GitHub API, the default address of release notes. */
export const GITHUB_API_URL = 'https://api.github.com';

/** RELEASES_PER_PAGE is the page size asked for (the API's maximum). */
export const RELEASES_PER_PAGE = 100;

/** DEFAULT_MAX_RELEASE_PAGES bounds the pages read per repository (500 releases). */
export const DEFAULT_MAX_RELEASE_PAGES = 5;

/** MAX_CHANGELOG_BYTES is the most of a changelog file that is read (a few have megabytes of history). */
export const MAX_CHANGELOG_BYTES = 4 * 1024 * 1024;

/** The GitHub REST API media type for raw file contents. */
const RAW = 'application/vnd.github.raw+json';

/** A release as "List releases" returns it: only the fields used are checked. */
const releaseSchema = z.object({
  tag_name: z.string(),
  name: z.string().nullable().optional(),
  body: z.string().nullable().optional(),
  html_url: z.string(),
  draft: z.boolean().optional(),
  prerelease: z.boolean().optional(),
  created_at: z.string().nullable().optional(),
  published_at: z.string().nullable().optional(),
});
const releasesSchema = z.array(releaseSchema);
type GitHubRelease = z.infer<typeof releaseSchema>;

/** A tree as "Get a tree" returns it. */
const treeSchema = z.object({
  sha: z.string(),
  tree: z.array(z.object({ path: z.string().optional(), type: z.string().optional(), sha: z.string().optional() })),
  truncated: z.boolean().optional(),
});
type TreeEntry = z.infer<typeof treeSchema>['tree'][number];

/** ReleaseNotesRequest asks for the notes of one update. */
export interface ReleaseNotesRequest {
  /** The package's name (any spelling). */
  package: string;
  /** The target release's `project_urls` (PyPI metadata `projectUrls`). */
  projectUrls: Readonly<Record<string, string>>;
  /** The version in use; null when only a range is known (then only `to`'s notes are read). */
  from: string | null;
  to: string;
}

/** ReleaseNotesSource finds release notes; tests and offline runs replace it. */
export interface ReleaseNotesSource {
  releaseNotes(request: ReleaseNotesRequest): Promise<ReleaseNotesResult>;
}

/** GitHubReleaseNotesOptions configure a GitHubReleaseNotes. */
export interface GitHubReleaseNotesOptions {
  /** The HTTP client (default: a new HttpClient). */
  http?: HttpClient;
  /** The API address (default https://api.github.com; PIPWARDEN_RELEASES_API_URL). */
  baseUrl?: string;
  /** A token, sent as `Authorization: Bearer` (optional: public repositories can be read without one). */
  token?: string;
  /** Pages of releases read at most per repository (default 5). */
  maxPages?: number;
}

/** GitHubReleaseNotes is the ReleaseNotesSource of GitHub's REST API. */
export class GitHubReleaseNotes implements ReleaseNotesSource {
  readonly baseUrl: string;
  private readonly http: HttpClient;
  private readonly headers: Record<string, string>;
  private readonly maxPages: number;
  private readonly results = new Map<string, Promise<ReleaseNotesResult>>();
  private readonly responses = new Map<string, Promise<unknown>>();

  constructor(options: GitHubReleaseNotesOptions = {}) {
    this.http = options.http ?? new HttpClient();
    this.baseUrl = (options.baseUrl ?? GITHUB_API_URL).replace(/\/+$/, '');
    this.maxPages = Math.max(1, options.maxPages ?? DEFAULT_MAX_RELEASE_PAGES);
    this.headers = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
    if (options.token) this.headers.authorization = `Bearer ${options.token}`;
  }

  /** releaseNotes looks up one update's notes (once per repository, package and versions). Never rejects. */
  releaseNotes(request: ReleaseNotesRequest): Promise<ReleaseNotesResult> {
    const repository = githubRepositoryOf(request.projectUrls);
    if (!repository) {
      return Promise.resolve({ status: 'no-repository', notes: null, repository: null, message: 'no GitHub repository among the project URLs' });
    }
    const key = [repository.owner.toLowerCase(), repository.repo.toLowerCase(), normalizePackageName(request.package), request.from ?? '', request.to].join('\u0000');
    let result = this.results.get(key);
    if (!result) {
      result = this.lookUp(request, repository).catch((error: unknown) => failure(repository, error));
      this.results.set(key, result);
    }
    return result;
  }

  private async lookUp(request: ReleaseNotesRequest, repository: GitHubRepository): Promise<ReleaseNotesResult> {
    const range: VersionRange = { from: request.from, to: request.to };
    const base: Omit<ReleaseNotes, 'origin' | 'releases' | 'url'> = { package: request.package, from: request.from, to: request.to, repository };
    const releases = await this.fromReleases(request, repository, range);
    if (releases.length > 0 && releases.some((r) => r.body.trim() !== '')) {
      return found({ ...base, origin: 'releases', releases, url: `${repository.url}/releases` });
    }
    let changelog: Awaited<ReturnType<GitHubReleaseNotes['fromChangelog']>> = null;
    try {
      changelog = await this.fromChangelog(request, repository, range);
    } catch (error) {
      // Releases without notes are still worth listing when the changelog cannot be read.
      if (releases.length === 0) throw error;
    }
    if (changelog && changelog.releases.length > 0) {
      return found({ ...base, origin: 'changelog', releases: changelog.releases, url: changelog.url, path: changelog.path });
    }
    if (releases.length > 0) return found({ ...base, origin: 'releases', releases, url: `${repository.url}/releases` });
    const what = request.from === null ? request.to : `${request.from} and ${request.to}`;
    return { status: 'not-found', notes: null, repository, message: `${repository.owner}/${repository.repo} has no release notes or changelog for ${what}` };
  }

  /** fromReleases reads GitHub releases, newest first, until the release in use (or older) shows up. */
  private async fromReleases(request: ReleaseNotesRequest, repository: GitHubRepository, range: VersionRange): Promise<ReleaseNote[]> {
    const names = [request.package, repository.repo];
    const notes = new Map<string, ReleaseNote>();
    for (let page = 1; page <= this.maxPages; page++) {
      const url = `${this.repoUrl(repository)}/releases?per_page=${RELEASES_PER_PAGE}&page=${page}`;
      const list = await this.getJson(url, releasesSchema);
      // The list is newest first: once the release in use shows up (or, without one, the target),
      // or a page holds only releases at or below it, the rest is older still.
      const boundary = range.from ?? range.to;
      let reached = false;
      let versioned = 0;
      let older = 0;
      for (const release of list) {
        if (release.draft) continue;
        const version = versionOfRelease(release, names);
        if (version === null) continue;
        versioned++;
        if (versionsEqual(version, boundary)) reached = true;
        if (compareVersions(version, boundary) <= 0) older++;
        if (inVersionRange(version, range) && !notes.has(version)) notes.set(version, noteOfRelease(release, version));
      }
      if (list.length < RELEASES_PER_PAGE || reached || (versioned > 0 && older === versioned)) break;
    }
    return [...notes.values()].sort((a, b) => compareVersions(b.version, a.version));
  }

  /** fromChangelog finds the changelog file and slices it to the versions of the update. */
  private async fromChangelog(request: ReleaseNotesRequest, repository: GitHubRepository, range: VersionRange): Promise<{ releases: ReleaseNote[]; url: string; path: string } | null> {
    const linked = changelogFileOf(request.projectUrls);
    const file = linked ?? (await this.findChangelog(repository));
    if (!file) return null;
    const owner = linked ? linked.repository : repository;
    const text = await this.getText(owner, file.path, linked?.ref ?? null);
    if (text === null) return null;
    const url = linked ? linked.url : `${repository.url}/blob/HEAD/${file.path.split('/').map(encodeURIComponent).join('/')}`;
    return { releases: sliceChangelog(text, range, url), url, path: file.path };
  }

  /** findChangelog looks for a changelog at the top of the repository, then under `docs/` or `doc/`. */
  private async findChangelog(repository: GitHubRepository): Promise<{ path: string } | null> {
    const root = await this.getTree(repository, 'HEAD');
    if (!root) return null;
    const top = pickChangelog(root, '');
    if (top) return top;
    for (const folder of ['docs', 'doc']) {
      const entry = root.find((e) => e.type === 'tree' && e.path?.toLowerCase() === folder && e.sha);
      if (!entry?.sha || !entry.path) continue;
      const tree = await this.getTree(repository, entry.sha);
      const inside = tree ? pickChangelog(tree, `${entry.path}/`) : null;
      if (inside) return inside;
    }
    return null;
  }

  private async getTree(repository: GitHubRepository, sha: string): Promise<TreeEntry[] | null> {
    try {
      return (await this.getJson(`${this.repoUrl(repository)}/git/trees/${encodeURIComponent(sha)}`, treeSchema)).tree;
    } catch (error) {
      // 404: no such repository; 409: an empty one.
      if (error instanceof HttpError && (error.status === 404 || error.status === 409)) return null;
      throw error;
    }
  }

  /** getText reads a file raw; null when it does not exist. */
  private async getText(repository: GitHubRepository, path: string, ref: string | null): Promise<string | null> {
    const encoded = path.split('/').map(encodeURIComponent).join('/');
    const query = ref ? `?ref=${encodeURIComponent(ref)}` : '';
    const url = `${this.repoUrl(repository)}/contents/${encoded}${query}`;
    try {
      const bytes = await this.memo(url, () => this.http.getBytes(url, { headers: { ...this.headers, accept: RAW } }));
      const text = new TextDecoder('utf-8').decode(bytes.subarray(0, MAX_CHANGELOG_BYTES));
      return text.replace(/^\uFEFF/, '');
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return null;
      throw error;
    }
  }

  private getJson<T>(url: string, schema: z.ZodType<T>): Promise<T> {
    return this.memo(url, () => this.http.getJson(url, schema, { headers: this.headers }));
  }

  private memo<T>(url: string, request: () => Promise<T>): Promise<T> {
    const known = this.responses.get(url);
    if (known) return known as Promise<T>;
    const pending = request();
    this.responses.set(url, pending);
    return pending;
  }

  private repoUrl(repository: GitHubRepository): string {
    return `${this.baseUrl}/repos/${encodeURIComponent(repository.owner)}/${encodeURIComponent(repository.repo)}`;
  }
}

/** versionOfRelease reads a release's version from its tag, else from its name. */
function versionOfRelease(release: GitHubRelease, names: readonly string[]): string | null {
  return versionOfTag(release.tag_name, names) ?? (release.name ? versionOfReleaseName(release.name, names) : null);
}

function noteOfRelease(release: GitHubRelease, version: string): ReleaseNote {
  return {
    version,
    title: release.name?.trim() || release.tag_name,
    body: release.body ?? '',
    url: release.html_url,
    publishedAt: release.published_at ?? release.created_at ?? null,
  };
}

/**
 * CHANGELOG_NAMES are the file names looked for, best first (the names PyPA projects use; the
 * well-known `Changelog` label of Project-URL points at the same files).
 */
const CHANGELOG_NAMES: readonly string[] = ['changelog', 'changes', 'history', 'news', 'release-notes', 'releasenotes', 'release_notes', 'whatsnew'];
const CHANGELOG_EXTENSIONS: readonly string[] = ['.md', '.rst', '.markdown', '', '.txt'];

/** pickChangelog chooses the best-named changelog among a folder's files. */
function pickChangelog(entries: readonly TreeEntry[], prefix: string): { path: string } | null {
  let best: { path: string; rank: number } | null = null;
  for (const entry of entries) {
    if (entry.type !== 'blob' || !entry.path) continue;
    const lower = entry.path.toLowerCase();
    const extension = CHANGELOG_EXTENSIONS.find((ext) => ext !== '' && lower.endsWith(ext)) ?? '';
    const stem = lower.slice(0, lower.length - extension.length);
    const nameRank = CHANGELOG_NAMES.indexOf(stem);
    if (nameRank < 0) continue;
    const rank = nameRank * CHANGELOG_EXTENSIONS.length + CHANGELOG_EXTENSIONS.indexOf(extension);
    if (!best || rank < best.rank) best = { path: `${prefix}${entry.path}`, rank };
  }
  return best ? { path: best.path } : null;
}

function found(notes: ReleaseNotes): ReleaseNotesResult {
  return { status: 'found', notes, repository: notes.repository };
}

/** failure turns a failed lookup into a result: a missing repository is `not-found`, the rest `error`. */
function failure(repository: GitHubRepository, error: unknown): ReleaseNotesResult {
  const name = `${repository.owner}/${repository.repo}`;
  if (error instanceof HttpError && error.status === 404) {
    return { status: 'not-found', notes: null, repository, message: `${name} was not found on GitHub` };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return { status: 'error', notes: null, repository, message: `release notes of ${name} could not be read: ${reason}` };
}
