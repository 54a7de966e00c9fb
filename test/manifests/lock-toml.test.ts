import { describe, expect, it } from 'vitest';
import { field, HashCollector, joinMarkers, lockEntries, NameSet, normalizeHash, parseLockToml } from '../../src/manifests/lock-toml.js';
import type { Problem } from '../../src/manifests/types.js';

describe('parseLockToml', () => {
  it('returns the values and a locator, or one problem at smol-toml\'s line', () => {
    const ok = parseLockToml({ path: 'x.lock', content: 'a = 1\n' });
    expect(ok.ok).toBe(true);
    const bad = parseLockToml({ path: 'x.lock', content: 'a = 1\nb = \n' });
    expect(bad).toEqual({ ok: false, problem: { message: 'invalid TOML: invalid value', path: 'x.lock', line: 2 } });
  });
});

describe('lockEntries', () => {
  it('gives each [[package]] its range with sub-tables, and each key its line', () => {
    const content = '[[package]]\nname = "a"\nversion = "1"\n\n[package.dependencies]\nb = "*"\n\n[[package]]\nname = "b"\n\n[metadata]\nx = 1\n';
    const parsed = parseLockToml({ path: 'p', content });
    if (!parsed.ok) throw new Error('unexpected');
    const errors: Problem[] = [];
    const entries = lockEntries(parsed.data, parsed.locator, 'package', { path: 'p', content }, errors);
    expect(entries.map((e) => e.lines)).toEqual([
      { start: 1, end: 6 },
      { start: 8, end: 9 },
    ]);
    expect(entries[0]?.lineOf('version')).toBe(3);
    expect(entries[0]?.lineOf('missing')).toBe(1);
    expect(errors).toEqual([]);
  });

  it('never reads inherited properties, whatever the key', () => {
    const parsed = parseLockToml({ path: 'p', content: '[t]\nname = "x"\n' });
    if (!parsed.ok) throw new Error('unexpected');
    expect(field(parsed.data, 'constructor')).toBeUndefined();
    expect(field(parsed.data, '__proto__')).toBeUndefined();
    expect(field(parsed.data, 'toString')).toBeUndefined();
  });
});

describe('hash, name and marker helpers', () => {
  it('normalizes digests to algorithm:hex', () => {
    expect(normalizeHash('sha256:abc')).toBe('sha256:abc');
    expect(normalizeHash('SHA256=abc')).toBe('sha256:abc');
    expect(normalizeHash('a'.repeat(64))).toBe(`sha256:${'a'.repeat(64)}`);
    expect(normalizeHash('not a hash')).toBeNull();
    expect(normalizeHash('  ')).toBeNull();
  });

  it('collects each digest once, in order', () => {
    const collector = new HashCollector();
    collector.add('sha256:b');
    collector.add('sha256:a');
    collector.add('sha256:b');
    collector.add(42);
    collector.addTable({ sha256: 'a', blake2b: 'c', size: 3 });
    expect(collector.hashes).toEqual(['sha256:b', 'sha256:a', 'blake2b:c']);
  });

  it('collects normalised names once, without the package itself', () => {
    const names = new NameSet();
    for (const name of ['Typing_Extensions', 'typing-extensions', 'self', 'zope.interface']) names.add(name);
    expect(names.values('self')).toEqual(['typing-extensions', 'zope-interface']);
  });

  it('joins markers as a union', () => {
    expect(joinMarkers([])).toBeUndefined();
    expect(joinMarkers(['a == "1"', 'a == "1"'])).toBe('a == "1"');
    expect(joinMarkers(['a == "1"', 'b == "2" or c == "3"'])).toBe('(a == "1") or (b == "2" or c == "3")');
  });
});
