/**
 * How severe an advisory is. A CVSS vector is scored with ae-cvss-calculator (CVSS v3.0, v3.1 and v4.0
 * specifications by FIRST); without a usable vector, GitHub's severity label is read; otherwise the
 * severity is `unknown`. Pure; an invalid vector never throws, it is just not used.
 */
import cvss from 'ae-cvss-calculator';
import { SEVERITY_ORDER, type Severity, type SeverityInfo, type VulnerabilityFinding } from './finding.js';
import type { OsvRecord } from './types.js';

const { Cvss3P0, Cvss3P1, Cvss4P0 } = cvss;

/** CVSS severity entry types of the OSV schema that this module scores (CVSS v2 is not used). */
const CVSS_TYPES = new Set(['CVSS_V3', 'CVSS_V4']);

/** CvssVersion is a CVSS version this module scores, ranked by the number (4.0 is preferred). */
export type CvssVersion = '3.0' | '3.1' | '4.0';

/** CvssScore is a scored vector. */
export interface CvssScore {
  version: CvssVersion;
  /** Base score, 0–10, one decimal. */
  score: number;
  vector: string;
}

const VECTOR = /^CVSS:(3\.0|3\.1|4\.0)\/([A-Za-z]+:[A-Za-z]+(?:\/[A-Za-z]+:[A-Za-z]+)*)$/;

/**
 * scoreCvssVector computes the base score of a CVSS v3.0, v3.1 or v4.0 vector, or returns null when the
 * vector is malformed: unknown prefix, a metric given twice, an unknown metric or value, or a base metric
 * missing. Threat, temporal and environmental metrics are ignored: v3 gives the Base Score, v4 the
 * CVSS-B score (base metrics only), so scores from different databases compare like for like.
 */
export function scoreCvssVector(vector: string): CvssScore | null {
  const text = vector.trim();
  const match = VECTOR.exec(text);
  if (!match) return null;
  const version = match[1] as CvssVersion;
  const metrics = (match[2] as string).split('/').map((metric) => metric.split(':')[0]);
  if (new Set(metrics).size !== metrics.length) return null;
  try {
    let score: number | undefined;
    if (version === '4.0') {
      const parsed = new Cvss4P0(text);
      if (!parsed.isBaseFullyDefined()) return null;
      score = parsed.calculateScores().baseMetricsOnly;
    } else {
      const parsed = version === '3.0' ? new Cvss3P0(text) : new Cvss3P1(text);
      if (!parsed.isBaseFullyDefined()) return null;
      score = parsed.calculateScores().base;
    }
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 10) return null;
    return { version, score: Math.round(score * 10) / 10, vector: text };
  } catch {
    return null;
  }
}

/**
 * severityFromScore maps a CVSS score to a rank with FIRST's Qualitative Severity Rating Scale (the same
 * in the CVSS v3.0, v3.1 and v4.0 specifications):
 * 9.0–10.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. FIRST calls 0.0 "none"; the report has
 * no such rank, and a scored advisory is known, not `unknown`, so 0.0 is reported as `low` (the score 0
 * beside it tells the reader the rest).
 */
export function severityFromScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

/** GitHub's `database_specific.severity` labels (GitHub Advisory Database), upper-cased. */
const LABELS = new Map<string, Severity>([
  ['CRITICAL', 'critical'],
  ['HIGH', 'high'],
  ['MODERATE', 'medium'],
  ['MEDIUM', 'medium'],
  ['LOW', 'low'],
]);

/**
 * severityOf rates an advisory. Every CVSS_V3/CVSS_V4 entry counts, the top-level `severity` and those in
 * `affected[]` alike. The highest CVSS version with a valid vector wins (v4.0 over v3.1 over v3.0: the
 * newer specification is the more precise); among vectors of that version, the highest score (two
 * packages of one advisory may be rated differently; the worse one is the safe reading). Without a valid
 * vector, the label in `database_specific.severity` (GitHub: CRITICAL, HIGH, MODERATE, LOW); otherwise
 * `unknown`.
 */
export function severityOf(advisory: OsvRecord): SeverityInfo {
  const entries = [...(advisory.severity ?? []), ...(advisory.affected ?? []).flatMap((a) => a.severity ?? [])];
  let best: CvssScore | null = null;
  for (const entry of entries) {
    if (!CVSS_TYPES.has(entry.type)) continue;
    const scored = scoreCvssVector(entry.score);
    if (scored === null) continue;
    if (
      best === null ||
      scored.version > best.version ||
      (scored.version === best.version && scored.score > best.score)
    ) {
      best = scored;
    }
  }
  if (best !== null) return { severity: severityFromScore(best.score), score: best.score, vector: best.vector };
  const label = advisory.database_specific?.['severity'];
  if (typeof label === 'string') {
    const severity = LABELS.get(label.trim().toUpperCase());
    if (severity !== undefined) return { severity };
  }
  return { severity: 'unknown' };
}

/**
 * compareFindings orders findings most urgent first: by severity (critical first, unknown last), then by
 * score (higher first; no score after any score), then by id, package and version, so the order is total
 * and stable across runs.
 */
export function compareFindings(a: VulnerabilityFinding, b: VulnerabilityFinding): number {
  const bySeverity = SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity);
  if (bySeverity !== 0) return bySeverity;
  const byScore = (b.score ?? -1) - (a.score ?? -1);
  if (byScore !== 0) return byScore;
  return compareText(a.id, b.id) || compareText(a.package, b.package) || compareText(a.version, b.version);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
