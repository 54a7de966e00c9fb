/**
 * Where each `[[package]]` of a TOML lock is written: its header section (the keys right under
 * `[[package]]`) and the sub-tables that belong to it (`[package.dependencies]`, `[package.metadata]`…),
 * matched to the parsed array by position, as the lock parsers do.
 */
import type { TomlLocator, TomlTableSpan } from '../../manifests/toml-lines.js';

/** PackageSection is one `[[package]]` element's sections. */
export interface PackageSection {
  header: TomlTableSpan;
  /** Sub-tables by their path below `package` (`dependencies`, `metadata.requires-dev`). */
  subtables: Map<string, TomlTableSpan>;
}

/** packageSections lists the `[[package]]` sections in order; empty when the array is written inline. */
export function packageSections(locator: TomlLocator, arrayKey = 'package'): PackageSection[] {
  const sections: PackageSection[] = [];
  let current: PackageSection | undefined;
  for (const table of locator.tables) {
    if (table.path.length === 1 && table.path[0] === arrayKey && table.arrayIndex !== undefined) {
      current = { header: table, subtables: new Map() };
      sections.push(current);
    } else if (current && table.path.length > 1 && table.path[0] === arrayKey) {
      current.subtables.set(table.path.slice(1).join('.'), table);
    } else if (table.path.length > 0) {
      current = undefined;
    }
  }
  return sections;
}

/** lastKeyLine is the last line of the keys written in a section (its header line when it has none). */
export function lastKeyLine(section: TomlTableSpan): number {
  let last = section.header;
  for (const key of section.keys.values()) last = Math.max(last, key.lines.end);
  return last;
}
