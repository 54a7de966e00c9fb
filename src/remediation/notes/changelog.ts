/**
 * Reading a changelog file (CHANGELOG.md, CHANGES.rst, HISTORY.md, NEWS…) as sections, one per version
 * heading, so the sections between two versions can stand in for release notes when a project
 * publishes no GitHub releases. Headings are those of Markdown (ATX `## 1.2.3` and setext, CommonMark
 * §4.2–4.3) and reStructuredText (a title underlined, optionally overlined, by a repeated punctuation
 * character; docutils "Sections"). The heading style of the first version heading is the style of every
 * release; a section runs until the next heading of the same or a higher level.
 */
import { versionInTitle, inVersionRange, type VersionRange } from './versions.js';
import type { ReleaseNote } from './types.js';

/** ChangelogSection is one version's part of a changelog. */
export interface ChangelogSection {
  version: string;
  /** The heading text, Markdown decoration removed. */
  title: string;
  /** The lines under the heading, up to the next heading of the same or a higher level. */
  body: string;
  /** The heading's 1-based line number. */
  line: number;
}

interface Heading {
  /** Index of the title line (0-based). */
  index: number;
  /** Lines from the title on that belong to the heading: 1 for ATX, 2 (title and underline) otherwise. */
  span: number;
  /** First line of the heading (an overline comes before the title). */
  start: number;
  title: string;
  style: string;
}

/** MAX_LINE is the longest line looked at as a heading: longer ones are prose or garbage. */
const MAX_LINE = 500;

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const ADORNMENT = /^([=\-~^"'`*+#:.<>_])\1{2,}[ \t]*$/;

/** changelogSections splits a changelog into its version sections, in file order. Never throws. */
export function changelogSections(text: string): ChangelogSection[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const headings = findHeadings(lines);
  const ranks = rankStyles(headings);
  const versions = headings.map((h) => versionInTitle(h.title));
  const firstIndex = versions.findIndex((v) => v !== null);
  const first = headings[firstIndex];
  if (!first) return [];
  const rank = ranks.get(first.style) ?? 0;
  // Where each heading's section ends: the next heading of the same or a higher level (one pass from the end).
  const ends = new Array<number>(headings.length);
  let boundary = lines.length;
  for (let i = headings.length - 1; i >= 0; i--) {
    ends[i] = boundary;
    const heading = headings[i];
    if (heading && (ranks.get(heading.style) ?? 0) <= rank) boundary = heading.start;
  }
  const sections: ChangelogSection[] = [];
  headings.forEach((heading, i) => {
    const version = versions[i];
    if (heading.style !== first.style || version === null || version === undefined) return;
    const body = trimBlankLines(lines.slice(heading.index + heading.span, ends[i] ?? lines.length));
    sections.push({ version, title: heading.title, body, line: heading.start + 1 });
  });
  return sections;
}

/**
 * sliceChangelog is the sections of the releases in `range` (after `from`, up to `to`), as release
 * notes, in file order (changelogs list the newest first). `url` is where each section is linked to.
 */
export function sliceChangelog(text: string, range: VersionRange, url: string | null = null): ReleaseNote[] {
  const seen = new Set<string>();
  const notes: ReleaseNote[] = [];
  for (const section of changelogSections(text)) {
    if (!inVersionRange(section.version, range) || seen.has(section.version)) continue;
    seen.add(section.version);
    notes.push({ version: section.version, title: section.title, body: section.body, url, publishedAt: null });
  }
  return notes;
}

/** findHeadings lists Markdown ATX headings and underlined (setext / reST) titles, fenced code skipped. */
function findHeadings(lines: readonly string[]): Heading[] {
  const headings: Heading[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.length > MAX_LINE) continue;
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch?.[1]) {
      const marker = fenceMatch[1];
      if (fence === null) fence = marker;
      else if (marker.charAt(0) === fence.charAt(0) && marker.length >= fence.length) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const atx = ATX.exec(line);
    if (atx?.[1]) {
      headings.push({ index: i, span: 1, start: i, title: cleanTitle(atx[2] ?? ''), style: `atx${atx[1].length}` });
      continue;
    }
    const next = lines[i + 1] ?? '';
    const underline = ADORNMENT.exec(next);
    if (!underline?.[1] || !/[A-Za-z0-9]/.test(line) || /^\s/.test(line) || ADORNMENT.test(line)) continue;
    if (/^\s*([-*+]|\d+[.)])\s/.test(line) || line.includes('|')) continue;
    const over = lines[i - 1] ?? '';
    const overlined = ADORNMENT.exec(over)?.[1] === underline[1] && i > 0;
    if (overlined && headings[headings.length - 1]?.index === i - 2) {
      // `over` is the underline of the previous heading, not an overline of this one.
      headings.push({ index: i, span: 2, start: i, title: cleanTitle(line), style: `u${underline[1]}` });
    } else {
      headings.push({ index: i, span: 2, start: overlined ? i - 1 : i, title: cleanTitle(line), style: `${overlined ? 'o' : 'u'}${underline[1]}` });
    }
    i++;
  }
  return headings;
}

/**
 * rankStyles gives each heading style a level: ATX headings their number of `#`; underlined styles
 * their order of first appearance (reST has no fixed levels: "the order of encountered styles").
 */
function rankStyles(headings: readonly Heading[]): Map<string, number> {
  const ranks = new Map<string, number>();
  let next = 1;
  for (const heading of headings) {
    if (ranks.has(heading.style)) continue;
    if (heading.style.startsWith('atx')) ranks.set(heading.style, Number(heading.style.slice(3)));
    else ranks.set(heading.style, next++);
  }
  return ranks;
}

/** cleanTitle drops Markdown decoration from a heading: links `[1.2.3](url)`, emphasis, backticks. */
function cleanTitle(title: string): string {
  return title
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]/g, '$1')
    .replace(/[*_`]+/g, '')
    .trim();
}

function trimBlankLines(lines: readonly string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines.slice(start, end).join('\n');
}
