import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStateStore } from '../../src/state/create.js';
import { FileStateStore } from '../../src/state/file.js';
import { RedisStateStore } from '../../src/state/redis.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createStateStore', () => {
  it('keeps state in PIPWARDEN_CACHE_DIR/state.json without REDIS_URL', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pipwarden-create-'));
    dirs.push(dir);
    const store = createStateStore({ cacheDir: dir });
    expect(store).toBeInstanceOf(FileStateStore);
    expect((store as FileStateStore).path).toBe(path.join(dir, 'state.json'));
    expect(await store.setIfAbsent('delivery:1', 'push', 1_000)).toBe(true);
    await store.close();
  });

  it('uses Redis when REDIS_URL is set', async () => {
    const store = createStateStore({ redisUrl: 'redis://127.0.0.1:1', cacheDir: '/nonexistent' });
    expect(store).toBeInstanceOf(RedisStateStore);
    await store.close();
  });
});
