import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { FakeBin } from './remediation/lock/fake-tools.js';

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

describe('pipwarden fix with a lock file', () => {
  const LOCK_FIXTURES = new URL('./remediation/lock/fixtures/', import.meta.url);
  const advisory = {
    id: 'TEST-DJANGO-51',
    modified: '2026-01-01T00:00:00Z',
    summary: 'a test advisory for Django 5.1',
    affected: [{ package: { ecosystem: 'PyPI', name: 'django' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '5.1' }, { fixed: '5.1.5' }] }] }],
  };

  function project(): string {
    const db = path.join(dir, 'db');
    mkdirSync(path.join(db, 'django'), { recursive: true });
    writeFileSync(path.join(db, 'django', 'TEST-DJANGO-51.json'), JSON.stringify(advisory));
    const repo = path.join(dir, 'repo');
    mkdirSync(repo);
    writeFileSync(path.join(repo, 'pyproject.toml'), readFileSync(new URL('uv-editable-project.pyproject.toml', LOCK_FIXTURES)));
    writeFileSync(path.join(repo, 'uv.lock'), readFileSync(new URL('uv-editable-project.lock', LOCK_FIXTURES)));
    return db;
  }

  it('re-locks with the project\'s own tool when it is installed', async () => {
    const db = project();
    const bin = new FakeBin();
    bin.tool('uv', "if (process.argv[2] === '--version') { console.log('uv 0.9.0'); process.exit(0); }\nconst text = fs.readFileSync('uv.lock', 'utf8');\nwriteLock('uv.lock', text.replace('version = \"5.1.4\"', 'version = \"5.1.5\"'));");
    let stdout = '';
    const code = await main(['fix', path.join(dir, 'repo'), '--offline', '--advisory-db', db], { stdout: (t) => (stdout += t), stderr: () => undefined, now: () => new Date('2026-11-29T12:00:00Z'), env: bin.env() });
    expect(stdout).toContain('django 5.1.4 -> 5.1.5');
    expect(stdout).toContain('uv.lock re-locked with uv');
    expect(code).toBe(0);
    expect(bin.record('uv').args).toEqual(expect.arrayContaining(['lock', '--upgrade-package', 'django==5.1.5']));
    expect(readFileSync(path.join(dir, 'repo', 'uv.lock'), 'utf8')).toContain('version = "5.1.5"');
  });

  it('says a re-lock is needed when there is no tool and no index to edit in place', async () => {
    const db = project();
    let stdout = '';
    await main(['fix', path.join(dir, 'repo'), '--offline', '--advisory-db', db, '--dry-run'], { stdout: (t) => (stdout += t), stderr: () => undefined, now: () => new Date('2026-11-29T12:00:00Z'), env: { PATH: '/nonexistent' } });
    expect(stdout).toMatch(/uv\.lock needs a re-lock \(uv\): offline/);
  });
});
