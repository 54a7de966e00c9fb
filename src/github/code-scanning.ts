/**
 * uploadSarif publishes a SARIF report to GitHub code scanning ("Upload an analysis as SARIF data":
 * `POST /repos/{owner}/{repo}/code-scanning/sarifs`, the SARIF gzip-compressed then base64-encoded).
 * Code scanning is not available everywhere: a private repository without GitHub Advanced Security
 * answers 403 ("Advanced Security must be enabled for this repository to use code scanning."), an
 * archived one 403 too, and an app without the `security_events` permission 404. Those are facts about
 * the repository, not failures of the audit: they come back as `{uploaded: false, reason}`, a sentence
 * for the check run. GitHub rejects a compressed SARIF over 10 MB (413), so that is checked before
 * sending. Any other error is thrown as a GitHubApiError.
 */
import { gzipSync } from 'node:zlib';
import { GitHubApiError, githubErrorMessage, httpStatusOf, type GitHubClient } from './octokit.js';

/** MAX_SARIF_GZIP_BYTES is GitHub's limit on a gzip-compressed SARIF upload (10 MB). */
export const MAX_SARIF_GZIP_BYTES = 10 * 1024 * 1024;

/** SARIF_TOOL_NAME is the tool name the upload declares. */
export const SARIF_TOOL_NAME = 'pipwarden';

/** UploadSarifInput names the analysed commit and the SARIF text. */
export interface UploadSarifInput {
  owner: string;
  repo: string;
  /** The full 40- (or 64-) character SHA the analysis is about. */
  commitSha: string;
  /** `refs/heads/<branch>`, `refs/pull/<n>/merge`…; a bare branch name is read as `refs/heads/<name>`. */
  ref: string;
  /** The SARIF 2.1.0 document as text. */
  sarif: string;
  /** When the analysis began (the caller's clock). */
  startedAt?: Date;
}

/** SarifUpload is the outcome: GitHub's upload id, or why nothing was uploaded. */
export type SarifUpload = { uploaded: true; id: string; url?: string } | { uploaded: false; reason: string };

/** uploadSarif compresses and uploads a SARIF report (see the file comment for what is not an error). */
export async function uploadSarif(octokit: GitHubClient, input: UploadSarifInput): Promise<SarifUpload> {
  const compressed = gzipSync(Buffer.from(input.sarif, 'utf8'));
  if (compressed.byteLength > MAX_SARIF_GZIP_BYTES) {
    return {
      uploaded: false,
      reason: `The SARIF report is ${(compressed.byteLength / 1024 / 1024).toFixed(1)} MB compressed, over GitHub's 10 MB limit for code scanning uploads; it was not uploaded.`,
    };
  }
  try {
    const response = await octokit.request('POST /repos/{owner}/{repo}/code-scanning/sarifs', {
      owner: input.owner,
      repo: input.repo,
      commit_sha: input.commitSha,
      ref: input.ref.startsWith('refs/') ? input.ref : `refs/heads/${input.ref}`,
      sarif: compressed.toString('base64'),
      tool_name: SARIF_TOOL_NAME,
      ...(input.startedAt ? { started_at: `${input.startedAt.toISOString().slice(0, 19)}Z` } : {}),
    });
    const { id, url } = response.data;
    if (!id) return { uploaded: false, reason: 'GitHub accepted the SARIF upload but returned no upload id.' };
    return url ? { uploaded: true, id, url } : { uploaded: true, id };
  } catch (error) {
    const status = httpStatusOf(error);
    if (status === 403) {
      return {
        uploaded: false,
        reason: `Code scanning results were not uploaded: GitHub refused them for this repository (${githubErrorMessage(error)}). Code scanning needs GitHub Advanced Security on private repositories, and archived repositories accept no uploads.`,
      };
    }
    if (status === 404) {
      return {
        uploaded: false,
        reason: `Code scanning results were not uploaded: GitHub answered "${githubErrorMessage(error)}". The app may lack the "Code scanning alerts" (security_events) write permission on this repository.`,
      };
    }
    throw new GitHubApiError(`cannot upload SARIF to ${input.owner}/${input.repo}`, error);
  }
}
