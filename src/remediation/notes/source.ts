/**
 * githubRepositoryOf finds a package's upstream repository on GitHub among its `Project-URL`s (core
 * metadata 2.1; PyPI's well-known labels, https://packaging.python.org/en/latest/specifications/well-known-project-urls/)
 * and `home_page` (which the registry lists as `Homepage`). Any label may hold the repository, so every
 * URL is read, the likeliest labels first; the address is normalised (`.git`, `git+`, trailing paths such
 * as `/tree/main/src`, `#readme`).
 */
import type { GitHubRepository } from './types.js';

/** Labels tried first, in order, after PyPI's label normalisation (lower case, no punctuation or spaces). */
const PREFERRED_LABELS: readonly string[] = [
  'source', 'sourcecode', 'repository', 'code', 'github', 'homepage', 'home',
  'changelog', 'changes', 'releasenotes', 'history', 'issues', 'bugtracker', 'tracker', 'documentation', 'docs',
];

/**
 * RESERVED_OWNERS are first path segments of github.com that are GitHub's own pages, not accounts:
 * `https://github.com/sponsors/x` (a Funding URL) names no repository.
 */
const RESERVED_OWNERS: ReadonlySet<string> = new Set([
  'about', 'apps', 'collections', 'contact', 'customer-stories', 'enterprise', 'events', 'explore', 'features',
  'login', 'marketplace', 'new', 'notifications', 'orgs', 'organizations', 'pricing', 'pulls', 'issues', 'search',
  'security', 'settings', 'site', 'sponsors', 'topics', 'trending', 'users',
]);

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

/** normalizeLabel is PyPI's comparison form of a Project-URL label. */
export function normalizeLabel(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** githubRepositoryOf is the package's GitHub repository, or null when no project URL names one. */
export function githubRepositoryOf(projectUrls: Readonly<Record<string, string>>): GitHubRepository | null {
  const entries = Object.entries(projectUrls).map(([label, url]) => ({ label: normalizeLabel(label), url }));
  const rank = (label: string) => {
    const at = PREFERRED_LABELS.indexOf(label);
    return at < 0 ? PREFERRED_LABELS.length : at;
  };
  const ordered = entries
    .map((entry, index) => ({ ...entry, index }))
    .sort((a, b) => rank(a.label) - rank(b.label) || a.index - b.index);
  for (const { url } of ordered) {
    const repository = parseGitHubUrl(url);
    if (repository) return repository;
  }
  return null;
}

/**
 * parseGitHubUrl reads `<owner>/<repo>` from a github.com address: `https://github.com/o/r`,
 * `http://www.github.com/o/r.git`, `git+https://github.com/o/r.git@v1`, `git://github.com/o/r`,
 * `git@github.com:o/r.git`, with any trailing path, query or fragment. Null for anything else.
 */
export function parseGitHubUrl(url: string): GitHubRepository | null {
  const text = url.trim();
  if (text.length > 2_000) return null;
  let rest: string | null = null;
  const scp = /^(?:ssh:\/\/)?git@(?:www\.)?github\.com[:/](.*)$/i.exec(text);
  if (scp) rest = scp[1] ?? null;
  else {
    const web = /^(?:git\+)?(?:https?|git|ssh):\/\/(?:[^@/\s]+@)?(?:www\.)?github\.com(?::\d+)?\/(.*)$/i.exec(text);
    if (web) rest = web[1] ?? null;
  }
  if (rest === null) return null;
  const [owner, rawRepo] = rest.split(/[?#]/, 1)[0]?.split('/') ?? [];
  if (!owner || !rawRepo) return null;
  const repo = rawRepo.replace(/@.*$/, '').replace(/\.git$/i, '');
  if (!OWNER.test(owner) || !REPO.test(repo) || repo === '.' || repo === '..') return null;
  if (RESERVED_OWNERS.has(owner.toLowerCase())) return null;
  return { owner, repo, url: `https://github.com/${owner}/${repo}` };
}

/** ChangelogFile is a file in a GitHub repository that a `Changelog` project URL points at. */
export interface ChangelogFile {
  repository: GitHubRepository;
  /** The branch, tag or commit in the URL. */
  ref: string;
  /** The path inside the repository. */
  path: string;
  /** The URL as the project gave it, for links. */
  url: string;
}

/**
 * changelogFileOf reads the `Changelog` (or `Changes`, `Release notes`, `History`, `News`) project URL
 * when it points at a file on GitHub: `https://github.com/o/r/blob/<ref>/<path>`,
 * `https://github.com/o/r/raw/<ref>/<path>` or `https://raw.githubusercontent.com/o/r/<ref>/<path>`
 * (`refs/heads/<branch>` included). The file is then read through the API, from the same address as
 * the releases. A single-segment ref is assumed (a branch with a slash cannot be told from the path).
 */
export function changelogFileOf(projectUrls: Readonly<Record<string, string>>): ChangelogFile | null {
  for (const [label, url] of Object.entries(projectUrls)) {
    if (!['changelog', 'changes', 'releasenotes', 'history', 'news', 'whatsnew'].includes(normalizeLabel(label))) continue;
    const file = parseGitHubFileUrl(url);
    if (file) return file;
  }
  return null;
}

/** parseGitHubFileUrl reads (repository, ref, path) from a GitHub blob, raw or raw.githubusercontent URL. */
export function parseGitHubFileUrl(url: string): ChangelogFile | null {
  const text = url.trim();
  let match = /^https?:\/\/(?:www\.)?github\.com\/([^/]+)\/([^/]+)\/(?:blob|raw)\/(.+)$/i.exec(text);
  if (!match) match = /^https?:\/\/raw\.githubusercontent\.com\/([^/]+)\/([^/]+)\/(.+)$/i.exec(text);
  if (!match) return null;
  const [, owner = '', repo = '', tail = ''] = match;
  const repository = parseGitHubUrl(`https://github.com/${owner}/${repo}`);
  if (!repository) return null;
  const segments = (tail.split(/[?#]/, 1)[0] ?? '').split('/').filter((s) => s !== '');
  const refLength = segments[0] === 'refs' && (segments[1] === 'heads' || segments[1] === 'tags') ? 3 : 1;
  if (segments.length <= refLength) return null;
  let ref: string;
  let path: string;
  try {
    ref = segments.slice(0, refLength).map(decodeURIComponent).join('/');
    path = segments.slice(refLength).map(decodeURIComponent).join('/');
  } catch {
    return null;
  }
  if (path.split('/').some((s) => s === '..' || s === '.')) return null;
  return { repository, ref, path, url: text };
}
