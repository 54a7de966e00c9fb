/**
 * The remediation vocabulary: what the report's `remediation` section holds (contracts/report.schema.json)
 * and what the planner, the editors and the publisher pass to each other.
 */
import type { Severity } from '../advisories/finding.js';

/** PlannedUpdate is one package's version change in a group (the report's `updates[]` item). */
export interface PlannedUpdate {
  /** PEP 503 name. */
  package: string;
  /** The version in use, null when only a range is known. */
  from: string | null;
  to: string;
  /** Advisory ids (primary ids) the update fixes. */
  fixes: string[];
  /** A new major version (or another breaking signal): it gets its own pull request by default. */
  breaking: boolean;
  /** Manifests whose text changes. */
  manifests: string[];
  /** Why this package changes when it is not itself vulnerable: it lifts a cap that blocked a fix (extra field). */
  liftsCapOf?: string;
  /** The fix reaches a transitive dependency through its lock file or a constraint (extra field). */
  transitive?: boolean;
  /** Reasons for `breaking` (extra field): "major version 3 → 4", "Requires-Python raised to >=3.10". */
  breakingReasons?: string[];
}

/** RemediationGroup is one pull request the bot would open (the report's `groups[]` item). */
export interface RemediationGroup {
  /** Stable id: the branch is `pipwarden/<id>`. */
  id: string;
  title: string;
  rank: number;
  severity: Severity;
  updates: PlannedUpdate[];
  /** The highest CVSS score among the fixed advisories, for ranking ties (extra field). */
  score?: number | null;
  /** The project root the group edits (extra field). */
  project?: string;
  /**
   * Ranked beyond `remediation.openPullRequestsLimit` (extra field): planned, but its pull request waits
   * until earlier ones are merged or closed. Absent when the group may open now.
   */
  deferred?: boolean;
}

/** Unfixable is a vulnerable package no update can fix now (the report's `unfixable[]` item). */
export interface Unfixable {
  package: string;
  version: string | null;
  ids: string[];
  reason: string;
  /** The project root where it cannot be fixed (extra field): a package may be fixable in one project only. */
  project?: string;
}

/** RemediationPlan is the report's `remediation` section. */
export interface RemediationPlan {
  groups: RemediationGroup[];
  unfixable: Unfixable[];
}
