/**
 * A vulnerability finding: one advisory (with its aliases) affecting one (package, version), shaped like an
 * item of the report's `vulnerabilities` array (contracts/report.schema.json), so findings go into the
 * report as they are.
 */

/**
 * Severity is the rank of a finding, as the report contract spells it. `unknown` means the advisory gave
 * neither a usable CVSS vector nor a severity label.
 */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'unknown';

/** SEVERITY_ORDER ranks severities, most severe first. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'unknown'];

/** SeverityInfo is how severe an advisory is: the rank, and the CVSS base score and vector it came from. */
export interface SeverityInfo {
  severity: Severity;
  /** CVSS base score, 0–10, when a vector was scored. */
  score?: number;
  /** The CVSS vector the score was computed from. */
  vector?: string;
}

/** Suppression is why a finding is accepted for now (written by the suppression stage, not by sources). */
export interface Suppression {
  reason: string;
  /** ISO date after which the suppression lapses. */
  until?: string;
}

/**
 * VulnerabilityFinding is one advisory affecting one (package, version). `id` is the primary identifier
 * (see `primaryIdRank` in aliases.ts), `aliases` every other identifier of the same flaw, sorted.
 */
export interface VulnerabilityFinding extends SeverityInfo {
  id: string;
  aliases: string[];
  /** The package name as the manifest wrote it. */
  package: string;
  /** The version that was audited, as written. */
  version: string;
  summary?: string;
  /** Versions the advisories name as fixes, ascending PEP 440 order. */
  fixedIn: string[];
  /** The advisory databases that reported it (`osv`, `offline-db`, `ghsa`), sorted. */
  sources: string[];
  references?: string[];
  suppressed?: Suppression;
}
