/**
 * Projects: a repository may hold several Python projects (a monorepo, a tool in a sub-folder). Each
 * manifest belongs to one project root; lock files are paired with the manifests of their root.
 */
import path from 'node:path';
import type { Manifest } from './types.js';

/** Project is the manifests of one root folder ('' is the repository root). */
export interface Project {
  root: string;
  manifests: Manifest[];
}

/** ProjectLayout is every project of a tree. */
export interface ProjectLayout {
  projects: Project[];
}

/**
 * A folder is a project root when it holds a project file (pyproject.toml, setup.py, a lock…) or a
 * top-level requirements file; `requirements/dev.txt` belongs to the root above it.
 */
function isAnchor(manifest: Manifest): boolean {
  if (manifest.kind !== 'requirements') return true;
  return /^requirements[^/]*\.(txt|in)$/i.test(path.posix.basename(manifest.path));
}

/** layoutProjects assigns each manifest to its project root. */
export function layoutProjects(manifests: readonly Manifest[], includedBy: ReadonlyMap<string, string[]>): ProjectLayout {
  const anchors = new Set(manifests.filter(isAnchor).map((m) => dirOf(m.path)));
  const rootOf = new Map<string, string>();

  const resolveRoot = (manifestPath: string, seen: Set<string>): string => {
    const known = rootOf.get(manifestPath);
    if (known !== undefined) return known;
    // A file reached by -r/-c belongs to the project of the file that includes it.
    const includer = includedBy.get(manifestPath)?.find((p) => !seen.has(p));
    if (includer !== undefined) {
      seen.add(manifestPath);
      return resolveRoot(includer, seen);
    }
    let dir = dirOf(manifestPath);
    for (;;) {
      if (anchors.has(dir)) return dir;
      if (dir === '') return dirOf(manifestPath);
      dir = dirOf(dir);
    }
  };

  const byRoot = new Map<string, Manifest[]>();
  for (const manifest of manifests) {
    const root = resolveRoot(manifest.path, new Set([manifest.path]));
    rootOf.set(manifest.path, root);
    const list = byRoot.get(root) ?? [];
    list.push(manifest);
    byRoot.set(root, list);
  }
  const projects = [...byRoot.entries()]
    .map(([root, list]) => ({ root, manifests: list }))
    .sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
  return { projects };
}

/** dirOf is a POSIX path's folder, '' for the root. */
export function dirOf(filePath: string): string {
  const dir = path.posix.dirname(filePath);
  return dir === '.' ? '' : dir;
}
