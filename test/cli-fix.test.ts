import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';

const ADVISORY_DB = fileURLToPath(new URL('./fixtures/advisory-db', import.meta.url));
const OFFLINE = ['--offline', '--advisory-db', ADVISORY_DB];
let dir: string;

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), now: () => new Date('2026-11-29T12:00:00Z'), env: {} });
  return { code, stdout, stderr };
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pipwarden-fix-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('pipwarden fix', () => {
  const requirements = '# web app\r\ndjango==4.2.5  # pinned\r\nclick==8.1.7\r\n';

  it('--dry-run prints the plan and the diff and writes nothing', async () => {
    writeFileSync(path.join(dir, 'requirements.txt'), requirements);
    const { code, stdout } = await run(['fix', dir, '--dry-run', ...OFFLINE]);
    expect(code).toBe(0);
    expect(stdout).toContain('1. Fix 1 high vulnerability in django');
    expect(stdout).toContain('django 4.2.5 -> 4.2.10');
    expect(stdout).toContain('fixes 1 advisory, introduces none');
    expect(stdout).toContain('-django==4.2.5  # pinned');
    expect(stdout).toContain('+django==4.2.10  # pinned');
    expect(readFileSync(path.join(dir, 'requirements.txt'), 'utf8')).toBe(requirements);
  });

  it('writes the surgical edit, keeping comments and line endings, and the tree then audits clean', async () => {
    writeFileSync(path.join(dir, 'requirements.txt'), requirements);
    expect((await run(['fix', dir, ...OFFLINE])).stdout).toContain('Wrote 1 file.');
    expect(readFileSync(path.join(dir, 'requirements.txt'), 'utf8')).toBe('# web app\r\ndjango==4.2.10  # pinned\r\nclick==8.1.7\r\n');
    const audit = await run(['audit', dir, '-f', 'json', ...OFFLINE]);
    expect((JSON.parse(audit.stdout) as { vulnerabilities: unknown[] }).vulnerabilities).toEqual([]);
  });

  it('says so when there is nothing to fix', async () => {
    writeFileSync(path.join(dir, 'requirements.txt'), 'click==8.1.7\n');
    expect(await run(['fix', dir, ...OFFLINE])).toMatchObject({ code: 0, stdout: 'Nothing to fix.\n' });
  });

  it('refuses to fix when vulnerabilities could not be checked', async () => {
    writeFileSync(path.join(dir, 'requirements.txt'), 'django==4.2.5\n');
    const { code, stderr } = await run(['fix', dir, '--offline']);
    expect(code).toBe(2);
    expect(stderr).toContain('nothing to fix safely');
  });
});
