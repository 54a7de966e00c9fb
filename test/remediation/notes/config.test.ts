import { describe, expect, it } from 'vitest';
import { releaseNotesConfigSchema, releasesApiUrl } from '../../../src/remediation/notes/config.js';

describe('releaseNotesConfigSchema', () => {
  it('has defaults and refuses unknown keys and silly budgets', () => {
    expect(releaseNotesConfigSchema.parse({})).toEqual({ enabled: true, maxCharsPerPackage: 6_000 });
    expect(releaseNotesConfigSchema.parse({ enabled: false, maxCharsPerPackage: 2_000 })).toEqual({ enabled: false, maxCharsPerPackage: 2_000 });
    expect(releaseNotesConfigSchema.safeParse({ maxCharsPerPackage: 10 }).success).toBe(false);
    expect(releaseNotesConfigSchema.safeParse({ maxCharsPerPackage: 100_000 }).success).toBe(false);
    expect(releaseNotesConfigSchema.safeParse({ enable: true }).success).toBe(false);
  });
});

describe('releasesApiUrl', () => {
  it('prefers PIPWARDEN_RELEASES_API_URL, then the app API, then the public API', () => {
    expect(releasesApiUrl({ PIPWARDEN_RELEASES_API_URL: 'https://api.github.com/' }, 'https://ghe.example/api/v3')).toBe('https://api.github.com');
    expect(releasesApiUrl({ PIPWARDEN_RELEASES_API_URL: '  ' }, 'https://ghe.example/api/v3')).toBe('https://ghe.example/api/v3');
    expect(releasesApiUrl({})).toBe('https://api.github.com');
  });
});
