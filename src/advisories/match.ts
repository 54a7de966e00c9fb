/**
 * Exact OSV matching for the PyPI ecosystem: does an advisory affect a version, or some version a
 * specifier allows? Semantics follow the OSV schema's "Evaluation" pseudocode
 * (https://ossf.github.io/osv-schema/#evaluation) with PEP 440 ordering, so every advisory source is
 * judged the same way. Pure functions: nothing here throws on bad advisory data.
 *
 * Decisions, where the schema leaves room:
 * - Only `affected[]` entries whose `package.ecosystem` is exactly `PyPI` (the spelling of the OSV
 *   ecosystem list, written by the PyPA database, OSV.dev and GitHub) and whose name PEP 503-normalises to
 *   the queried name count.
 * - `ECOSYSTEM` ranges are evaluated with PEP 440 ordering. `SEMVER` ranges are evaluated the same way:
 *   PyPI has no SemVer ordering of its own, and SemVer strings are PEP 440 versions (`1.0.0-beta.1` is
 *   `1.0.0b1`). `GIT` ranges (commit hashes) and unknown range types never decide a PyPI version.
 * - Events are sorted by PEP 440 order, `introduced: "0"` first; a sort is stable, so events at equal
 *   versions keep the advisory's order (`fixed: 1.0, introduced: 1.0` reads as a continuous range).
 * - `limit: "*"` (any limit containing `*`) is infinity. A range without limits is unbounded.
 * - A version in the advisory that is not PEP 440 (or holds a number beyond 2^53, which the PEP 440
 *   library would round) is skipped: the event (or `versions` entry) is ignored. An unreadable `fixed`
 *   thereby widens the range (a false alarm rather than a missed vulnerability); an unreadable
 *   `introduced` starts nothing.
 * - A `withdrawn` advisory affects nothing, whatever the timestamp (these functions read no clock).
 * - Local versions: `1.0+ubuntu1` is judged as `1.0`. PEP 440 reserves local labels for downstream builds
 *   of the upstream release and PyPI refuses them, so advisories only ever speak of public versions; the
 *   same rule makes `==1.0` match `1.0+local` (PEP 440 §Version matching). A `versions` entry written
 *   exactly like the queried string still matches it.
 * - Pre-, post- and dev releases and epochs are ordered as PEP 440 says: `2.0rc1` and `2.0.dev1` are below
 *   a `fixed: 2.0`, `1.0.post1` is above a `last_affected: 1.0`, `1!0.5` is above every epoch-0 version.
 * - A queried version that is not PEP 440 matches only a `versions` entry spelled the same.
 *
 * Each advisory's entries are prepared once per package name and kept in a WeakMap keyed by the record,
 * so records are treated as immutable once matched.
 */
import { normalizePackageName } from '../manifests/pep508.js';
import {
  compareVersions,
  explainVersion,
  isPrerelease,
  isValidSpecifier,
  publicVersion,
  satisfiesSpecifier,
  versionIdentity,
} from '../pep440/index.js';
import type { OsvAffected, OsvRange, OsvRecord } from './types.js';

/** PYPI_ECOSYSTEM is the OSV ecosystem name of the Python Package Index. */
export const PYPI_ECOSYSTEM = 'PyPI';

/** Range types evaluated with PEP 440 ordering. */
const ORDERED_RANGE_TYPES = new Set(['ECOSYSTEM', 'SEMVER']);

type BoundKind = 'introduced' | 'fixed' | 'last_affected';

interface Bound {
  kind: BoundKind;
  version: string;
  /** `introduced: "0"`: before every version. */
  zero: boolean;
}

interface CompiledRange {
  /** Sorted events. */
  bounds: Bound[];
  /** Readable `limit` values; null when the range is not capped (no limit, or `*`). */
  limits: string[] | null;
}

/** CompiledEntry is one matching `affected[]` entry, prepared once for many version checks. */
interface CompiledEntry {
  /** `versionIdentity` of every readable `versions` entry. */
  listedKeys: Set<string>;
  /** Every `versions` entry as written. */
  listedRaw: Set<string>;
  /** Readable `versions` entries. */
  listed: string[];
  ranges: CompiledRange[];
}

const compiledCache = new WeakMap<OsvRecord, Map<string, CompiledEntry[]>>();

/** isWithdrawn tells whether an advisory has been withdrawn (a non-empty `withdrawn` timestamp). */
export function isWithdrawn(advisory: OsvRecord): boolean {
  return advisory.withdrawn !== undefined && advisory.withdrawn.trim() !== '';
}

/**
 * pypiPackagesOf lists the PEP 503-normalised names of the PyPI packages an advisory has `affected[]`
 * entries for, without duplicates, in the advisory's order.
 */
export function pypiPackagesOf(advisory: OsvRecord): string[] {
  const names = new Set<string>();
  for (const affected of advisory.affected ?? []) {
    if (affected.package?.ecosystem === PYPI_ECOSYSTEM) names.add(normalizePackageName(affected.package.name));
  }
  return [...names];
}

/**
 * affectsVersion tells whether an advisory affects one version of a PyPI package, with the OSV evaluation
 * algorithm: the version is listed in `versions` (PEP 440 equality, `1.0` == `1.0.0`) or lies in an
 * `ECOSYSTEM`/`SEMVER` range. See the module comment for the decisions on local versions, invalid data
 * and withdrawn advisories.
 */
export function affectsVersion(advisory: OsvRecord, name: string, version: string): boolean {
  if (isWithdrawn(advisory)) return false;
  const entries = compiledEntries(advisory, name);
  if (entries.length === 0) return false;
  const query = prepareQuery(version);
  return entries.some((entry) => entryAffects(entry, query));
}

/**
 * affectedBySpecifier tells, for a dependency known only by a range, whether some version the specifier
 * allows is affected. A null, empty or unreadable specifier allows every version (an unreadable range
 * constrains nothing we can check, and a missed vulnerability is worse than a false alarm).
 *
 * With `knownVersions` (the package's releases, e.g. from PyPI), the answer is exact: some known release
 * allowed by the specifier is affected. Pre-releases count as a resolver would pick them (PEP 440
 * §Handling of pre-releases): only when the specifier names one, or when no final release is allowed.
 *
 * Without them, the affected set and the allowed set are both unions of intervals whose ends are versions
 * named by the advisory or by the specifier, so a non-empty intersection holds one of these points or a
 * version just above one. Candidates are therefore every such point, its final release (`2.0` for
 * `2.0rc1`), a version just above that release and its post-releases (`1.0.0.0.0.1` for `1.0`, which
 * `>1.0` allows), the next prefix of a wildcard (`1.5` for `1.4.*`) and every `versions` entry. A
 * candidate proves the answer only if the specifier allows it and the advisory affects it, so a `true` is
 * always backed by a concrete version; such a version may not have been released (the price of not
 * knowing the releases). Pre-release candidates count only when the specifier names a pre-release.
 */
export function affectedBySpecifier(
  advisory: OsvRecord,
  name: string,
  specifier: string | null,
  knownVersions?: readonly string[],
): boolean {
  if (isWithdrawn(advisory)) return false;
  const entries = compiledEntries(advisory, name);
  if (entries.length === 0) return false;
  const spec = specifier?.trim() ?? '';
  const constrained = spec !== '' && isValidSpecifier(spec);
  const clauses = constrained ? specifierClauses(spec) : [];
  const allows = (version: string): boolean => !constrained || specifierAllows(spec, version);
  const namesPrerelease = clauses.some(requestsPrereleases);
  const affected = (version: string): boolean => {
    const query = prepareQuery(version);
    return entries.some((entry) => entryAffects(entry, query));
  };

  if (knownVersions !== undefined && knownVersions.length > 0) {
    const allowed = knownVersions.filter((version) => readable(version) && allows(version));
    const finals = allowed.filter((version) => !isPrerelease(version));
    const pool = namesPrerelease || finals.length === 0 ? allowed : finals;
    return pool.some(affected);
  }

  const candidates = new Set<string>();
  for (const entry of entries) {
    for (const version of entry.listed) candidates.add(version);
    for (const range of entry.ranges) {
      for (const bound of range.bounds) addProbes(candidates, bound.zero ? '0' : bound.version);
      for (const limit of range.limits ?? []) addProbes(candidates, limit);
    }
  }
  for (const clause of clauses) {
    if (clause.operator === '===') candidates.add(clause.version);
    addProbes(candidates, clause.version);
    if (clause.wildcard) {
      const next = nextPrefix(clause.version);
      if (next !== null) addProbes(candidates, next);
    }
  }
  for (const candidate of candidates) {
    if (!namesPrerelease && isPrerelease(candidate)) continue;
    if (allows(candidate) && affected(candidate)) return true;
  }
  return false;
}

/**
 * fixedVersions lists every `fixed` event of the package's ECOSYSTEM/SEMVER ranges, as the advisory spells
 * them, in ascending PEP 440 order, without PEP 440-equal duplicates (the first spelling wins).
 * Unreadable versions are left out.
 */
export function fixedVersions(advisory: OsvRecord, name: string): string[] {
  const byKey = new Map<string, string>();
  for (const entry of compiledEntries(advisory, name)) {
    for (const range of entry.ranges) {
      for (const bound of range.bounds) {
        if (bound.kind !== 'fixed') continue;
        const key = versionIdentity(bound.version);
        if (!byKey.has(key)) byKey.set(key, bound.version);
      }
    }
  }
  return [...byKey.values()].sort(compareVersions);
}

/**
 * readable tells whether a version can be ordered: valid PEP 440 with every number below 2^53
 * (explainVersion). Only readable versions reach compareVersions, which then cannot throw.
 */
function readable(version: string): boolean {
  return explainVersion(version) !== null;
}

interface PreparedQuery {
  raw: string;
  /** The public version, or null when the queried version is not PEP 440. */
  version: string | null;
  key: string | null;
}

function prepareQuery(raw: string): PreparedQuery {
  const version = publicVersion(raw);
  return { raw, version, key: version === null ? null : versionIdentity(version) };
}

function entryAffects(entry: CompiledEntry, query: PreparedQuery): boolean {
  if (entry.listedRaw.has(query.raw)) return true;
  if (query.version === null || query.key === null) return false;
  if (entry.listedKeys.has(query.key)) return true;
  const version = query.version;
  return entry.ranges.some((range) => inRange(version, range));
}

/** inRange is the schema's IncludedInRanges for one range, BeforeLimits included. */
function inRange(version: string, range: CompiledRange): boolean {
  if (range.limits !== null && !range.limits.some((limit) => compareVersions(version, limit) < 0)) return false;
  let vulnerable = false;
  for (const bound of range.bounds) {
    if (bound.kind === 'introduced') {
      if (bound.zero || compareVersions(version, bound.version) >= 0) vulnerable = true;
    } else if (bound.kind === 'fixed') {
      if (compareVersions(version, bound.version) >= 0) vulnerable = false;
    } else if (compareVersions(version, bound.version) > 0) {
      vulnerable = false;
    }
  }
  return vulnerable;
}

/** compiledEntries prepares (once per advisory object and name) the entries that concern a package. */
function compiledEntries(advisory: OsvRecord, name: string): CompiledEntry[] {
  const wanted = normalizePackageName(name);
  let byName = compiledCache.get(advisory);
  if (byName === undefined) {
    byName = new Map();
    compiledCache.set(advisory, byName);
  }
  const known = byName.get(wanted);
  if (known !== undefined) return known;
  const entries = (advisory.affected ?? [])
    .filter(
      (affected) =>
        affected.package?.ecosystem === PYPI_ECOSYSTEM && normalizePackageName(affected.package.name) === wanted,
    )
    .map(compileEntry);
  byName.set(wanted, entries);
  return entries;
}

function compileEntry(affected: OsvAffected): CompiledEntry {
  const listedRaw = new Set((affected.versions ?? []).filter((version) => version.trim() !== ''));
  const listed = [...listedRaw].filter(readable);
  const ranges = (affected.ranges ?? [])
    .filter((range) => ORDERED_RANGE_TYPES.has(range.type.toUpperCase()))
    .map(compileRange);
  return { listedRaw, listed, listedKeys: new Set(listed.map(versionIdentity)), ranges };
}

function compileRange(range: OsvRange): CompiledRange {
  const bounds: Bound[] = [];
  let limits: string[] | null = null;
  let unbounded = false;
  for (const event of range.events) {
    // The schema allows one key per event; a malformed event with several keys is read key by key.
    if (event.introduced !== undefined) {
      const zero = event.introduced.trim() === '0';
      if (zero || readable(event.introduced)) bounds.push({ kind: 'introduced', version: event.introduced, zero });
    }
    if (event.fixed !== undefined && readable(event.fixed)) {
      bounds.push({ kind: 'fixed', version: event.fixed, zero: false });
    }
    if (event.last_affected !== undefined && readable(event.last_affected)) {
      bounds.push({ kind: 'last_affected', version: event.last_affected, zero: false });
    }
    if (event.limit !== undefined) {
      if (event.limit.includes('*')) unbounded = true;
      else if (readable(event.limit)) (limits ??= []).push(event.limit);
    }
  }
  // Array.prototype.sort is stable, so equal versions keep the advisory's order.
  bounds.sort((a, b) => (a.zero || b.zero ? Number(b.zero) - Number(a.zero) : compareVersions(a.version, b.version)));
  return { bounds, limits: unbounded ? null : limits };
}

interface Clause {
  operator: string;
  /** The clause's version, without a trailing `.*`. */
  version: string;
  wildcard: boolean;
}

const CLAUSE = /^(===|~=|==|!=|<=|>=|<|>)\s*(\S+)$/;

/** specifierClauses splits a PEP 440 specifier set into its clauses (PEP 440 §Version specifiers). */
function specifierClauses(specifier: string): Clause[] {
  const clauses: Clause[] = [];
  for (const part of specifier.split(',')) {
    const match = CLAUSE.exec(part.trim());
    if (!match) continue;
    const operator = match[1] as string;
    const written = match[2] as string;
    const wildcard = (operator === '==' || operator === '!=') && written.endsWith('.*');
    clauses.push({ operator, version: wildcard ? written.slice(0, -2) : written, wildcard });
  }
  return clauses;
}

/**
 * requestsPrereleases mirrors `packaging`'s Specifier.prereleases: a clause other than `!=` whose version
 * is a pre-release asks for pre-releases.
 */
function requestsPrereleases(clause: Clause): boolean {
  return clause.operator !== '!=' && isPrerelease(clause.version);
}

/** addProbes adds a version, its final release and the version just above that release's posts. */
function addProbes(candidates: Set<string>, version: string): void {
  const parts = explainVersion(version);
  if (parts === null) return;
  candidates.add(version);
  candidates.add(parts.base);
  const epoch = parts.epoch === 0 ? '' : `${parts.epoch}!`;
  // Nothing released sorts between `1.0.postN` and `1.0.0.0.0.1`, and `>1.0` allows the latter.
  candidates.add(`${epoch}${[...parts.release, 0, 0, 0, 1].join('.')}`);
}

/** nextPrefix is the first release after a wildcard prefix: `1.4` → `1.5` (for `1.4.*`). */
function nextPrefix(prefix: string): string | null {
  const parts = explainVersion(prefix);
  if (parts === null || parts.release.length === 0) return null;
  const release = [...parts.release];
  release[release.length - 1] = (release[release.length - 1] ?? 0) + 1;
  const epoch = parts.epoch === 0 ? '' : `${parts.epoch}!`;
  return `${epoch}${release.join('.')}`;
}

const allowsMemo = new Map<string, boolean>();
const MAX_MEMO = 50_000;

/**
 * specifierAllows is satisfiesSpecifier, memoised and never throwing: advisories of one package repeat
 * the same release lists, so the same (specifier, version) pairs come back many times.
 */
function specifierAllows(specifier: string, version: string): boolean {
  const key = `${specifier}\u0000${version}`;
  const known = allowsMemo.get(key);
  if (known !== undefined) return known;
  let allowed: boolean;
  try {
    allowed = satisfiesSpecifier(version, specifier);
  } catch {
    allowed = false;
  }
  if (allowsMemo.size >= MAX_MEMO) allowsMemo.clear();
  allowsMemo.set(key, allowed);
  return allowed;
}
