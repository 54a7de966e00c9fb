/**
 * FakeGitHubWrites is an in-memory repository that answers, through nock, the requests pipwarden makes
 * to publish pull requests and issues: the Git Data API (commits, trees, blobs, refs), pull requests
 * (list with `state`/`head` filters, read, create, update, commits, review requests), issues (list with
 * `state`/`labels` filters — pull requests included, as GitHub does —, read, create, update, comments,
 * labels, assignees) and repository labels. It keeps state, so a scenario runs end to end and a second
 * run sees what the first one did.
 *
 * Every request is checked against GitHub's OpenAPI description (recordGitHubRequests), and every reply
 * is built from GitHub's documented example of that route with the scenario's values put in, then
 * checked against the documented response schema: `responseProblems` must stay empty.
 */
import { createHash } from 'node:crypto';
import nock from 'nock';
import { githubExample, githubResponseProblems, recordGitHubRequests } from '../helpers/github-openapi.js';

const API = 'https://api.github.com';

type Json = Record<string, unknown>;

/** FakeUser is a GitHub account. */
export interface FakeUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

/** BOT is pipwarden's app account; HUMAN a person of the repository. */
export const BOT: FakeUser = { login: 'pipwarden[bot]', id: 41898282, type: 'Bot' };
export const HUMAN: FakeUser = { login: 'octocat', id: 1, type: 'User' };

/** FakeCommit is a commit object. */
export interface FakeCommit {
  tree: string;
  parents: string[];
  message: string;
  author: FakeUser;
}

/** FakePull is a pull request. */
export interface FakePull {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  merged: boolean;
  head: string;
  headSha: string;
  base: string;
  user: FakeUser;
  labels: string[];
  mergeableState: string;
  reviewers: string[];
  teams: string[];
  assignees: string[];
  closedBy: FakeUser | null;
}

/** FakeIssue is an issue. */
export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason: string | null;
  labels: string[];
  user: FakeUser;
  closedBy: FakeUser | null;
}

/** FakeFailure makes the next `times` requests matching a route answer with an error. */
interface FakeFailure {
  method: string;
  path: RegExp;
  status: number;
  body: Json;
  times: number;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** FakeGitHubWrites is the stateful fake repository. */
export class FakeGitHubWrites {
  readonly blobs = new Map<string, string>();
  readonly trees = new Map<string, Map<string, string>>();
  readonly commits = new Map<string, FakeCommit>();
  readonly refs = new Map<string, string>();
  readonly pulls: FakePull[] = [];
  readonly issues: FakeIssue[] = [];
  readonly comments: Array<{ number: number; body: string }> = [];
  readonly labels = new Set<string>();
  /** Problems of the fake's own replies against GitHub's response schemas. */
  readonly responseProblems: string[] = [];
  /** Who the API writes as (the installation token's account). */
  actor: FakeUser = BOT;
  private readonly failures: FakeFailure[] = [];
  private nextNumber = 1;
  private clock = 0;

  constructor(
    readonly owner = 'acme',
    readonly repo = 'shop',
    readonly defaultBranch = 'main',
  ) {}

  get fullName(): string {
    return `${this.owner}/${this.repo}`;
  }

  /** seedBase makes the default branch one commit holding `files`; returns its SHA. */
  seedBase(files: Record<string, string>): string {
    const tree = this.storeTree(new Map(Object.entries(files)));
    const sha = this.storeCommit({ tree, parents: [], message: 'initial', author: HUMAN });
    this.refs.set(this.defaultBranch, sha);
    return sha;
  }

  /** advanceBase adds a commit to the default branch that changes `files`; returns its SHA. */
  advanceBase(files: Record<string, string>): string {
    const parent = this.refs.get(this.defaultBranch) ?? '';
    const tree = new Map(this.trees.get(this.commits.get(parent)?.tree ?? '') ?? []);
    for (const [path, content] of Object.entries(files)) tree.set(path, content);
    const sha = this.storeCommit({ tree: this.storeTree(tree), parents: [parent], message: 'base moved', author: HUMAN });
    this.refs.set(this.defaultBranch, sha);
    return sha;
  }

  /** pushCommit adds a commit by `author` to `branch` changing `files` (a person fixing a test). */
  pushCommit(branch: string, author: FakeUser, files: Record<string, string>): string {
    const parent = this.refs.get(branch) ?? '';
    const tree = new Map(this.filesAt(parent));
    for (const [path, content] of Object.entries(files)) tree.set(path, content);
    const sha = this.storeCommit({ tree: this.storeTree(tree), parents: [parent], message: 'fix tests', author });
    this.refs.set(branch, sha);
    for (const pull of this.pulls) if (pull.head === branch && pull.state === 'open') pull.headSha = sha;
    return sha;
  }

  /** filesAt is the content of every file of a commit. */
  filesAt(commitSha: string): Map<string, string> {
    return this.trees.get(this.commits.get(commitSha)?.tree ?? '') ?? new Map();
  }

  /** branchFiles is the content of every file at the tip of a branch. */
  branchFiles(branch: string): Record<string, string> {
    return Object.fromEntries(this.filesAt(this.refs.get(branch) ?? ''));
  }

  /** addPull records an existing pull request (its branch must exist). */
  addPull(pull: Partial<FakePull> & { title: string; body: string; head: string }): FakePull {
    const full: FakePull = {
      number: this.nextNumber++,
      state: 'open',
      merged: false,
      headSha: this.refs.get(pull.head) ?? '0'.repeat(40),
      base: this.defaultBranch,
      user: BOT,
      labels: [],
      mergeableState: 'clean',
      reviewers: [],
      teams: [],
      assignees: [],
      closedBy: null,
      ...pull,
    };
    this.pulls.push(full);
    return full;
  }

  /** addIssue records an existing issue. */
  addIssue(issue: Partial<FakeIssue> & { title: string; body: string }): FakeIssue {
    const full: FakeIssue = { number: this.nextNumber++, state: 'open', stateReason: null, labels: [], user: BOT, closedBy: null, ...issue };
    this.issues.push(full);
    return full;
  }

  /** fail makes the next `times` requests of `method` on a path matching `path` answer `status` with `body`. */
  fail(method: string, path: RegExp, status: number, body: Json, times = 1): void {
    this.failures.push({ method, path, status, body, times });
  }

  /** pullCommits is the commits of a pull request's branch that its base branch does not have, oldest first. */
  pullCommits(pull: FakePull): string[] {
    const onBase = new Set<string>();
    const walk = (sha: string | undefined): void => {
      while (sha && !onBase.has(sha)) {
        onBase.add(sha);
        const commit = this.commits.get(sha);
        commit?.parents.slice(1).forEach((p) => walk(p));
        sha = commit?.parents[0];
      }
    };
    walk(this.refs.get(pull.base));
    const own: string[] = [];
    const seen = new Set<string>();
    const visit = (sha: string | undefined): void => {
      if (!sha || onBase.has(sha) || seen.has(sha)) return;
      seen.add(sha);
      const commit = this.commits.get(sha);
      commit?.parents.forEach(visit);
      own.push(sha);
    };
    visit(pull.headSha);
    return own;
  }

  private storeTree(files: Map<string, string>): string {
    const sorted = new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
    const sha = sha1(`tree ${JSON.stringify([...sorted])}`);
    this.trees.set(sha, sorted);
    return sha;
  }

  private storeCommit(commit: FakeCommit): string {
    const sha = sha1(`commit ${JSON.stringify(commit)} ${this.clock++}`);
    this.commits.set(sha, commit);
    return sha;
  }

  private time(): string {
    return new Date(Date.UTC(2026, 10, 29, 12, 0, this.clock++)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  // ---- replies, from GitHub's examples ----

  private checked(method: string, template: string, status: number, body: unknown): [number, unknown] {
    this.responseProblems.push(...githubResponseProblems(method, template, status, body));
    return [status, body];
  }

  private userJson(user: FakeUser): Json {
    const example = githubExample<Json>('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', 200).user as Json;
    return { ...example, login: user.login, id: user.id, type: user.type, url: `${API}/users/${encodeURIComponent(user.login)}`, html_url: user.type === 'Bot' ? `https://github.com/apps/${user.login.replace(/\[bot\]$/, '')}` : `https://github.com/${user.login}` };
  }

  private labelJson(name: string, index: number): Json {
    const example = (githubExample<Json>('PATCH', '/repos/{owner}/{repo}/issues/{issue_number}', 200).labels as Json[])[0] as Json;
    return { ...example, id: 208045946 + index, name, url: `${API}/repos/${this.fullName}/labels/${encodeURIComponent(name)}`, default: false };
  }

  private repoJson(example: Json): Json {
    return { ...example, name: this.repo, full_name: this.fullName, owner: { ...(example.owner as Json), login: this.owner } };
  }

  private pullJson(pull: FakePull, simple: boolean): Json {
    const example = simple
      ? ((githubExample<Json[]>('GET', '/repos/{owner}/{repo}/pulls', 200)[0] ?? {}) as Json)
      : githubExample<Json>('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', 200);
    const head = example.head as Json;
    const base = example.base as Json;
    const closedAt = pull.state === 'closed' ? '2026-11-28T10:00:00Z' : null;
    const json: Json = {
      ...example,
      url: `${API}/repos/${this.fullName}/pulls/${pull.number}`,
      html_url: `https://github.com/${this.fullName}/pull/${pull.number}`,
      id: 1000 + pull.number,
      number: pull.number,
      state: pull.state,
      title: pull.title,
      body: pull.body,
      user: this.userJson(pull.user),
      labels: pull.labels.map((l, i) => this.labelJson(l, i)),
      assignee: null,
      assignees: pull.assignees.map((login) => this.userJson({ login, id: 7, type: 'User' })),
      requested_reviewers: pull.reviewers.map((login) => this.userJson({ login, id: 8, type: 'User' })),
      requested_teams: [],
      closed_at: closedAt,
      merged_at: pull.merged ? closedAt : null,
      head: { ...head, label: `${this.owner}:${pull.head}`, ref: pull.head, sha: pull.headSha, repo: this.repoJson(head.repo as Json) },
      base: { ...base, label: `${this.owner}:${pull.base}`, ref: pull.base, sha: this.refs.get(pull.base) ?? base.sha, repo: this.repoJson(base.repo as Json) },
    };
    if (!simple) Object.assign(json, { merged: pull.merged, mergeable_state: pull.mergeableState, merged_by: null, mergeable: pull.mergeableState !== 'dirty' });
    return json;
  }

  private issueJson(issue: FakeIssue | FakePull, isPull: boolean): Json {
    const example = githubExample<Json>('PATCH', '/repos/{owner}/{repo}/issues/{issue_number}', 200);
    const json: Json = {
      ...example,
      id: 2000 + issue.number,
      url: `${API}/repos/${this.fullName}/issues/${issue.number}`,
      html_url: `https://github.com/${this.fullName}/${isPull ? 'pull' : 'issues'}/${issue.number}`,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: 'stateReason' in issue ? issue.stateReason : null,
      user: this.userJson(issue.user),
      labels: issue.labels.map((l, i) => this.labelJson(l, i)),
      assignee: null,
      assignees: [],
      milestone: null,
      closed_at: issue.state === 'closed' ? '2026-11-28T10:00:00Z' : null,
      closed_by: issue.closedBy ? this.userJson(issue.closedBy) : null,
    };
    if (isPull) json.pull_request = { ...(example.pull_request as Json), url: `${API}/repos/${this.fullName}/pulls/${issue.number}` };
    else delete json.pull_request;
    return json;
  }

  /** issueListJson is an item of the issue list: GitHub leaves `closed_by` out of list items. */
  private issueListJson(issue: FakeIssue | FakePull, isPull: boolean): Json {
    const json = this.issueJson(issue, isPull);
    delete json.closed_by;
    return json;
  }

  private notFound(doc: string): [number, Json] {
    return [404, { message: 'Not Found', documentation_url: `https://docs.github.com/rest/${doc}`, status: '404' }];
  }

  private failure(method: string, path: string): [number, Json] | null {
    const failure = this.failures.find((f) => f.method === method && f.path.test(path) && f.times > 0);
    if (!failure) return null;
    failure.times--;
    return [failure.status, failure.body];
  }

  private findNumber(number: number): { pull?: FakePull; issue?: FakeIssue } {
    return { pull: this.pulls.find((p) => p.number === number), issue: this.issues.find((i) => i.number === number) };
  }

  // ---- routes ----

  private route(method: string, path: string, body: Json): [number, unknown] {
    const failed = this.failure(method, path);
    if (failed) return failed;
    const url = new URL(path, API);
    const rest = url.pathname.slice(`/repos/${this.fullName}`.length);
    const query = url.searchParams;
    let m: RegExpExecArray | null;

    if (method === 'GET' && (m = /^\/git\/commits\/([0-9a-f]{40})$/.exec(rest))) {
      const commit = this.commits.get(m[1] ?? '');
      if (!commit) return this.notFound('git/commits#get-a-commit-object');
      const example = githubExample<Json>('GET', '/repos/{owner}/{repo}/git/commits/{commit_sha}', 200);
      return this.checked('GET', '/repos/{owner}/{repo}/git/commits/{commit_sha}', 200, {
        ...example,
        sha: m[1],
        message: commit.message,
        tree: { ...(example.tree as Json), sha: commit.tree },
        parents: commit.parents.map((sha) => ({ url: `${API}/repos/${this.fullName}/git/commits/${sha}`, sha, html_url: `https://github.com/${this.fullName}/commit/${sha}` })),
      });
    }
    if (method === 'POST' && rest === '/git/blobs') {
      const content = String(body.content);
      const sha = sha1(`blob ${content}`);
      this.blobs.set(sha, content);
      return this.checked('POST', '/repos/{owner}/{repo}/git/blobs', 201, { url: `${API}/repos/${this.fullName}/git/blobs/${sha}`, sha });
    }
    if (method === 'POST' && rest === '/git/trees') {
      const base = this.trees.get(String(body.base_tree));
      if (!base) return [422, { message: 'Invalid tree info', documentation_url: 'https://docs.github.com/rest/git/trees#create-a-tree', status: '422' }];
      const files = new Map(base);
      for (const entry of body.tree as Json[]) {
        const path = String(entry.path);
        if (typeof entry.content === 'string') files.set(path, entry.content);
        else if (entry.sha === null) {
          if (!files.has(path)) return [422, { message: `GitRPC::BadObjectState`, documentation_url: 'https://docs.github.com/rest/git/trees#create-a-tree', status: '422' }];
          files.delete(path);
        } else files.set(path, this.blobs.get(String(entry.sha)) ?? '');
      }
      const sha = this.storeTree(files);
      const example = githubExample<Json>('POST', '/repos/{owner}/{repo}/git/trees', 201);
      return this.checked('POST', '/repos/{owner}/{repo}/git/trees', 201, { ...example, sha, url: `${API}/repos/${this.fullName}/git/trees/${sha}`, truncated: false });
    }
    if (method === 'POST' && rest === '/git/commits') {
      const parents = body.parents as string[];
      if (!this.trees.has(String(body.tree)) || parents.some((p) => !this.commits.has(p))) {
        return [422, { message: 'Tree SHA does not exist', documentation_url: 'https://docs.github.com/rest/git/commits#create-a-commit', status: '422' }];
      }
      const sha = this.storeCommit({ tree: String(body.tree), parents, message: String(body.message), author: this.actor });
      const example = githubExample<Json>('POST', '/repos/{owner}/{repo}/git/commits', 201);
      return this.checked('POST', '/repos/{owner}/{repo}/git/commits', 201, {
        ...example,
        sha,
        message: body.message,
        tree: { ...(example.tree as Json), sha: body.tree },
        parents: parents.map((p) => ({ url: `${API}/repos/${this.fullName}/git/commits/${p}`, sha: p, html_url: `https://github.com/${this.fullName}/commit/${p}` })),
        // GitHub signs what an app commits without an author of its own.
        verification: { verified: true, reason: 'valid', signature: '-----BEGIN PGP SIGNATURE-----\n…', payload: 'tree …', verified_at: this.time() },
      });
    }
    if (method === 'POST' && rest === '/git/refs') {
      const ref = String(body.ref).replace(/^refs\/heads\//, '');
      if (this.refs.has(ref)) return [422, { message: 'Reference already exists', documentation_url: 'https://docs.github.com/rest/git/refs#create-a-reference', status: '422' }];
      this.refs.set(ref, String(body.sha));
      return this.checked('POST', '/repos/{owner}/{repo}/git/refs', 201, this.refJson(ref));
    }
    if ((m = /^\/git\/refs\/(.+)$/.exec(rest)) && (method === 'PATCH' || method === 'DELETE')) {
      const ref = decodeURIComponent(m[1] ?? '').replace(/^heads\//, '');
      if (!this.refs.has(ref)) return [422, { message: 'Reference does not exist', documentation_url: 'https://docs.github.com/rest/git/refs', status: '422' }];
      if (method === 'DELETE') {
        this.refs.delete(ref);
        for (const pull of this.pulls) if (pull.head === ref && pull.state === 'open') pull.state = 'closed';
        return [204, ''];
      }
      const current = this.refs.get(ref) ?? '';
      if (body.force !== true && !this.isAncestor(current, String(body.sha))) {
        return [422, { message: 'Update is not a fast forward', documentation_url: 'https://docs.github.com/rest/git/refs#update-a-reference', status: '422' }];
      }
      this.refs.set(ref, String(body.sha));
      for (const pull of this.pulls) if (pull.head === ref && pull.state === 'open') Object.assign(pull, { headSha: String(body.sha), mergeableState: 'clean' });
      return this.checked('PATCH', '/repos/{owner}/{repo}/git/refs/{ref}', 200, this.refJson(ref));
    }

    if (method === 'GET' && rest === '/pulls') {
      const state = query.get('state') ?? 'open';
      const head = query.get('head');
      const matching = this.pulls
        .filter((p) => state === 'all' || p.state === state)
        .filter((p) => !head || `${this.owner}:${p.head}` === head)
        .sort((a, b) => b.number - a.number);
      return this.checked('GET', '/repos/{owner}/{repo}/pulls', 200, this.page(matching, query).map((p) => this.pullJson(p, true)));
    }
    if (method === 'POST' && rest === '/pulls') {
      const head = String(body.head);
      const headSha = this.refs.get(head);
      if (!headSha) return [422, { message: 'Validation Failed', errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }], documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request', status: '422' }];
      if (this.pulls.some((p) => p.head === head && p.state === 'open')) {
        return [422, { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${this.owner}:${head}.` }], documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request', status: '422' }];
      }
      const pull = this.addPull({ title: String(body.title), body: String(body.body ?? ''), head, base: String(body.base), user: this.actor });
      return this.checked('POST', '/repos/{owner}/{repo}/pulls', 201, this.pullJson(pull, false));
    }
    if ((m = /^\/pulls\/(\d+)$/.exec(rest))) {
      const pull = this.pulls.find((p) => p.number === Number(m?.[1]));
      if (!pull) return this.notFound('pulls/pulls#get-a-pull-request');
      if (method === 'PATCH') {
        if (typeof body.title === 'string') pull.title = body.title;
        if (typeof body.body === 'string') pull.body = body.body;
        if (body.state === 'closed' || body.state === 'open') {
          pull.state = body.state;
          pull.closedBy = body.state === 'closed' ? this.actor : null;
        }
        return this.checked('PATCH', '/repos/{owner}/{repo}/pulls/{pull_number}', 200, this.pullJson(pull, false));
      }
      return this.checked('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', 200, this.pullJson(pull, false));
    }
    if (method === 'GET' && (m = /^\/pulls\/(\d+)\/commits$/.exec(rest))) {
      const pull = this.pulls.find((p) => p.number === Number(m?.[1]));
      if (!pull) return this.notFound('pulls/pulls#list-commits-on-a-pull-request');
      const example = githubExample<Json[]>('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/commits', 200)[0] as Json;
      return this.checked(
        'GET',
        '/repos/{owner}/{repo}/pulls/{pull_number}/commits',
        200,
        this.pullCommits(pull).map((sha) => {
          const commit = this.commits.get(sha) as FakeCommit;
          const inner = example.commit as Json;
          return {
            ...example,
            sha,
            url: `${API}/repos/${this.fullName}/commits/${sha}`,
            html_url: `https://github.com/${this.fullName}/commit/${sha}`,
            commit: { ...inner, message: commit.message, author: { ...(inner.author as Json), name: commit.author.login }, tree: { ...(inner.tree as Json), sha: commit.tree } },
            author: this.userJson(commit.author),
            committer: this.userJson(commit.author),
            parents: commit.parents.map((p) => ({ url: `${API}/repos/${this.fullName}/commits/${p}`, sha: p })),
          };
        }),
      );
    }
    if (method === 'POST' && (m = /^\/pulls\/(\d+)\/requested_reviewers$/.exec(rest))) {
      const pull = this.pulls.find((p) => p.number === Number(m?.[1]));
      if (!pull) return this.notFound('pulls/review-requests');
      pull.reviewers.push(...((body.reviewers as string[] | undefined) ?? []));
      pull.teams.push(...((body.team_reviewers as string[] | undefined) ?? []));
      return this.checked('POST', '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', 201, this.pullJson(pull, true));
    }

    if (method === 'GET' && rest === '/issues') {
      const state = query.get('state') ?? 'open';
      const labels = (query.get('labels') ?? '').split(',').filter(Boolean);
      const all: Array<[FakeIssue | FakePull, boolean]> = [...this.issues.map((i) => [i, false] as [FakeIssue, boolean]), ...this.pulls.map((p) => [p, true] as [FakePull, boolean])];
      const matching = all
        .filter(([i]) => state === 'all' || i.state === state)
        .filter(([i]) => labels.every((l) => i.labels.includes(l)))
        .sort(([a], [b]) => b.number - a.number);
      return this.checked('GET', '/repos/{owner}/{repo}/issues', 200, this.page(matching, query).map(([i, isPull]) => this.issueListJson(i, isPull)));
    }
    if (method === 'POST' && rest === '/issues') {
      const labels = (body.labels as string[] | undefined) ?? [];
      labels.forEach((l) => this.labels.add(l));
      const issue = this.addIssue({ title: String(body.title), body: String(body.body ?? ''), labels: [...labels], user: this.actor });
      return this.checked('POST', '/repos/{owner}/{repo}/issues', 201, this.issueJson(issue, false));
    }
    if ((m = /^\/issues\/(\d+)$/.exec(rest))) {
      const { pull, issue } = this.findNumber(Number(m[1]));
      const target = issue ?? pull;
      if (!target) return this.notFound('issues/issues#get-an-issue');
      if (method === 'PATCH') {
        if (!issue) return [422, { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest/issues/issues#update-an-issue', status: '422' }];
        if (typeof body.title === 'string') issue.title = body.title;
        if (typeof body.body === 'string') issue.body = body.body;
        if (Array.isArray(body.labels)) {
          issue.labels = body.labels as string[];
          issue.labels.forEach((l) => this.labels.add(l));
        }
        if (body.state === 'closed' && issue.state === 'open') Object.assign(issue, { state: 'closed', closedBy: this.actor, stateReason: body.state_reason ?? 'completed' });
        if (body.state === 'open' && issue.state === 'closed') Object.assign(issue, { state: 'open', closedBy: null, stateReason: 'reopened' });
        return this.checked('PATCH', '/repos/{owner}/{repo}/issues/{issue_number}', 200, this.issueJson(issue, false));
      }
      return this.checked('GET', '/repos/{owner}/{repo}/issues/{issue_number}', 200, this.issueJson(target, !issue));
    }
    if (method === 'POST' && (m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const number = Number(m[1]);
      this.comments.push({ number, body: String(body.body) });
      const example = githubExample<Json>('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 201);
      return this.checked('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 201, { ...example, id: this.comments.length, body: body.body, user: this.userJson(this.actor) });
    }
    if (method === 'POST' && (m = /^\/issues\/(\d+)\/labels$/.exec(rest))) {
      const { pull, issue } = this.findNumber(Number(m[1]));
      const target = issue ?? pull;
      if (!target) return this.notFound('issues/labels#add-labels-to-an-issue');
      for (const label of body.labels as string[]) {
        this.labels.add(label);
        if (!target.labels.includes(label)) target.labels.push(label);
      }
      return this.checked('POST', '/repos/{owner}/{repo}/issues/{issue_number}/labels', 200, target.labels.map((l, i) => this.labelJson(l, i)));
    }
    if (method === 'POST' && (m = /^\/issues\/(\d+)\/assignees$/.exec(rest))) {
      const { pull, issue } = this.findNumber(Number(m[1]));
      const target = issue ?? pull;
      if (!target) return this.notFound('issues/assignees');
      if (pull) pull.assignees.push(...(body.assignees as string[]));
      return this.checked('POST', '/repos/{owner}/{repo}/issues/{issue_number}/assignees', 201, this.issueJson(target, Boolean(pull)));
    }
    if (method === 'POST' && rest === '/labels') {
      const name = String(body.name);
      if (this.labels.has(name)) {
        return [422, { message: 'Validation Failed', errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }], documentation_url: 'https://docs.github.com/rest/issues/labels#create-a-label', status: '422' }];
      }
      this.labels.add(name);
      return this.checked('POST', '/repos/{owner}/{repo}/labels', 201, { ...this.labelJson(name, this.labels.size), color: body.color, description: body.description ?? null });
    }
    return [501, { message: `the fake does not serve ${method} ${path}` }];
  }

  private refJson(ref: string): Json {
    const example = githubExample<Json>('POST', '/repos/{owner}/{repo}/git/refs', 201);
    const sha = this.refs.get(ref) ?? '';
    return { ...example, ref: `refs/heads/${ref}`, url: `${API}/repos/${this.fullName}/git/refs/heads/${ref}`, object: { ...(example.object as Json), sha, url: `${API}/repos/${this.fullName}/git/commits/${sha}` } };
  }

  private page<T>(items: T[], query: URLSearchParams): T[] {
    const perPage = Number(query.get('per_page') ?? 30);
    const page = Number(query.get('page') ?? 1);
    return items.slice((page - 1) * perPage, page * perPage);
  }

  private isAncestor(ancestor: string, sha: string): boolean {
    const queue = [sha];
    while (queue.length > 0) {
      const next = queue.shift() as string;
      if (next === ancestor) return true;
      queue.push(...(this.commits.get(next)?.parents ?? []));
    }
    return false;
  }

  /** mock serves the fake through nock (persisting), every request checked against GitHub's description. */
  mock(): nock.Scope {
    const prefix = new RegExp(`^/repos/${this.owner}/${this.repo}/`);
    const scope = recordGitHubRequests(nock(API)).persist();
    for (const method of ['get', 'post', 'patch', 'delete'] as const) {
      scope[method](prefix).reply((uri, body) => {
        const parsed = (typeof body === 'string' && body !== '' ? JSON.parse(body) : (body ?? {})) as Json;
        return this.route(method.toUpperCase(), uri, parsed) as [number, string | Json];
      });
    }
    return scope;
  }
}
