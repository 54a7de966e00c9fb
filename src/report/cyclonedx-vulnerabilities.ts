/**
 * CycloneDX vulnerabilities (CycloneDX 1.6 §vulnerabilities, the VDR/VEX part of a BOM): one entry per
 * finding (an advisory affecting one package version), pointing at the affected component by bom-ref, with
 * its source, aliases, rating, fixed versions and, for a suppressed finding, the team's analysis.
 */
import { Enums, Models } from '@cyclonedx/cyclonedx-library';
import type { SuppressedFinding } from '../advisories/suppress.js';
import { PROPERTY_PREFIX } from './cyclonedx-components.js';
import type { Severity } from './types.js';

const SEVERITY: Readonly<Record<Severity, Enums.Vulnerability.Severity>> = {
  critical: Enums.Vulnerability.Severity.Critical,
  high: Enums.Vulnerability.Severity.High,
  medium: Enums.Vulnerability.Severity.Medium,
  low: Enums.Vulnerability.Severity.Low,
  unknown: Enums.Vulnerability.Severity.Unknown,
};

/**
 * advisorySource names the database an advisory id belongs to, with the advisory's page there: GitHub
 * Advisory Database for `GHSA-`, NVD for `CVE-`, and OSV (which serves every id, PyPA's `PYSEC-` included)
 * otherwise.
 */
export function advisorySource(id: string): Models.Vulnerability.Source {
  const encoded = encodeURIComponent(id);
  if (/^GHSA-/i.test(id)) return new Models.Vulnerability.Source({ name: 'GitHub Advisory Database', url: `https://github.com/advisories/${encoded}` });
  if (/^CVE-/i.test(id)) return new Models.Vulnerability.Source({ name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${encoded}` });
  if (/^PYSEC-/i.test(id)) return new Models.Vulnerability.Source({ name: 'PyPA Advisory Database', url: `https://osv.dev/vulnerability/${encoded}` });
  return new Models.Vulnerability.Source({ name: 'OSV', url: `https://osv.dev/vulnerability/${encoded}` });
}

/** ratingMethod is the CycloneDX rating method of a CVSS vector, from its `CVSS:x.y/` prefix. */
export function ratingMethod(vector: string): Enums.Vulnerability.RatingMethod {
  if (vector.startsWith('CVSS:4.0/')) return Enums.Vulnerability.RatingMethod.CVSSv4;
  if (vector.startsWith('CVSS:3.1/')) return Enums.Vulnerability.RatingMethod.CVSSv31;
  if (vector.startsWith('CVSS:3.0/')) return Enums.Vulnerability.RatingMethod.CVSSv3;
  return Enums.Vulnerability.RatingMethod.Other;
}

/**
 * findingVulnerability is one finding as a CycloneDX vulnerability. `affected` is the component of the
 * (package, version) it concerns, when the inventory has it. A suppressed finding carries an analysis:
 * state `not_affected` (the team decided it does not concern them) with their reason as the detail.
 */
export function findingVulnerability(finding: SuppressedFinding, affected: Models.Component | undefined): Models.Vulnerability.Vulnerability {
  const source = advisorySource(finding.id);
  const target = affected?.bomRef.value ?? `${finding.package}==${finding.version}`;
  const vulnerability = new Models.Vulnerability.Vulnerability({
    bomRef: `vulnerability:${finding.id}:${target}`,
    id: finding.id,
    source,
    recommendation:
      finding.fixedIn.length > 0
        ? `Upgrade ${finding.package} to a fixed version: ${finding.fixedIn.join(', ')}.`
        : `No fixed version of ${finding.package} is known yet.`,
  });
  if (finding.summary) vulnerability.description = finding.summary;
  for (const alias of finding.aliases) vulnerability.references.add(new Models.Vulnerability.Reference(alias, advisorySource(alias)));
  const rating = new Models.Vulnerability.Rating({ source, severity: SEVERITY[finding.severity] });
  if (finding.score !== undefined) rating.score = finding.score;
  if (finding.vector) {
    rating.vector = finding.vector;
    rating.method = ratingMethod(finding.vector);
  }
  vulnerability.ratings.add(rating);
  for (const url of new Set(finding.references ?? [])) {
    if (isWebUrl(url)) vulnerability.advisories.add(new Models.Vulnerability.Advisory(url));
  }
  if (affected) {
    const versions = new Models.Vulnerability.AffectedVersionRepository([
      new Models.Vulnerability.AffectedSingleVersion(finding.version, { status: Enums.Vulnerability.AffectStatus.Affected }),
    ]);
    vulnerability.affects.add(new Models.Vulnerability.Affect(affected.bomRef, { versions }));
  }
  if (finding.suppressed) {
    const until = finding.suppressed.until ? ` (until ${finding.suppressed.until})` : '';
    vulnerability.analysis = new Models.Vulnerability.Analysis({
      state: Enums.Vulnerability.AnalysisState.NotAffected,
      detail: `Suppressed in the project's pipwarden configuration: ${finding.suppressed.reason}${until}`,
    });
  }
  for (const database of finding.sources) vulnerability.properties.add(new Models.Property(`${PROPERTY_PREFIX}reported-by`, database));
  return vulnerability;
}

function isWebUrl(url: string): boolean {
  if (!/^https?:\/\/[^\s<>"{}|\\^`]+$/i.test(url)) return false;
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}
