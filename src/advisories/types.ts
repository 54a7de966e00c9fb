/**
 * Advisories in the OSV format (https://ossf.github.io/osv-schema/): every source — the OSV API, an
 * offline OSV database, the GitHub Advisory Database — hands over OSV records, so matching, alias
 * merging and severity work one way for all of them.
 */
import { z } from 'zod';

/** OSV_EVENT is one event of an affected range; exactly one key is set. */
const osvEvent = z.object({
  introduced: z.string().optional(),
  fixed: z.string().optional(),
  last_affected: z.string().optional(),
  limit: z.string().optional(),
});

const osvRange = z.object({
  type: z.string(),
  repo: z.string().optional(),
  events: z.array(osvEvent),
  database_specific: z.record(z.string(), z.unknown()).optional(),
});

const osvSeverity = z.object({ type: z.string(), score: z.string() });

const osvAffected = z.object({
  package: z.object({ ecosystem: z.string(), name: z.string(), purl: z.string().optional() }).optional(),
  severity: z.array(osvSeverity).optional(),
  ranges: z.array(osvRange).optional(),
  versions: z.array(z.string()).optional(),
  ecosystem_specific: z.record(z.string(), z.unknown()).optional(),
  database_specific: z.record(z.string(), z.unknown()).optional(),
});

/** osvRecordSchema checks an OSV record; unknown fields pass through untouched. */
export const osvRecordSchema = z.object({
  schema_version: z.string().optional(),
  id: z.string().min(1),
  modified: z.string(),
  published: z.string().optional(),
  withdrawn: z.string().optional(),
  aliases: z.array(z.string()).optional(),
  related: z.array(z.string()).optional(),
  upstream: z.array(z.string()).optional(),
  summary: z.string().optional(),
  details: z.string().optional(),
  severity: z.array(osvSeverity).optional(),
  affected: z.array(osvAffected).optional(),
  references: z.array(z.object({ type: z.string(), url: z.string() })).optional(),
  database_specific: z.record(z.string(), z.unknown()).optional(),
});

/** OsvRecord is one advisory in the OSV format. */
export type OsvRecord = z.infer<typeof osvRecordSchema>;
/** OsvAffected is one `affected[]` entry. */
export type OsvAffected = z.infer<typeof osvAffected>;
/** OsvRange is one `affected[].ranges[]` entry. */
export type OsvRange = z.infer<typeof osvRange>;

/** SourceId names an advisory database in the report's `sources`. */
export type SourceId = 'osv' | 'offline-db' | 'ghsa';

/** PackageQuery is one package to look up: its normalised name and exact version, when known. */
export interface PackageQuery {
  name: string;
  version: string | null;
}

/** SourceResult is what one source found: candidate advisories by normalised package name. */
export interface SourceResult {
  source: SourceId;
  advisories: Map<string, OsvRecord[]>;
}

/**
 * AdvisorySource is one advisory database. `fetch` returns the advisories that may concern each package
 * (for a versioned query, at least every advisory affecting that version; for a name-only query, every
 * advisory of the package). Matching against versions is done centrally, with exact OSV semantics, so
 * every source is judged the same way. A source that fails throws an `AdvisorySourceError`.
 */
export interface AdvisorySource {
  readonly id: SourceId;
  fetch(packages: readonly PackageQuery[]): Promise<SourceResult>;
}
