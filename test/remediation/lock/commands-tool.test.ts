import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockRecordsExcludeNewer, relockCommand } from '../../../src/remediation/lock/commands.js';
import { lockFilesConfigSchema, relockTimeoutMs } from '../../../src/remediation/lock/config.js';
import { findLockTool } from '../../../src/remediation/lock/tool.js';
import { removeAddedExcludeNewer } from '../../../src/remediation/lock/uv-options.js';
import { fixture } from './helpers.js';

const CUTOFF = new Date('2025-01-20T00:00:00Z');
const targets = [{ package: 'django', to: '5.1.5' }, { package: 'sqlparse', to: '0.5.3' }];

describe('relockCommand', () => {
  it('uses exact upgrades, no builds and the cut-off for uv', () => {
    expect(relockCommand('uv-lock', { targets, cutoff: CUTOFF, indexUrl: 'https://mirror.example.com/simple', lockText: fixture('uv-editable-project.lock') })).toEqual({
      args: ['lock', '--no-build', '--upgrade-package', 'django==5.1.5', '--upgrade-package', 'sqlparse==0.5.3', '--exclude-newer', '2025-01-20T00:00:00.000Z'],
      env: { UV_NO_PROGRESS: '1', NO_COLOR: '1' },
      enforcesCutoff: true,
      notes: ['uv records index URLs in uv.lock: the mirror is not used, the project\'s own index settings apply'],
    });
    const own = `[options]\nexclude-newer = "2024-12-01T00:00:00Z"\n\n${fixture('uv-editable-project.lock')}`;
    const withOwn = relockCommand('uv-lock', { targets, cutoff: CUTOFF, lockText: own });
    expect(withOwn.args).not.toContain('--exclude-newer');
    expect(withOwn.enforcesCutoff).toBe(false);
    expect(relockCommand('uv-lock', { targets }).enforcesCutoff).toBe(false);
  });

  it('names the packages for Poetry, pins them for pipenv, re-locks from pyproject.toml for PDM', () => {
    expect(relockCommand('poetry-lock', { targets, cutoff: CUTOFF })).toMatchObject({ args: ['update', '--lock', '--no-interaction', 'django', 'sqlparse'], enforcesCutoff: false });
    expect(relockCommand('pipfile-lock', { targets, cutoff: CUTOFF })).toMatchObject({
      args: ['upgrade', '--lock-only', 'django==5.1.5', 'sqlparse==0.5.3'],
      enforcesCutoff: false,
      env: expect.objectContaining({ PIP_ONLY_BINARY: ':all:', PIPENV_YES: '1' }),
    });
    expect(relockCommand('pdm-lock', { targets, cutoff: CUTOFF, indexUrl: 'https://mirror.example.com/simple' })).toMatchObject({
      args: ['lock', '--update-reuse', '--exclude-newer', '2025-01-20T00:00:00.000Z'],
      env: expect.objectContaining({ PDM_PYPI_URL: 'https://mirror.example.com/simple' }),
      enforcesCutoff: true,
    });
    expect(relockCommand('pdm-lock', { targets }).args).toEqual(['lock', '--update-reuse']);
  });
});

describe('removeAddedExcludeNewer', () => {
  const before = fixture('uv-editable-project.lock');

  it('removes the cut-off uv recorded, and the [options] table it alone filled', () => {
    const after = before.replace('\n[[package]]', '\n[options]\nexclude-newer = "2025-01-20T00:00:00Z"\n\n[[package]]');
    expect(removeAddedExcludeNewer(before, after)).toBe(before);
    const withMode = before.replace('\n[[package]]', '\n[options]\nresolution-mode = "lowest-direct"\nexclude-newer = "2025-01-20T00:00:00Z"\n\n[[package]]');
    expect(removeAddedExcludeNewer(before, withMode)).toBe(before.replace('\n[[package]]', '\n[options]\nresolution-mode = "lowest-direct"\n\n[[package]]'));
    const atEnd = `${before}\n[options]\nexclude-newer = "2025-01-20T00:00:00Z"\n`;
    expect(removeAddedExcludeNewer(before, atEnd)).toBe(before);
  });

  it('keeps a cut-off the project recorded itself', () => {
    const own = before.replace('\n[[package]]', '\n[options]\nexclude-newer = "2024-12-01T00:00:00Z"\n\n[[package]]');
    expect(lockRecordsExcludeNewer(own)).toBe(true);
    expect(removeAddedExcludeNewer(own, own)).toBe(own);
    expect(lockRecordsExcludeNewer('not toml [')).toBe(false);
  });
});

describe('findLockTool', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pipwarden-find-tool-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const make = (dir: string, name: string, mode: number) => {
    mkdirSync(path.join(root, dir), { recursive: true });
    writeFileSync(path.join(root, dir, name), '#!/bin/sh\n');
    chmodSync(path.join(root, dir, name), mode);
  };
  make('not-executable', 'uv', 0o644);
  make('good', 'uv', 0o755);
  make('good', 'pdm', 0o755);
  mkdirSync(path.join(root, 'dir-named', 'poetry'), { recursive: true });

  it('finds the first executable file of the name on PATH', async () => {
    const PATH = ['relative/bin', '', path.join(root, 'not-executable'), path.join(root, 'dir-named'), path.join(root, 'good')].join(':');
    expect(await findLockTool('uv-lock', { PATH }, 'linux')).toBe(path.join(root, 'good', 'uv'));
    expect(await findLockTool('pdm-lock', { PATH }, 'linux')).toBe(path.join(root, 'good', 'pdm'));
    expect(await findLockTool('poetry-lock', { PATH }, 'linux')).toBeNull();
    expect(await findLockTool('pipfile-lock', {}, 'linux')).toBeNull();
  });

  it('never picks a binary from a relative PATH entry', async () => {
    const cwd = process.cwd();
    process.chdir(path.join(root, 'good'));
    try {
      expect(await findLockTool('uv-lock', { PATH: '.:bin' }, 'linux')).toBeNull();
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('lockFilesConfigSchema', () => {
  it('defaults every key and reads the timeout', () => {
    const config = lockFilesConfigSchema.parse({});
    expect(config).toEqual({ relock: true, inPlace: true, relockTimeout: '2 minutes' });
    expect(relockTimeoutMs(config)).toBe(120_000);
    expect(relockTimeoutMs(lockFilesConfigSchema.parse({ relockTimeout: 'PT90S' }))).toBe(90_000);
  });

  it('refuses unknown keys and unreadable durations', () => {
    expect(lockFilesConfigSchema.safeParse({ relockTimeout: '90' }).success).toBe(false);
    expect(lockFilesConfigSchema.safeParse({ relok: true }).success).toBe(false);
    expect(lockFilesConfigSchema.safeParse({ relock: 'yes' }).success).toBe(false);
  });
});
