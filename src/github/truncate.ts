/**
 * Size limits of the Checks API ("Update a check run"): `output.summary` and `output.text` take at most
 * 65,535 characters, an annotation's `message` and `raw_details` 64 KB, its `title` 255 characters.
 * Limits are measured here in UTF-8 bytes, which is never less than the character count, so the text
 * fits whichever way GitHub counts.
 */

/** CHECK_RUN_TEXT_LIMIT is the most a check run's summary or text may hold. */
export const CHECK_RUN_TEXT_LIMIT = 65_535;

/** ANNOTATION_TEXT_LIMIT is the most an annotation's message or raw details may hold (64 KB). */
export const ANNOTATION_TEXT_LIMIT = 64 * 1024;

/** ANNOTATION_TITLE_LIMIT is the longest annotation title GitHub accepts. */
export const ANNOTATION_TITLE_LIMIT = 255;

const encoder = new TextEncoder();

/** byteLength is the UTF-8 size of a string. */
export function byteLength(text: string): number {
  return encoder.encode(text).byteLength;
}

/**
 * truncateMarkdown keeps whole lines of `text` while it fits in `limit` bytes and ends with a note
 * "… N more lines, see the full report". A first line too long on its own is cut inside the line.
 */
export function truncateMarkdown(text: string, limit = CHECK_RUN_TEXT_LIMIT): string {
  if (byteLength(text) <= limit) return text;
  const lines = text.split('\n');
  const note = (omitted: number) => `\n\n… ${omitted} more line${omitted === 1 ? '' : 's'}, see the full report`;
  const kept: string[] = [];
  let size = 0;
  for (const [i, line] of lines.entries()) {
    const added = byteLength(line) + (kept.length > 0 ? 1 : 0);
    if (size + added + byteLength(note(lines.length - i)) > limit) {
      if (kept.length === 0) {
        // A single giant line: keep its beginning, and count it among the lines left out.
        kept.push(cutToBytes(line, limit - byteLength(note(lines.length - i)) - 1));
      }
      return `${kept.join('\n')}${note(lines.length - i)}`;
    }
    kept.push(line);
    size += added;
  }
  return kept.join('\n');
}

/** truncateText cuts `text` to `limit` bytes (ending with "…"), on a character boundary. */
export function truncateText(text: string, limit: number): string {
  if (byteLength(text) <= limit) return text;
  return `${cutToBytes(text, limit - byteLength('…'))}…`;
}

/** cutToBytes is the longest prefix of `text` within `limit` UTF-8 bytes, never splitting a character. */
function cutToBytes(text: string, limit: number): string {
  if (limit <= 0) return '';
  let size = 0;
  let end = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (size + bytes > limit) break;
    size += bytes;
    end += char.length;
  }
  return text.slice(0, end);
}
