/**
 * Report is what an audit produces: `contracts/report.schema.json` (schema version 1), plus the
 * extra fields the contract allows (`projects`, per-manifest details, dependency locations).
 */
import type { Severity } from '../advisories/finding.js';
import type { ExcludedByMarkers, PotentialFinding } from '../advisories/scan.js';
import type { SuppressedFinding } from '../advisories/suppress.js';
import type { CodeFinding } from '../code/types.js';
import type { RemediationPlan } from '../remediation/types.js';
import type { Dependency, Location } from '../manifests/inventory.js';
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

/** LicenseCategory is how a license obliges its users (the report's `licenses[].category`). */
export type LicenseCategory =
  | 'permissive'
  | 'weak-copyleft'
  | 'strong-copyleft'
  | 'network-copyleft'
  | 'public-domain'
  | 'proprietary'
  | 'unknown';

/** LicenseViolation is the policy rule a package's license breaks, in plain words. */
export interface LicenseViolation {
  /** The rule, e.g. `deny:GPL-3.0-only`, `category:strong-copyleft`, `unknown`. */
  rule: string;
  message: string;
}

/** LicenseEntry is one package version's license (the report's `licenses` item). */
export interface LicenseEntry {
  package: string;
  version: string | null;
  /** SPDX expression, null when unknown. */
  expression: string | null;
  /** The raw license text or classifier it was derived from. */
  declared?: string;
  category: LicenseCategory;
  violation?: LicenseViolation;
  /** Policy outcome `warn` for unknown licenses under `unknown: warn` (extra field). */
  warning?: string;
  /** Direct dependencies that bring this package in, for transitive ones (extra field). */
  via?: string[];
  /** The project page, for attribution lists (extra field). */
  url?: string;
}

/** RiskSeverity is the scale of supply-chain risks. */
export type RiskSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** RiskFinding is one supply-chain risk (the report's `risks` item). */
export interface RiskFinding {
  /** The PEP 503 name, when the risk is about one package. */
  package?: string;
  /** typosquat, unmaintained, yanked, deprecated, sdist-only, unpinned, unhashed, extra-index-url, url-source, too-new, conflict, … */
  kind: string;
  severity: RiskSeverity;
  message: string;
  /** The version concerned, when there is one (extra field). */
  version?: string | null;
  /** Where it is declared (extra field), for annotations. */
  locations?: Location[];
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
  /** Confirmed, unsuppressed vulnerabilities by severity. */
  vulnerabilities: Record<Severity, number>;
  suppressed: number;
  /** False when an advisory source failed (or none was available): the vulnerability list is incomplete. */
  vulnerabilitiesChecked: boolean;
  /** Advisories only a range-only dependency's specifier allows (not in the counts above). */
  potential: number;
  /** Problems in manifests plus report-level errors. */
  problems: number;
  /** Packages whose license breaks the policy. */
  licenseViolations: number;
  /** Supply-chain risks, by severity. */
  risks: Record<RiskSeverity, number>;
  /** Code and secret findings, by severity. */
  codeFindings: Record<'high' | 'medium' | 'low', number>;
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
  licenses: LicenseEntry[];
  risks: RiskFinding[];
  codeFindings: CodeFinding[];
  remediation: RemediationPlan;
  summary: ReportSummary;
  errors: Problem[];
}
