import { describe, expect, it } from 'vitest';
import { readAppSettings } from '../../src/app/settings.js';

describe('readAppSettings', () => {
  it('has documented defaults', () => {
    const settings = readAppSettings({ XDG_CACHE_HOME: '/xdg' });
    expect(settings).toMatchObject({
      scheduleMs: 24 * 60 * 60 * 1000,
      sweepOnStart: false,
      concurrency: 4,
      installationConcurrency: 2,
      cacheDir: '/xdg/pipwarden',
      redisUrl: undefined,
      githubApiUrl: 'https://api.github.com',
    });
  });

  it('reads every variable, GitHub Enterprise included', () => {
    const settings = readAppSettings({
      PIPWARDEN_SCHEDULE: '6 hours',
      PIPWARDEN_SWEEP_ON_START: 'true',
      PIPWARDEN_CONCURRENCY: '8',
      PIPWARDEN_INSTALLATION_CONCURRENCY: '3',
      PIPWARDEN_CACHE_DIR: '/var/cache/pw',
      REDIS_URL: 'redis://redis:6379',
      PIPWARDEN_ADVISORY_DB: '/data/osv.zip',
      PIPWARDEN_OSV_URL: 'http://osv.local',
      PIPWARDEN_PYPI_URL: 'http://pypi.local',
      GHE_HOST: 'github.example.com',
    });
    expect(settings).toEqual({
      scheduleMs: 6 * 60 * 60 * 1000,
      sweepOnStart: true,
      concurrency: 8,
      installationConcurrency: 3,
      cacheDir: '/var/cache/pw',
      redisUrl: 'redis://redis:6379',
      advisoryDb: '/data/osv.zip',
      osvUrl: 'http://osv.local',
      pypiUrl: 'http://pypi.local',
      githubApiUrl: 'https://github.example.com/api/v3',
    });
  });

  it('refuses bad values with a message naming the variable', () => {
    expect(() => readAppSettings({ PIPWARDEN_SCHEDULE: 'often' })).toThrow(/PIPWARDEN_SCHEDULE/);
    expect(() => readAppSettings({ PIPWARDEN_SCHEDULE: '10s' })).toThrow(/at least a minute/);
    expect(() => readAppSettings({ PIPWARDEN_CONCURRENCY: '0' })).toThrow(/PIPWARDEN_CONCURRENCY must be a positive integer/);
  });
});
