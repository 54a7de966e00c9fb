import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/cli.js';
import type { Report } from '../src/report/types.js';
import { reportSchemaErrors } from './helpers/report-schema.js';

const MONOREPO = fileURLToPath(new URL('./fixtures/monorepo', import.meta.url));
const ADVISORY_DB = fileURLToPath(new URL('./fixtures/advisory-db', import.meta.url));
const NOW = new Date('2026-11-29T12:00:00Z');
// Every run is offline against the fixture database: tests never touch the network.
const OFFLINE = ['--offline', '--advisory-db', ADVISORY_DB];

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), now: () => NOW, env };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('pipwarden audit on a mixed monorepo', () => {
  let report: Report;
  let stderr: string;
  let code: number;

  beforeAll(async () => {
    const result = await run(['audit', MONOREPO, '--format', 'json', ...OFFLINE]);
    report = JSON.parse(result.stdout) as Report;
    stderr = result.stderr;
    code = result.code;
  });

  it('prints a report that satisfies the contract', () => {
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.generatedAt).toBe('2026-11-29T12:00:00.000Z');
  });

  it('exits 0 and warns on standard error about the broken file', () => {
    expect(code).toBe(0);
    expect(stderr).toContain('1 problem(s); see the report');
  });

  it('lists every dependency file, skipping node_modules and the virtual environment', () => {
    expect(report.manifests.map((m) => [m.path, m.kind])).toEqual([
      ['broken/pyproject.toml', 'pyproject-pep621'],
      ['constraints.txt', 'requirements'],
      ['docs/requirements.txt', 'requirements'],
      ['legacy/setup.py', 'setup-py'],
      ['requirements.txt', 'requirements'],
      ['requirements/base.txt', 'requirements'],
      ['requirements/dev.txt', 'requirements'],
      ['services/api/pyproject.toml', 'pyproject-uv'],
      ['services/api/uv.lock', 'uv-lock'],
      ['tools/Pipfile', 'pipfile'],
    ]);
  });

  it('keeps index options and includes: risk checks need them', () => {
    const requirements = report.manifests.find((m) => m.path === 'requirements.txt');
    expect(requirements?.indexes).toEqual([{ option: 'extra-index-url', value: 'https://pypi.internal.example.com/simple', line: 2 }]);
    expect(requirements?.includes).toEqual([
      { target: 'requirements/base.txt', kind: 'requirement', line: 3 },
      { target: 'constraints.txt', kind: 'constraint', line: 4 },
    ]);
  });

  it('reports the invalid TOML with its file and line, and audits everything else', () => {
    const broken = report.manifests.find((m) => m.path === 'broken/pyproject.toml');
    expect(broken?.errors).toHaveLength(1);
    expect(broken?.errors[0]).toMatchObject({ path: 'broken/pyproject.toml' });
    expect(broken?.errors[0]?.line).toBeGreaterThanOrEqual(5);
    expect(report.summary.problems).toBe(1);
  });

  it('merges the lock with its manifest: direct, transitive and who pulls whom', () => {
    const dep = (name: string) => report.dependencies.filter((d) => d.name === name);
    expect(dep('httpx')).toMatchObject([{ version: '0.27.0', specifier: '>=0.27', direct: true, groups: ['main'] }]);
    expect(dep('anyio')).toMatchObject([{ version: '4.4.0', direct: false, dependents: ['httpx'], manifests: ['services/api/uv.lock'] }]);
    expect(dep('pytest').map((d) => [d.version, d.groups, d.direct])).toEqual([
      [null, ['test'], true],
      ['8.0.0', ['dev'], true],
      ['8.2.2', ['dev'], true],
    ]);
    expect(dep('api')).toEqual([]);
  });

  it('keeps requirement details: hashes, VCS refs, markers, extras, constraint pins, and line ranges', () => {
    const django = report.dependencies.find((d) => d.name === 'django');
    expect(django).toMatchObject({
      version: '4.2.7',
      hashes: ['sha256:8e0f1c2c2786b5c0e39fe1afce24c926040fad47c8ea8ad30aaf1188df29fc41'],
      locations: [{ path: 'requirements.txt', startLine: 6, endLine: 7 }],
    });
    expect(report.dependencies.find((d) => d.name === 'internal-lib')?.source).toEqual({
      type: 'vcs',
      url: 'git+https://github.com/example/internal-lib.git@v1.4.0#egg=internal-lib',
      ref: 'v1.4.0',
    });
    expect(report.dependencies.find((d) => d.name === 'importlib-metadata')).toMatchObject({ markers: 'python_version < "3.8"', version: null });
    expect(report.dependencies.find((d) => d.name === 'requests')).toMatchObject({ extras: ['socks'], version: '2.31.0' });
    expect(report.dependencies.find((d) => d.name === 'gunicorn')).toMatchObject({ version: '21.2.0', specifier: '>=21', manifests: ['requirements.txt', 'constraints.txt'] });
    expect(report.dependencies.find((d) => d.name === 'pyyaml')).toMatchObject({ version: '6.0.1', manifests: ['legacy/setup.py'] });
  });

  it('reports each vulnerability once, aliases merged, ranked, with suppressions applied', () => {
    expect(report.vulnerabilities.map((v) => [v.package, v.version, v.id, v.severity, v.score])).toEqual([
      // Equal severity and score: ordered by id.
      ['gunicorn', '21.2.0', 'GHSA-w3h3-4rj7-4ph4', 'high', 7.5],
      ['django', '4.2.7', 'PYSEC-2024-28', 'high', 7.5],
      ['requests', '2.31.0', 'GHSA-9wx4-h78v-vm56', 'medium', 5.6],
    ]);
    const [gunicorn, django, requests] = report.vulnerabilities;
    expect(django).toMatchObject({ aliases: ['CVE-2024-24680', 'GHSA-xxj9-f6rv-m3x4'], fixedIn: ['3.2.24', '4.2.10', '5.0.2'], sources: ['offline-db'] });
    expect(gunicorn?.suppressed).toEqual({ reason: 'gunicorn sits behind a proxy that normalises requests' });
    expect(requests?.suppressed).toBeUndefined();
    expect(requests).toMatchObject({ suppressionLapsed: { why: 'expired', until: '2026-06-30' } });
    expect(report.summary.vulnerabilities).toEqual({ critical: 0, high: 1, medium: 1, low: 0, unknown: 0 });
    expect(report.summary.suppressed).toBe(1);
    expect(report.summary.vulnerabilitiesChecked).toBe(true);
  });

  it('keeps advisories a range only allows apart from confirmed findings', () => {
    expect(report.potentialVulnerabilities).toMatchObject([{ id: 'TEST-CLICK-1', package: 'click', version: null, allowedBySpecifier: '>=8.0' }]);
    expect(report.summary.potential).toBe(1);
  });

  it('summarises each project: managers, lock freshness, Python, virtual environment', () => {
    const byRoot = Object.fromEntries(report.projects.map((p) => [p.root, p]));
    expect(Object.keys(byRoot)).toEqual(['.', 'broken', 'docs', 'legacy', 'services/api', 'tools']);
    expect(byRoot['services/api']).toMatchObject({
      packageManagers: ['uv'],
      requiresPython: '>=3.11',
      application: false,
      lockFiles: [{ path: 'services/api/uv.lock', inSync: true }],
    });
    expect(byRoot.tools).toMatchObject({ packageManagers: ['pipenv'], application: true, requiresPython: '==3.12.*' });
    expect(byRoot.tools?.notes).toEqual(['tools/Pipfile has no Pipfile.lock: an application should lock its dependencies']);
    expect(byRoot['.']).toMatchObject({ packageManagers: ['pip'], virtualEnvs: ['.venv'] });
    expect(byRoot['.']?.notes.join(' ')).toContain('.venv is a committed virtual environment');
  });
});

describe('pipwarden CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pipwarden-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('renders Markdown by default', async () => {
    const { code, stdout } = await run(['audit', MONOREPO, ...OFFLINE]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# pipwarden audit of /);
    expect(stdout).toContain('| httpx | 0.27.0 | direct | main | services/api/pyproject.toml:6, services/api/uv.lock:47 |');
    expect(stdout).toContain('`broken/pyproject.toml:');
    expect(stdout).toContain('1 high, 1 medium; 1 suppressed.');
    expect(stdout).toContain('| high (7.5) | django | 4.2.7 | PYSEC-2024-28<br>CVE-2024-24680<br>GHSA-xxj9-f6rv-m3x4 | 3.2.24, 4.2.10, 5.0.2 |');
    expect(stdout).toContain('suppressed: gunicorn sits behind a proxy');
    expect(stdout).toContain('| unknown | click | \\>=8.0 | TEST-CLICK-1 | 8.1.0 |');
  });

  it('writes to --output instead of standard output', async () => {
    const output = path.join(dir, 'report.json');
    const { code, stdout } = await run(['audit', MONOREPO, '-f', 'json', '-o', output, ...OFFLINE]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(reportSchemaErrors(JSON.parse(await readFile(output, 'utf8')))).toEqual([]);
  });

  it.each([
    [['audit', MONOREPO, '--format', 'xml'], 'unknown format "xml"'],
    [['audit', MONOREPO, '--fail-on', 'severe'], 'unknown severity "severe"'],
    [['audit', '/definitely/not/here'], 'is not a folder'],
    [['audit', MONOREPO, '--frobnicate'], "Unknown option '--frobnicate'"],
    [['deploy'], 'unknown command "deploy"'],
    [[], 'missing command'],
  ])('exits 2 with the usage on %j', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage: pipwarden');
  });

  it('exits 1 for an unsuppressed finding at or above --fail-on, 0 below it (config says critical)', async () => {
    expect((await run(['audit', MONOREPO, '-f', 'json', ...OFFLINE])).code).toBe(0);
    expect((await run(['audit', MONOREPO, '--fail-on', 'high', '-f', 'json', ...OFFLINE])).code).toBe(1);
    expect((await run(['audit', MONOREPO, '--fail-on', 'critical', '-f', 'json', ...OFFLINE])).code).toBe(0);
  });

  it('exits 2 and does not claim a clean result when the advisory source fails', async () => {
    const { code, stdout } = await run(['audit', MONOREPO, '-f', 'json', '--advisory-db', '/no/such/db']);
    expect(code).toBe(2);
    const report = JSON.parse(stdout) as Report;
    expect(report.summary.vulnerabilitiesChecked).toBe(false);
    expect(report.errors.map((e) => e.message)).toContainEqual(expect.stringContaining('advisory source offline-db failed'));
  });

  it('exits 2 offline with no database at all', async () => {
    const { code, stdout } = await run(['audit', MONOREPO, '-f', 'json', '--offline'], { PIPWARDEN_CACHE_DIR: dir });
    expect(code).toBe(2);
    expect((JSON.parse(stdout) as Report).errors.map((e) => e.message)).toContain('no advisory source is configured: vulnerabilities were not checked');
  });

  it('reads the database path from PIPWARDEN_ADVISORY_DB', async () => {
    const { stdout } = await run(['audit', MONOREPO, '-f', 'json', '--offline'], { PIPWARDEN_ADVISORY_DB: ADVISORY_DB });
    expect((JSON.parse(stdout) as Report).advisorySources).toEqual(['offline-db']);
  });

  it('prints its version and help', async () => {
    expect((await run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect((await run(['--help'])).stdout).toContain('audit [DIR]');
  });
});
