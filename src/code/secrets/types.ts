/**
 * The secret scanner's vocabulary: a detector, what it sees of a file, and a candidate (a match before
 * suppression, overlap resolution and conversion into a `CodeFinding`).
 */
import type { Level, RuleDoc } from '../types.js';
import type { LineIndex } from './lines.js';

/** SecretScanInput is what a detector sees of one file: its path, its whole text and its line index. */
export interface SecretScanInput {
  path: string;
  text: string;
  lines: LineIndex;
}

/**
 * SecretCandidate is one match, located by offsets into the whole text (`start` inclusive, `end`
 * exclusive) so that matches of different detectors on the same characters can be compared. The message
 * must already be redacted: it never carries the secret.
 */
export interface SecretCandidate {
  start: number;
  end: number;
  message: string;
}

/**
 * SecretDetector is one kind of secret. Detectors are ordered by how specific they are: when two
 * candidates overlap, the one of the earlier detector wins (a `ghp_` token assigned to `token` is a
 * GitHub token, not a generic secret).
 */
export interface SecretDetector {
  doc: RuleDoc;
  severity: Level;
  confidence: Level;
  /** Generic detectors guess from names and entropy; they can be turned off and skip very long lines. */
  generic: boolean;
  find(input: SecretScanInput): Iterable<SecretCandidate>;
}
