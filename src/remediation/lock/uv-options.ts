/**
 * uv records the resolution options a lock was made with in its `[options]` table, `exclude-newer`
 * among them, and `uv lock --check` (or `uv sync --locked`) fails when the project's settings differ.
 * The cut-off pipwarden passes for `minimumReleaseAge` is not a project setting: once uv has resolved
 * under it, removeAddedExcludeNewer takes it out of the new lock again — a lock resolved under a stricter
 * cut-off is valid without one — so the project's own checks keep passing.
 */
import { TomlLocator } from '../../manifests/toml-lines.js';
import { lockRecordsExcludeNewer } from './commands.js';
import { LineEdits } from './text.js';

const ADDED_KEYS = ['exclude-newer', 'exclude-newer-span'];

/**
 * removeAddedExcludeNewer removes `exclude-newer` (and `exclude-newer-span`) from the new lock's
 * `[options]` when the old lock had none, and the `[options]` header too when nothing else is left.
 */
export function removeAddedExcludeNewer(before: string, after: string): string {
  if (lockRecordsExcludeNewer(before) || !lockRecordsExcludeNewer(after)) return after;
  const locator = new TomlLocator(after);
  const options = locator.table(['options']);
  if (!options) return after;
  const edits = new LineEdits(after);
  const remaining = [...options.keys].filter(([key]) => !ADDED_KEYS.includes(key));
  if (remaining.length === 0) {
    // The whole table goes with the blank lines after it (uv writes it between two sections); at the
    // end of the file, the blank lines before it go instead.
    let start = options.header;
    if (options.end >= edits.lineCount) {
      while (start > 1 && edits.line(start - 1).trim() === '') start--;
    }
    edits.replace(start, Math.min(options.end, edits.lineCount), []);
    return edits.toString();
  }
  for (const [key, span] of options.keys) if (ADDED_KEYS.includes(key)) edits.replace(span.lines.start, span.lines.end, []);
  return edits.toString();
}
