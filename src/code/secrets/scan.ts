/**
 * scanSecrets: every detector over one file, then what they share: binary files are skipped, inline
 * suppression, overlap resolution (one finding per secret, from the most specific detector), locations
 * and redaction (detectors build redacted messages; nothing else of the text reaches a finding).
 */
import type { CodeFinding } from '../types.js';
import { SECRET_DETECTORS } from './detectors.js';
import { LineIndex } from './lines.js';
import { isSuppressedLine } from './suppression.js';
import type { SecretCandidate, SecretDetector } from './types.js';

/** SecretScanOptions adjust a scan. */
export interface SecretScanOptions {
  /** Run the generic (entropy + name) detector; default true. */
  generic?: boolean;
}

/** Located is a candidate with the detector that found it and that detector's rank. */
interface Located extends SecretCandidate {
  detector: SecretDetector;
  rank: number;
}

/**
 * scanSecrets finds secrets in the text of any file (`path` is only used for locations and to tell code
 * from configuration). Pure: no IO. Text with a NUL character is binary and yields nothing. Findings are
 * ordered by line and column; none contains the secret itself.
 */
export function scanSecrets(path: string, text: string, options: SecretScanOptions = {}): CodeFinding[] {
  if (text.length === 0 || text.includes('\0')) return [];
  const lines = new LineIndex(text);
  const input = { path, text, lines };
  const located: Located[] = [];
  SECRET_DETECTORS.forEach((detector, rank) => {
    if (detector.generic && options.generic === false) return;
    for (const candidate of detector.find(input)) {
      const line = lines.lineOf(candidate.start);
      if (isSuppressedLine(lines.lineText(line), detector.doc.id)) continue;
      located.push({ ...candidate, detector, rank });
    }
  });
  return resolveOverlaps(located).map((candidate) => toFinding(path, lines, candidate));
}

/**
 * resolveOverlaps keeps one candidate per secret: among candidates whose spans overlap, the
 * best-ranked one wins and the others go. Sorting by start and handling each cluster of overlapping
 * spans keeps this O(n log n) for files with very many findings.
 */
function resolveOverlaps(candidates: Located[]): Located[] {
  candidates.sort((a, b) => a.start - b.start || a.rank - b.rank);
  const kept: Located[] = [];
  let cluster: Located[] = [];
  let clusterEnd = -1;
  const flush = (): void => {
    const chosen: Located[] = [];
    for (const candidate of [...cluster].sort((a, b) => a.rank - b.rank || a.start - b.start)) {
      if (!chosen.some((other) => candidate.start < other.end && other.start < candidate.end)) chosen.push(candidate);
    }
    kept.push(...chosen.sort((a, b) => a.start - b.start));
  };
  for (const candidate of candidates) {
    if (candidate.start >= clusterEnd && cluster.length > 0) {
      flush();
      cluster = [];
    }
    cluster.push(candidate);
    clusterEnd = Math.max(clusterEnd, candidate.end);
  }
  if (cluster.length > 0) flush();
  return kept;
}

/** toFinding locates a candidate: line and column of its start, and its last line when it spans several. */
function toFinding(path: string, lines: LineIndex, candidate: Located): CodeFinding {
  const line = lines.lineOf(candidate.start);
  const endLine = lines.lineOf(Math.max(candidate.start, candidate.end - 1));
  const finding: CodeFinding = {
    ruleId: candidate.detector.doc.id,
    path,
    line,
    column: lines.columnOf(candidate.start),
    severity: candidate.detector.severity,
    confidence: candidate.detector.confidence,
    message: candidate.message,
  };
  if (endLine > line) finding.endLine = endLine;
  if (candidate.detector.doc.cwe !== undefined) finding.cwe = candidate.detector.doc.cwe;
  return finding;
}
