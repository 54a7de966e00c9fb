/**
 * Report is what an audit produces: `contracts/report.schema.json` (schema version 1), plus the
 * extra fields the contract allows (`projects`, per-manifest details, dependency locations).
 */
import type { Severity } from '../advisories/finding.js';
import type { ExcludedByMarkers, PotentialFinding } from '../advisories/scan.js';
import type { SuppressedFinding } from '../advisories/suppress.js';
import type { Dependency } from '../manifests/inventory.js';
import type { ProjectSummary } from '../manifests/project-summary.js';
import type { IncludeDirective, IndexOption, ManifestKind, Problem, SkippedEntry } from '../manifests/types.js';

/** ReportManifest is one dependency file as the report lists it. */
export interface ReportManifest {
  path: string;
  kind: ManifestKind;
  errors: Problem[];
  /** pyproject.toml: every dialect present. */
  dialects?: ManifestKind[];
  requirementCount: number;
  requiresPython?: string;
  skipped?: SkippedEntry[];
  /** Where packages come from: `--index-url`, `--extra-index-url`, `[[source]]`… (risk checks read them). */
  indexes?: IndexOption[];
  /** Requirements files: the files they include with `-r` / `-c`. */
  includes?: IncludeDirective[];
}

export type { Severity } from '../advisories/finding.js';
export { SEVERITY_ORDER } from '../advisories/finding.js';

/** ReportSummary holds the counts a reader looks at first. */
export interface ReportSummary {
  projects: number;
  manifests: number;
  dependencies: number;
  direct: number;
  transitive: number;
  /** Dependencies known only by a range (no pin, no lock). */
  unpinned: number;
  /** Confirmed, unsuppressed vulnerabilities by severity. */
  vulnerabilities: Record<Severity, number>;
  suppressed: number;
  /** False when an advisory source failed (or none was available): the vulnerability list is incomplete. */
  vulnerabilitiesChecked: boolean;
  /** Advisories only a range-only dependency's specifier allows (not in the counts above). */
  potential: number;
  /** Problems in manifests plus report-level errors. */
  problems: number;
}

/** Report is the whole audit result. */
export interface Report {
  schemaVersion: 1;
  tool: { name: 'pipwarden'; version: string };
  generatedAt: string;
  root: string;
  projects: ProjectSummary[];
  manifests: ReportManifest[];
  dependencies: Dependency[];
  vulnerabilities: SuppressedFinding[];
  /** Advisories a range-only dependency (no pin, no lock) may pull in: `allowedBySpecifier`. */
  potentialVulnerabilities: PotentialFinding[];
  /** Dependencies whose markers never hold for the project's Pythons, with the advisories skipped. */
  excludedByMarkers: ExcludedByMarkers[];
  /** The advisory databases that answered. */
  advisorySources: string[];
  licenses: unknown[];
  risks: unknown[];
  codeFindings: unknown[];
  remediation: { groups: unknown[]; unfixable: unknown[] };
  summary: ReportSummary;
  errors: Problem[];
}
