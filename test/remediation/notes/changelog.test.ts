import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { changelogSections, sliceChangelog } from '../../../src/remediation/notes/changelog.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

describe('changelogSections', () => {
  it('splits a Keep a Changelog file at its version headings, subsections and code kept inside', () => {
    const sections = changelogSections(fixture('changelog-keep-a-changelog.md'));
    expect(sections.map((s) => [s.version, s.title, s.line])).toEqual([
      ['2.1.0', '2.1.0 - 2024-05-01', 11],
      ['2.0.1', '2.0.1 - 2024-03-10', 19],
      ['2.0.0', '2.0.0 - 2024-01-15', 29],
      ['1.9.0', '1.9.0 - 2023-11-02', 34],
    ]);
    expect(sections[0]?.body).toBe('### Removed\n- Dropped support for Python 3.8.\n\n### Fixed\n- Fix a crash when the config file is empty (#412).');
    // The fenced `## 9.9.9` is code, not a heading: it stays in 2.0.1's section.
    expect(sections[1]?.body).toContain('## 9.9.9');
    expect(sections[3]?.body).toBe('### Added\n- New `dump()` helper.\n\n[2.1.0]: https://github.com/acme/widgets/compare/v2.0.1...v2.1.0');
  });

  it('reads reStructuredText sections (overlined title, underlined versions, deeper subsections)', () => {
    const sections = changelogSections(fixture('changes-rest.rst'));
    expect(sections.map((s) => s.version)).toEqual(['3.1.2', '3.1.1', '3.1.0', '3.0.3']);
    expect(sections[1]).toEqual({
      version: '3.1.1',
      title: 'Version 3.1.1',
      body: 'Released 2024-05-16\n\nSecurity\n~~~~~~~~\n\n-   The ``session`` cookie is signed again.',
      line: 12,
    });
  });

  it('reads Markdown setext headings', () => {
    const sections = changelogSections(fixture('history-setext.md'));
    expect(sections.map((s) => s.version)).toEqual(['2.32.3', '2.32.2', '2.32.1', '2.32.0']);
    expect(sections[0]?.body).toBe('**Bugfixes**\n- Fixed bug breaking the ability to specify custom SSLContexts in sub-classes of HTTPAdapter.');
  });

  it('reads CRLF files', () => {
    const sections = changelogSections(fixture('changelog-crlf.md'));
    expect(sections).toEqual([
      { version: '1.0.1', title: '1.0.1', body: '- Fix for CRLF files.', line: 1 },
      { version: '1.0.0', title: '1.0.0', body: '- First release.', line: 5 },
    ]);
  });

  it('finds nothing in a file without version headings', () => {
    expect(changelogSections('# Changelog\n\nSee the website.\n')).toEqual([]);
    expect(changelogSections('')).toEqual([]);
  });

  it('survives binary garbage with NUL bytes', () => {
    const sections = changelogSections(fixture('changelog-binary-garbage.md'));
    expect(sections.map((s) => s.version)).toEqual(['1.2.0', '1.0.0']);
  });

  it('reads a 100,000-line changelog quickly, and ignores very long lines as headings', () => {
    const lines: string[] = [];
    for (let i = 25_000; i > 0; i--) lines.push(`## 1.${i}.0`, '', `- change ${i}`, '');
    const started = performance.now();
    const sections = changelogSections(lines.join('\n'));
    expect(sections).toHaveLength(25_000);
    expect(sections[0]).toMatchObject({ version: '1.25000.0', body: '- change 25000' });
    expect(performance.now() - started).toBeLessThan(5_000);
    const long = `## 1.0.0 ${'x'.repeat(1_000_000)}\n- body`;
    expect(changelogSections(long)).toEqual([]);
  });
});

describe('sliceChangelog', () => {
  it('keeps the sections after the version in use up to the target', () => {
    const notes = sliceChangelog(fixture('changelog-keep-a-changelog.md'), { from: '1.9.0', to: '2.0.1' }, 'https://github.com/acme/widgets/blob/HEAD/CHANGELOG.md');
    expect(notes.map((n) => n.version)).toEqual(['2.0.1', '2.0.0']);
    expect(notes[1]).toEqual({
      version: '2.0.0',
      title: '2.0.0 - 2024-01-15',
      body: '### Changed\n- **Breaking:** `load()` now returns a dict.',
      url: 'https://github.com/acme/widgets/blob/HEAD/CHANGELOG.md',
      publishedAt: null,
    });
  });

  it('compares versions as PEP 440 does (3.1 equals 3.1.0)', () => {
    expect(sliceChangelog(fixture('changes-rest.rst'), { from: '3.0.3', to: '3.1' }).map((n) => n.version)).toEqual(['3.1.0']);
  });

  it('gives only the target when the version in use is unknown', () => {
    expect(sliceChangelog(fixture('history-setext.md'), { from: null, to: '2.32.2' }).map((n) => n.version)).toEqual(['2.32.2']);
  });
});
