/**
 * FakeGitHubRepo answers the GitHub requests GitHubRepoFiles makes, as GitHub would, from files held in
 * memory: the Git Trees API (recursive, or truncated then folder by folder), GraphQL `Repository.object`
 * lookups by alias, and the REST "Get a blob" endpoint. Shapes follow GitHub's documentation (field names
 * and types are checked by the OpenAPI helper for REST; GraphQL answers return exactly the Blob fields
 * the query asks for). Blob SHAs are real git object ids of the content.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { recordGitHubRequests } from '../helpers/github-openapi.js';

/** FakeEntry is a file of the fake repository with its Git details. */
export interface FakeEntry {
  content: Uint8Array;
  /** 100644 by default; 120000 for a symlink (content = the target); 160000 for a submodule. */
  mode?: string;
  /** GitHub's `isBinary` for this blob (default: content holds a NUL byte). */
  binary?: boolean;
  /** GitHub's `isTruncated`: GraphQL `text` is then cut short and the full blob needs REST. */
  textTruncated?: boolean;
  /** The size the tree reports, when it must differ from the content (a huge file not held in memory). */
  reportedSize?: number;
}

const API = 'https://api.github.com';
const encoder = new TextEncoder();

function gitSha(kind: string, content: Uint8Array | string): string {
  const bytes = typeof content === 'string' ? encoder.encode(content) : content;
  return createHash('sha1').update(`${kind} ${bytes.byteLength}\0`).update(bytes).digest('hex');
}

interface Node {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size?: number;
}

/** GraphqlBody is what Octokit posts to /graphql. */
interface GraphqlBody {
  query: string;
  variables: Record<string, string>;
}

/** FakeGitHubRepo is an in-memory repository served through nock. */
export class FakeGitHubRepo {
  readonly files = new Map<string, FakeEntry>();
  /** Paths whose GraphQL lookup answers with an error (GitHub's `errors[]` with a path). */
  readonly graphqlErrors = new Map<string, string>();
  /** The number of entries a recursive tree answer holds before GitHub says `truncated`. */
  truncateAt = Infinity;

  constructor(
    readonly owner = 'octo',
    readonly repo = 'app',
    readonly commitSha = 'c0ffee'.padEnd(40, '0'),
  ) {}

  /** add puts one file (text or bytes) in the repository. */
  add(filePath: string, content: string | Uint8Array, details: Omit<FakeEntry, 'content'> = {}): this {
    this.files.set(filePath, { content: typeof content === 'string' ? encoder.encode(content) : content, ...details });
    return this;
  }

  /** addFolder copies a fixture folder into the repository under `prefix`. */
  addFolder(folder: URL, prefix = ''): this {
    const root = fileURLToPath(folder);
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else this.add(`${prefix}${path.relative(root, full).split(path.sep).join('/')}`, readFileSync(full));
      }
    };
    walk(root);
    return this;
  }

  /** nodes is every tree entry GitHub would list recursively: folders first-seen, then files. */
  private nodes(): Node[] {
    const folders = new Set<string>();
    const nodes: Node[] = [];
    for (const [filePath, entry] of [...this.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const parts = filePath.split('/');
      for (let i = 1; i < parts.length; i++) {
        const folder = parts.slice(0, i).join('/');
        if (!folders.has(folder)) {
          folders.add(folder);
          nodes.push({ path: folder, mode: '040000', type: 'tree', sha: this.treeSha(folder) });
        }
      }
      const mode = entry.mode ?? '100644';
      if (mode === '160000') nodes.push({ path: filePath, mode, type: 'commit', sha: gitSha('commit', filePath) });
      else nodes.push({ path: filePath, mode, type: 'blob', sha: gitSha('blob', entry.content), size: entry.reportedSize ?? entry.content.byteLength });
    }
    return nodes;
  }

  /** treeSha is a stable 40-hex id for a folder ('' is the root tree). */
  treeSha(folder: string): string {
    return gitSha('tree', `root:${folder}`);
  }

  private treeBody(nodes: Node[], sha: string, truncated: boolean): object {
    return {
      sha,
      url: `${API}/repos/${this.owner}/${this.repo}/git/trees/${sha}`,
      tree: nodes.map((n) => ({
        ...n,
        ...(n.type === 'commit' ? {} : { url: `${API}/repos/${this.owner}/${this.repo}/git/${n.type}s/${n.sha}` }),
      })),
      truncated,
    };
  }

  /** treeAnswer is GitHub's answer to `GET …/git/trees/{sha}[?recursive=1]`. */
  treeAnswer(sha: string, recursive: boolean): [number, object] {
    const nodes = this.nodes();
    const rootSha = this.treeSha('');
    if (recursive && (sha === this.commitSha || sha === rootSha)) {
      const truncated = nodes.length > this.truncateAt;
      return [200, this.treeBody(truncated ? nodes.slice(0, this.truncateAt) : nodes, rootSha, truncated)];
    }
    const folder = sha === this.commitSha || sha === rootSha ? '' : [...new Set(nodes.filter((n) => n.type === 'tree').map((n) => n.path))].find((f) => this.treeSha(f) === sha);
    if (folder === undefined) return [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/git/trees#get-a-tree', status: '404' }];
    const prefix = folder === '' ? '' : `${folder}/`;
    const children = nodes
      .filter((n) => n.path.startsWith(prefix) && !n.path.slice(prefix.length).includes('/'))
      .map((n) => ({ ...n, path: n.path.slice(prefix.length) }));
    return [200, this.treeBody(children, sha, false)];
  }

  /** graphqlAnswer answers a batch of `object(expression:)` aliases as GitHub's GraphQL API does. */
  graphqlAnswer(body: GraphqlBody): object {
    const fields = /\.\.\. on Blob \{([^}]*)\}/.exec(body.query)?.[1]?.trim().split(/\s+/) ?? [];
    const repository: Record<string, object | null> = {};
    const errors: object[] = [];
    const nodes = new Map(this.nodes().map((n) => [n.path, n]));
    for (const [name, expression] of Object.entries(body.variables)) {
      const match = /^p(\d+)$/.exec(name);
      if (!match) continue;
      const alias = `f${match[1]}`;
      const filePath = expression.slice(expression.indexOf(':') + 1);
      const error = this.graphqlErrors.get(filePath);
      if (error) {
        repository[alias] = null;
        errors.push({ type: 'SERVICE_UNAVAILABLE', path: ['repository', alias], locations: [{ line: 1, column: 1 }], message: error });
        continue;
      }
      const node = nodes.get(filePath);
      const entry = this.files.get(filePath);
      if (!node || node.type === 'commit') {
        repository[alias] = null;
        continue;
      }
      if (node.type === 'tree' || !entry) {
        repository[alias] = { __typename: 'Tree' };
        continue;
      }
      const binary = entry.binary ?? entry.content.includes(0);
      const text = new TextDecoder().decode(entry.content);
      const all: Record<string, unknown> = {
        oid: node.sha,
        byteSize: node.size,
        isBinary: binary,
        isTruncated: entry.textTruncated ?? false,
        text: binary ? null : entry.textTruncated ? text.slice(0, 10) : text,
      };
      repository[alias] = { __typename: 'Blob', ...Object.fromEntries(fields.map((f) => [f, all[f]])) };
    }
    return errors.length > 0 ? { data: { repository }, errors } : { data: { repository } };
  }

  /** blobAnswer is GitHub's answer to `GET …/git/blobs/{file_sha}`. */
  blobAnswer(sha: string): [number, object] {
    const node = this.nodes().find((n) => n.sha === sha && n.type === 'blob');
    const entry = node ? this.files.get(node.path) : undefined;
    if (!node || !entry) return [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/git/blobs#get-a-blob', status: '404' }];
    // GitHub wraps base64 content at 60 characters per line.
    const content = (Buffer.from(entry.content).toString('base64').match(/.{1,60}/g) ?? []).join('\n');
    return [
      200,
      {
        sha,
        node_id: Buffer.from(`blob:${sha}`).toString('base64'),
        size: entry.content.byteLength,
        url: `${API}/repos/${this.owner}/${this.repo}/git/blobs/${sha}`,
        content,
        encoding: 'base64',
      },
    ];
  }

  /**
   * mock serves the repository through nock (persisting interceptors), with every request checked.
   * `baseUrl` is the REST API root: GitHub Enterprise Server's `https://host/api/v3` serves GraphQL at
   * `https://host/api/graphql`, as Octokit expects.
   */
  mock(baseUrl = API): nock.Scope {
    const { origin, pathname } = new URL(baseUrl);
    const prefix = pathname.replace(/\/$/, '');
    const base = `${prefix}/repos/${this.owner}/${this.repo}`;
    return recordGitHubRequests(nock(origin), { basePath: prefix })
      .persist()
      .get(new RegExp(`^${base}/git/trees/[0-9a-f]{40}(\\?.*)?$`))
      .reply((uri) => {
        const url = new URL(uri, origin);
        return this.treeAnswer(url.pathname.split('/').pop() ?? '', url.searchParams.has('recursive'));
      })
      .post(`${prefix.replace(/\/v3$/, '')}/graphql`)
      .reply((_uri, body) => [200, this.graphqlAnswer((typeof body === 'string' ? JSON.parse(body) : body) as GraphqlBody)])
      .get(new RegExp(`^${base}/git/blobs/[0-9a-f]{40}$`))
      .reply((uri) => this.blobAnswer(uri.split('/').pop() ?? ''));
  }
}
