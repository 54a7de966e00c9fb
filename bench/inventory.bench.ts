/**
 * Inventory benchmark: a generated monorepo with 200 dependency files of every declarative format and a
 * 1,000-package uv.lock, audited end to end from disk (discovery, reading, parsing, inventory, project
 * summary). Target: under 1 s.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AdvisorySource } from '../src/advisories/types.js';
import { auditRepository } from '../src/audit.js';
import { DEFAULT_CONFIG } from '../src/config/schema.js';
import { LocalRepoFiles } from '../src/sources/local.js';

const PACKAGE_COUNT = 1000;

/** NO_ADVISORIES isolates the inventory: an advisory source that knows nothing. */
const NO_ADVISORIES: AdvisorySource = { id: 'offline-db', fetch: async () => ({ source: 'offline-db', advisories: new Map() }) };

function packageName(i: number): string {
  return `pkg-${i.toString(36)}`;
}

function uvLock(count: number): string {
  const parts = ['version = 1', 'revision = 2', 'requires-python = ">=3.10"', ''];
  parts.push('[[package]]', 'name = "big-app"', 'version = "0.1.0"', 'source = { editable = "." }', 'dependencies = [');
  for (let i = 0; i < 50; i++) parts.push(`    { name = "${packageName(i)}" },`);
  parts.push(']', '', '[package.metadata]', 'requires-dist = [');
  for (let i = 0; i < 50; i++) parts.push(`    { name = "${packageName(i)}", specifier = ">=1.0" },`);
  parts.push(']', '');
  for (let i = 0; i < count; i++) {
    const name = packageName(i);
    parts.push('[[package]]', `name = "${name}"`, `version = "1.${i % 10}.${i % 7}"`, 'source = { registry = "https://pypi.org/simple" }');
    const children = [i * 2 + 1, i * 2 + 2].filter((c) => c < count);
    if (children.length > 0) {
      parts.push('dependencies = [');
      for (const c of children) parts.push(`    { name = "${packageName(c)}" },`);
      parts.push(']');
    }
    parts.push(
      `sdist = { url = "https://files.pythonhosted.org/packages/${name}-1.0.tar.gz", hash = "sha256:${'a'.repeat(64)}", size = 1000 }`,
      'wheels = [',
      `    { url = "https://files.pythonhosted.org/packages/${name}-1.0-py3-none-any.whl", hash = "sha256:${'b'.repeat(64)}", size = 1000 },`,
      ']',
      '',
    );
  }
  return parts.join('\n');
}

function pyproject(i: number): string {
  const deps = Array.from({ length: 10 }, (_, k) => `  "${packageName((i * 7 + k) % PACKAGE_COUNT)}>=1.0",`).join('\n');
  return `[project]\nname = "service-${i}"\nversion = "1.0"\nrequires-python = ">=3.10"\ndependencies = [\n${deps}\n]\n\n[dependency-groups]\ndev = ["pytest>=8"]\n`;
}

function requirements(i: number): string {
  return Array.from({ length: 15 }, (_, k) => `${packageName((i * 11 + k) % PACKAGE_COUNT)}==1.${k % 10}.0  # pinned`).join('\n') + '\n';
}

function setupCfg(i: number): string {
  const deps = Array.from({ length: 8 }, (_, k) => `    ${packageName((i * 5 + k) % PACKAGE_COUNT)}>=1`).join('\n');
  return `[metadata]\nname = lib-${i}\n\n[options]\npython_requires = >=3.9\ninstall_requires =\n${deps}\n`;
}

function pipfile(i: number): string {
  const deps = Array.from({ length: 8 }, (_, k) => `${packageName((i * 3 + k) % PACKAGE_COUNT)} = "==1.0.${k}"`).join('\n');
  return `[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = true\nname = "pypi"\n\n[packages]\n${deps}\n\n[requires]\npython_version = "3.11"\n`;
}

async function generate(root: string): Promise<number> {
  let files = 0;
  const write = async (relative: string, content: string): Promise<void> => {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), content);
    files++;
  };
  await write('pyproject.toml', pyproject(0));
  await write('uv.lock', uvLock(PACKAGE_COUNT));
  const makers = [
    (i: number) => write(`services/svc-${i}/pyproject.toml`, pyproject(i)),
    (i: number) => write(`services/svc-${i}/requirements.txt`, requirements(i)),
    (i: number) => write(`libs/lib-${i}/setup.cfg`, setupCfg(i)),
    (i: number) => write(`apps/app-${i}/Pipfile`, pipfile(i)),
  ];
  for (let i = 1; files < 200; i++) await makers[i % makers.length]?.(i);
  // Noise discovery must skip without reading.
  for (let i = 0; i < 200; i++) await writeFile(path.join(root, `module_${i}.py`), 'print("hi")\n');
  return files;
}

/** benchInventory prints the time to audit the generated monorepo, cold and warm. */
export async function benchInventory(): Promise<void> {
  const root = await mkdtemp(path.join(tmpdir(), 'pipwarden-bench-'));
  try {
    const files = await generate(root);
    const timings: number[] = [];
    let dependencies = 0;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      const report = await auditRepository(new LocalRepoFiles(root), { now: new Date(), rootLabel: 'bench', sources: [NO_ADVISORIES], config: DEFAULT_CONFIG });
      timings.push(performance.now() - started);
      dependencies = report.dependencies.length;
      if (report.summary.problems > 0) console.log(`  (unexpected problems: ${report.summary.problems})`);
    }
    const sorted = [...timings].sort((a, b) => a - b);
    console.log(`  ${files} dependency files + a ${PACKAGE_COUNT}-package uv.lock → ${dependencies} dependencies`);
    console.log(`  first run ${timings[0]?.toFixed(0)} ms, median of 5 ${sorted[2]?.toFixed(0)} ms (target < 1000 ms)`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
