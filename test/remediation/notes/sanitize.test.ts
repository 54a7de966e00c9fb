import { describe, expect, it } from 'vitest';
import { sanitizeNotes } from '../../../src/remediation/notes/sanitize.js';

const REPO = { owner: 'psf', repo: 'requests', url: 'https://github.com/psf/requests' };

describe('sanitizeNotes', () => {
  it('turns mentions into profile links that notify nobody', () => {
    expect(sanitizeNotes('Thanks @octocat and (@hub-ot)!', REPO)).toBe(
      'Thanks [@&#8203;octocat](https://github.com/octocat) and ([@&#8203;hub-ot](https://github.com/hub-ot))!',
    );
    expect(sanitizeNotes('cc @pallets/maintainers', REPO)).toBe('cc [@&#8203;pallets/maintainers](https://github.com/orgs/pallets/teams/maintainers)');
  });

  it('leaves e-mail addresses, code spans and fenced code alone', () => {
    expect(sanitizeNotes('Mail me@example.com', REPO)).toBe('Mail me@example.com');
    expect(sanitizeNotes('Use `@property` and `#123`', REPO)).toBe('Use `@property` and `#123`');
    const fenced = '```python\n@decorator\ndef f(): pass  # 12\n```\nby @dev';
    expect(sanitizeNotes(fenced, REPO)).toBe('```python\n@decorator\ndef f(): pass  # 12\n```\nby [@&#8203;dev](https://github.com/dev)');
  });

  it("points bare issue references at upstream, and upstream links through GitHub's redirect", () => {
    expect(sanitizeNotes('Fixed #1234 and GH-5.', REPO)).toBe(
      'Fixed [#&#8203;1234](https://redirect.github.com/psf/requests/issues/1234) and [#&#8203;5](https://redirect.github.com/psf/requests/issues/5).',
    );
    expect(sanitizeNotes('in https://github.com/psf/requests/pull/6710', REPO)).toBe('in https://redirect.github.com/psf/requests/pull/6710');
    expect(sanitizeNotes('Fixed #12', null)).toBe('Fixed #12');
    expect(sanitizeNotes('# Heading', REPO)).toBe('# Heading');
  });

  it('drops HTML comments (a smuggled marker included) and escapes details tags', () => {
    const hostile = 'a <!-- pipwarden:group:evil --> b\n<!-- unclosed\n</details><summary>x</summary>';
    const clean = sanitizeNotes(hostile, REPO);
    expect(clean).not.toContain('<!--');
    expect(clean).not.toContain('</details>');
    expect(clean).toBe('a  b\n&lt;!-- unclosed\n&lt;/details>&lt;summary>x&lt;/summary>');
  });

  it('normalises line endings and copes with huge input', () => {
    expect(sanitizeNotes('a\r\nb\rc', REPO)).toBe('a\nb\nc');
    const big = `${'@x '.repeat(50_000)}\n${'`'.repeat(100_000)}\n${'#1 '.repeat(10_000)}\0\u0001`;
    const started = performance.now();
    expect(sanitizeNotes(big, REPO).length).toBeGreaterThan(big.length);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
