/**
 * Suppressions a project already keeps for other auditors, honoured so switching to pipwarden does not
 * resurface findings a team has triaged:
 * - `[tool.pip-audit] ignore-vulns = ["GHSA-…", …]` (the pyproject spelling of pip-audit's
 *   `--ignore-vuln`; ids only, so the reason says where it came from);
 * - `[tool.safety]` in the shape of Safety's policy file: `ignore-vulnerabilities = { ID = { reason,
 *   expires } }`, at the top of `[tool.safety]` or under `[tool.safety.security]`; a list of ids is
 *   accepted too.
 */
import { parse } from 'smol-toml';
import type { IgnoreEntry } from './schema.js';

/** toolIgnores reads the pip-audit and Safety ignore lists of a pyproject.toml (invalid TOML: none). */
export function toolIgnores(pyprojectText: string, pyprojectPath: string): IgnoreEntry[] {
  let document: Record<string, unknown>;
  try {
    document = parse(pyprojectText) as Record<string, unknown>;
  } catch {
    return [];
  }
  const tool = asRecord(document.tool);
  return [...pipAuditIgnores(asRecord(tool?.['pip-audit']), pyprojectPath), ...safetyIgnores(asRecord(tool?.safety), pyprojectPath)];
}

function pipAuditIgnores(section: Record<string, unknown> | undefined, source: string): IgnoreEntry[] {
  const ids = section?.['ignore-vulns'] ?? section?.['ignore-vuln'];
  if (!Array.isArray(ids)) return [];
  return ids.filter((id): id is string => typeof id === 'string' && id.trim() !== '').map((id) => ({
    id: id.trim(),
    reason: `listed in [tool.pip-audit] ignore-vulns of ${source}`,
  }));
}

function safetyIgnores(section: Record<string, unknown> | undefined, source: string): IgnoreEntry[] {
  const list = section?.['ignore-vulnerabilities'] ?? asRecord(section?.security)?.['ignore-vulnerabilities'];
  const fallbackReason = `listed in [tool.safety] ignore-vulnerabilities of ${source}`;
  if (Array.isArray(list)) {
    return list.filter((id): id is string | number => typeof id === 'string' || typeof id === 'number').map((id) => ({ id: String(id), reason: fallbackReason }));
  }
  const table = asRecord(list);
  if (!table) return [];
  return Object.entries(table).map(([id, value]) => {
    const details = asRecord(value);
    const entry: IgnoreEntry = { id, reason: typeof details?.reason === 'string' && details.reason !== '' ? details.reason : fallbackReason };
    const expires = details?.expires;
    if (typeof expires === 'string' && /^\d{4}-\d{2}-\d{2}/.test(expires)) entry.until = expires.slice(0, 10);
    else if (expires instanceof Date) entry.until = expires.toISOString().slice(0, 10);
    return entry;
  });
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
