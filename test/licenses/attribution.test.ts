import { describe, expect, it } from 'vitest';
import { attributionRows, csvField, renderAttribution } from '../../src/licenses/attribution.js';
import { licensesMarkdownSection } from '../../src/licenses/markdown.js';
import type { LicenseEntry } from '../../src/report/types.js';

const entries: LicenseEntry[] = [
  { package: 'pyqt5', version: '5.15.10', expression: null, declared: 'GPL v3', category: 'strong-copyleft', url: 'https://www.riverbankcomputing.com/software/pyqt/', violation: { rule: 'category:strong-copyleft', message: 'pyqt5 5.15.10 is licensed GPL-3.0-only or GPL-3.0-or-later (declared "GPL v3"); GPL-3.0-only is a strong copyleft license…' } },
  { package: 'cryptography', version: '44.0.0', expression: 'Apache-2.0 OR BSD-3-Clause', category: 'permissive', url: 'https://github.com/pyca/cryptography' },
  { package: 'legacy-setup-tool', version: '0.3', expression: null, declared: 'UNKNOWN', category: 'unknown', warning: 'legacy-setup-tool 0.3 declares its license as "UNKNOWN"…' },
  { package: 'pluggy', version: null, expression: 'MIT', category: 'permissive' },
  { package: 'quoted', version: '1.0', expression: null, declared: 'Copyright "Quoted", Inc.\nAll rights, reserved', category: 'unknown' },
  { package: 'report-kit', version: '2.0', expression: null, declared: 'not checked (installed from a vcs source)', category: 'unknown' },
];

describe('attribution', () => {
  it('sorts rows by name, one per (name, version)', () => {
    expect(attributionRows([...entries, entries[1] as LicenseEntry]).map((r) => [r.Name, r.Version, r.License, r.URL])).toEqual([
      ['cryptography', '44.0.0', 'Apache-2.0 OR BSD-3-Clause', 'https://github.com/pyca/cryptography'],
      ['legacy-setup-tool', '0.3', 'UNKNOWN', ''],
      ['pluggy', '', 'MIT', ''],
      ['pyqt5', '5.15.10', 'GPL v3', 'https://www.riverbankcomputing.com/software/pyqt/'],
      ['quoted', '1.0', 'Copyright "Quoted", Inc. All rights, reserved', ''],
      ['report-kit', '2.0', 'not checked (installed from a vcs source)', ''],
    ]);
  });

  it('renders pip-licenses-style JSON', () => {
    const parsed = JSON.parse(renderAttribution(entries.slice(1, 2), 'json')) as unknown;
    expect(parsed).toEqual([{ Name: 'cryptography', Version: '44.0.0', License: 'Apache-2.0 OR BSD-3-Clause', URL: 'https://github.com/pyca/cryptography' }]);
  });

  it('renders RFC 4180 CSV: CRLF, quoting only where needed, quotes doubled', () => {
    const csv = renderAttribution(entries, 'csv');
    expect(csv.split('\r\n')).toEqual([
      'Name,Version,License,URL',
      'cryptography,44.0.0,Apache-2.0 OR BSD-3-Clause,https://github.com/pyca/cryptography',
      'legacy-setup-tool,0.3,UNKNOWN,',
      'pluggy,,MIT,',
      'pyqt5,5.15.10,GPL v3,https://www.riverbankcomputing.com/software/pyqt/',
      'quoted,1.0,"Copyright ""Quoted"", Inc. All rights, reserved",',
      'report-kit,2.0,not checked (installed from a vcs source),',
      '',
    ]);
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('plain')).toBe('plain');
  });

  it('renders a Markdown table with links and escaped text', () => {
    const md = renderAttribution(
      [...entries.slice(1, 2), { package: 'pipe', version: '1|2', expression: null, declared: '*bold* <b>', category: 'unknown', url: 'https://example.com/a (b)' }],
      'markdown',
    );
    expect(md).toBe(
      [
        '# Third-party licenses',
        '',
        '| Package | Version | License |',
        '| --- | --- | --- |',
        '| [cryptography](https://github.com/pyca/cryptography) | 44.0.0 | Apache-2.0 OR BSD-3-Clause |',
        '| [pipe](https://example.com/a%20%28b%29) | 1\\|2 | \\*bold\\* \\<b\\> |',
        '',
      ].join('\n'),
    );
    expect(renderAttribution([], 'markdown')).toBe('# Third-party licenses\n\nNo dependencies.\n');
    expect(renderAttribution([], 'csv')).toBe('Name,Version,License,URL\r\n');
    expect(renderAttribution([], 'json')).toBe('[]\n');
  });
});

describe('licensesMarkdownSection', () => {
  it('lists violations, then warnings, then counts by category and what was not checked', () => {
    expect(licensesMarkdownSection(entries)).toBe(
      [
        '## Licenses',
        '',
        '**1 license policy violation**; 1 warning.',
        '',
        '| Package | Version | License | Rule | Why |',
        '| --- | --- | --- | --- | --- |',
        '| pyqt5 | 5.15.10 | GPL v3 | `category:strong-copyleft` | pyqt5 5.15.10 is licensed GPL-3.0-only or GPL-3.0-or-later (declared "GPL v3"); GPL-3.0-only is a strong copyleft license… |',
        '',
        '### Warnings',
        '',
        '- legacy-setup-tool 0.3 declares its license as "UNKNOWN"…',
        '',
        'By category: 2 permissive, 1 strong copyleft, 3 unknown.',
        '',
        'Not checked (1): report-kit. Their licenses are unknown, not assumed.',
      ].join('\n'),
    );
  });

  it('says when all is well, and renders nothing when licenses were not checked at all', () => {
    expect(licensesMarkdownSection(entries.slice(1, 2))).toBe('## Licenses\n\nNo license policy violations.\n\nBy category: 1 permissive.');
    expect(licensesMarkdownSection([])).toBe('');
  });
});
