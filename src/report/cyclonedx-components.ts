/**
 * CycloneDX components for the inventory (CycloneDX 1.6 §components): one library component per
 * dependency, identified by a Package URL (purl-spec, type `pypi`:
 * https://github.com/package-url/purl-spec/blob/main/types-doc/pypi-definition.md), with its license,
 * hashes, scope and groups.
 */
import { NOT_CHECKED_PREFIX } from '../licenses/check.js';
import { Contrib, Enums, Models } from '@cyclonedx/cyclonedx-library';
import { PackageURL } from 'packageurl-js';
import parseSpdxExpression from 'spdx-expression-parse';
import type { Dependency } from '../manifests/inventory.js';
import { normalizePackageName } from '../manifests/pep508.js';
import { versionIdentity } from '../pep440/index.js';
import type { LicenseEntry } from './types.js';

/** PROPERTY_PREFIX namespaces pipwarden's component properties (CycloneDX property taxonomy practice). */
export const PROPERTY_PREFIX = 'pipwarden:';

/** MAX_NAMED_LICENSE_LENGTH: a declared license longer than this (or on several lines) is a license text, not a name. */
export const MAX_NAMED_LICENSE_LENGTH = 200;

/**
 * HASH_ALGORITHMS maps the algorithm names of pip's `--hash` and lock files (hashlib names) to CycloneDX
 * hash algorithms.
 */
const HASH_ALGORITHMS: ReadonlyMap<string, Enums.HashAlgorithm> = new Map([
  ['md5', Enums.HashAlgorithm.MD5],
  ['sha1', Enums.HashAlgorithm['SHA-1']],
  ['sha256', Enums.HashAlgorithm['SHA-256']],
  ['sha384', Enums.HashAlgorithm['SHA-384']],
  ['sha512', Enums.HashAlgorithm['SHA-512']],
  ['sha3_256', Enums.HashAlgorithm['SHA3-256']],
  ['sha3_384', Enums.HashAlgorithm['SHA3-384']],
  ['sha3_512', Enums.HashAlgorithm['SHA3-512']],
  ['blake2b_256', Enums.HashAlgorithm['BLAKE2b-256']],
  ['blake2b_384', Enums.HashAlgorithm['BLAKE2b-384']],
  ['blake2b_512', Enums.HashAlgorithm['BLAKE2b-512']],
]);

const licenseFactory = new Contrib.License.Factories.LicenseFactory((expression: string) => {
  parseSpdxExpression(expression);
});

/** componentRef is a dependency's bom-ref: `name==version` (pip's spelling), or the name alone without a version. */
export function componentRef(dependency: Pick<Dependency, 'name' | 'version'>): string {
  return dependency.version === null ? dependency.name : `${dependency.name}==${dependency.version}`;
}

/**
 * pypiPurl is the dependency's Package URL: `pkg:pypi/<name>@<version>`, without `@version` when only a
 * range is known. Where the package comes from is said with purl qualifiers: `repository_url` for an index
 * other than PyPI, `vcs_url` for a VCS checkout, `download_url` for a direct URL (credentials and URL
 * fragments removed). A local path is not a PyPI package: no purl (undefined).
 */
export function pypiPurl(dependency: Pick<Dependency, 'name' | 'version' | 'source'>): string | undefined {
  const source = dependency.source;
  if (source?.type === 'path') return undefined;
  const qualifiers: Record<string, string> = {};
  if (source?.type === 'vcs') qualifiers['vcs_url'] = publicUrl(source.url);
  else if (source?.type === 'url') qualifiers['download_url'] = publicUrl(source.url);
  else if (source?.type === 'registry' && source.url && !isPyPI(source.url)) qualifiers['repository_url'] = publicUrl(source.url);
  const nonEmpty = Object.fromEntries(Object.entries(qualifiers).filter(([, value]) => value !== ''));
  try {
    return new PackageURL('pypi', null, dependency.name, dependency.version, Object.keys(nonEmpty).length > 0 ? nonEmpty : null, null).toString();
  } catch {
    return undefined;
  }
}

/**
 * dependencyComponent builds the component of one dependency. Scope is `required` for a runtime
 * dependency (group `main`), `optional` otherwise (dev tools, extras, other groups). Groups, whether it is
 * direct and, for a range-only dependency, its specifier are properties.
 */
export function dependencyComponent(dependency: Dependency, license: LicenseEntry | undefined): Models.Component {
  const component = new Models.Component(Enums.ComponentType.Library, dependency.name, {
    bomRef: componentRef(dependency),
    scope: dependency.groups.includes('main') ? Enums.ComponentScope.Required : Enums.ComponentScope.Optional,
  });
  if (dependency.version !== null) component.version = dependency.version;
  const purl = pypiPurl(dependency);
  if (purl) component.purl = purl;
  const bomLicense = license ? licenseOf(license) : undefined;
  if (bomLicense) component.licenses.add(bomLicense);
  const extraHashes = addHashes(component, dependency.hashes ?? []);
  const property = (name: string, value: string) => component.properties.add(new Models.Property(`${PROPERTY_PREFIX}${name}`, value));
  for (const group of dependency.groups) property('group', group);
  property('direct', String(dependency.direct));
  if (dependency.version === null && dependency.specifier) property('specifier', dependency.specifier);
  for (const hash of extraHashes) property('hash', hash);
  return component;
}

/** LicenseIndex finds the license entry of a (name, version). */
export class LicenseIndex {
  private readonly byKey = new Map<string, LicenseEntry>();

  constructor(entries: readonly LicenseEntry[]) {
    for (const entry of entries) {
      const key = licenseKey(entry.package, entry.version);
      if (!this.byKey.has(key)) this.byKey.set(key, entry);
    }
  }

  /** of is the entry for this dependency's name and version (PEP 440-equal versions match), if any. */
  of(dependency: Pick<Dependency, 'name' | 'version'>): LicenseEntry | undefined {
    return this.byKey.get(licenseKey(dependency.name, dependency.version));
  }
}

/**
 * licenseOf is a license entry as CycloneDX sees it: a known SPDX id, an SPDX expression, or else a named
 * license (the declared text, when it is a short single line rather than a whole license text). A
 * license that was not looked up is left out.
 */
function licenseOf(entry: LicenseEntry): Models.License | undefined {
  if (entry.expression) return licenseFactory.makeFromString(entry.expression.trim());
  const declared = entry.declared?.trim();
  // "not checked (offline)" says the license is unknown, not what it is: no license claim at all.
  if (declared?.startsWith(NOT_CHECKED_PREFIX)) return undefined;
  if (declared && declared.length <= MAX_NAMED_LICENSE_LENGTH && !/[\r\n]/.test(declared)) return new Models.NamedLicense(declared);
  return undefined;
}

/**
 * addHashes adds `algorithm:hex` digests to the component. CycloneDX `hashes` are the component's own
 * hashes, and the library keeps one per algorithm: a single digest of an algorithm goes there. A lock file
 * often lists several (one per wheel or sdist); those are returned to be listed as `pipwarden:hash`
 * properties instead, so none is lost and none is claimed as the component's only hash.
 */
function addHashes(component: Models.Component, hashes: readonly string[]): string[] {
  const byAlgorithm = new Map<Enums.HashAlgorithm, string[]>();
  const spelled = new Map<Enums.HashAlgorithm, string[]>();
  for (const hash of [...new Set(hashes)].sort()) {
    const separator = hash.indexOf(':');
    const algorithm = HASH_ALGORITHMS.get(hash.slice(0, separator).toLowerCase().replace('-', '_'));
    const digest = hash.slice(separator + 1).toLowerCase();
    if (separator < 0 || algorithm === undefined || !/^[0-9a-f]+$/.test(digest)) continue;
    byAlgorithm.set(algorithm, [...(byAlgorithm.get(algorithm) ?? []), digest]);
    spelled.set(algorithm, [...(spelled.get(algorithm) ?? []), hash]);
  }
  const extra: string[] = [];
  for (const [algorithm, digests] of byAlgorithm) {
    if (digests.length === 1 && digests[0] !== undefined) component.hashes.set(algorithm, digests[0]);
    else extra.push(...(spelled.get(algorithm) ?? []));
  }
  return extra;
}

function licenseKey(name: string, version: string | null): string {
  return `${normalizePackageName(name)}\u0000${version === null ? '' : versionIdentity(version)}`;
}

/** publicUrl removes credentials (`user:token@`, except the conventional `git@` of SSH) and the `#fragment`. */
function publicUrl(url: string): string {
  return url
    .replace(/#.*$/, '')
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@]*)@/i, (_match, scheme: string, userinfo: string) => (userinfo === 'git' ? `${scheme}git@` : scheme));
}

function isPyPI(url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host === 'pypi.org' || host === 'pypi.python.org' || host === 'files.pythonhosted.org';
  } catch {
    return false;
  }
}
