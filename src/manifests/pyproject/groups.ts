/**
 * addGroups adds group names to a requirement, once each: a requirement reached from several places
 * (an included dependency group, a Poetry extra, a self-referencing extra) stays ONE requirement that
 * lists every group it belongs to.
 */
import type { Requirement } from '../types.js';

/** addGroups appends each group the requirement does not already list. */
export function addGroups(requirement: Requirement, groups: readonly string[]): void {
  for (const group of groups) if (!requirement.groups.includes(group)) requirement.groups.push(group);
}
