/**
 * Report is what an audit produces: `contracts/report.schema.json` (schema version 1), plus the
 * extra fields the contract allows (`projects`, per-manifest details, dependency locations).
 */
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

/** Severity is the rank of a finding, as the contract spells it. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'unknown';

/** SEVERITY_ORDER ranks severities, most severe first. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'unknown'];

/** VulnerabilityFinding is one advisory affecting one (package, version). Filled by the advisories issue. */
export interface VulnerabilityFinding {
  id: string;
  aliases: string[];
  package: string;
  version: string;
  severity: Severity;
  score?: number;
  fixedIn: string[];
  sources: string[];
  summary?: string;
}

/** ReportSummary holds the counts a reader looks at first. */
export interface ReportSummary {
  projects: number;
  manifests: number;
  dependencies: number;
  direct: number;
  transitive: number;
  /** Dependencies known only by a range (no pin, no lock). */
  unpinned: number;
  vulnerabilities: Record<Severity, number>;
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
  vulnerabilities: VulnerabilityFinding[];
  licenses: unknown[];
  risks: unknown[];
  codeFindings: unknown[];
  remediation: { groups: unknown[]; unfixable: unknown[] };
  summary: ReportSummary;
  errors: Problem[];
}
