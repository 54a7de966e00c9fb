/**
 * Whether two releases declare the same dependencies. A lock records what the resolver chose for the
 * dependencies of each locked version; a new version with the very same `Requires-Dist` (PEP 508
 * strings, extras and environment markers included) changes nothing else in the lock, so its entry can
 * be edited in place. Any difference — a dependency added or dropped, a bound or a marker changed — may
 * change the resolution: then only the native tool may write the lock.
 *
 * The comparison is on meaning, not spelling: names are PEP 503-normalised, extras PEP 685-normalised and
 * sorted, specifier clauses sorted, whitespace outside quoted strings and the quote style of markers do
 * not count.
 * See https://packaging.python.org/en/latest/specifications/dependency-specifiers/
 */
import { normalizePackageName, parsePep508 } from '../../manifests/pep508.js';

/** DependencyChanges are the `Requires-Dist` entries one release has and the other has not, as written. */
export interface DependencyChanges {
  /** Entries of the new release that the old one lacks. */
  added: string[];
  /** Entries of the old release that the new one lacks. */
  dropped: string[];
}

/** compareRequiresDist lists what changed between the old and the new release's `Requires-Dist`. */
export function compareRequiresDist(oldRequiresDist: readonly string[], newRequiresDist: readonly string[]): DependencyChanges {
  const oldKeys = countKeys(oldRequiresDist);
  const newKeys = countKeys(newRequiresDist);
  return { added: surplus(newRequiresDist, newKeys, oldKeys), dropped: surplus(oldRequiresDist, oldKeys, newKeys) };
}

/** dependenciesUnchanged tells whether the comparison found no difference. */
export function dependenciesUnchanged(changes: DependencyChanges): boolean {
  return changes.added.length === 0 && changes.dropped.length === 0;
}

/**
 * describeDependencyChanges is the reason an in-place edit is refused:
 * `dependencies changed: adds X, drops Y; a re-lock is needed`.
 */
export function describeDependencyChanges(changes: DependencyChanges): string {
  const parts: string[] = [];
  if (changes.added.length > 0) parts.push(`adds ${listed(changes.added)}`);
  if (changes.dropped.length > 0) parts.push(`drops ${listed(changes.dropped)}`);
  return `dependencies changed: ${parts.join(', ')}; a re-lock is needed`;
}

/**
 * requirementKey is the canonical form of one PEP 508 string: equal for strings that mean the same
 * requirement. An unparsable string is compared by its text without whitespace.
 */
export function requirementKey(text: string): string {
  const parsed = parsePep508(text);
  if (!parsed.ok) return `?${stripWhitespace(text)}`;
  const { name, extras, specifier, url, markers } = parsed.value;
  const extraPart = extras.length > 0 ? `[${[...new Set(extras.map(normalizePackageName))].sort().join(',')}]` : '';
  const specifierPart = specifier ? [...new Set(specifier.split(','))].sort().join(',') : '';
  const urlPart = url ? `@${url}` : '';
  const markerPart = markers ? `;${markerKey(markers)}` : '';
  return `${normalizePackageName(name)}${extraPart}${specifierPart}${urlPart}${markerPart}`;
}

/**
 * markerKey writes a marker expression canonically: whitespace outside strings removed, every string in
 * double quotes, and the value compared with `extra` PEP 685-normalised (`extra == "Socks_Proxy"` is
 * `extra == "socks-proxy"`).
 */
function markerKey(markers: string): string {
  const tokens: Array<{ string: boolean; text: string }> = [];
  let i = 0;
  while (i < markers.length) {
    const ch = markers[i] ?? '';
    if (ch === '"' || ch === "'") {
      const close = markers.indexOf(ch, i + 1);
      tokens.push({ string: true, text: close < 0 ? markers.slice(i + 1) : markers.slice(i + 1, close) });
      i = close < 0 ? markers.length : close + 1;
      continue;
    }
    if (!/\s/.test(ch)) {
      const last = tokens[tokens.length - 1];
      if (last && !last.string) last.text += ch;
      else tokens.push({ string: false, text: ch });
    }
    i++;
  }
  return tokens
    .map((token, index) => {
      if (!token.string) return token.text;
      const before = tokens[index - 1]?.text ?? '';
      const after = tokens[index + 1]?.text ?? '';
      const isExtra = /extra(==|!=)$/.test(before) || /^(==|!=)extra\b/.test(after);
      return `"${isExtra ? normalizePackageName(token.text) : token.text}"`;
    })
    .join('');
}

function countKeys(entries: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const key = requirementKey(entry);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** surplus keeps, in order, the entries whose key occurs more often on this side than on the other. */
function surplus(entries: readonly string[], mine: ReadonlyMap<string, number>, theirs: ReadonlyMap<string, number>): string[] {
  const remaining = new Map<string, number>();
  for (const [key, count] of mine) remaining.set(key, count - (theirs.get(key) ?? 0));
  const result: string[] = [];
  for (const entry of entries) {
    const key = requirementKey(entry);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      result.push(entry.trim());
      remaining.set(key, left - 1);
    }
  }
  return result;
}

function listed(entries: readonly string[]): string {
  const shown = entries.slice(0, 5).map((e) => (e.length > 100 ? `${e.slice(0, 97)}...` : e));
  const more = entries.length > shown.length ? ` and ${entries.length - shown.length} more` : '';
  return `${shown.join(' and ')}${more}`;
}

function stripWhitespace(text: string): string {
  return text.replace(/\s+/g, '');
}
