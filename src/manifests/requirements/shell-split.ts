/**
 * shellSplit is Python's `shlex.split(text)` (POSIX mode, no comments), which pip applies to the option
 * part of a requirements line (pip/_internal/req/req_file.py, `parse_line`), so quoted values such as
 * `--config-settings="--build-option=--x y"` arrive whole. See https://docs.python.org/3/library/shlex.html
 */

/** ShellSplitResult is the tokens of an option string, or why it cannot be split. */
export type ShellSplitResult = { ok: true; tokens: string[] } | { ok: false; error: string };

/** shellSplit splits on unquoted whitespace, honouring `'…'`, `"…"` and backslash escapes like POSIX shlex. */
export function shellSplit(text: string): ShellSplitResult {
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quote === "'") {
      // Single quotes: everything literal up to the closing quote.
      if (ch === "'") quote = '';
      else current += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') {
        quote = '';
      } else if (ch === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
        // shlex: inside double quotes a backslash escapes only the quote and itself.
        current += text[i + 1];
        i++;
      } else {
        current += ch;
      }
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inToken = true;
    } else if (ch === '\\') {
      if (i + 1 >= text.length) return { ok: false, error: 'no escaped character after the final backslash' };
      current += text[i + 1];
      inToken = true;
      i++;
    } else if (/\s/.test(ch)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
    } else {
      current += ch;
      inToken = true;
    }
  }
  if (quote !== '') return { ok: false, error: `no closing quotation (${quote}) in the options` };
  if (inToken) tokens.push(current);
  return { ok: true, tokens };
}
