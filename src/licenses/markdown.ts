/**
 * The "Licenses" section of the Markdown report: violations first (what fails the policy), then
 * warnings (what a human should look at), then how many packages fall in each category, and what could
 * not be checked. The lead hooks it into `report/markdown.ts`.
 */
import type { LicenseCategory, LicenseEntry } from '../report/types.js';
import { escapeMarkdown } from './attribution.js';
import { CATEGORY_LABELS, CATEGORY_ORDER } from './categories.js';
import { NOT_CHECKED_PREFIX } from './check.js';

/** licensesMarkdownSection renders the section; empty when there are no entries (licenses were not checked). */
export function licensesMarkdownSection(entries: readonly LicenseEntry[]): string {
  if (entries.length === 0) return '';
  const violations = entries.filter((e) => e.violation);
  const warnings = entries.filter((e) => !e.violation && e.warning);
  const notChecked = entries.filter((e) => e.declared?.startsWith(NOT_CHECKED_PREFIX));
  const parts: string[] = ['## Licenses', '', headline(violations.length, warnings.length)];

  if (violations.length > 0) {
    const rows = violations.map(
      (e) =>
        `| ${escapeMarkdown(e.package)} | ${escapeMarkdown(e.version ?? 'any')} | ${escapeMarkdown(licenseOf(e))} | \`${escapeCode(e.violation?.rule ?? '')}\` | ${escapeMarkdown(e.violation?.message ?? '')} |`,
    );
    parts.push('', '| Package | Version | License | Rule | Why |', '| --- | --- | --- | --- | --- |', ...rows);
  }
  if (warnings.length > 0) {
    parts.push('', '### Warnings', '', ...warnings.map((e) => `- ${escapeMarkdown(e.warning ?? '')}`));
  }
  parts.push('', `By category: ${countByCategory(entries)}.`);
  if (notChecked.length > 0) {
    const names = notChecked.slice(0, 10).map((e) => escapeMarkdown(e.package)).join(', ');
    parts.push('', `Not checked (${notChecked.length}): ${names}${notChecked.length > 10 ? ', …' : ''}. Their licenses are unknown, not assumed.`);
  }
  return parts.join('\n');
}

function headline(violations: number, warnings: number): string {
  if (violations === 0 && warnings === 0) return 'No license policy violations.';
  const v = violations === 0 ? 'No license policy violations' : `**${violations} license policy ${violations === 1 ? 'violation' : 'violations'}**`;
  return warnings === 0 ? `${v}.` : `${v}; ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}.`;
}

/** countByCategory is "12 permissive, 2 weak copyleft, 1 unknown", in CATEGORY_ORDER. */
function countByCategory(entries: readonly LicenseEntry[]): string {
  const counts = new Map<LicenseCategory, number>();
  for (const e of entries) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
  return CATEGORY_ORDER.filter((c) => counts.has(c))
    .map((c) => `${counts.get(c)} ${CATEGORY_LABELS[c]}`)
    .join(', ');
}

function licenseOf(entry: LicenseEntry): string {
  if (entry.expression) return entry.expression;
  if (!entry.declared) return 'none declared';
  const flat = entry.declared.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}

function escapeCode(text: string): string {
  return text.replace(/[`|]/g, '');
}
