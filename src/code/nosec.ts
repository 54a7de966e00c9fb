/**
 * `# nosec` comments, as bandit reads them (https://bandit.readthedocs.io/en/latest/config.html#exclusions):
 * a bare `# nosec` silences every finding on its line; `# nosec B602, B607` (or `# nosec: B602`) silences
 * only those tests. pipwarden also accepts its own rule ids there. A finding is silenced by a comment on
 * any line of the statement it was found in, as bandit does for multi-line statements.
 */

/** NosecLines maps a 1-based line to the ids its `# nosec` names, or `all`. */
export type NosecLines = Map<number, Set<string> | 'all'>;

const NOSEC = /#\s*nosec\b:?\s*([^#]*)/i;

/** parseNosecComment reads one comment's text: null without `nosec`. */
export function parseNosecComment(comment: string): Set<string> | 'all' | null {
  const match = NOSEC.exec(comment);
  if (!match) return null;
  const ids = (match[1] ?? '')
    .split(/[\s,]+/)
    .map((id) => id.trim())
    .filter((id) => /^(B\d{3}|[a-z][\w.-]*\.[\w.-]+)$/i.test(id));
  return ids.length === 0 ? 'all' : new Set(ids.map((id) => (/^b\d{3}$/i.test(id) ? id.toUpperCase() : id)));
}

/** isSilenced says whether a finding with these ids, spanning these lines, is silenced. */
export function isSilenced(nosec: NosecLines, startLine: number, endLine: number, ids: readonly string[]): boolean {
  if (nosec.size === 0) return false;
  for (let line = startLine; line <= endLine; line++) {
    const entry = nosec.get(line);
    if (!entry) continue;
    if (entry === 'all' || ids.some((id) => entry.has(id))) return true;
  }
  return false;
}
