/**
 * typosquat: a dependency whose name imitates one of PyPI's most downloaded projects (the shipped list
 * plus `risks.popularPackages`). Typosquatting packages are published under near-miss names
 * (`reqeusts`, `python-dateutils`, `co1orama`) to be installed by mistake, and often carry malware.
 *
 * A name is a look-alike of a popular name when (see `similarity.ts` for the exact rules):
 * - it is at most 1 edit away (insertion, deletion, substitution, swap of neighbours) for names of 5+
 *   characters, or 2 edits for 10+, compared on the one `-`-separated part that differs when the parts
 *   line up (so plugin families such as `mypy-boto3-*` are not look-alikes of each other), digit-only
 *   differences excepted (`cu11`/`cu12`);
 * - or it reads the same once separators, look-alike characters (0/o, 1/l/i, rn/m, vv/w) and
 *   python-/py- prefixes or -python/-py suffixes are erased (`python-jose` / `jose`).
 * A popular name itself is never reported. Every dependency installed from an index is checked, direct
 * or not. Severity medium: a heuristic, to be confirmed by a person, who adds the name to
 * `risks.popularPackages` when it is the package they meant.
 */
import { normalizePackageName } from '../../manifests/pep508.js';
import type { RiskFinding } from '../../report/types.js';
import { POPULAR_PACKAGES } from '../popular.js';
import { finding } from '../scope.js';
import { NeighbourIndex, SkeletonIndex, typoDistance, type LookAlike } from '../similarity.js';
import type { RiskCheck } from '../types.js';

/** LookAlikeFinder finds the popular name a name imitates, over the shipped list and extra names. */
export class LookAlikeFinder {
  private readonly known: ReadonlySet<string>;
  private readonly ordered: readonly string[];
  private readonly skeletons: SkeletonIndex;
  private readonly neighbours: NeighbourIndex;
  private readonly rank: ReadonlyMap<string, number>;

  constructor(extraNames: readonly string[] = []) {
    // Extra names (the organisation's own) come first: they are the targets a look-alike most likely aims at.
    this.ordered = [...new Set([...extraNames.map(normalizePackageName), ...POPULAR_PACKAGES])];
    this.known = new Set(this.ordered);
    this.skeletons = new SkeletonIndex(this.ordered);
    this.neighbours = new NeighbourIndex(this.ordered);
    this.rank = new Map(this.ordered.map((name, index) => [name, index]));
  }

  /** isKnown tells whether a name is popular or listed as known-good. */
  isKnown(name: string): boolean {
    return this.known.has(normalizePackageName(name));
  }

  /** lookAlike is the popular name `name` imitates, or null. */
  lookAlike(name: string): LookAlike | null {
    const normalized = normalizePackageName(name);
    if (this.known.has(normalized)) return null;
    // A name that reads the same as a popular one is the stronger (and more telling) match.
    const bySkeleton = this.skeletons.lookAlike(normalized);
    if (bySkeleton) return bySkeleton;
    let best: { target: string; distance: number; rank: number } | null = null;
    for (const popular of this.neighbours.candidates(normalized)) {
      const distance = typoDistance(normalized, popular);
      if (distance === null) continue;
      const rank = this.rank.get(popular) ?? Number.MAX_SAFE_INTEGER;
      // The closest name wins; among equally close ones, the most downloaded (or an own name).
      if (best === null || distance < best.distance || (distance === best.distance && rank < best.rank)) best = { target: popular, distance, rank };
    }
    return best ? { target: best.target, how: best.distance === 1 ? 'one character apart' : 'two characters apart' } : null;
  }
}

/** typosquatCheck reports dependencies whose names imitate popular packages. */
export const typosquatCheck: RiskCheck = {
  id: 'typosquat',
  title: 'Name imitates a popular package',
  run({ input, config }) {
    const finder = new LookAlikeFinder(config.popularPackages);
    const listed = new Set(config.popularPackages.map(normalizePackageName));
    const verdicts = new Map<string, LookAlike | null>();
    const findings: RiskFinding[] = [];
    for (const dependency of input.dependencies) {
      if (dependency.source && dependency.source.type !== 'registry') continue;
      if (!verdicts.has(dependency.name)) verdicts.set(dependency.name, finder.lookAlike(dependency.name));
      const match = verdicts.get(dependency.name);
      if (!match) continue;
      findings.push(
        finding({
          kind: 'typosquat',
          severity: 'medium',
          package: dependency.name,
          version: dependency.version,
          locations: dependency.locations,
          message:
            `${dependency.name} looks like ${match.target}, ${listed.has(match.target) ? 'a name listed in risks.popularPackages' : 'one of the most downloaded packages on PyPI'} (${match.how}). ` +
            'Typosquatting packages imitate popular names to be installed by mistake, and often carry malware. Check that ' +
            `${dependency.name} is the package you meant; if it is, add it to risks.popularPackages.`,
        }),
      );
    }
    return findings;
  },
};
