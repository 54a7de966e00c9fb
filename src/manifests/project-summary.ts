/**
 * summarizeProjects says, per project root, how its dependencies are managed: which tools, which lock
 * files and whether each is in step with its manifest, which Pythons it supports, and whether a
 * virtual environment was committed. It is the report's `projects` section.
 */
import path from 'node:path';
import { normalizePackageName, parsePep508 } from './pep508.js';
import { pipfileContentHashes } from './pipfile-lock/content-hash.js';
import { poetryContentHash, poetryLockHashesDependencyGroups } from './poetry-lock/content-hash.js';
import { dirOf, type Project, type ProjectLayout } from './projects.js';
import { LOCK_KINDS, type Manifest, type ManifestKind } from './types.js';

/** PackageManager is a tool that manages a project's dependencies. */
export type PackageManager = 'pip' | 'pip-tools' | 'uv' | 'poetry' | 'pipenv' | 'pdm' | 'conda';

/** LockStatus says whether one lock file matches the manifest it was made from. */
export interface LockStatus {
  path: string;
  kind: ManifestKind;
  /** The manifest the lock was checked against, when there is one. */
  manifest: string | null;
  /** true: in step; false: the manifest changed since locking; null: could not be checked. */
  inSync: boolean | null;
  reason: string;
}

/** ProjectSummary is one project root, as the report's `projects` section lists it. */
export interface ProjectSummary {
  /** The project folder, `.` for the repository root. */
  root: string;
  packageManagers: PackageManager[];
  manifests: string[];
  lockFiles: LockStatus[];
  requiresPython: string | null;
  /** An application (deployed, so it should lock) rather than a library (published, so it should not). */
  application: boolean;
  /** Committed virtual environments in this project's folder. */
  virtualEnvs: string[];
  /** Things a maintainer should know: a manifest without its lock, a committed virtual environment. */
  notes: string[];
}

const MANAGER_OF_KIND: Partial<Record<ManifestKind, PackageManager>> = {
  'pyproject-poetry': 'poetry',
  'poetry-lock': 'poetry',
  'pyproject-uv': 'uv',
  'uv-lock': 'uv',
  'pyproject-pdm': 'pdm',
  'pdm-lock': 'pdm',
  pipfile: 'pipenv',
  'pipfile-lock': 'pipenv',
  'conda-environment': 'conda',
};

/** The lock each tool writes, by the pyproject dialect (or manifest kind) that calls for it. */
const EXPECTED_LOCK: ReadonlyArray<{ manifest: ManifestKind; lock: ManifestKind; file: string }> = [
  { manifest: 'pyproject-poetry', lock: 'poetry-lock', file: 'poetry.lock' },
  { manifest: 'pyproject-uv', lock: 'uv-lock', file: 'uv.lock' },
  { manifest: 'pyproject-pdm', lock: 'pdm-lock', file: 'pdm.lock' },
  { manifest: 'pipfile', lock: 'pipfile-lock', file: 'Pipfile.lock' },
];

/** summarizeProjects builds the summary of every project of a layout. */
export function summarizeProjects(
  layout: ProjectLayout,
  contents: ReadonlyMap<string, string>,
  virtualEnvs: readonly string[],
): ProjectSummary[] {
  const roots = layout.projects.map((p) => p.root);
  return layout.projects.map((project) => {
    const venvs = virtualEnvs.filter((venv) => nearestRoot(venv, roots) === project.root);
    return summarizeProject(project, contents, venvs);
  });
}

function summarizeProject(project: Project, contents: ReadonlyMap<string, string>, virtualEnvs: string[]): ProjectSummary {
  const declarations = project.manifests.filter((m) => !LOCK_KINDS.has(m.kind));
  const locks = project.manifests.filter((m) => LOCK_KINDS.has(m.kind));
  const application = isApplication(declarations);
  const notes: string[] = [];
  const present = new Set(project.manifests.flatMap(kindsOf));
  for (const expected of EXPECTED_LOCK) {
    if (present.has(expected.manifest) && !present.has(expected.lock) && application) {
      const manifest = declarations.find((m) => kindsOf(m).includes(expected.manifest));
      notes.push(`${manifest?.path ?? 'the manifest'} has no ${expected.file}: an application should lock its dependencies`);
    }
  }
  for (const venv of virtualEnvs) {
    notes.push(`${venv} is a committed virtual environment: its packages are not audited and it should not be in the repository`);
  }
  return {
    root: project.root === '' ? '.' : project.root,
    packageManagers: packageManagers(project.manifests, contents),
    manifests: project.manifests.map((m) => m.path),
    lockFiles: locks.map((lock) => lockStatus(lock, declarations, contents)),
    requiresPython: requiresPython(project.manifests),
    application,
    virtualEnvs,
    notes,
  };
}

function kindsOf(manifest: Manifest): ManifestKind[] {
  return manifest.dialects && manifest.dialects.length > 0 ? manifest.dialects : [manifest.kind];
}

function packageManagers(manifests: readonly Manifest[], contents: ReadonlyMap<string, string>): PackageManager[] {
  const managers = new Set<PackageManager>();
  for (const manifest of manifests) {
    for (const kind of kindsOf(manifest)) {
      const manager = MANAGER_OF_KIND[kind];
      if (manager) managers.add(manager);
    }
    if (manifest.kind === 'requirements') managers.add(isPipToolsFile(manifest, manifests, contents) ? 'pip-tools' : 'pip');
  }
  // setup.py, setup.cfg, a plain PEP 621 pyproject or pylock.toml are installed with pip when no other
  // tool claims the project.
  if (managers.size === 0 && manifests.length > 0) managers.add('pip');
  return [...managers].sort();
}

/** A requirements file comes from pip-tools when pip-compile wrote it, or a `.in` of the same stem exists. */
function isPipToolsFile(manifest: Manifest, all: readonly Manifest[], contents: ReadonlyMap<string, string>): boolean {
  if (manifest.path.endsWith('.in')) return true;
  const header = contents.get(manifest.path)?.slice(0, 1000) ?? '';
  if (/pip-compile|uv pip compile/.test(header)) return true;
  const stem = manifest.path.replace(/\.txt$/, '');
  return all.some((m) => m.path === `${stem}.in`);
}

/** A project with its own name and metadata is a library; one with only dependency lists is an application. */
function isApplication(declarations: readonly Manifest[]): boolean {
  if (declarations.some((m) => m.kind === 'pipfile')) return true;
  return !declarations.some((m) => m.projectName !== undefined || m.kind === 'setup-py' || m.kind === 'setup-cfg');
}

function requiresPython(manifests: readonly Manifest[]): string | null {
  const order: ManifestKind[] = [
    'pyproject-pep621', 'pyproject-poetry', 'pyproject-uv', 'pyproject-pdm', 'setup-py', 'setup-cfg',
    'pipfile', 'uv-lock', 'poetry-lock', 'pdm-lock', 'pylock', 'pipfile-lock', 'conda-environment',
  ];
  const sorted = [...manifests].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return sorted.find((m) => m.requiresPython)?.requiresPython ?? null;
}

function lockStatus(lock: Manifest, declarations: readonly Manifest[], contents: ReadonlyMap<string, string>): LockStatus {
  const base = { path: lock.path, kind: lock.kind };
  const pyproject = declarations.find((m) => path.posix.basename(m.path) === 'pyproject.toml');
  switch (lock.kind) {
    case 'poetry-lock':
      return compareHash(base, pyproject, lock.lock?.contentHash, (text) => {
        // Poetry 2.3+ also hashes [dependency-groups]; the lock's "@generated by Poetry X" line says which.
        const dependencyGroups = poetryLockHashesDependencyGroups(contents.get(lock.path) ?? '');
        const hash = poetryContentHash(text, { dependencyGroups });
        return hash === null ? [] : [hash];
      }, contents, 'content-hash');
    case 'pipfile-lock': {
      const pipfile = declarations.find((m) => m.kind === 'pipfile');
      // pipenv releases hash the Pipfile in slightly different ways: any of them may have written the lock.
      return compareHash(base, pipfile, lock.lock?.contentHash, (text) => pipfileContentHashes(text), contents, '_meta.hash');
    }
    case 'uv-lock':
      return compareUvLock(base, pyproject, lock);
    case 'pdm-lock':
      return { ...base, manifest: pyproject?.path ?? null, inSync: null, reason: "pdm's content hash is not recomputed" };
    default:
      return { ...base, manifest: null, inSync: null, reason: 'a standalone lock: there is no manifest to compare' };
  }
}

function compareHash(
  base: { path: string; kind: ManifestKind },
  manifest: Manifest | undefined,
  recorded: string | undefined,
  /** Every hash some release of the tool would write for the manifest (empty when it cannot be hashed). */
  compute: (text: string) => string[],
  contents: ReadonlyMap<string, string>,
  field: string,
): LockStatus {
  if (!manifest) return { ...base, manifest: null, inSync: null, reason: 'no manifest beside the lock file' };
  const text = contents.get(manifest.path);
  const expected = text === undefined ? [] : compute(text);
  if (!recorded) return { ...base, manifest: manifest.path, inSync: null, reason: `the lock records no ${field}` };
  if (expected.length === 0) return { ...base, manifest: manifest.path, inSync: null, reason: `${manifest.path} could not be hashed` };
  const inSync = expected.includes(recorded.replace(/^sha256:/, ''));
  return {
    ...base,
    manifest: manifest.path,
    inSync,
    reason: inSync ? `${field} matches ${manifest.path}` : `${field} differs: ${manifest.path} changed since the lock was made`,
  };
}

/**
 * uv records the root project's requirements in the lock (`[package.metadata] requires-dist`): the lock
 * is stale when they differ from pyproject's runtime requirements.
 */
function compareUvLock(base: { path: string; kind: ManifestKind }, pyproject: Manifest | undefined, lock: Manifest): LockStatus {
  if (!pyproject) return { ...base, manifest: null, inSync: null, reason: 'no pyproject.toml beside the lock file' };
  const recorded = lock.lock?.recordedRequirements;
  if (!recorded) return { ...base, manifest: pyproject.path, inSync: null, reason: 'the lock records no requires-dist for the project' };
  // Compare runtime requirements only: extras carry `extra == "…"` markers in the lock, and the
  // pyproject side cannot tell an extra from a dependency group by name alone.
  const lockSide = new Set(
    recorded
      .filter((text) => !/\bextra\s*==/.test(text))
      .map(requirementKey)
      .filter((k): k is string => k !== null),
  );
  const manifestSide = new Set(
    pyproject.requirements
      .filter((r) => r.groups.includes('main') && !r.constraintOnly)
      .map((r) => `${r.normalizedName}${sortedClauses(r.specifier)}`),
  );
  const missing = [...manifestSide].filter((k) => !lockSide.has(k));
  const extra = [...lockSide].filter((k) => !manifestSide.has(k));
  const inSync = missing.length === 0 && extra.length === 0;
  const differences = [...missing.map((k) => `+${k}`), ...extra.map((k) => `-${k}`)].slice(0, 5).join(', ');
  return {
    ...base,
    manifest: pyproject.path,
    inSync,
    reason: inSync ? `requires-dist matches ${pyproject.path}` : `${pyproject.path} changed since the lock was made (${differences})`,
  };
}

function requirementKey(text: string): string | null {
  const parsed = parsePep508(text);
  if (!parsed.ok) return null;
  return `${normalizePackageName(parsed.value.name)}${sortedClauses(parsed.value.specifier)}`;
}

function sortedClauses(specifier: string | null): string {
  return specifier ? specifier.split(',').map((c) => c.trim()).sort().join(',') : '';
}

function nearestRoot(folder: string, roots: readonly string[]): string {
  let dir = dirOf(folder);
  for (;;) {
    if (roots.includes(dir)) return dir;
    if (dir === '') return '';
    dir = dirOf(dir);
  }
}
