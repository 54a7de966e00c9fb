/**
 * decodeText turns a file's bytes into text, or says why it is not a text file. Dependency files are
 * UTF-8 (PEP 621, pip, TOML and JSON all say so); a NUL byte means binary.
 */
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** decodeText decodes UTF-8 (dropping a BOM) or returns the reason it cannot. */
export function decodeText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: string } {
  if (bytes.includes(0)) return { ok: false, error: 'binary file (contains NUL bytes); not read' };
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, error: 'not valid UTF-8 text; not read' };
  }
}
