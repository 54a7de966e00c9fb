/**
 * sanitizeNotes makes upstream text safe to paste into a pull request of another repository:
 * - `@user` mentions become links to the profile (`[@&#8203;user](…)`), so upstream people are not
 *   notified of every pull request that quotes them (as Dependabot does);
 * - bare `#123` references would point at the pull request's own repository: they become links to
 *   upstream's issue, and links to upstream issues, pull requests and discussions go through
 *   `redirect.github.com`, which GitHub provides so that quoting bots do not add backlinks to upstream
 *   timelines (Renovate does the same);
 * - HTML comments are dropped (a hostile note could carry a `<!-- pipwarden:… -->` marker and take over
 *   the pull request's identity), and `<details>` / `<summary>` tags are escaped so they cannot close
 *   the section the notes sit in.
 * Code (fenced blocks and inline spans) is left as it is: a decorator `@property` is not a mention.
 */
import type { GitHubRepository } from './types.js';

const REDIRECT_HOST = 'https://redirect.github.com';

/** sanitizeNotes returns `text` with line endings normalised and the rewrites above applied. */
export function sanitizeNotes(text: string, repository: GitHubRepository | null): string {
  const withoutComments = text
    .replace(/\r\n?/g, '\n')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!--/g, '&lt;!--')
    .replace(/<(\/?)(details|summary)\b/gi, '&lt;$1$2');
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of withoutComments.split('\n')) {
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fenceMatch?.[1]) {
      const marker = fenceMatch[1];
      if (fence === null) fence = marker;
      else if (marker.charAt(0) === fence.charAt(0) && marker.length >= fence.length) fence = null;
      out.push(line);
      continue;
    }
    out.push(fence === null ? sanitizeLine(line, repository) : line);
  }
  return out.join('\n');
}

/** sanitizeLine rewrites the prose parts of one line, leaving inline code spans alone. */
function sanitizeLine(line: string, repository: GitHubRepository | null): string {
  // Split on code spans (CommonMark §6.1: a run of backticks closed by a run of the same length).
  const parts = line.split(/(`+[^`]*?`+)/);
  return parts.map((part, i) => (i % 2 === 1 ? part : sanitizeProse(part, repository))).join('');
}

function sanitizeProse(text: string, repository: GitHubRepository | null): string {
  return text
    .replace(/\b(https?:\/\/)(?:www\.)?github\.com\/([\w.-]+\/[\w.-]+\/(?:issues|pull|discussions)\/\d+)/gi, `${REDIRECT_HOST}/$2`)
    .replace(/(^|[^\w`/[\]])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))(\/[A-Za-z0-9_.-]+)?(?![\w@-])/g, (_m, before: string, user: string, team: string | undefined) => {
      const target = team ? `orgs/${user}/teams${team}` : user;
      return `${before}[@&#8203;${user}${team ?? ''}](https://github.com/${target})`;
    })
    .replace(/(^|[\s(,;])(?:GH-|#)(\d{1,7})\b/g, (match, before: string, number: string) =>
      repository ? `${before}[#&#8203;${number}](${REDIRECT_HOST}/${repository.owner}/${repository.repo}/issues/${number})` : match,
    );
}
