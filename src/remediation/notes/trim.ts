/**
 * renderReleaseNotes turns a package's release notes into Markdown that fits a budget. A pull request
 * body holds at most 65,536 characters (GitHub rejects more), and it must leave room for the advisories
 * and every other package, so each package gets a share (6,000 by default). Everything is kept when it
 * fits; otherwise every release keeps its heading and the first lines of its notes (short notes are
 * kept whole and their unused share goes to the long ones), each cut ending with a link to the rest.
 * When even the headings do not fit, the newest releases are listed and a link leads to the others.
 * Sizes are UTF-8 bytes: never less than the character count, so the text fits however it is counted.
 */
import { byteLength, truncateText } from '../../github/truncate.js';
import { sanitizeNotes } from './sanitize.js';
import type { ReleaseNote, ReleaseNotes } from './types.js';

/** DEFAULT_NOTES_BUDGET is the default share of one package's notes in a pull request body. */
export const DEFAULT_NOTES_BUDGET = 6_000;

/** MIN_RELEASE_SHARE is the smallest useful excerpt of one release: below it only headings are shown. */
const MIN_RELEASE_SHARE = 200;

/** renderReleaseNotes is the notes as Markdown within `budget` bytes ('' when not even a line fits). */
export function renderReleaseNotes(notes: ReleaseNotes, budget = DEFAULT_NOTES_BUDGET): string {
  const releases = notes.releases.map((release) => ({
    heading: headingOf(release),
    body: sanitizeNotes(release.body, notes.repository).trim(),
    url: release.url ?? notes.url,
  }));
  const full = releases.map((r) => joinRelease(r.heading, r.body)).join('\n\n');
  if (byteLength(full) <= budget) return full;

  const headings = releases.map((r) => r.heading);
  const separators = Math.max(0, releases.length - 1) * 2;
  const headingCost = headings.reduce((n, h) => n + byteLength(h), 0) + separators;
  const bodySpace = budget - headingCost - releases.length * 2;
  if (bodySpace < releases.length * MIN_RELEASE_SHARE) return headingsOnly(headings, notes, budget);

  const shares = shareOut(releases.map((r) => byteLength(r.body)), bodySpace);
  const rendered = releases.map((r, i) => joinRelease(r.heading, excerpt(r.body, shares[i] ?? 0, r.url)));
  const text = rendered.join('\n\n');
  return byteLength(text) <= budget ? text : truncateText(text, budget);
}

/** headingOf is a release's heading, linked to the release when upstream has a page for it. */
function headingOf(release: ReleaseNote): string {
  const title = oneLine(release.title || release.version);
  const label = title.includes(release.version) ? title : `${release.version}: ${title}`;
  const text = truncateText(escapeTitle(label), 200);
  return release.url ? `#### [${text}](${release.url})` : `#### ${text}`;
}

function joinRelease(heading: string, body: string): string {
  return body === '' ? heading : `${heading}\n\n${body}`;
}

/** headingsOnly lists as many release headings as fit, then a link to the rest. */
function headingsOnly(headings: readonly string[], notes: ReleaseNotes, budget: number): string {
  const kept: string[] = [];
  let size = 0;
  for (const [i, heading] of headings.entries()) {
    const more = moreReleases(headings.length - i, notes.url);
    const added = byteLength(heading) + (kept.length > 0 ? 1 : 0);
    if (size + added + 2 + byteLength(more) > budget) {
      kept.push('', more);
      const text = kept.join('\n');
      return byteLength(text) <= budget ? text : truncateText(text, budget);
    }
    kept.push(heading);
    size += added;
  }
  return kept.join('\n');
}

function moreReleases(count: number, url: string): string {
  return `… and ${count} more release${count === 1 ? '' : 's'}: [all release notes](${url})`;
}

/**
 * shareOut splits `space` among items of the given sizes, the smallest first: an item that needs less
 * than an equal share takes what it needs, and the rest is split among the others (water-filling).
 */
export function shareOut(sizes: readonly number[], space: number): number[] {
  const shares = new Array<number>(sizes.length).fill(0);
  const order = sizes.map((size, index) => ({ size, index })).sort((a, b) => a.size - b.size || a.index - b.index);
  let left = Math.max(0, space);
  order.forEach(({ size, index }, position) => {
    const fair = Math.floor(left / (order.length - position));
    const share = Math.min(size, fair);
    shares[index] = share;
    left -= share;
  });
  return shares;
}

/**
 * excerpt keeps whole lines of `body` while they fit in `share` bytes, closes a code fence left open,
 * and ends with a link to the rest. A first line too long on its own is cut inside the line.
 */
function excerpt(body: string, share: number, url: string): string {
  if (byteLength(body) <= share) return body;
  const more = `… [read more](${url})`;
  const room = share - byteLength(more) - 1;
  const lines = body.split('\n');
  const kept: string[] = [];
  let size = 0;
  let fence: string | null = null;
  for (const line of lines) {
    const after = fenceAfter(fence, line);
    const closing = after !== null ? after.length + 1 : 0;
    const added = byteLength(line) + (kept.length > 0 ? 1 : 0);
    if (size + added + closing > room) break;
    kept.push(line);
    size += added;
    fence = after;
  }
  if (kept.length === 0) kept.push(truncateText(lines[0] ?? '', Math.max(0, room)));
  else if (fence !== null) kept.push(fence);
  while (kept.length > 0 && (kept[kept.length - 1] ?? '').trim() === '') kept.pop();
  return `${kept.join('\n')}\n${more}`;
}

/** fenceAfter is the open code fence after `line` (CommonMark §4.5), given the one open before it. */
function fenceAfter(fence: string | null, line: string): string | null {
  const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
  if (!marker) return fence;
  if (fence === null) return marker;
  return marker.charAt(0) === fence.charAt(0) && marker.length >= fence.length ? null : fence;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * escapeTitle keeps a title from breaking the link it is the text of, and from mentioning anyone or
 * linking an issue of the wrong repository (a zero-width space after `@` and `#`).
 */
function escapeTitle(text: string): string {
  return text
    .replace(/[[\]]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/#(?=\d)/g, '#&#8203;')
    .replace(/@(?=\w)/g, '@&#8203;');
}
