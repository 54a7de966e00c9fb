import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editLockInPlace } from '../../../src/remediation/lock/in-place.js';
import { relock } from '../../../src/remediation/lock/relock.js';
import type { LockUpdate } from '../../../src/remediation/lock/types.js';
import { FakeBin, fakeRegistry } from './fake-tools.js';
import { distFile, fixture, update } from './helpers.js';

const CUTOFF = new Date('2025-01-20T00:00:00Z');

function edited(kind: string, text: string, change: LockUpdate, manifest?: { before: string; after: string }): string {
  const result = editLockInPlace(kind, text, change, manifest ? { manifest } : {});
  if (!result.ok) throw new Error(result.reason);
  return result.content;
}

const UV_LOCK = fixture('uv-editable-project.lock');
const UV_PYPROJECT = fixture('uv-editable-project.edited.pyproject.toml');
const UV_RELOCKED = edited(
  'uv-lock',
  UV_LOCK,
  update({ package: 'django', from: '5.1.4', to: '5.1.5', files: [distFile('django-5.1.5.tar.gz'), distFile('Django-5.1.5-py3-none-any.whl')] }),
  { before: fixture('uv-editable-project.pyproject.toml'), after: UV_PYPROJECT },
);

const POETRY_LOCK = fixture('poetry-2.1-app.lock');
const POETRY_PYPROJECT = fixture('poetry-app.edited.pyproject.toml');
const POETRY_RELOCKED = edited(
  'poetry-lock',
  POETRY_LOCK,
  update({ package: 'urllib3', from: '2.1.0', to: '2.2.2', requiresPython: '>=3.8', files: [distFile('urllib3-2.2.2.tar.gz')] }),
  { before: fixture('poetry-app.pyproject.toml'), after: POETRY_PYPROJECT },
);

const PIPFILE_LOCK = fixture('pipfile-web.Pipfile.lock');
const PIPFILE = fixture('pipfile-web.edited.Pipfile');
const PIPFILE_RELOCKED = edited(
  'pipfile-lock',
  PIPFILE_LOCK,
  update({ package: 'requests', from: '2.31.0', to: '2.32.3', requiresPython: '>=3.8', files: [distFile('requests-2.32.3.tar.gz')] }),
  { before: fixture('pipfile-web.Pipfile'), after: PIPFILE },
);

let bin: FakeBin;
beforeEach(() => {
  bin = new FakeBin();
});
afterEach(() => {
  rmSync(bin.root, { recursive: true, force: true });
});

describe('relock: uv', () => {
  const files = new Map([
    ['services/shop/pyproject.toml', UV_PYPROJECT],
    ['services/shop/uv.lock', UV_LOCK],
  ]);

  it('runs uv lock with exact upgrades, no builds and the cut-off, in a folder holding only the manifest and the lock', async () => {
    const withOptions = UV_RELOCKED.replace('\n[[package]]', '\n[options]\nexclude-newer = "2025-01-20T00:00:00Z"\n\n[[package]]');
    bin.tool('uv', `writeLock('uv.lock', ${JSON.stringify(withOptions)});`);
    const result = await relock({ kind: 'uv-lock', files, targets: [{ package: 'django', to: '5.1.5' }], cutoff: CUTOFF, env: bin.env({ GITHUB_TOKEN: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', PRIVATE_KEY: 'secret', LANG: 'C.UTF-8' }) });
    if (!result.ok) throw new Error(result.reason);
    const seen = bin.record('uv');
    expect(seen.args).toEqual(['lock', '--no-build', '--upgrade-package', 'django==5.1.5', '--exclude-newer', '2025-01-20T00:00:00.000Z']);
    expect(seen.files).toEqual(['pyproject.toml', 'uv.lock']);
    expect(path.basename(seen.cwd)).toBe('project');
    expect(seen.env['GITHUB_TOKEN']).toBeUndefined();
    expect(seen.env['PRIVATE_KEY']).toBeUndefined();
    expect(seen.env['LANG']).toBe('C.UTF-8');
    expect(seen.env['HOME']).toBe(path.join(path.dirname(seen.cwd), '.home'));
    expect(seen.env['UV_NO_PROGRESS']).toBe('1');
    expect(existsSync(path.dirname(seen.cwd))).toBe(false);

    // The cut-off pipwarden passed is not a project setting: it is taken out of the lock again.
    expect(result.lock).toBe(UV_RELOCKED);
    expect(result.lockPath).toBe('services/shop/uv.lock');
    expect(result.command).toEqual(['uv', 'lock', '--no-build', '--upgrade-package', 'django==5.1.5', '--exclude-newer', '2025-01-20T00:00:00.000Z']);
    expect(result.changes).toEqual(['django 5.1.4 → 5.1.5']);
    expect(result.diff.changed).toEqual([
      { package: 'django', from: ['5.1.4'], to: ['5.1.5'], introduced: [{ package: 'django', version: '5.1.5', source: 'registry' }] },
    ]);
  });

  it('does not pass a cut-off when the lock records the project\'s own, and checks the index instead', async () => {
    const own = UV_LOCK.replace('\n[[package]]', '\n[options]\nexclude-newer = "2024-12-31T00:00:00Z"\n\n[[package]]');
    const relocked = UV_RELOCKED.replace('\n[[package]]', '\n[options]\nexclude-newer = "2024-12-31T00:00:00Z"\n\n[[package]]');
    bin.tool('uv', `writeLock('uv.lock', ${JSON.stringify(relocked)});`);
    const registry = fakeRegistry({ 'django@5.1.5': '2025-01-14T11:30:00Z' });
    const result = await relock({ kind: 'uv-lock', files: new Map([['pyproject.toml', UV_PYPROJECT], ['uv.lock', own]]), targets: [{ package: 'django', to: '5.1.5' }], cutoff: CUTOFF, registry, env: bin.env() });
    if (!result.ok) throw new Error(result.reason);
    expect(bin.record('uv').args).toEqual(['lock', '--no-build', '--upgrade-package', 'django==5.1.5']);
    expect(result.lock).toBe(relocked);
    expect(registry.asked).toEqual(['django']);
  });

  it('stops a tool that runs past the time limit, with everything it started', async () => {
    const pids = path.join(bin.root, 'pids.json');
    bin.tool(
      'uv',
      `const { spawn } = require('node:child_process');
       const quiet = spawn('sleep', ['30'], { stdio: 'ignore' });
       const holding = spawn('sleep', ['30'], { stdio: ['ignore', 'inherit', 'inherit'] });
       fs.writeFileSync(${JSON.stringify(pids)}, JSON.stringify([quiet.pid, holding.pid]));
       process.on('SIGTERM', () => {});
       setInterval(() => {}, 1000);`,
    );
    const started = Date.now();
    const result = await relock({ kind: 'uv-lock', files, targets: [{ package: 'django', to: '5.1.5' }], timeoutMs: 500, env: bin.env() });
    expect(result).toEqual({
      ok: false,
      reason: 'uv lock --no-build --upgrade-package django==5.1.5 did not finish within 0.5 s and was stopped; a re-lock is needed',
      command: ['uv', 'lock', '--no-build', '--upgrade-package', 'django==5.1.5'],
    });
    expect(Date.now() - started).toBeLessThan(6000);
    const children = JSON.parse((await import('node:fs')).readFileSync(pids, 'utf8')) as number[];
    for (const pid of children) expect(await gone(pid)).toBe(true);
  });

  it('reports a failing tool with the end of its error output, credentials redacted', async () => {
    bin.tool(
      'uv',
      `process.stderr.write('Resolved 12 packages\\n  × No solution found when resolving dependencies:\\n  ╰─▶ Because django==5.1.5 was not found in https://user:hunter2@pkgs.example.com/simple, we can conclude that your requirements are unsatisfiable.\\n');
       process.exit(1);`,
    );
    const result = await relock({ kind: 'uv-lock', files, targets: [{ package: 'django', to: '5.1.5' }], env: bin.env() });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe(
      'uv lock --no-build --upgrade-package django==5.1.5 failed (exit code 1): Resolved 12 packages\n' +
        '  × No solution found when resolving dependencies:\n' +
        '  ╰─▶ Because django==5.1.5 was not found in https://***@pkgs.example.com/simple, we can conclude that your requirements are unsatisfiable.',
    );
  });

  it('says when the tool is not installed, or cannot be started', async () => {
    expect(await relock({ kind: 'uv-lock', files, targets: [{ package: 'django', to: '5.1.5' }], env: bin.env() })).toEqual({
      ok: false,
      reason: 'uv is not installed (not found on PATH); a re-lock is needed',
    });
    const missing = await relock({ kind: 'uv-lock', files, targets: [{ package: 'django', to: '5.1.5' }], toolPath: path.join(bin.root, 'gone', 'uv'), env: bin.env() });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.reason).toMatch(/^uv lock --no-build --upgrade-package django==5\.1\.5 could not run: .*ENOENT/s);
  });

  it('refuses a result that leaves a package below its target, or that cannot be read', async () => {
    bin.tool('uv', '/* leaves uv.lock as it was */');
    expect(await relock({ kind: 'uv-lock', files, targets: [{ package: 'django', to: '5.1.5' }], env: bin.env() })).toMatchObject({
      ok: false,
      reason: 'the re-lock left django at 5.1.4 (wanted 5.1.5 or later)',
    });
    bin.tool('uv', "writeLock('uv.lock', 'version = 1\\n[[package]\\nname = ');");
    const broken = await relock({ kind: 'uv-lock', files, targets: [{ package: 'django', to: '5.1.5' }], env: bin.env() });
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.reason).toMatch(/^the re-locked uv\.lock cannot be read \(line 2: invalid TOML/);
  });

  it('copies only the manifest, the lock and the tool\'s own configuration, from one folder', async () => {
    bin.tool('uv', '');
    expect(await relock({ kind: 'uv-lock', files: new Map([...files, ['services/shop/setup.py', 'import os']]), targets: [{ package: 'django', to: '5.1.5' }], env: bin.env() })).toEqual({
      ok: false,
      reason: 'services/shop/setup.py is not a file uv locks from; only pyproject.toml, uv.lock, uv.toml, .python-version are copied',
    });
    expect(await relock({ kind: 'uv-lock', files: new Map([['a/pyproject.toml', UV_PYPROJECT], ['b/uv.lock', UV_LOCK]]), targets: [{ package: 'django', to: '5.1.5' }], env: bin.env() })).toEqual({
      ok: false,
      reason: 'the files to re-lock are in several folders (a, b): one project at a time',
    });
    expect(await relock({ kind: 'uv-lock', files: new Map([['pyproject.toml', UV_PYPROJECT]]), targets: [{ package: 'django', to: '5.1.5' }], env: bin.env() })).toEqual({
      ok: false,
      reason: 're-locking needs both pyproject.toml and uv.lock',
    });
    expect(await relock({ kind: 'pylock', files, targets: [], env: bin.env() })).toEqual({ ok: false, reason: 'pylock has no native lock tool pipwarden can run' });
  });
});

describe('relock: Poetry', () => {
  const files = new Map([
    ['pyproject.toml', POETRY_PYPROJECT],
    ['poetry.lock', POETRY_LOCK],
  ]);

  it('runs poetry update --lock for the packages and checks the releases it brings in against the cut-off', async () => {
    bin.tool('poetry', `writeLock('poetry.lock', ${JSON.stringify(POETRY_RELOCKED)});`);
    const registry = fakeRegistry({ 'urllib3@2.2.2': '2024-06-17T13:40:31.123Z' });
    const result = await relock({ kind: 'poetry-lock', files, targets: [{ package: 'urllib3', to: '2.2.2' }], cutoff: CUTOFF, registry, env: bin.env() });
    if (!result.ok) throw new Error(result.reason);
    expect(bin.record('poetry').args).toEqual(['update', '--lock', '--no-interaction', 'urllib3']);
    expect(bin.record('poetry').files).toEqual(['poetry.lock', 'pyproject.toml']);
    expect(result.lock).toBe(POETRY_RELOCKED);
    expect(registry.asked).toEqual(['urllib3']);
  });

  it('refuses a result that brings in a release younger than the cut-off', async () => {
    bin.tool('poetry', `writeLock('poetry.lock', ${JSON.stringify(POETRY_RELOCKED)});`);
    const registry = fakeRegistry({ 'urllib3@2.2.2': '2025-01-21T08:00:00Z' });
    expect(await relock({ kind: 'poetry-lock', files, targets: [{ package: 'urllib3', to: '2.2.2' }], cutoff: CUTOFF, registry, env: bin.env() })).toEqual({
      ok: false,
      reason: 'the re-lock brings in releases younger than the minimum release age (cut-off 2025-01-20T00:00:00.000Z): urllib3 2.2.2 (uploaded 2025-01-21T08:00:00.000Z)',
      command: ['poetry', 'update', '--lock', '--no-interaction', 'urllib3'],
    });
    const unknown = fakeRegistry({});
    expect(await relock({ kind: 'poetry-lock', files, targets: [{ package: 'urllib3', to: '2.2.2' }], cutoff: CUTOFF, registry: unknown, env: bin.env() })).toMatchObject({
      ok: false,
      reason: 'the re-lock brings in releases younger than the minimum release age (cut-off 2025-01-20T00:00:00.000Z): urllib3 2.2.2 (https://pypi.org does not know it)',
    });
  });

  it('needs an index to check the cut-off with, since Poetry takes none', async () => {
    bin.tool('poetry', '');
    expect(await relock({ kind: 'poetry-lock', files, targets: [{ package: 'urllib3', to: '2.2.2' }], cutoff: CUTOFF, env: bin.env() })).toEqual({
      ok: false,
      reason: 'the release-age cut-off cannot be passed to poetry here, and no package index was given to check it',
      command: ['poetry', 'update', '--lock', '--no-interaction', 'urllib3'],
    });
  });

  it('refuses a lock whose content-hash does not match pyproject.toml', async () => {
    bin.tool('poetry', `writeLock('poetry.lock', ${JSON.stringify(POETRY_RELOCKED.replace(/content-hash = "[0-9a-f]+"/, 'content-hash = "abc"'))});`);
    expect(await relock({ kind: 'poetry-lock', files, targets: [{ package: 'urllib3', to: '2.2.2' }], env: bin.env() })).toMatchObject({
      ok: false,
      reason: 'the re-locked poetry.lock is out of step with pyproject.toml (content-hash differs)',
    });
  });
});

describe('relock: pipenv and PDM', () => {
  it('runs pipenv upgrade --lock-only with pins, without building sdists, through the mirror', async () => {
    bin.tool('pipenv', `writeLock('Pipfile.lock', ${JSON.stringify(PIPFILE_RELOCKED)});`);
    const files = new Map([
      ['Pipfile', PIPFILE],
      ['Pipfile.lock', PIPFILE_LOCK],
    ]);
    const result = await relock({ kind: 'pipfile-lock', files, targets: [{ package: 'requests', to: '2.32.3' }], indexUrl: 'https://mirror.example.com/simple', env: bin.env() });
    if (!result.ok) throw new Error(result.reason);
    const seen = bin.record('pipenv');
    expect(seen.args).toEqual(['upgrade', '--lock-only', 'requests==2.32.3', '--pypi-mirror', 'https://mirror.example.com/simple']);
    expect(seen.env['PIP_ONLY_BINARY']).toBe(':all:');
    expect(seen.env['PIPENV_VENV_IN_PROJECT']).toBe('1');
    expect(result.changes).toEqual(['requests 2.31.0 → 2.32.3']);

    bin.tool('pipenv', `writeLock('Pipfile.lock', ${JSON.stringify(PIPFILE_RELOCKED.replace(/"sha256": "[0-9a-f]{64}"\n/, '"sha256": "0000"\n'))});`);
    expect(await relock({ kind: 'pipfile-lock', files, targets: [{ package: 'requests', to: '2.32.3' }], env: bin.env() })).toMatchObject({
      ok: false,
      reason: 'the re-locked Pipfile.lock is out of step with the Pipfile (_meta.hash differs)',
    });
  });

  it('runs pdm lock --update-reuse with the cut-off and the mirror in its environment', async () => {
    const pdmLock = fixture('pdm-app.lock');
    bin.tool('pdm', `writeLock('pdm.lock', ${JSON.stringify(pdmLock.replace('version = "2.1.0"', 'version = "2.2.2"'))});`);
    const result = await relock({
      kind: 'pdm-lock',
      files: new Map([['pyproject.toml', fixture('pdm-app.pyproject.toml')], ['pdm.lock', pdmLock]]),
      targets: [{ package: 'urllib3', to: '2.2.2' }],
      cutoff: CUTOFF,
      indexUrl: 'https://mirror.example.com/simple',
      env: bin.env(),
      cacheDir: path.join(bin.root, 'cache'),
    });
    if (!result.ok) throw new Error(result.reason);
    const seen = bin.record('pdm');
    expect(seen.args).toEqual(['lock', '--update-reuse', '--exclude-newer', '2025-01-20T00:00:00.000Z']);
    expect(seen.env['PDM_PYPI_URL']).toBe('https://mirror.example.com/simple');
    expect(seen.env['PDM_CACHE_DIR']).toBe(path.join(bin.root, 'cache', 'pdm'));
    expect(result.changes).toEqual(['urllib3 2.1.0 → 2.2.2']);
  });
});

/** gone waits up to 2 s for a process to disappear. */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 40; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
