import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { beforeAll, describe, expect, it } from 'vitest';
import { pypiPurl } from '../../src/report/cyclonedx-components.js';
import { ROOT_REF, bomSerialNumber, cyclonedxReporter, renderCycloneDx } from '../../src/report/cyclonedx.js';
import type { LicenseEntry, Report } from '../../src/report/types.js';
import { URL_NAMESPACE, uuidV5 } from '../../src/report/uuid.js';
import { dependency, finding, monorepoReport, report } from './helpers.js';

interface CdxProperty {
  name: string;
  value: string;
}
interface CdxComponent {
  type: string;
  name: string;
  'bom-ref': string;
  version?: string;
  purl?: string;
  scope?: string;
  hashes?: { alg: string; content: string }[];
  licenses?: unknown[];
  properties?: CdxProperty[];
}
interface CdxVulnerability {
  'bom-ref': string;
  id: string;
  source: { name: string; url: string };
  references?: { id: string; source: { name: string; url: string } }[];
  ratings: { source: { name: string }; score?: number; severity: string; method?: string; vector?: string }[];
  description?: string;
  recommendation: string;
  advisories?: { url: string }[];
  analysis?: { state: string; detail: string };
  affects?: { ref: string; versions: { version: string; status: string }[] }[];
  properties?: CdxProperty[];
}
interface CdxBom {
  bomFormat: string;
  specVersion: string;
  serialNumber: string;
  version: number;
  metadata: { timestamp?: string; tools: { components: CdxComponent[] }; component: CdxComponent };
  components: CdxComponent[];
  dependencies: { ref: string; dependsOn?: string[] }[];
  vulnerabilities?: CdxVulnerability[];
}

const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

/** bomErrors validates a BOM with the library's strict CycloneDX 1.6 JSON schema validator (null when valid). */
async function bomErrors(text: string): Promise<unknown> {
  return validator.validate(text);
}

function bom(input: Report): { text: string; bom: CdxBom } {
  const text = renderCycloneDx(input);
  return { text, bom: JSON.parse(text) as CdxBom };
}

function component(b: CdxBom, ref: string): CdxComponent | undefined {
  return b.components.find((c) => c['bom-ref'] === ref);
}

function props(c: CdxComponent | undefined, name: string): string[] {
  return (c?.properties ?? []).filter((p) => p.name === `pipwarden:${name}`).map((p) => p.value);
}

function dependsOn(b: CdxBom, ref: string): string[] | undefined {
  return b.dependencies.find((d) => d.ref === ref)?.dependsOn;
}

describe('CycloneDX reporter on the monorepo fixture (offline advisory database)', () => {
  let audit: Report;
  let text: string;
  let out: CdxBom;

  beforeAll(async () => {
    audit = await monorepoReport();
    ({ text, bom: out } = bom(audit));
  });

  it('is a valid CycloneDX 1.6 BOM', async () => {
    expect(await bomErrors(text)).toBeNull();
    expect(out).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1 });
    expect(cyclonedxReporter.name).toBe('cyclonedx');
  });

  it('is deterministic: same report, same bytes; serial number derived from root and time', () => {
    expect(cyclonedxReporter.render(audit)).toBe(text);
    expect(out.serialNumber).toBe(bomSerialNumber(audit));
    expect(out.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bomSerialNumber({ ...audit, generatedAt: '2026-11-30T12:00:00.000Z' })).not.toBe(out.serialNumber);
  });

  it('describes the audit in metadata: time, tool, audited root as an application', () => {
    expect(out.metadata.timestamp).toBe('2026-11-29T12:00:00.000Z');
    expect(out.metadata.tools.components).toMatchObject([{ type: 'application', name: 'pipwarden', version: audit.tool.version }]);
    expect(out.metadata.component).toEqual({ type: 'application', name: audit.root, 'bom-ref': ROOT_REF });
  });

  it('has one component per dependency with its purl, hash, scope and groups', () => {
    expect(out.components).toHaveLength(audit.dependencies.length);
    expect(component(out, 'django==4.2.7')).toEqual({
      type: 'library',
      name: 'django',
      version: '4.2.7',
      'bom-ref': 'django==4.2.7',
      scope: 'required',
      hashes: [{ alg: 'SHA-256', content: '8e0f1c2c2786b5c0e39fe1afce24c926040fad47c8ea8ad30aaf1188df29fc41' }],
      purl: 'pkg:pypi/django@4.2.7',
      properties: [
        { name: 'pipwarden:direct', value: 'true' },
        { name: 'pipwarden:group', value: 'main' },
      ],
    });
    expect(component(out, 'pytest==8.2.2')).toMatchObject({ scope: 'optional', purl: 'pkg:pypi/pytest@8.2.2' });
    expect(props(component(out, 'pytest==8.2.2'), 'group')).toEqual(['dev']);
    expect(component(out, 'internal-lib')?.purl).toBe('pkg:pypi/internal-lib?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Finternal-lib.git%40v1.4.0');
  });

  it('keeps a dependency known only by a range without a version, with its specifier', () => {
    const click = component(out, 'click');
    expect(click?.version).toBeUndefined();
    expect(click?.purl).toBe('pkg:pypi/click');
    expect(props(click, 'specifier')).toEqual(['>=8.0']);
  });

  it('links the root to direct dependencies and each package to what it requires', () => {
    const root = dependsOn(out, ROOT_REF) ?? [];
    expect(root).toContain('httpx==0.27.0');
    expect(root).toContain('click');
    expect(root).not.toContain('anyio==4.4.0');
    expect(dependsOn(out, 'httpx==0.27.0')).toEqual(['anyio==4.4.0', 'idna==3.7', 'sniffio==1.3.1']);
    expect(dependsOn(out, 'anyio==4.4.0')).toEqual(['idna==3.7', 'sniffio==1.3.1']);
    expect(dependsOn(out, 'idna==3.7')).toBeUndefined();
    expect(out.dependencies.map((d) => d.ref)).toEqual([...out.dependencies.map((d) => d.ref)].sort());
  });

  it('lists every vulnerability against its component; the suppressed one with an analysis', () => {
    expect(out.vulnerabilities?.map((v) => [v.id, v.affects?.[0]?.ref, v.analysis?.state])).toEqual([
      ['GHSA-9wx4-h78v-vm56', 'requests==2.31.0', undefined],
      ['GHSA-w3h3-4rj7-4ph4', 'gunicorn==21.2.0', 'not_affected'],
      ['PYSEC-2024-28', 'django==4.2.7', undefined],
    ]);
    const django = out.vulnerabilities?.find((v) => v.id === 'PYSEC-2024-28');
    expect(django).toMatchObject({
      'bom-ref': 'vulnerability:PYSEC-2024-28:django==4.2.7',
      source: { name: 'PyPA Advisory Database', url: 'https://osv.dev/vulnerability/PYSEC-2024-28' },
      references: [
        { id: 'CVE-2024-24680', source: { name: 'NVD', url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-24680' } },
        { id: 'GHSA-xxj9-f6rv-m3x4', source: { name: 'GitHub Advisory Database', url: 'https://github.com/advisories/GHSA-xxj9-f6rv-m3x4' } },
      ],
      ratings: [{ score: 7.5, severity: 'high', method: 'CVSSv31', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }],
      recommendation: 'Upgrade django to a fixed version: 3.2.24, 4.2.10, 5.0.2.',
      affects: [{ ref: 'django==4.2.7', versions: [{ version: '4.2.7', status: 'affected' }] }],
      properties: [{ name: 'pipwarden:reported-by', value: 'offline-db' }],
    });
    expect(out.vulnerabilities?.find((v) => v.id === 'GHSA-w3h3-4rj7-4ph4')?.analysis?.detail).toBe(
      "Suppressed in the project's pipwarden configuration: gunicorn sits behind a proxy that normalises requests",
    );
  });
});

describe('CycloneDX components', () => {
  it('writes purls with qualifiers for where a package comes from, never with credentials', () => {
    expect(pypiPurl({ name: 'flask', version: '3.0.0', source: { type: 'registry', url: 'https://pypi.org/simple' } })).toBe('pkg:pypi/flask@3.0.0');
    expect(pypiPurl({ name: 'flask', version: '3.0.0', source: { type: 'registry', url: 'https://bot:s3cret@pypi.corp.example/simple' } })).toBe(
      'pkg:pypi/flask@3.0.0?repository_url=https%3A%2F%2Fpypi.corp.example%2Fsimple',
    );
    expect(pypiPurl({ name: 'lib', version: '1.0', source: { type: 'vcs', url: 'git+https://ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/o/lib.git@v1#egg=lib' } })).toBe(
      'pkg:pypi/lib@1.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fo%2Flib.git%40v1',
    );
    expect(pypiPurl({ name: 'lib', version: '1.0', source: { type: 'vcs', url: 'git+ssh://git@github.com/o/lib.git' } })).toBe(
      'pkg:pypi/lib@1.0?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Fo%2Flib.git',
    );
    expect(pypiPurl({ name: 'wheel-pkg', version: '2.0', source: { type: 'url', url: 'https://files.example/wheel_pkg-2.0-py3-none-any.whl#sha256=abc' } })).toBe(
      'pkg:pypi/wheel-pkg@2.0?download_url=https%3A%2F%2Ffiles.example%2Fwheel_pkg-2.0-py3-none-any.whl',
    );
    expect(pypiPurl({ name: 'local', version: '0.1', source: { type: 'path', url: '../local' } })).toBeUndefined();
    // packageurl-js leaves `+` (an RFC 3986 sub-delimiter) as it is in the version.
    expect(pypiPurl({ name: 'zope-interface', version: '6.0+local.1', source: undefined })).toBe('pkg:pypi/zope-interface@6.0+local.1');
  });

  it('puts a lone hash in `hashes` and several digests of one algorithm in properties', async () => {
    const one = 'sha256:' + 'a'.repeat(64);
    const many = ['sha256:' + 'c'.repeat(64), 'sha256:' + 'b'.repeat(64)];
    const { text, bom: out } = bom(
      report({
        dependencies: [
          dependency('single', '1.0', { hashes: [one, 'sha512:' + 'd'.repeat(128)] }),
          dependency('wheels', '2.0', { hashes: many }),
          dependency('broken', '3.0', { hashes: ['sha256:nothex', 'whirlpool:' + 'e'.repeat(128), 'no-colon'] }),
        ],
      }),
    );
    expect(await bomErrors(text)).toBeNull();
    expect(component(out, 'single==1.0')?.hashes).toEqual([
      { alg: 'SHA-256', content: 'a'.repeat(64) },
      { alg: 'SHA-512', content: 'd'.repeat(128) },
    ]);
    expect(component(out, 'wheels==2.0')?.hashes).toBeUndefined();
    expect(props(component(out, 'wheels==2.0'), 'hash')).toEqual(['sha256:' + 'b'.repeat(64), 'sha256:' + 'c'.repeat(64)]);
    expect(component(out, 'broken==3.0')?.hashes).toBeUndefined();
    expect(props(component(out, 'broken==3.0'), 'hash')).toEqual([]);
  });

  it('scopes runtime dependencies as required and dev, extras and other groups as optional', () => {
    const { bom: out } = bom(
      report({
        dependencies: [
          dependency('rt', '1', { groups: ['main'] }),
          dependency('both', '1', { groups: ['dev', 'main'] }),
          dependency('devtool', '1', { groups: ['dev'] }),
          dependency('extra', '1', { groups: ['postgres'] }),
        ],
      }),
    );
    expect(out.components.map((c) => [c.name, c.scope])).toEqual([
      ['both', 'required'],
      ['devtool', 'optional'],
      ['extra', 'optional'],
      ['rt', 'required'],
    ]);
    expect(props(component(out, 'both==1'), 'group')).toEqual(['dev', 'main']);
  });

  it('takes licenses from the report: SPDX id, SPDX expression, or a short declared name', async () => {
    const license = (pkg: string, version: string | null, expression: string | null, declared?: string): LicenseEntry => ({
      package: pkg,
      version,
      expression,
      category: 'permissive',
      ...(declared !== undefined ? { declared } : {}),
    });
    const { text, bom: out } = bom(
      report({
        dependencies: ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => dependency(name, '1.0')),
        licenses: [
          license('a', '1.0', 'MIT'),
          license('B', '1.0.0', 'Apache-2.0 OR MIT'),
          license('c', '1.0', null, 'Python Software Foundation License'),
          license('d', '1.0', null, 'Copyright (c) 2020\n\nPermission is hereby granted...'),
          license('e', '2.0', 'MIT'),
          license('f', '1.0', 'Some-Nonstandard License'),
        ],
      }),
    );
    expect(await bomErrors(text)).toBeNull();
    expect(component(out, 'a==1.0')?.licenses).toEqual([{ license: { id: 'MIT' } }]);
    expect(component(out, 'b==1.0')?.licenses).toEqual([{ expression: 'Apache-2.0 OR MIT' }]);
    expect(component(out, 'c==1.0')?.licenses).toEqual([{ license: { name: 'Python Software Foundation License' } }]);
    expect(component(out, 'd==1.0')?.licenses).toBeUndefined();
    expect(component(out, 'e==1.0')?.licenses).toBeUndefined();
    expect(component(out, 'f==1.0')?.licenses).toEqual([{ license: { name: 'Some-Nonstandard License' } }]);
  });
});

describe('CycloneDX dependency graph', () => {
  it('inverts dependents, maps a dependent name to every version of it, and keeps transitive ones off the root', async () => {
    const { text, bom: out } = bom(
      report({
        dependencies: [
          dependency('app-lib', '1.0', { direct: true }),
          dependency('app-lib', '2.0', { direct: true }),
          dependency('shared', '0.5', { direct: false, dependents: ['App_Lib', 'unknown-pkg'] }),
          dependency('leaf', '0.1', { direct: false, dependents: ['shared', 'leaf'] }),
        ],
      }),
    );
    expect(await bomErrors(text)).toBeNull();
    expect(dependsOn(out, ROOT_REF)).toEqual(['app-lib==1.0', 'app-lib==2.0']);
    expect(dependsOn(out, 'app-lib==1.0')).toEqual(['shared==0.5']);
    expect(dependsOn(out, 'app-lib==2.0')).toEqual(['shared==0.5']);
    expect(dependsOn(out, 'shared==0.5')).toEqual(['leaf==0.1']);
    expect(dependsOn(out, 'leaf==0.1')).toBeUndefined();
  });
});

describe('CycloneDX vulnerabilities', () => {
  it('rates by CVSS when known, says unknown otherwise, and keeps only web advisories', async () => {
    const { text, bom: out } = bom(
      report({
        dependencies: [dependency('a', '1.0'), dependency('b', '2.0')],
        vulnerabilities: [
          finding('GHSA-2222-3333-4444', 'a', '1.0', { score: 9.3, severity: 'critical', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' }),
          finding('OSV-2025-1', 'b', '2.0.0', {
            severity: 'unknown',
            score: undefined,
            vector: undefined,
            fixedIn: [],
            summary: undefined,
            references: ['https://example.org/advisory', 'javascript:alert(1)', 'not a url', 'https://example.org/advisory'],
          }),
        ],
      }),
    );
    expect(await bomErrors(text)).toBeNull();
    const [ghsa, osv] = out.vulnerabilities ?? [];
    expect(ghsa).toMatchObject({
      source: { name: 'GitHub Advisory Database', url: 'https://github.com/advisories/GHSA-2222-3333-4444' },
      ratings: [{ score: 9.3, severity: 'critical', method: 'CVSSv4' }],
    });
    expect(osv).toMatchObject({
      id: 'OSV-2025-1',
      source: { name: 'OSV', url: 'https://osv.dev/vulnerability/OSV-2025-1' },
      ratings: [{ severity: 'unknown', source: { name: 'OSV' } }],
      recommendation: 'No fixed version of b is known yet.',
      advisories: [{ url: 'https://example.org/advisory' }],
      affects: [{ ref: 'b==2.0', versions: [{ version: '2.0.0', status: 'affected' }] }],
    });
    expect(osv?.ratings[0]?.score).toBeUndefined();
    expect(osv?.description).toBeUndefined();
  });

  it('keeps a finding whose package is not in the inventory, without affects', async () => {
    const { text, bom: out } = bom(report({ vulnerabilities: [finding('CVE-2024-0001', 'ghost', '1.0')] }));
    expect(await bomErrors(text)).toBeNull();
    expect(out.vulnerabilities?.[0]).toMatchObject({ 'bom-ref': 'vulnerability:CVE-2024-0001:ghost==1.0', source: { name: 'NVD' } });
    expect(out.vulnerabilities?.[0]?.affects).toBeUndefined();
  });
});

describe('CycloneDX on unusual and hostile input', () => {
  it('an empty report is a valid BOM with only the root', async () => {
    const { text, bom: out } = bom(report());
    expect(await bomErrors(text)).toBeNull();
    expect(out.components).toEqual([]);
    expect(out.dependencies).toEqual([{ ref: ROOT_REF }]);
    expect(out.vulnerabilities).toBeUndefined();
  });

  it('leaves the timestamp out when generatedAt is not a date, and does not throw', async () => {
    const { text, bom: out } = bom(report({ generatedAt: 'yesterday' }));
    expect(await bomErrors(text)).toBeNull();
    expect(out.metadata.timestamp).toBeUndefined();
  });

  it('survives binary garbage in the root, versions and license text', async () => {
    const garbage = '\u0000\u0001PK\u0003\u0004\ufffd';
    const { text } = bom(
      report({
        root: garbage,
        dependencies: [dependency('x', garbage, { specifier: garbage, hashes: [garbage] }), dependency('y', null, { specifier: garbage })],
        licenses: [{ package: 'x', version: garbage, expression: garbage, declared: garbage, category: 'unknown' }],
        vulnerabilities: [finding('X-1', 'x', garbage, { summary: garbage, references: [garbage] })],
      }),
    );
    expect(await bomErrors(text)).toBeNull();
  });

  it('renders 10,000 dependencies with a long chain of dependents in seconds', async () => {
    const chain = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        dependency(`pkg-${String(i).padStart(5, '0')}`, `1.${i}`, { direct: i === 0, dependents: i === 0 ? undefined : [`pkg-${String(i - 1).padStart(5, '0')}`] }),
      );
    const started = Date.now();
    const { bom: out } = bom(report({ dependencies: chain(10_000) }));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(out.components).toHaveLength(10_000);
    expect(dependsOn(out, 'pkg-04999==1.4999')).toEqual(['pkg-05000==1.5000']);
    // The schema's uniqueItems checks make validation quadratic: validate a smaller chain of the same shape.
    expect(await bomErrors(bom(report({ dependencies: chain(500) })).text)).toBeNull();
  });
});

describe('uuidV5', () => {
  it('matches RFC 9562 name-based UUIDs (as Python uuid.uuid5 computes them)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(uuidV5(URL_NAMESPACE, 'urn:pipwarden:bom:test%2Ffixtures%2Fmonorepo@2026-11-29T12:00:00.000Z')).toBe('967302d5-7612-51a4-a207-29d0bd7b1f59');
    expect(() => uuidV5('not-a-uuid', 'x')).toThrow(RangeError);
  });
});
