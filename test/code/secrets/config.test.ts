import { describe, expect, it } from 'vitest';
import { DEFAULT_SECRETS_CONFIG, secretPathFilter, secretsConfigSchema } from '../../../src/code/secrets/index.js';

describe('secrets configuration', () => {
  it('defaults to scanning with every detector and no ignored paths', () => {
    expect(DEFAULT_SECRETS_CONFIG).toEqual({ enabled: true, generic: true, ignorePaths: [] });
    expect(secretsConfigSchema.parse({})).toEqual(DEFAULT_SECRETS_CONFIG);
    expect(secretsConfigSchema.parse({ generic: false })).toEqual({ enabled: true, generic: false, ignorePaths: [] });
  });

  it('rejects unknown keys and wrong types', () => {
    expect(secretsConfigSchema.safeParse({ enable: true }).success).toBe(false);
    expect(secretsConfigSchema.safeParse({ ignorePaths: 'tests/**' }).success).toBe(false);
    expect(secretsConfigSchema.safeParse({ ignorePaths: [''] }).success).toBe(false);
  });

  it('filters paths: built-in skips, ignorePaths globs, and nothing at all when disabled', () => {
    const filter = secretPathFilter(secretsConfigSchema.parse({ ignorePaths: ['tests/fixtures/**', '**/*.example'] }));
    expect(filter('app/settings.py')).toBe(true);
    expect(filter('./app/.env')).toBe(true);
    expect(filter('uv.lock')).toBe(false);
    expect(filter('tests/fixtures/tokens.env')).toBe(false);
    expect(filter('config/.env.example')).toBe(false);
    expect(filter('tests\\fixtures\\keys.pem')).toBe(false);
    expect(secretPathFilter(secretsConfigSchema.parse({ enabled: false }))('app/settings.py')).toBe(false);
  });
});
