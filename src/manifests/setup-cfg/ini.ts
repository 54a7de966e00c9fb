/**
 * A small INI reader that keeps line numbers, following Python's configparser (which setuptools uses to
 * read setup.cfg) with its default settings: https://docs.python.org/3/library/configparser.html
 *
 * - `[section]` headers; `key = value` or `key: value` (the first `=` or `:` splits);
 * - a line indented deeper than its option's line continues the value; blank lines inside a value are
 *   kept, trailing ones dropped;
 * - lines whose first non-blank character is `#` or `;` are comments, wherever they are (inside a value
 *   too); there are no inline comments at this level.
 *
 * configparser stops at the first malformed line (or collects them and raises at the end); this reader
 * reports each one with its line and goes on, so the rest of the file is still read.
 */

/** IniLine is one physical line of a value, stripped, with its 1-based line number. */
export interface IniLine {
  text: string;
  line: number;
}

/** IniOption is one `key = value`; `value[0]` is the text after the delimiter (maybe empty). */
export interface IniOption {
  /** The key as written, without surrounding blanks. */
  key: string;
  line: number;
  /** The value's lines: the inline part, then each continuation line (`''` for a blank line inside). */
  value: IniLine[];
}

/** IniSection is one `[name]` block, in file order; a repeated header gives another IniSection. */
export interface IniSection {
  name: string;
  line: number;
  options: IniOption[];
}

/** IniProblem is a line the reader could not understand. */
export interface IniProblem {
  message: string;
  line: number;
}

/** IniDocument is a whole file: its sections in order, and its malformed lines. */
export interface IniDocument {
  sections: IniSection[];
  errors: IniProblem[];
}

const SECTION_HEADER = /^\[(.+)\]/;

/** parseIni reads INI text with configparser's default rules, keeping the line of every value line. */
export function parseIni(content: string): IniDocument {
  const sections: IniSection[] = [];
  const errors: IniProblem[] = [];
  let section: IniSection | undefined;
  let option: IniOption | undefined;
  let optionIndent = 0;

  const finishOption = (): void => {
    if (!option) return;
    // configparser: `'\n'.join(value).rstrip()` — trailing blank lines are not part of the value.
    while (option.value.length > 1 && option.value[option.value.length - 1]?.text === '') option.value.pop();
    option = undefined;
  };

  const lines = content.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] ?? '';
    const lineNumber = index + 1;
    const text = raw.trim();
    if (text.startsWith('#') || text.startsWith(';')) continue;
    if (text === '') {
      if (option) option.value.push({ text: '', line: lineNumber });
      continue;
    }
    const indent = raw.search(/\S/);
    if (option && indent > optionIndent) {
      option.value.push({ text, line: lineNumber });
      continue;
    }
    optionIndent = indent;
    const header = SECTION_HEADER.exec(text);
    if (header?.[1] !== undefined) {
      finishOption();
      section = { name: header[1], line: lineNumber, options: [] };
      sections.push(section);
      continue;
    }
    if (!section) {
      errors.push({ message: `line outside any [section]: "${shorten(text)}"`, line: lineNumber });
      continue;
    }
    // configparser's OPTCRE: the key is everything before the first `=` or `:`. Searched by hand: a
    // regular expression with a lazy key and `\s*` backtracks quadratically on long blank runs.
    const delimiter = text.search(/[=:]/);
    const key = delimiter < 0 ? '' : text.slice(0, delimiter).trimEnd();
    if (key === '') {
      // Like configparser, a malformed line does not end the option before it: deeper lines after it
      // still continue that option's value.
      errors.push({ message: `expected "key = value", found "${shorten(text)}"`, line: lineNumber });
      continue;
    }
    finishOption();
    option = { key, line: lineNumber, value: [{ text: text.slice(delimiter + 1).trim(), line: lineNumber }] };
    section.options.push(option);
  }
  finishOption();
  return { sections, errors };
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
