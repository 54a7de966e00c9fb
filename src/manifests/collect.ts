/**
 * collectManifests finds and parses every dependency file of a tree: the files discovery matches by
 * name, and every file a requirements file reaches through `-r` / `-c`. It is the boundary between
 * reading (RepoFiles) and parsing (pure parsers): a file that cannot be read or parsed becomes an error
 * on its manifest, and everything else is still collected.
 */
import path from 'node:path';
import { joinRelative, resolveInside } from '../sources/paths.js';
import { decodeText } from '../sources/text.js';
import type { FileListing, RepoFiles } from '../sources/types.js';
import { formatForPath, REQUIREMENTS_ENTRY, type RegisteredFormat } from './registry.js';
import type { Manifest, Problem } from './types.js';

/** MAX_INCLUDE_DEPTH bounds `-r` chains: pip has no limit, but a chain this deep is hostile. */
const MAX_INCLUDE_DEPTH = 64;

/** CollectedManifests is every dependency file of a tree, parsed. */
export interface CollectedManifests {
  /** In path order. */
  manifests: Manifest[];
  /** The text of each parsed manifest, by path (lock-freshness checks hash it). */
  contents: Map<string, string>;
  /** For files reached by `-r`/`-c`: the manifests that include them. */
  includedBy: Map<string, string[]>;
  virtualEnvs: string[];
  errors: Problem[];
  /** The tree's listing, for later stages that read other files (the code scanner). */
  listing: FileListing;
}

/** collectManifests discovers, reads and parses the dependency files of a tree. */
export async function collectManifests(files: RepoFiles): Promise<CollectedManifests> {
  const listing = await files.listFiles();
  const collector = new Collector(files);
  for (const file of listing.files) {
    const entry = formatForPath(file.path);
    if (entry && !(await collector.visit(file.path, entry, [], 'discovered'))) {
      collector.error({ message: 'file listed but not found (removed while reading?)', path: file.path });
    }
  }
  return { ...collector.finish(listing.virtualEnvs), listing };
}

type Reference = 'discovered' | 'requirement' | 'constraint';

class Collector {
  private readonly parsed = new Map<string, Manifest>();
  private readonly contents = new Map<string, string>();
  private readonly references = new Map<string, Set<Reference>>();
  private readonly includedBy = new Map<string, string[]>();
  private readonly errors: Problem[] = [];

  constructor(private readonly files: RepoFiles) {}

  /** visit parses a file once and follows its includes; false when the file does not exist. */
  async visit(filePath: string, entry: RegisteredFormat, chain: string[], reference: Reference): Promise<boolean> {
    if (!this.parsed.has(filePath)) {
      const manifest = await this.parse(filePath, entry);
      if (!manifest) return false;
      this.parsed.set(filePath, manifest);
      for (const include of manifest.includes ?? []) {
        await this.follow(manifest, include.target, include.kind, include.line, [...chain, filePath]);
      }
    }
    const references = this.references.get(filePath) ?? new Set<Reference>();
    references.add(reference);
    this.references.set(filePath, references);
    return true;
  }

  private async follow(
    from: Manifest,
    target: string,
    kind: 'requirement' | 'constraint',
    line: number,
    chain: string[],
  ): Promise<void> {
    const problem = (message: string): void => {
      from.errors.push({ message, path: from.path, line });
    };
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
      problem(`remote include "${target}" is not fetched; its requirements are not audited`);
      return;
    }
    const inside = isAbsolutePath(target) ? { ok: false as const } : resolveInside(joinRelative(from.path, target));
    if (!inside.ok) {
      problem(`include "${target}" leaves the audited folder; not read`);
      return;
    }
    const resolved = inside.path;
    if (chain.includes(resolved)) {
      const cycle = [...chain.slice(chain.indexOf(resolved)), resolved].join(' → ');
      problem(`include cycle: ${cycle}`);
      return;
    }
    if (chain.length >= MAX_INCLUDE_DEPTH) {
      problem(`includes nested more than ${MAX_INCLUDE_DEPTH} deep; "${target}" not read`);
      return;
    }
    // Whatever its name, a file reached by -r/-c is a requirements file (pip reads it as one).
    if (!(await this.visit(resolved, REQUIREMENTS_ENTRY, chain, kind))) {
      problem(`included file "${target}" not found`);
      return;
    }
    const includers = this.includedBy.get(resolved) ?? [];
    if (!includers.includes(from.path)) includers.push(from.path);
    this.includedBy.set(resolved, includers);
  }

  /** parse reads and parses one file; null when it does not exist. */
  private async parse(filePath: string, entry: RegisteredFormat): Promise<Manifest | null> {
    const unreadable = (message: string): Manifest => ({
      path: filePath,
      kind: entry.kind,
      requirements: [],
      errors: [{ message, path: filePath, line: 1 }],
    });
    const read = await this.files.readFile(filePath);
    if (!read.ok && read.missing) return null;
    if (!read.ok) return unreadable(read.error);
    const decoded = decodeText(read.bytes);
    if (!decoded.ok) return unreadable(decoded.error);
    this.contents.set(filePath, decoded.text);
    try {
      return await entry.format.parse({ path: filePath, content: decoded.text });
    } catch (error) {
      // A parser bug must cost one file, not the audit.
      return unreadable(`internal error while parsing: ${(error as Error).message}`);
    }
  }

  error(problem: Problem): void {
    this.errors.push(problem);
  }

  finish(virtualEnvs: string[]): Omit<CollectedManifests, 'listing'> {
    for (const [filePath, manifest] of this.parsed) {
      if (isConstraintsOnly(filePath, this.references.get(filePath))) {
        for (const requirement of manifest.requirements) requirement.constraintOnly = true;
      }
    }
    const manifests = [...this.parsed.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { manifests, contents: this.contents, includedBy: this.includedBy, virtualEnvs, errors: this.errors };
  }
}

function isAbsolutePath(target: string): boolean {
  return /^([/\\]|[A-Za-z]:[/\\])/.test(target);
}

/**
 * A requirements file only constrains (pip's `-c`) when every reference to it is `-c`, or when it is
 * named `constraints*.txt` and nothing installs it with `-r`.
 */
function isConstraintsOnly(filePath: string, references: Set<Reference> | undefined): boolean {
  if (!references || references.has('requirement')) return false;
  if (references.has('constraint') && !references.has('discovered')) return true;
  return /^constraints/i.test(path.posix.basename(filePath)) && references.has('discovered');
}
