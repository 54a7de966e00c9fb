import { describe, expect, it } from 'vitest';
import { TomlLocator } from '../../src/manifests/toml-lines.js';

const doc = `# comment
[project]
name = "demo"
dependencies = [
  "requests>=2",  # trailing comment with ] and "quotes"
  'django==4.2',
  """multi
line""",
]
optional-dependencies.test = ["pytest"]

[tool.poetry.dependencies]
python = "^3.10"
flask = { version = "^2.0",
  extras = ["async"] }
"quoted.name" = "*"

[[package]]
name = "a"
version = "1"

[package.dependencies]
b = "*"

[[package]]
name = "b"
version = "2"
`;

describe('TomlLocator', () => {
  const locator = new TomlLocator(doc);

  it('locates each string of an array on its own line', () => {
    const items = locator.arrayItems(['project'], ['dependencies']);
    expect(items.map((i) => i.lines)).toEqual([
      { start: 5, end: 5 },
      { start: 6, end: 6 },
      { start: 7, end: 8 },
    ]);
    expect(items.map((i) => i.text)).toEqual(['requests>=2', 'django==4.2', 'multi\nline']);
    expect(locator.key(['project'], ['dependencies'])?.lines).toEqual({ start: 4, end: 9 });
  });

  it('finds dotted keys written in a parent table', () => {
    expect(locator.key(['project', 'optional-dependencies'], ['test'])?.lines).toEqual({ start: 10, end: 10 });
    expect(locator.arrayItems(['project', 'optional-dependencies'], ['test'])[0]?.text).toBe('pytest');
  });

  it('spans multi-line inline tables and quoted keys', () => {
    expect(locator.key(['tool', 'poetry', 'dependencies'], ['flask'])?.lines).toEqual({ start: 14, end: 15 });
    expect(locator.key(['tool', 'poetry', 'dependencies'], ['flask', 'extras'])?.lines).toEqual({ start: 15, end: 15 });
    expect(locator.key(['tool', 'poetry', 'dependencies'], ['quoted.name'])?.lines).toEqual({ start: 16, end: 16 });
  });

  it('gives each [[array]] element with its sub-tables, without trailing blank lines', () => {
    expect(locator.arrayTableRanges(['package'])).toEqual([
      { start: 18, end: 23 },
      { start: 25, end: 27 },
    ]);
  });

  it('never throws on text that is not TOML', () => {
    const garbage = '\u0000\u0001[[[ = = "unterminated\n{{{{\n' + '['.repeat(10_000);
    expect(() => new TomlLocator(garbage)).not.toThrow();
  });
});
