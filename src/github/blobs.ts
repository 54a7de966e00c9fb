/**
 * readBlobs reads many files of one commit in few requests: one GraphQL query per chunk of up to 100
 * paths, each path an alias `fN: object(expression: "<sha>:<path>")` on `Repository.object`, asking the
 * Blob's `text`, `isBinary`, `byteSize` and `isTruncated` (GitHub GraphQL reference, "Blob"). A file
 * GitHub marks binary is refused, a file over MAX_FILE_BYTES is refused by its size before its text is
 * asked for, and a Blob whose `text` GitHub truncated is fetched whole through the REST "Get a blob"
 * endpoint (base64). Expressions travel as GraphQL variables, so no path can break the query's syntax.
 */
import { z } from 'zod';
import { MAX_FILE_BYTES, tooLargeMessage } from '../sources/paths.js';
import type { FileRead } from '../sources/types.js';
import type { CommitRef } from './git-tree.js';
import { githubErrorMessage, graphqlPartialOf, type GitHubClient } from './octokit.js';

/** MAX_PATHS_PER_QUERY is the number of files one GraphQL query asks for. */
export const MAX_PATHS_PER_QUERY = 100;

/** MAX_BYTES_PER_QUERY bounds the text one query returns (by the sizes the tree gave), so it stays fast. */
export const MAX_BYTES_PER_QUERY = 10 * 1024 * 1024;

/** BlobTarget is a path to read, with its size in bytes when the tree listing gave it. */
export interface BlobTarget {
  path: string;
  size?: number;
}

const gitObjectSchema = z
  .object({
    __typename: z.string(),
    oid: z.string().optional(),
    byteSize: z.number().optional(),
    isBinary: z.boolean().nullable().optional(),
    isTruncated: z.boolean().optional(),
    text: z.string().nullable().optional(),
  })
  .nullable();

const responseSchema = z.object({
  repository: z.record(z.string(), gitObjectSchema.optional()).nullable(),
});

type GitObject = z.infer<typeof gitObjectSchema>;

const encoder = new TextEncoder();

/** BINARY_MESSAGE is the problem reported for a file GitHub marks binary. */
const BINARY_MESSAGE = 'binary file (GitHub marks it binary); not read';

/**
 * readBlobs reads every target and returns a FileRead per path. It never throws: a failed request
 * becomes an error on each file it was meant to read.
 */
export async function readBlobs(octokit: GitHubClient, ref: CommitRef, targets: readonly BlobTarget[]): Promise<Map<string, FileRead>> {
  const results = new Map<string, FileRead>();
  const sized: Array<Required<BlobTarget>> = [];
  const unsized: BlobTarget[] = [];
  for (const target of targets) {
    if (target.size === undefined) unsized.push(target);
    else if (target.size > MAX_FILE_BYTES) results.set(target.path, { ok: false, error: tooLargeMessage(target.size) });
    else sized.push({ path: target.path, size: target.size });
  }
  // Files the tree did not size: ask their size first, so a huge file's text is never transferred.
  for (const chunk of chunks(unsized, () => 0)) {
    const objects = await queryObjects(octokit, ref, chunk, false);
    for (const target of chunk) {
      const answer = objects.get(target.path);
      if (!answer || !answer.ok) {
        results.set(target.path, answer ?? { ok: false, error: 'GitHub did not answer for this file' });
        continue;
      }
      const refused = refusal(answer.object);
      if (refused) results.set(target.path, refused);
      else sized.push({ path: target.path, size: answer.object?.byteSize ?? 0 });
    }
  }
  for (const chunk of chunks(sized, (t) => t.size)) {
    const objects = await queryObjects(octokit, ref, chunk, true);
    for (const target of chunk) {
      const answer = objects.get(target.path);
      if (!answer || !answer.ok) {
        results.set(target.path, answer ?? { ok: false, error: 'GitHub did not answer for this file' });
        continue;
      }
      results.set(target.path, refusal(answer.object) ?? (await contentOf(octokit, ref, answer.object)));
    }
  }
  return results;
}

/** chunks splits targets into query-sized groups: at most MAX_PATHS_PER_QUERY paths and MAX_BYTES_PER_QUERY bytes. */
function chunks<T>(targets: readonly T[], sizeOf: (target: T) => number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const target of targets) {
    const size = sizeOf(target);
    if (current.length > 0 && (current.length >= MAX_PATHS_PER_QUERY || bytes + size > MAX_BYTES_PER_QUERY)) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(target);
    bytes += size;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** refusal is why an object is not read (missing, a folder, binary, too large), or null when it may be. */
function refusal(object: GitObject): FileRead | null {
  if (object === null) return { ok: false, error: 'file not found', missing: true };
  if (object.__typename !== 'Blob') return { ok: false, error: `not a file (GitHub says it is a ${object.__typename})` };
  if (object.isBinary === true) return { ok: false, error: BINARY_MESSAGE };
  if ((object.byteSize ?? 0) > MAX_FILE_BYTES) return { ok: false, error: tooLargeMessage(object.byteSize ?? 0) };
  return null;
}

type ObjectAnswer = { ok: true; object: GitObject } | { ok: false; error: string };

/** queryObjects asks GitHub for the objects at the targets' paths in one GraphQL query. */
async function queryObjects(
  octokit: GitHubClient,
  ref: CommitRef,
  targets: ReadonlyArray<{ path: string }>,
  withText: boolean,
): Promise<Map<string, ObjectAnswer>> {
  const fields = withText ? 'oid byteSize isBinary isTruncated text' : 'oid byteSize isBinary';
  const variables: Record<string, string> = { owner: ref.owner, name: ref.repo };
  const declarations = ['$owner: String!', '$name: String!'];
  const aliases = targets.map((target, i) => {
    variables[`p${i}`] = `${ref.sha}:${target.path}`;
    declarations.push(`$p${i}: String!`);
    return `f${i}: object(expression: $p${i}) { __typename ... on Blob { ${fields} } }`;
  });
  const query = `query (${declarations.join(', ')}) { repository(owner: $owner, name: $name) { ${aliases.join(' ')} } }`;

  const answers = new Map<string, ObjectAnswer>();
  let data: unknown;
  const aliasErrors = new Map<string, string>();
  let firstError: string | undefined;
  try {
    data = await octokit.graphql<unknown>(query, variables);
  } catch (error) {
    const partial = graphqlPartialOf(error);
    if (!partial || partial.data === null || partial.data === undefined) {
      const message = `cannot read from GitHub: ${partial?.errors[0]?.message ?? githubErrorMessage(error)}`;
      for (const target of targets) answers.set(target.path, { ok: false, error: message });
      return answers;
    }
    // GitHub answered with some errors: keep what resolved, and blame each error on its alias.
    data = partial.data;
    firstError = partial.errors[0]?.message;
    for (const e of partial.errors) {
      const alias = e.path?.[1];
      if (typeof alias === 'string') aliasErrors.set(alias, e.message);
    }
  }
  const parsed = responseSchema.safeParse(data);
  if (!parsed.success || parsed.data.repository === null) {
    const message = parsed.success ? (firstError ?? 'repository not found or not accessible') : 'unexpected answer from GitHub GraphQL';
    for (const target of targets) answers.set(target.path, { ok: false, error: `cannot read from GitHub: ${message}` });
    return answers;
  }
  const repository = parsed.data.repository;
  targets.forEach((target, i) => {
    const alias = `f${i}`;
    const error = aliasErrors.get(alias);
    const object = repository[alias];
    if (error !== undefined && !object) answers.set(target.path, { ok: false, error: `cannot read from GitHub: ${error}` });
    else answers.set(target.path, { ok: true, object: object ?? null });
  });
  return answers;
}

/** contentOf is a Blob's bytes: its text, or the whole blob over REST when GitHub truncated the text. */
async function contentOf(octokit: GitHubClient, ref: CommitRef, object: GitObject): Promise<FileRead> {
  if (object && object.isTruncated !== true && typeof object.text === 'string') return { ok: true, bytes: encoder.encode(object.text) };
  if (!object?.oid) return { ok: false, error: 'GitHub returned no text and no object id for this file' };
  try {
    const response = await octokit.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', {
      owner: ref.owner,
      repo: ref.repo,
      file_sha: object.oid,
    });
    const { content, encoding } = response.data;
    const bytes = encoding === 'base64' ? new Uint8Array(Buffer.from(content, 'base64')) : encoder.encode(content);
    if (bytes.byteLength > MAX_FILE_BYTES) return { ok: false, error: tooLargeMessage(bytes.byteLength) };
    return { ok: true, bytes };
  } catch (error) {
    return { ok: false, error: `cannot read from GitHub: ${githubErrorMessage(error)}` };
  }
}
