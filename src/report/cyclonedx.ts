/**
 * The CycloneDX reporter: the report as a CycloneDX 1.6 JSON BOM (https://cyclonedx.org/docs/1.6/json/),
 * built with the OWASP CycloneDX JavaScript library (models, `Serialize.JsonSerializer`, `Spec.Spec1dot6`).
 *
 * - metadata: timestamp = the report's `generatedAt`, tool pipwarden, component = the audited root as an
 *   application (bom-ref `pipwarden:root`, which no package bom-ref can equal: PEP 503 names have no `:`).
 * - components: one library per dependency (see cyclonedx-components.ts). A dependency known only by a range
 *   has no `version` and its purl no `@version`; its specifier is the `pipwarden:specifier` property.
 * - dependencies: the root depends on the direct dependencies; a package depends on each package whose
 *   `dependents` name it (dependents are who require it, so the edge is inverted). A dependent's name maps
 *   to every component of that name (a monorepo may lock two versions).
 * - vulnerabilities: one per finding, suppressed ones with an analysis (cyclonedx-vulnerabilities.ts).
 *
 * The output is deterministic: lists are sorted by the serializer (`sortLists`), bom-refs are derived from
 * names and versions, and `serialNumber` is the UUID v5 of `root` and `generatedAt` in the URL namespace
 * (name `urn:pipwarden:bom:<root>@<generatedAt>`), so rendering the same report twice yields the same bytes.
 */
import { Enums, Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import type { Dependency } from '../manifests/inventory.js';
import { normalizePackageName } from '../manifests/pep508.js';
import { versionIdentity } from '../pep440/index.js';
import { LicenseIndex, componentRef, dependencyComponent } from './cyclonedx-components.js';
import { findingVulnerability } from './cyclonedx-vulnerabilities.js';
import type { Reporter } from './reporter.js';
import { PIPWARDEN_INFORMATION_URI } from './tool-info.js';
import type { Report } from './types.js';
import { URL_NAMESPACE, uuidV5 } from './uuid.js';

/** ROOT_REF is the bom-ref of the audited root (the BOM's `metadata.component`). */
export const ROOT_REF = 'pipwarden:root';

/** cyclonedxReporter renders the report as an indented CycloneDX 1.6 JSON BOM. */
export const cyclonedxReporter: Reporter = {
  name: 'cyclonedx',
  render: (report) => renderCycloneDx(report),
};

/** renderCycloneDx serializes the report's BOM as CycloneDX 1.6 JSON, lists sorted, two-space indented. */
export function renderCycloneDx(report: Report): string {
  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return `${serializer.serialize(buildBom(report), { sortLists: true, space: 2 })}\n`;
}

/** bomSerialNumber is the BOM's `serialNumber`: a UUID v5 URN derived from the report's root and time. */
export function bomSerialNumber(report: Pick<Report, 'root' | 'generatedAt'>): string {
  return `urn:uuid:${uuidV5(URL_NAMESPACE, `urn:pipwarden:bom:${encodeURIComponent(report.root)}@${report.generatedAt}`)}`;
}

/** buildBom is the report as a CycloneDX BOM model. */
export function buildBom(report: Report): Models.Bom {
  const bom = new Models.Bom({ serialNumber: bomSerialNumber(report) });
  const timestamp = new Date(report.generatedAt);
  if (!Number.isNaN(timestamp.getTime())) bom.metadata.timestamp = timestamp;
  const tool = new Models.Component(Enums.ComponentType.Application, report.tool.name, { version: report.tool.version });
  tool.externalReferences.add(new Models.ExternalReference(PIPWARDEN_INFORMATION_URI, Enums.ExternalReferenceType.Website));
  bom.metadata.tools.components.add(tool);
  const root = new Models.Component(Enums.ComponentType.Application, report.root, { bomRef: ROOT_REF });
  bom.metadata.component = root;

  const licenses = new LicenseIndex(report.licenses);
  const components = new Map<Dependency, Models.Component>();
  const byName = new Map<string, Models.Component[]>();
  const byKey = new Map<string, Models.Component>();
  const refs = new Set<string>([ROOT_REF]);
  for (const dependency of report.dependencies) {
    const ref = componentRef(dependency);
    if (refs.has(ref)) continue; // the inventory has one entry per (name, version): a repeat adds nothing
    refs.add(ref);
    const component = dependencyComponent(dependency, licenses.of(dependency));
    components.set(dependency, component);
    bom.components.add(component);
    byName.set(dependency.name, [...(byName.get(dependency.name) ?? []), component]);
    if (dependency.version !== null) byKey.set(versionKey(dependency.name, dependency.version), component);
  }

  for (const [dependency, component] of components) {
    if (dependency.direct) root.dependencies.add(component.bomRef);
    for (const dependent of dependency.dependents ?? []) {
      for (const parent of byName.get(normalizePackageName(dependent)) ?? []) {
        if (parent !== component) parent.dependencies.add(component.bomRef);
      }
    }
  }

  for (const finding of report.vulnerabilities) {
    bom.vulnerabilities.add(findingVulnerability(finding, byKey.get(versionKey(finding.package, finding.version))));
  }
  return bom;
}

function versionKey(name: string, version: string): string {
  return `${normalizePackageName(name)}\u0000${versionIdentity(version)}`;
}
