import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileStateStore, STATE_FILE_NAME, parseStateFile } from '../../src/state/file.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pipwarden-state-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A clock the test moves. */
function clock(start = 1_000_000): { now: () => number; set: (t: number) => void } {
  let t = start;
  return { now: () => t, set: (value) => (t = value) };
}

/** freshStore loads the module anew: no in-process cache, as a restarted app would see the file. */
async function freshStore(cacheDir: string, now?: () => number): Promise<FileStateStore> {
  vi.resetModules();
  const module = await import('../../src/state/file.js');
  return new module.FileStateStore(cacheDir, { now });
}

function onDisk(): Record<string, { value: string; expiresAt: number | null }> {
  return (JSON.parse(readFileSync(path.join(dir, STATE_FILE_NAME), 'utf8')) as { entries: Record<string, { value: string; expiresAt: number | null }> }).entries;
}

describe('FileStateStore: basics', () => {
  it('gets what was set, null for the unknown, and forgets what was deleted', async () => {
    const store = new FileStateStore(dir);
    expect(await store.get('pr-group:acme/api:django')).toBeNull();
    await store.set('pr-group:acme/api:django', '17');
    expect(await store.get('pr-group:acme/api:django')).toBe('17');
    await store.set('pr-group:acme/api:django', '18');
    expect(await store.get('pr-group:acme/api:django')).toBe('18');
    await store.delete('pr-group:acme/api:django');
    expect(await store.get('pr-group:acme/api:django')).toBeNull();
    await store.delete('never-there');
    await store.close();
  });

  it('creates the cache directory on first write, and the file readable by its owner only', async () => {
    const nested = path.join(dir, 'a', 'b');
    const store = new FileStateStore(nested);
    expect(store.path).toBe(path.join(nested, 'state.json'));
    await store.set('k', 'v');
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
  });

  it('persists across instances and across a restart of the process', async () => {
    const first = new FileStateStore(dir);
    await first.set('delivery:1', 'push', 60_000);
    await first.set('forever', 'yes');
    const second = new FileStateStore(dir);
    expect(await second.get('delivery:1')).toBe('push');
    const restarted = await freshStore(dir);
    expect(await restarted.get('delivery:1')).toBe('push');
    expect(await restarted.get('forever')).toBe('yes');
    expect(onDisk().forever).toEqual({ value: 'yes', expiresAt: null });
  });

  it('writes atomically: no temporary file is left behind', async () => {
    const store = new FileStateStore(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, 'v')));
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('sees a file replaced behind its back (another process, a person)', async () => {
    const store = new FileStateStore(dir);
    await store.set('k', 'old');
    writeFileSync(path.join(dir, STATE_FILE_NAME), JSON.stringify({ version: 1, entries: { k: { value: 'new, longer', expiresAt: null } } }));
    expect(await store.get('k')).toBe('new, longer');
  });

  it('refuses an empty key and a ttl that is not a positive whole number of ms', async () => {
    const store = new FileStateStore(dir);
    await expect(async () => store.get('')).rejects.toMatchObject({ code: 'state', message: 'state key must be a non-empty string' });
    await expect(async () => store.set('k', 'v', 0)).rejects.toThrow(/ttl must be a whole number of milliseconds between 1 and/);
    await expect(async () => store.setIfAbsent('k', 'v', 1.5)).rejects.toMatchObject({ code: 'state' });
    await expect(async () => store.setIfAbsent('k', 'v', Number.NaN)).rejects.toMatchObject({ code: 'state' });
    expect(existsSync(path.join(dir, STATE_FILE_NAME))).toBe(false);
  });
});

describe('FileStateStore: expiry', () => {
  it('reads an entry as absent from its expiry on, and lets it be claimed again', async () => {
    const time = clock();
    const store = new FileStateStore(dir, { now: time.now });
    expect(await store.setIfAbsent('audit:fp', 'instance-a', 1_000)).toBe(true);
    time.set(1_000_999);
    expect(await store.get('audit:fp')).toBe('instance-a');
    expect(await store.setIfAbsent('audit:fp', 'instance-b', 1_000)).toBe(false);
    time.set(1_001_000);
    expect(await store.get('audit:fp')).toBeNull();
    expect(await store.setIfAbsent('audit:fp', 'instance-b', 1_000)).toBe(true);
    expect(await store.get('audit:fp')).toBe('instance-b');
  });

  it('drops expired entries from the file at the next write', async () => {
    const time = clock();
    const store = new FileStateStore(dir, { now: time.now });
    await store.set('short', 'x', 10);
    await store.set('long', 'y', 10_000);
    expect(Object.keys(onDisk()).sort()).toEqual(['long', 'short']);
    time.set(1_000_010);
    await store.set('other', 'z');
    expect(Object.keys(onDisk()).sort()).toEqual(['long', 'other']);
    expect(onDisk().long?.expiresAt).toBe(1_010_000);
  });

  it('set without a ttl keeps the value forever, replacing an expiring one', async () => {
    const time = clock();
    const store = new FileStateStore(dir, { now: time.now });
    await store.set('k', 'v', 5);
    await store.set('k', 'w');
    time.set(9_999_999_999);
    expect(await store.get('k')).toBe('w');
  });
});

describe('FileStateStore: claims inside one process', () => {
  it('lets exactly one of many concurrent setIfAbsent calls win, across store instances', async () => {
    const stores = [new FileStateStore(dir), new FileStateStore(dir), await freshStore(dir)];
    // freshStore has its own module (its own lock): use only the two sharing this module for the race.
    const racers = stores.slice(0, 2);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (racers[i % 2] as FileStateStore).setIfAbsent('pr-group:acme/api:urllib3', `claimant-${i}`, 60_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect(await stores[0]?.get('pr-group:acme/api:urllib3')).toBe(`claimant-${winner}`);
  });

  it('loses no update when many keys are written at once', async () => {
    const a = new FileStateStore(dir);
    const b = new FileStateStore(dir);
    await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).set(`key-${i}`, String(i))));
    const restarted = await freshStore(dir);
    for (let i = 0; i < 200; i++) expect(await restarted.get(`key-${i}`)).toBe(String(i));
  });

  it('reports a failed write, forgets its edit, and keeps serving the file afterwards', async () => {
    const store = new FileStateStore(dir);
    await store.set('before', '1');
    // A directory where the file should be: the rename over it fails.
    rmSync(store.path);
    mkdirSync(store.path);
    await expect(store.set('k', 'v')).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST|EPERM/);
    await expect(store.get('k')).rejects.toThrow();
    rmSync(store.path, { recursive: true });
    expect(await store.get('before')).toBeNull();
    expect(await store.get('k')).toBeNull();
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('reads nothing from a cache directory that is a file, and reports the write', async () => {
    const blocked = path.join(dir, 'not-a-dir');
    writeFileSync(blocked, 'x');
    const store = new FileStateStore(blocked);
    expect(await store.get('k')).toBeNull();
    await expect(store.set('k', 'v')).rejects.toThrow(/EEXIST|ENOTDIR/);
  });
});

describe('FileStateStore: files from elsewhere', () => {
  it('reads a valid file, an expired entry reading as absent', async () => {
    copyFileSync(fixture('state-valid.json'), path.join(dir, STATE_FILE_NAME));
    const store = new FileStateStore(dir, { now: () => 2_000 });
    expect(await store.get('delivery:72d3162e-cc78-11e3-81ab-4c9367dc0958')).toBe('push');
    expect(await store.get('pr-group:acme/api:django')).toBe('17');
    expect(await store.get('audit:0f1e2d')).toBeNull();
  });

  it('skips entries of the wrong shape and keeps the others', async () => {
    copyFileSync(fixture('state-partly-invalid.json'), path.join(dir, STATE_FILE_NAME));
    const store = new FileStateStore(dir);
    expect(await store.get('good:no-expiry')).toBe('kept');
    expect(await store.get('good:future')).toBe('kept too');
    expect(await store.get('bad:number-value')).toBeNull();
    expect(await store.get('bad:string-expiry')).toBeNull();
    expect(await store.get('bad:not-an-object')).toBeNull();
  });

  it.each([
    ['a truncated file (a crash of some other writer)', 'state-truncated.json'],
    ['a file of another format version', 'state-wrong-version.json'],
  ])('sets aside %s, warns, and starts empty', async (_label, name) => {
    const original = readFileSync(fixture(name));
    writeFileSync(path.join(dir, STATE_FILE_NAME), original);
    const warnings: Array<[Record<string, unknown>, string]> = [];
    const store = new FileStateStore(dir, { now: () => 1234, logger: { warn: (obj, msg) => warnings.push([obj, msg]) } });
    expect(await store.get('delivery:1')).toBeNull();
    const aside = path.join(dir, 'state.json.corrupt-1234');
    expect(readFileSync(aside)).toEqual(original);
    expect(warnings).toEqual([[{ path: path.join(dir, 'state.json'), movedTo: aside }, 'state file unreadable: set aside, starting empty']]);
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
  });

  it('survives binary garbage with NUL bytes in place of the file', async () => {
    const garbage = Buffer.alloc(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) % 256;
    writeFileSync(path.join(dir, STATE_FILE_NAME), garbage);
    const store = new FileStateStore(dir, { now: () => 5 });
    expect(await store.get('k')).toBeNull();
    expect(existsSync(path.join(dir, 'state.json.corrupt-5'))).toBe(true);
  });

  it('handles a file of 100,000 entries without hanging', async () => {
    const entries: Record<string, { value: string; expiresAt: number | null }> = {};
    for (let i = 0; i < 100_000; i++) entries[`delivery:${i}`] = { value: 'push', expiresAt: i % 2 ? null : 4102444800000 };
    writeFileSync(path.join(dir, STATE_FILE_NAME), JSON.stringify({ version: 1, entries }));
    const store = new FileStateStore(dir);
    const started = performance.now();
    expect(await store.get('delivery:99999')).toBe('push');
    expect(await store.setIfAbsent('delivery:100000', 'push', 1_000)).toBe(true);
    expect(await store.setIfAbsent('delivery:5', 'push', 1_000)).toBe(false);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(Object.keys(onDisk())).toHaveLength(100_001);
  });

  it('keeps unusual keys and values exactly: __proto__, newlines, NUL, emoji, a megabyte', async () => {
    const store = new FileStateStore(dir);
    const pairs: Array<[string, string]> = [
      ['__proto__', 'not a prototype'],
      ['constructor', 'plain'],
      ['line\nbreak', 'tab\there'],
      ['nul\u0000key', 'nul\u0000value'],
      ['émoji 🐍', '🔒'],
      ['big', 'x'.repeat(1_000_000)],
    ];
    for (const [key, value] of pairs) await store.set(key, value);
    const restarted = await freshStore(dir);
    for (const [key, value] of pairs) expect(await restarted.get(key)).toBe(value);
    expect(await restarted.get('toString')).toBeNull();
  });
});

describe('parseStateFile', () => {
  it('is null for anything that is not a version-1 state file', () => {
    expect(parseStateFile('')).toBeNull();
    expect(parseStateFile('[]')).toBeNull();
    expect(parseStateFile('{"version":1}')).toBeNull();
    expect(parseStateFile('{"version":1,"entries":[]}')).toBeNull();
    expect(parseStateFile('{"version":1,"entries":{}}')?.size).toBe(0);
  });

  it('survives deep nesting', () => {
    const deep = `{"version":1,"entries":{"k":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`;
    expect(parseStateFile(deep)?.size).toBe(0);
  });
});
