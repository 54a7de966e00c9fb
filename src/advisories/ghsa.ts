/**
 * GhsaSource reads the GitHub Advisory Database through GitHub's GraphQL API
 * (https://docs.github.com/en/graphql/reference/objects#securityvulnerability) and hands its findings
 * over as OSV records, so matching, alias merging and severity work the same for every source.
 *
 * Many packages share one request: each is an aliased `securityVulnerabilities` field (`p0: …, p1: …`),
 * and a package with more than 100 vulnerabilities is paged with its own `after` cursor in a later
 * request. Names travel as GraphQL variables, never pasted into the query text.
 */
import { z } from 'zod';
import { AdvisorySourceError } from '../errors.js';
import type { HttpClient } from '../http/client.js';
import { normalizePackageName } from '../manifests/pep508.js';
import { versionsEqual } from '../pep440/index.js';
import type { AdvisorySource, OsvAffected, OsvRange, OsvRecord, PackageQuery, SourceResult } from './types.js';

/** GITHUB_GRAPHQL_URL is the default GraphQL endpoint (GitHub Enterprise Server: `https://HOST/api/graphql`). */
export const GITHUB_GRAPHQL_URL = 'https://api.github.com/graphql';

/** MAX_PAGES bounds the pages read for one package, so a server that never ends cannot loop us. */
const MAX_PAGES = 100;

/** GhsaSourceOptions configure a GhsaSource. */
export interface GhsaSourceOptions {
  http: HttpClient;
  /** A GitHub token (app installation token or PAT); the GraphQL API requires one. */
  token: string;
  /** GraphQL endpoint (default `https://api.github.com/graphql`). */
  endpoint?: string;
  /** Packages asked in one request (default 25). */
  packagesPerRequest?: number;
  /** Vulnerabilities per package per page (default and GitHub's maximum: 100). */
  pageSize?: number;
}

const cvssSchema = z.object({ vectorString: z.string().nullable(), score: z.number().nullable() }).nullable();

const vulnerabilityNodeSchema = z.object({
  package: z.object({ name: z.string(), ecosystem: z.string() }),
  vulnerableVersionRange: z.string(),
  firstPatchedVersion: z.object({ identifier: z.string() }).nullable(),
  advisory: z.object({
    ghsaId: z.string().min(1),
    summary: z.string(),
    description: z.string().nullable(),
    severity: z.string(),
    publishedAt: z.string(),
    updatedAt: z.string(),
    withdrawnAt: z.string().nullable(),
    identifiers: z.array(z.object({ type: z.string(), value: z.string() })),
    references: z.array(z.object({ url: z.string() })),
    // `cvss` was removed on 2025-10-01 in favour of `cvssSeverities` (GitHub changelog, 2025-03-27).
    cvssSeverities: z.object({ cvssV3: cvssSchema.optional(), cvssV4: cvssSchema.optional() }),
  }),
});

/** GhsaVulnerabilityNode is one `SecurityVulnerability` as the query below asks for it. */
export type GhsaVulnerabilityNode = z.infer<typeof vulnerabilityNodeSchema>;

const connectionSchema = z.object({
  nodes: z.array(vulnerabilityNodeSchema),
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
});

const graphqlResponseSchema = z.object({
  // An alias may be null when GraphQL reports an error for it; `errors` is checked first.
  data: z.record(z.string(), connectionSchema.nullable()).nullish(),
  errors: z.array(z.object({ message: z.string(), type: z.string().optional() })).optional(),
});

const SELECTION = `fragment PipwardenVulnerabilities on SecurityVulnerabilityConnection {
  nodes {
    package { name ecosystem }
    vulnerableVersionRange
    firstPatchedVersion { identifier }
    advisory {
      ghsaId summary description severity publishedAt updatedAt withdrawnAt
      identifiers { type value }
      references { url }
      cvssSeverities { cvssV3 { vectorString score } cvssV4 { vectorString score } }
    }
  }
  pageInfo { hasNextPage endCursor }
}`;

interface PendingPackage {
  name: string;
  cursor: string | null;
  page: number;
}

/** GhsaSource is the AdvisorySource `ghsa`: the GitHub Advisory Database, batched, converted to OSV. */
export class GhsaSource implements AdvisorySource {
  readonly id = 'ghsa' as const;
  private readonly http: HttpClient;
  private readonly token: string;
  private readonly endpoint: string;
  private readonly packagesPerRequest: number;
  private readonly pageSize: number;

  constructor(options: GhsaSourceOptions) {
    if (options.token.trim() === '') {
      throw new AdvisorySourceError('ghsa', 'a GitHub token is required to query the GitHub Advisory Database');
    }
    this.http = options.http;
    this.token = options.token.trim();
    this.endpoint = options.endpoint ?? GITHUB_GRAPHQL_URL;
    this.packagesPerRequest = Math.max(1, options.packagesPerRequest ?? 25);
    this.pageSize = Math.min(100, Math.max(1, options.pageSize ?? 100));
  }

  /**
   * fetch returns every GitHub advisory of each package (versions are matched centrally), as OSV
   * records. Every queried name has an entry, empty when nothing was found. A failed request, GraphQL
   * `errors` or an unexpected answer is an AdvisorySourceError naming `ghsa` and the cause.
   */
  async fetch(packages: readonly PackageQuery[]): Promise<SourceResult> {
    try {
      return await this.lookup(packages);
    } catch (error) {
      if (error instanceof AdvisorySourceError) throw error;
      throw new AdvisorySourceError(this.id, error instanceof Error ? error.message : String(error), error);
    }
  }

  private async lookup(packages: readonly PackageQuery[]): Promise<SourceResult> {
    const names = [...new Set(packages.map((item) => normalizePackageName(item.name)))];
    const nodesByName = new Map<string, GhsaVulnerabilityNode[]>(names.map((name) => [name, []]));

    // One queue of (package, cursor) work: a package that has another page goes back to the end of the
    // queue and shares a later request with other packages.
    const queue: PendingPackage[] = names.map((name) => ({ name, cursor: null, page: 1 }));
    while (queue.length > 0) {
      const batch = queue.splice(0, this.packagesPerRequest);
      const connections = await this.request(batch);
      batch.forEach((item, index) => {
        const connection = connections[index];
        if (!connection) return;
        nodesByName.get(item.name)?.push(...connection.nodes);
        if (!connection.pageInfo.hasNextPage) return;
        const cursor = connection.pageInfo.endCursor;
        if (cursor === null || cursor === item.cursor) {
          throw new Error(`GitHub said ${item.name} has another page but gave no new cursor`);
        }
        if (item.page >= MAX_PAGES) throw new Error(`pagination of ${item.name} did not end after ${MAX_PAGES} pages`);
        queue.push({ name: item.name, cursor, page: item.page + 1 });
      });
    }

    const records = ghsaNodesToOsv([...nodesByName.values()].flat());
    const advisories = new Map<string, OsvRecord[]>();
    for (const [name, nodes] of nodesByName) {
      const ids = new Set(nodes.map((node) => node.advisory.ghsaId));
      advisories.set(
        name,
        [...ids].map((id) => records.get(id)).filter((record): record is OsvRecord => record !== undefined),
      );
    }
    return { source: this.id, advisories };
  }

  /** request asks one GraphQL query for a batch of packages and returns their connections in batch order. */
  private async request(batch: readonly PendingPackage[]): Promise<z.infer<typeof connectionSchema>[]> {
    const declarations = batch.map((_, index) => `$n${index}: String!, $c${index}: String`).join(', ');
    const fields = batch
      .map(
        (_, index) =>
          `  p${index}: securityVulnerabilities(ecosystem: PIP, package: $n${index}, first: ${this.pageSize}, after: $c${index}) { ...PipwardenVulnerabilities }`,
      )
      .join('\n');
    const query = `query PipwardenAdvisories(${declarations}) {\n${fields}\n}\n${SELECTION}`;
    const variables: Record<string, string | null> = {};
    batch.forEach((item, index) => {
      variables[`n${index}`] = item.name;
      variables[`c${index}`] = item.cursor;
    });
    const response = await this.http.postJson(this.endpoint, { query, variables }, graphqlResponseSchema, {
      headers: { authorization: `bearer ${this.token}` },
    });
    if (response.errors && response.errors.length > 0) {
      const messages = response.errors.map((error) => (error.type ? `${error.type}: ${error.message}` : error.message));
      throw new Error(`GitHub GraphQL API (${this.endpoint}) answered with errors: ${messages.join('; ')}`);
    }
    const data = response.data;
    return batch.map((item, index) => {
      const connection = data?.[`p${index}`];
      if (!connection) throw new Error(`GitHub GraphQL API (${this.endpoint}) gave no answer for ${item.name}`);
      return connection;
    });
  }
}

/**
 * ghsaNodesToOsv converts GitHub vulnerabilities to OSV records, one per advisory (`ghsaId`): every
 * node of that advisory — one per affected package and version range — becomes one `affected[]`
 * entry of the same record.
 */
export function ghsaNodesToOsv(nodes: readonly GhsaVulnerabilityNode[]): Map<string, OsvRecord> {
  const records = new Map<string, OsvRecord>();
  const seenRanges = new Set<string>();
  for (const node of nodes) {
    const advisory = node.advisory;
    let record = records.get(advisory.ghsaId);
    if (!record) {
      record = advisoryToOsv(advisory);
      records.set(advisory.ghsaId, record);
    }
    const key = `${advisory.ghsaId}\u0000${normalizePackageName(node.package.name)}\u0000${node.vulnerableVersionRange}`;
    if (seenRanges.has(key)) continue;
    seenRanges.add(key);
    record.affected?.push(nodeToAffected(node));
  }
  return records;
}

/** advisoryToOsv is the OSV record of a GitHub advisory, without its `affected` entries. */
function advisoryToOsv(advisory: GhsaVulnerabilityNode['advisory']): OsvRecord {
  const aliases = [
    ...new Set(
      advisory.identifiers
        .filter((identifier) => identifier.type === 'CVE' && identifier.value !== advisory.ghsaId)
        .map((identifier) => identifier.value),
    ),
  ];
  const severity: NonNullable<OsvRecord['severity']> = [];
  const v3 = advisory.cvssSeverities.cvssV3?.vectorString;
  const v4 = advisory.cvssSeverities.cvssV4?.vectorString;
  if (v3) severity.push({ type: 'CVSS_V3', score: v3 });
  if (v4) severity.push({ type: 'CVSS_V4', score: v4 });
  const record: OsvRecord = {
    id: advisory.ghsaId,
    modified: advisory.updatedAt,
    published: advisory.publishedAt,
    aliases,
    summary: advisory.summary,
    details: advisory.description ?? '',
    affected: [],
    references: advisory.references.map((reference) => ({ type: 'WEB', url: reference.url })),
    // GitHub's own OSV export keeps its severity word here too (CRITICAL, HIGH, MODERATE, LOW).
    database_specific: { severity: advisory.severity },
  };
  if (severity.length > 0) record.severity = severity;
  if (advisory.withdrawnAt) record.withdrawn = advisory.withdrawnAt;
  return record;
}

/** nodeToAffected is the `affected[]` entry of one vulnerability node. */
function nodeToAffected(node: GhsaVulnerabilityNode): OsvAffected {
  const translated = translateVersionRange(node.vulnerableVersionRange, node.firstPatchedVersion?.identifier ?? null);
  const affected: OsvAffected = {
    package: { ecosystem: 'PyPI', name: node.package.name },
    database_specific: {
      vulnerable_version_range: node.vulnerableVersionRange,
      ...(node.firstPatchedVersion ? { first_patched_version: node.firstPatchedVersion.identifier } : {}),
      ...(translated.unparsed ? { unparsed_range: true } : {}),
    },
  };
  if (translated.ranges) affected.ranges = translated.ranges;
  if (translated.versions) affected.versions = translated.versions;
  return affected;
}

/** TranslatedRange is a GitHub range in OSV terms: ECOSYSTEM ranges, or an explicit version list. */
export interface TranslatedRange {
  ranges?: OsvRange[];
  versions?: string[];
  /** True when the range could not be read; it then covers every version (see translateVersionRange). */
  unparsed: boolean;
}

const CONSTRAINT = /^(>=|<=|>|<|=)\s*(\S+)$/;

/**
 * translateVersionRange turns GitHub's `vulnerableVersionRange` — comma-separated constraints such as
 * `< 2.0.1`, `>= 1.0, < 1.2`, `<= 1.5`, `= 1.0` (GitHub docs, "SecurityVulnerability") — into OSV
 * (https://ossf.github.io/osv-schema/#affectedranges-field):
 *
 * - `>= a` → `introduced: a`; no lower bound → `introduced: "0"`.
 * - `< b` → `fixed: b`, spelled as `firstPatchedVersion` when that is the same PEP 440 version. When the
 *   two disagree the range wins: it is what GitHub itself matches on.
 * - `<= b` → `last_affected: b`.
 * - `= v` → `versions: [v]`.
 * - `> a`: OSV has no exclusive lower bound and the next release after `a` is unknown here, so this is
 *   `introduced: a` — version `a` itself is over-reported rather than a vulnerable version missed.
 * - Anything else (unknown operator, two lower bounds…) covers every version (`introduced: "0"`), with
 *   `unparsed: true`: a loud false positive beats a silent miss.
 */
export function translateVersionRange(range: string, firstPatchedVersion: string | null): TranslatedRange {
  const everything: TranslatedRange = { ranges: [ecosystemRange([{ introduced: '0' }])], unparsed: true };
  const parts = range
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  let lower: string | null = null;
  let upper: { operator: '<' | '<='; version: string } | null = null;
  let exact: string | null = null;
  for (const part of parts) {
    const match = CONSTRAINT.exec(part);
    if (!match) return everything;
    const [, operator, version] = match as unknown as [string, string, string];
    if (operator === '=') {
      if (exact !== null) return everything;
      exact = version;
    } else if (operator === '>=' || operator === '>') {
      if (lower !== null) return everything;
      lower = version;
    } else {
      if (upper !== null) return everything;
      upper = { operator: operator === '<' ? '<' : '<=', version };
    }
  }
  if (exact !== null) return parts.length === 1 ? { versions: [exact], unparsed: false } : everything;
  if (lower === null && upper === null) return everything;

  const events: OsvRange['events'] = [{ introduced: lower ?? '0' }];
  if (upper?.operator === '<') {
    const fixed =
      firstPatchedVersion !== null && versionsEqual(firstPatchedVersion, upper.version)
        ? firstPatchedVersion
        : upper.version;
    events.push({ fixed });
  } else if (upper?.operator === '<=') {
    events.push({ last_affected: upper.version });
  }
  return { ranges: [ecosystemRange(events)], unparsed: false };
}

function ecosystemRange(events: OsvRange['events']): OsvRange {
  return { type: 'ECOSYSTEM', events };
}
