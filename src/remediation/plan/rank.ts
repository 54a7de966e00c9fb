/**
 * Ranking: groups open as pull requests most urgent first (issue 5, "Grouping and ranking"): by their
 * worst severity (critical first, unknown last), then their highest CVSS score (no score after any
 * score), then their id, so the order is total and the same on every run. Ranks are 1..n. The
 * `openPullRequestsLimit` then marks the groups beyond it `deferred`: they stay in the plan (and the
 * report) and open as earlier ones are merged or closed.
 */
import { SEVERITY_ORDER } from '../../advisories/finding.js';
import type { RemediationGroup } from '../types.js';

/** compareGroups orders groups most urgent first (see the module comment). */
export function compareGroups(a: RemediationGroup, b: RemediationGroup): number {
  const bySeverity = SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity);
  if (bySeverity !== 0) return bySeverity;
  const byScore = (b.score ?? -1) - (a.score ?? -1);
  if (byScore !== 0) return byScore;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** rankGroups sorts groups most urgent first and numbers them from 1. */
export function rankGroups(groups: readonly RemediationGroup[]): RemediationGroup[] {
  return [...groups].sort(compareGroups).map((group, index) => ({ ...group, rank: index + 1 }));
}

/** applyPullRequestLimit marks every group ranked beyond `limit` as `deferred: true` (ranked groups in). */
export function applyPullRequestLimit(groups: readonly RemediationGroup[], limit: number): RemediationGroup[] {
  return groups.map((group) => {
    const { deferred: _previous, ...rest } = group;
    return group.rank > limit ? { ...rest, deferred: true } : rest;
  });
}
