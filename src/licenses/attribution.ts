/**
 * Attribution lists for `pipwarden licenses [DIR] --format json|csv|markdown`: every package with its
 * version, license and home page, like pip-licenses (`--with-urls`), whose field names (`Name`,
 * `Version`, `License`, `URL`) the JSON and CSV keep so tools that read pip-licenses output read these.
 * Pure renderers: entries in, text out.
 */
import type { LicenseEntry } from '../report/types.js';

/** AttributionFormat is an output format of `pipwarden licenses`. */
export type AttributionFormat = 'json' | 'csv' | 'markdown';

/** ATTRIBUTION_FORMATS lists the formats, for the CLI's validation. */
export const ATTRIBUTION_FORMATS: readonly AttributionFormat[] = ['json', 'csv', 'markdown'];

/** AttributionRow is one package of the list. */
export interface AttributionRow {
  Name: string;
  Version: string;
  License: string;
  URL: string;
}

/**
 * attributionRows turns entries into rows, sorted by name then version, one per (name, version).
 * License is the SPDX expression, else what the package declares, else `UNKNOWN` (as pip-licenses
 * writes); Version is empty for a dependency known only by a range.
 */
export function attributionRows(entries: readonly LicenseEntry[]): AttributionRow[] {
  const rows = new Map<string, AttributionRow>();
  for (const entry of entries) {
    const row: AttributionRow = {
      Name: entry.package,
      Version: entry.version ?? '',
      License: entry.expression ?? (entry.declared?.replace(/\s+/g, ' ').trim() || 'UNKNOWN'),
      URL: entry.url ?? '',
    };
    rows.set(`${row.Name}\u0000${row.Version}`, row);
  }
  return [...rows.values()].sort((a, b) => (a.Name === b.Name ? a.Version.localeCompare(b.Version) : a.Name < b.Name ? -1 : 1));
}

/** renderAttribution renders the list in one format. */
export function renderAttribution(entries: readonly LicenseEntry[], format: AttributionFormat): string {
  switch (format) {
    case 'json':
      return renderAttributionJson(entries);
    case 'csv':
      return renderAttributionCsv(entries);
    case 'markdown':
      return renderAttributionMarkdown(entries);
  }
}

/** renderAttributionJson is a JSON array of rows, as `pip-licenses --format=json --with-urls` prints. */
export function renderAttributionJson(entries: readonly LicenseEntry[]): string {
  return `${JSON.stringify(attributionRows(entries), null, 2)}\n`;
}

/**
 * renderAttributionCsv is RFC 4180 CSV: a header line, CRLF line ends, and fields holding a comma, a
 * double quote, CR or LF enclosed in double quotes with inner quotes doubled.
 */
export function renderAttributionCsv(entries: readonly LicenseEntry[]): string {
  const header: (keyof AttributionRow)[] = ['Name', 'Version', 'License', 'URL'];
  const lines = [header.join(','), ...attributionRows(entries).map((row) => header.map((key) => csvField(row[key])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** csvField quotes a field when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** renderAttributionMarkdown is a Markdown table; names link to the package's page when it has one. */
export function renderAttributionMarkdown(entries: readonly LicenseEntry[]): string {
  const rows = attributionRows(entries);
  if (rows.length === 0) return '# Third-party licenses\n\nNo dependencies.\n';
  const lines = rows.map((row) => {
    const name = /^https?:\/\//i.test(row.URL) ? `[${escapeMarkdown(row.Name)}](${linkTarget(row.URL)})` : escapeMarkdown(row.Name);
    return `| ${name} | ${escapeMarkdown(row.Version)} | ${escapeMarkdown(row.License)} |`;
  });
  return ['# Third-party licenses', '', '| Package | Version | License |', '| --- | --- | --- |', ...lines, ''].join('\n');
}

/** linkTarget percent-encodes what would end a Markdown link or a table cell. */
function linkTarget(url: string): string {
  return url.replace(/[()\s|<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** escapeMarkdown keeps package text from breaking a table or adding markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[|<>*_`[\]\\]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}
