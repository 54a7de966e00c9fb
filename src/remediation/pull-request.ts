/**
 * renderPullRequest describes the pull request of one remediation group as plain data: its branch,
 * title, body and labels. The GitHub layer creates or updates the pull request from it; nothing here
 * talks to GitHub. The body says what the pull request fixes and whether a re-audit confirmed it, the
 * fixed advisories most severe first, the breaking-change warnings before anything else a reviewer
 * reads, each package's version jump with its release notes (collapsed), the lock files, and the
 * commands pipwarden answers. Two hidden markers at the top tie the pull request to its group and to the
 * exact target versions (`<!-- pipwarden:group:<id> -->`, `<!-- pipwarden:plan:<sha256> -->`): a changed
 * plan is noticed, and a pull request a human closed is not reopened for the same target.
 * The body stays within 60,000 bytes (GitHub refuses bodies over 65,536 characters): release notes
 * share what the rest leaves; when that is too little, the advisory table gives way first (down to 20
 * rows, the rest counted), and notes that still do not fit are linked instead of quoted.
 * Deterministic: the same inputs give the same body, so an unchanged plan leaves the pull request alone.
 */
import { createHash } from 'node:crypto';
import { SEVERITY_ORDER, type VulnerabilityFinding } from '../advisories/finding.js';
import { byteLength, truncateText } from '../github/truncate.js';
import { normalizePackageName } from '../manifests/pep508.js';
import type { BreakingWarning } from './notes/breaking.js';
import { DEFAULT_NOTES_BUDGET, renderReleaseNotes } from './notes/trim.js';
import type { ReleaseNotesResult } from './notes/types.js';
import type { PlannedUpdate, RemediationGroup } from './types.js';

/** PR_BODY_LIMIT is the most a body holds, in UTF-8 bytes: under GitHub's 65,536 characters, with room to spare. */
export const PR_BODY_LIMIT = 60_000;

/** PR_TITLE_LIMIT is the longest title GitHub accepts. */
export const PR_TITLE_LIMIT = 256;

/** MAX_ADVISORY_ROWS is the most advisories listed before "… and N more". */
export const MAX_ADVISORY_ROWS = 100;

/** MIN_ADVISORY_ROWS is the fewest advisories the table keeps when the body runs out of room. */
export const MIN_ADVISORY_ROWS = 20;

/** MAX_IDS_PER_UPDATE is the most advisory ids named in a package's section (the table has them all). */
const MAX_IDS_PER_UPDATE = 10;

/** BRANCH_PREFIX starts every branch pipwarden pushes. */
export const BRANCH_PREFIX = 'pipwarden/';

/** Verification is what re-auditing the edited files found: the advisories gone and those that appeared. */
export interface Verification {
  fixed: readonly string[];
  introduced: readonly string[];
}

/**
 * LockNote says what happened to a lock file: `relocked` with the native tool, `edited` in place (the
 * new versions' dependencies are unchanged), or `needs-relock` (neither was possible; `reason` says why).
 */
export interface LockNote {
  path: string;
  status: 'relocked' | 'edited' | 'needs-relock';
  /** The tool that re-locked or would (`uv`, `poetry`, `pipenv`, `pdm`). */
  tool?: string;
  reason?: string;
}

/** PackageDetails is what is known about one update beyond the plan (notes/gather.ts). */
export interface PackageDetails {
  notes?: ReleaseNotesResult | null;
  warnings?: readonly BreakingWarning[];
}

/** PullRequestDetails are the inputs of the body besides the group. */
export interface PullRequestDetails {
  /** The audit's findings; those the group fixes (by id or alias, and package) are listed. */
  findings: readonly VulnerabilityFinding[];
  /** The re-audit of the edited files; null when it has not run (a dry run). */
  verification: Verification | null;
  /** Release notes and warnings by package (the update's PEP 503 name). */
  packages?: Readonly<Record<string, PackageDetails>>;
  locks?: readonly LockNote[];
  /** Labels from the configuration; `severity:<level>` is added. */
  labels?: readonly string[];
  /** Each package's share of release notes, in bytes (default 6,000). */
  notesBudget?: number;
  /** The body's limit in bytes (default 60,000). */
  bodyLimit?: number;
  /** How commands are addressed (default `@pipwarden`). */
  commandPrefix?: string;
}

/** PullRequestDraft is the desired pull request. */
export interface PullRequestDraft {
  branch: string;
  title: string;
  body: string;
  labels: string[];
}

/** PullRequestMarkers are what the hidden markers of a body say. */
export interface PullRequestMarkers {
  group: string;
  /** The plan hash; null in a body that has the group marker only. */
  plan: string | null;
}

/** renderPullRequest builds the pull request of a group. */
export function renderPullRequest(group: RemediationGroup, details: PullRequestDetails): PullRequestDraft {
  const limit = Math.min(details.bodyLimit ?? PR_BODY_LIMIT, PR_BODY_LIMIT);
  const advisories = fixedAdvisories(group, details.findings);
  let rows = Math.min(advisories.length, MAX_ADVISORY_ROWS);
  let body = '';
  const notesCount = group.updates.filter((u) => details.packages?.[u.package]?.notes?.notes).length;
  for (;;) {
    const skeleton = renderBody(group, details, advisories, rows, 0);
    const room = limit - byteLength(skeleton) - notesCount * NOTES_WRAPPER_BYTES;
    const share = notesCount === 0 ? 0 : Math.min(details.notesBudget ?? DEFAULT_NOTES_BUDGET, Math.floor(room / notesCount));
    const shorter = Math.max(MIN_ADVISORY_ROWS, Math.floor(rows / 2));
    // A long table gives way first (down to MIN_ADVISORY_ROWS): notes help review more than row 80 does.
    if (notesCount > 0 && share < MIN_NOTES_SHARE && shorter < rows) {
      rows = shorter;
      continue;
    }
    body = renderBody(group, details, advisories, rows, share >= MIN_NOTES_SHARE ? share : 0);
    if (byteLength(body) <= limit || shorter >= rows) break;
    rows = shorter;
  }
  // The last resort cuts the end: the markers are at the top, so they survive.
  if (byteLength(body) > limit) body = truncateText(body, limit);
  return { branch: branchName(group.id), title: titleOf(group, advisories), body, labels: labelsOf(group, details.labels ?? []) };
}

/** Bytes of the `<details>` wrapper around a package's notes (summary included), reserved per package. */
const NOTES_WRAPPER_BYTES = 200;
/** Below this share, notes are only linked. */
const MIN_NOTES_SHARE = 300;

/** branchName is `pipwarden/<id>`, with characters Git refuses in a branch name (git-check-ref-format) replaced. */
export function branchName(id: string): string {
  const safe = id
    .replace(/[^A-Za-z0-9._/-]/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/\/{2,}/g, '/')
    .replace(/(^|\/)\./g, '$1-')
    .replace(/(\.lock)?[./]*$/i, '');
  return `${BRANCH_PREFIX}${safe || 'group'}`;
}

/**
 * planHash is the SHA-256 of the group's targets (`package==version`, one per line, sorted): equal for
 * the same target versions whatever else changes (a new advisory fixed by the same versions), different
 * as soon as one target changes.
 */
export function planHash(updates: readonly PlannedUpdate[]): string {
  const lines = [...new Set(updates.map((u) => `${normalizePackageName(u.package)}==${u.to}`))].sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** groupMarker is the hidden marker that ties a pull request to its group. */
export function groupMarker(id: string): string {
  return `<!-- pipwarden:group:${markerText(id)} -->`;
}

/** planMarker records the plan a pull request carries (see planHash). */
export function planMarker(hash: string): string {
  return `<!-- pipwarden:plan:${markerText(hash)} -->`;
}

/** readPullRequestMarkers reads the markers of a body; null when it is not a pipwarden pull request. */
export function readPullRequestMarkers(body: string | null | undefined): PullRequestMarkers | null {
  if (!body) return null;
  const group = /<!-- pipwarden:group:(\S+?) -->/.exec(body)?.[1];
  if (!group) return null;
  const plan = /<!-- pipwarden:plan:([0-9a-f]{64}) -->/.exec(body)?.[1] ?? null;
  return { group, plan };
}

/** markerText keeps a value from closing the comment or spanning lines. */
function markerText(value: string): string {
  return value.replace(/[\s<>]+/g, '-').replace(/-{2,}/g, '-');
}

/** FixedAdvisory is one advisory the group fixes, with what the audit knows about it. */
interface FixedAdvisory {
  id: string;
  packages: string[];
  finding: VulnerabilityFinding | null;
}

/** fixedAdvisories lists the advisories the group fixes, most severe first, then by score and id. */
function fixedAdvisories(group: RemediationGroup, findings: readonly VulnerabilityFinding[]): FixedAdvisory[] {
  const byId = new Map<string, FixedAdvisory>();
  for (const update of group.updates) {
    for (const id of update.fixes) {
      const key = id.toUpperCase();
      const finding =
        findings.find((f) => normalizePackageName(f.package) === update.package && [f.id, ...f.aliases].some((a) => a.toUpperCase() === key)) ??
        findings.find((f) => [f.id, ...f.aliases].some((a) => a.toUpperCase() === key)) ??
        null;
      const known = byId.get(key);
      if (known) {
        if (!known.packages.includes(update.package)) known.packages.push(update.package);
        known.finding ??= finding;
      } else byId.set(key, { id, packages: [update.package], finding });
    }
  }
  const rank = (a: FixedAdvisory) => SEVERITY_ORDER.indexOf(a.finding?.severity ?? 'unknown');
  return [...byId.values()].sort((a, b) => rank(a) - rank(b) || (b.finding?.score ?? -1) - (a.finding?.score ?? -1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** titleOf is the group's title on one line, or one made from the advisories when the plan gave none. */
function titleOf(group: RemediationGroup, advisories: readonly FixedAdvisory[]): string {
  const given = group.title.replace(/\s+/g, ' ').trim();
  const packages = [...new Set(group.updates.map((u) => u.package))].join(', ');
  const n = advisories.length;
  const title = given || `Fix ${n} ${n === 1 ? 'vulnerability' : 'vulnerabilities'} in ${packages}`;
  return title.length > PR_TITLE_LIMIT ? `${title.slice(0, PR_TITLE_LIMIT - 1)}…` : title;
}

/** labelsOf is the configured labels and `severity:<level>`, each once, in that order. */
function labelsOf(group: RemediationGroup, configured: readonly string[]): string[] {
  const labels = [...configured.map((l) => l.trim()).filter((l) => l !== ''), `severity:${group.severity}`];
  return [...new Set(labels)];
}

/** renderBody assembles the body with at most `rows` advisories and `notesShare` bytes of notes per package. */
function renderBody(group: RemediationGroup, details: PullRequestDetails, advisories: readonly FixedAdvisory[], rows: number, notesShare: number): string {
  const sections = [
    [groupMarker(group.id), planMarker(planHash(group.updates))].join('\n'),
    summary(group, details, advisories),
    prominentWarnings(group, details),
    advisoryTable(advisories, rows),
    updatesSection(group, details, notesShare),
    lockSection(details.locks ?? []),
    commandsSection(details.commandPrefix ?? '@pipwarden'),
    '<sub>Opened by pipwarden. Closing this pull request stops pipwarden from proposing these versions again; a different fix opens a new pull request.</sub>',
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

/** summary is the first line: what the re-audit confirmed, then the version jumps. */
function summary(group: RemediationGroup, details: PullRequestDetails, advisories: readonly FixedAdvisory[]): string {
  const jumps = group.updates.map((u) => `\`${u.package}\` ${versionJump(u)}`).join(', ');
  const verification = details.verification;
  let first: string;
  if (verification) {
    const fixed = verification.fixed.length;
    const introduced = verification.introduced.length;
    const introducedText = introduced === 0 ? 'introduces none' : `introduces ${introduced}: ${verification.introduced.map((id) => cell(id)).join(', ')}`;
    first = `**Fixes ${advisoryCount(fixed)}, ${introducedText}.**`;
  } else {
    first = `**Fixes ${advisoryCount(advisories.length)}** (not yet confirmed by a re-audit).`;
  }
  return `${first}\n\nUpdates ${jumps}.`;
}

function advisoryCount(n: number): string {
  return `${n} ${n === 1 ? 'advisory' : 'advisories'}`;
}

function versionJump(update: PlannedUpdate): string {
  return update.from === null ? `→ ${update.to}` : `${update.from} → ${update.to}`;
}

/**
 * prominentWarnings puts every error- and warning-level signal first, as GitHub alerts
 * (`> [!CAUTION]`, `> [!WARNING]`); the planner's breaking reasons are included when not already said.
 */
function prominentWarnings(group: RemediationGroup, details: PullRequestDetails): string {
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const update of group.updates) {
    const found = details.packages?.[update.package]?.warnings ?? [];
    const messages = new Set(found.map((w) => w.message));
    for (const w of found) {
      if (w.level === 'error') errors.push(`> - **${update.package}**: ${oneLine(w.message)}`);
      else if (w.level === 'warning') warnings.push(`> - **${update.package}**: ${oneLine(w.message)}`);
    }
    for (const reason of update.breakingReasons ?? []) {
      if (!messages.has(reason)) warnings.push(`> - **${update.package}**: ${oneLine(reason)}`);
    }
  }
  const blocks: string[] = [];
  if (errors.length > 0) blocks.push(['> [!CAUTION]', '> **This update will break the project unless it is adapted:**', ...errors].join('\n'));
  if (warnings.length > 0) blocks.push(['> [!WARNING]', '> **Possibly breaking changes:**', ...warnings].join('\n'));
  return blocks.join('\n\n');
}

/** advisoryTable lists the fixed advisories, most severe first. */
function advisoryTable(advisories: readonly FixedAdvisory[], rows: number): string {
  if (advisories.length === 0) return '';
  const lines = ['## Fixed advisories', '', '| Advisory | Package | Severity | Score | Summary |', '| --- | --- | --- | --- | --- |'];
  for (const advisory of advisories.slice(0, rows)) {
    const finding = advisory.finding;
    const cve = finding?.aliases.find((a) => /^CVE-/i.test(a) && a !== advisory.id);
    const id = `[${cell(advisory.id)}](${advisoryUrl(advisory.id)})${cve ? ` (${cell(cve)})` : ''}`;
    const score = typeof finding?.score === 'number' ? finding.score.toFixed(1) : '–';
    lines.push(`| ${id} | ${advisory.packages.map((p) => `\`${cell(p)}\``).join(', ')} | ${finding?.severity ?? 'unknown'} | ${score} | ${cell(finding?.summary ?? '', 160)} |`);
  }
  if (advisories.length > rows) lines.push('', `… and ${advisories.length - rows} more.`);
  return lines.join('\n');
}

/** advisoryUrl links GitHub's own advisories to GitHub, every other id to osv.dev. */
export function advisoryUrl(id: string): string {
  const encoded = encodeURIComponent(id);
  return /^GHSA-/i.test(id) ? `https://github.com/advisories/${encoded}` : `https://osv.dev/vulnerability/${encoded}`;
}

/** updatesSection describes each package: version jump, fixes, where, other signals and release notes. */
function updatesSection(group: RemediationGroup, details: PullRequestDetails, notesShare: number): string {
  const parts = ['## Updates'];
  for (const update of group.updates) {
    const info = details.packages?.[update.package] ?? {};
    const lines = [`### \`${update.package}\` ${versionJump(update)}`, ''];
    const facts: string[] = [];
    if (update.fixes.length > 0) {
      const more = update.fixes.length - MAX_IDS_PER_UPDATE;
      facts.push(`fixes ${update.fixes.slice(0, MAX_IDS_PER_UPDATE).map((id) => cell(id)).join(', ')}${more > 0 ? ` and ${more} more` : ''}`);
    }
    if (update.liftsCapOf) facts.push(`lifts the cap that kept \`${cell(update.liftsCapOf)}\` from its fix`);
    if (update.transitive) facts.push('a transitive dependency, updated through the lock file');
    if (update.manifests.length > 0) facts.push(`in ${update.manifests.map((m) => `\`${cell(m)}\``).join(', ')}`);
    if (facts.length > 0) lines.push(`${capitalize(facts.join('; '))}.`);
    const infos = (info.warnings ?? []).filter((w) => w.level === 'info');
    if (infos.length > 0) lines.push('', ...infos.map((w) => `- ${oneLine(w.message)}`));
    const flagged = (info.warnings ?? []).filter((w) => w.details.length > 0);
    for (const w of flagged) {
      lines.push('', `${capitalize(oneLine(w.message))}:`, '', ...w.details.map((d) => `- ${oneLine(d)}`));
    }
    lines.push('', notesBlock(info.notes ?? null, notesShare));
    parts.push(lines.join('\n').replace(/\n{3,}/g, '\n\n'));
  }
  return parts.join('\n\n');
}

/** notesBlock is the collapsed release notes, a link when there is no room, or why there are none. */
function notesBlock(result: ReleaseNotesResult | null, share: number): string {
  if (!result) return '';
  const notes = result.notes;
  if (!notes) {
    const repository = result.repository ? ` ([${result.repository.owner}/${result.repository.repo}](${result.repository.url}))` : '';
    return `_No release notes${repository}: ${oneLine(result.message ?? result.status)}._`;
  }
  const where = notes.origin === 'releases' ? 'GitHub releases' : `\`${cell(notes.path ?? 'changelog')}\``;
  const count = notes.releases.length;
  const label = `Release notes: ${count} release${count === 1 ? '' : 's'} from ${where} of ${notes.repository.owner}/${notes.repository.repo}`;
  if (share <= 0) return `[${label}](${notes.url})`;
  const text = renderReleaseNotes(notes, share);
  if (text === '') return `[${label}](${notes.url})`;
  return ['<details>', `<summary>${escapeHtml(label)}</summary>`, '', text, '', '</details>'].join('\n');
}

/** lockSection says what happened to each lock file. */
function lockSection(locks: readonly LockNote[]): string {
  if (locks.length === 0) return '';
  const lines = ['## Lock files', ''];
  for (const lock of locks) {
    const path = `\`${cell(lock.path)}\``;
    if (lock.status === 'relocked') lines.push(`- ${path} re-locked${lock.tool ? ` with ${cell(lock.tool)}` : ''}.`);
    else if (lock.status === 'edited') lines.push(`- ${path} edited in place: the new versions' dependencies are the same as the old ones'.`);
    else {
      const command = lock.tool ? ` Run \`${cell(lock.tool)} lock\` and push to this branch.` : '';
      lines.push(`- ${path}: a re-lock is needed${lock.reason ? `: ${oneLine(lock.reason)}` : ''}.${command}`);
    }
  }
  return lines.join('\n');
}

function commandsSection(prefix: string): string {
  return [
    '## Commands',
    '',
    'Comment on this pull request:',
    `- \`${prefix} recheck\`: audit again and bring this pull request up to date`,
    `- \`${prefix} rebase\`: rebase this pull request on its base branch`,
  ].join('\n');
}

/** cell makes text safe in a table cell or inline: one line, no pipes or HTML, bounded. */
function cell(text: string, max = 200): string {
  const flat = escapeHtml(text.replace(/\s+/g, ' ').trim()).replace(/\|/g, '\\|').replace(/`/g, "'");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/<!--/g, '&lt;!--');
}

function escapeHtml(text: string): string {
  return text.replace(/&(?!#?\w+;)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
