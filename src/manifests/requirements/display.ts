/**
 * display makes a piece of a user's file safe to put in a problem message: control characters (NUL
 * bytes of a binary file, escape sequences) are shown escaped, and long text is cut, so a hostile file
 * cannot flood or garble a report.
 */

const MAX_SHOWN = 80;

/** display returns text escaped and cut to at most 80 characters, for messages. */
export function display(text: string): string {
  const cut = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 3)}...` : text;
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here.
  return cut.replace(/[\u0000-\u001f\u007f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
