import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { main, type CliIo } from '../../src/cli.js';
import type { SuppressedFinding } from '../../src/advisories/suppress.js';
import type { Dependency } from '../../src/manifests/inventory.js';
import type { Report } from '../../src/report/types.js';

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** The official SARIF 2.1.0 schema (draft-07); see fixtures/README.md for where it comes from. */
const sarifAjv = new Ajv({ allErrors: true, strict: false });
addFormats(sarifAjv);
const validateSarif = sarifAjv.compile(JSON.parse(readFileSync(new URL('./fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object);

/** sarifSchemaErrors validates a SARIF log against the official schema (empty when valid). */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validateSarif(log)) return [];
  return (validateSarif.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** report is an empty, clean report with `overrides` applied. */
export function report(overrides: Partial<Report> = {}): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'pipwarden', version: '1.2.3' },
    generatedAt: '2026-11-29T12:00:00.000Z',
    root: 'acme/shop',
    projects: [],
    manifests: [],
    dependencies: [],
    vulnerabilities: [],
    potentialVulnerabilities: [],
    excludedByMarkers: [],
    advisorySources: ['offline-db'],
    licenses: [],
    risks: [],
    codeFindings: [],
    remediation: { groups: [], unfixable: [] },
    summary: {
      projects: 0,
      manifests: 0,
      dependencies: 0,
      direct: 0,
      transitive: 0,
      unpinned: 0,
      vulnerabilities: { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 },
      suppressed: 0,
      vulnerabilitiesChecked: true,
      potential: 0,
      problems: 0,
      licenseViolations: 0,
      risks: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
      codeFindings: { high: 0, medium: 0, low: 0 },
    },
    errors: [],
    ...overrides,
  };
}

/** dependency is a pinned, direct, runtime dependency declared on one line of requirements.txt. */
export function dependency(name: string, version: string | null, overrides: Partial<Dependency> = {}): Dependency {
  return {
    name,
    version,
    specifier: version === null ? '>=1' : `==${version}`,
    direct: true,
    groups: ['main'],
    manifests: ['requirements.txt'],
    source: { type: 'registry' },
    locations: [{ path: 'requirements.txt', startLine: 1, endLine: 1 }],
    ...overrides,
  };
}

/** finding is a high-severity vulnerability of `package` `version` with a CVSS score. */
export function finding(id: string, pkg: string, version: string, overrides: Partial<SuppressedFinding> = {}): SuppressedFinding {
  return {
    id,
    aliases: [],
    package: pkg,
    version,
    severity: 'high',
    score: 7.5,
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
    summary: `${pkg} has a flaw`,
    fixedIn: ['9.9.9'],
    sources: ['offline-db'],
    ...overrides,
  };
}

const MONOREPO = fileURLToPath(new URL('../fixtures/monorepo', import.meta.url));
const ADVISORY_DB = fileURLToPath(new URL('../fixtures/advisory-db', import.meta.url));

/** monorepoReport audits test/fixtures/monorepo offline against test/fixtures/advisory-db, as the CLI does. */
export async function monorepoReport(): Promise<Report> {
  let stdout = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: () => undefined, now: () => new Date('2026-11-29T12:00:00Z'), env: {} };
  await main(['audit', MONOREPO, '--format', 'json', '--offline', '--advisory-db', ADVISORY_DB], io);
  return JSON.parse(stdout) as Report;
}
