import { describe, expect, it } from 'vitest';
import { byteLength } from '../../../src/github/truncate.js';
import { renderReleaseNotes, shareOut } from '../../../src/remediation/notes/trim.js';
import type { ReleaseNote, ReleaseNotes } from '../../../src/remediation/notes/types.js';

const REPO = { owner: 'acme', repo: 'widgets', url: 'https://github.com/acme/widgets' };

function release(version: string, body: string): ReleaseNote {
  return { version, title: `v${version}`, body, url: `https://github.com/acme/widgets/releases/tag/v${version}`, publishedAt: null };
}

function notes(releases: ReleaseNote[]): ReleaseNotes {
  return { package: 'widgets', from: '1.0.0', to: '2.0.0', repository: REPO, origin: 'releases', releases, url: 'https://github.com/acme/widgets/releases' };
}

describe('renderReleaseNotes', () => {
  it('keeps everything that fits, each release under a linked heading', () => {
    const text = renderReleaseNotes(notes([release('2.0.0', '- New API.'), release('1.1.0', '- Fixes.')]));
    expect(text).toBe(
      '#### [v2.0.0](https://github.com/acme/widgets/releases/tag/v2.0.0)\n\n- New API.\n\n#### [v1.1.0](https://github.com/acme/widgets/releases/tag/v1.1.0)\n\n- Fixes.',
    );
  });

  it('keeps every heading and the first lines of each release, short notes whole, within the budget', () => {
    const long = Array.from({ length: 400 }, (_, i) => `- change number ${i} in the long release`).join('\n');
    const text = renderReleaseNotes(notes([release('2.0.0', long), release('1.2.0', '- Short one.'), release('1.1.0', long)]), 3_000);
    expect(byteLength(text)).toBeLessThanOrEqual(3_000);
    expect(text).toContain('#### [v2.0.0]');
    expect(text).toContain('#### [v1.2.0](https://github.com/acme/widgets/releases/tag/v1.2.0)\n\n- Short one.');
    expect(text).toContain('#### [v1.1.0]');
    expect(text).toContain('- change number 0 in the long release\n- change number 1 in the long release');
    expect(text).toContain('… [read more](https://github.com/acme/widgets/releases/tag/v2.0.0)');
    expect(text).toContain('… [read more](https://github.com/acme/widgets/releases/tag/v1.1.0)');
    expect(text).not.toContain('change number 399');
  });

  it('closes a code fence cut in the middle', () => {
    const body = ['Upgrade like this:', '```python', ...Array.from({ length: 300 }, (_, i) => `x${i} = load()`), '```', 'After the code.'].join('\n');
    const text = renderReleaseNotes(notes([release('2.0.0', body)]), 1_000);
    expect(byteLength(text)).toBeLessThanOrEqual(1_000);
    const fences = text.split('\n').filter((l) => l.startsWith('```'));
    expect(fences).toHaveLength(2);
    expect(text).toMatch(/```\n… \[read more\]/);
  });

  it('lists only headings, then a link to the rest, when even headings do not fit', () => {
    const many = Array.from({ length: 300 }, (_, i) => release(`1.${300 - i}.0`, '- something'));
    const text = renderReleaseNotes(notes(many), 2_000);
    expect(byteLength(text)).toBeLessThanOrEqual(2_000);
    expect(text.startsWith('#### [v1.300.0]')).toBe(true);
    expect(text).toMatch(/… and \d+ more releases: \[all release notes\]\(https:\/\/github\.com\/acme\/widgets\/releases\)$/);
    expect(text).not.toContain('- something');
  });

  it('cuts a single giant line inside the line', () => {
    const text = renderReleaseNotes(notes([release('2.0.0', 'é'.repeat(20_000))]), 1_000);
    expect(byteLength(text)).toBeLessThanOrEqual(1_000);
    expect(text).toContain('é…\n… [read more]');
  });

  it('sanitizes what it quotes and escapes titles', () => {
    const hostile = { ...release('2.0.0', 'by @someone <!-- pipwarden:plan:x -->'), title: 'v2.0.0 [the ](javascript:alert(1)) <b>' };
    const text = renderReleaseNotes(notes([hostile]));
    expect(text).toContain('[@&#8203;someone](https://github.com/someone)');
    expect(text).not.toContain('<!--');
    expect(text).toContain('#### [v2.0.0 \\[the \\](javascript:alert(1)) &lt;b>](');
  });

  it('keeps titles from mentioning people or linking issues', () => {
    const text = renderReleaseNotes(notes([{ ...release('2.0.0', ''), title: 'v2.0.0 by @alice, fixes #12' }]));
    expect(text).toBe('#### [v2.0.0 by @&#8203;alice, fixes #&#8203;12](https://github.com/acme/widgets/releases/tag/v2.0.0)');
  });

  it('names the release by its version when the title does not', () => {
    const text = renderReleaseNotes(notes([{ ...release('2.0.0', ''), title: 'The big one', url: null }]));
    expect(text).toBe('#### 2.0.0: The big one');
  });
});

describe('shareOut', () => {
  it('gives small items what they need and splits the rest', () => {
    expect(shareOut([100, 5_000, 50, 5_000], 1_000)).toEqual([100, 425, 50, 425]);
    expect(shareOut([10, 20], 1_000)).toEqual([10, 20]);
    expect(shareOut([10, 20], -5)).toEqual([0, 0]);
    expect(shareOut([], 100)).toEqual([]);
  });
});
