/**
 * Small builders of OSV records for table-driven tests: one affected entry of the PyPI package `demo`
 * unless told otherwise, shaped as the PyPA database writes them.
 */
import type { OsvAffected, OsvRange, OsvRecord } from '../../src/advisories/types.js';

/** OsvEvent is one event of a range, exactly as OSV writes it. */
export type OsvEvent = OsvRange['events'][number];

/** ecosystemRange is an `ECOSYSTEM` range with the given events. */
export function ecosystemRange(...events: OsvEvent[]): OsvRange {
  return { type: 'ECOSYSTEM', events };
}

/** affected is an `affected[]` entry of a PyPI package (default `demo`). */
export function affected(entry: Partial<OsvAffected> & { name?: string; ecosystem?: string } = {}): OsvAffected {
  const { name = 'demo', ecosystem = 'PyPI', ...rest } = entry;
  return { package: { name, ecosystem, purl: `pkg:pypi/${name.toLowerCase()}` }, ...rest };
}

/** advisory is an OSV record with the given affected entries. */
export function advisory(entries: OsvAffected[], extra: Partial<OsvRecord> = {}): OsvRecord {
  return {
    id: 'PYSEC-2024-1',
    modified: '2024-10-01T00:00:00Z',
    published: '2024-09-01T00:00:00Z',
    aliases: ['CVE-2024-0001'],
    details: 'Test advisory.',
    affected: entries,
    ...extra,
  };
}

/** rangeAdvisory is an advisory of `demo` with one ECOSYSTEM range of the given events. */
export function rangeAdvisory(...events: OsvEvent[]): OsvRecord {
  return advisory([affected({ ranges: [ecosystemRange(...events)] })]);
}
