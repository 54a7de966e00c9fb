/**
 * Which package index a URL names, as far as supply-chain risks care: PyPI itself, another public index,
 * or a private one (where an organisation publishes its own packages, and where dependency confusion
 * begins). URLs are compared without credentials, and only ever shown redacted.
 */
import { redact } from '../errors.js';
import type { DependencySource } from '../manifests/types.js';
import type { RiskConfig } from './config.js';

/** PYPI_HOSTS serve PyPI itself (the index and its files). */
const PYPI_HOSTS: ReadonlySet<string> = new Set(['pypi.org', 'www.pypi.org', 'pypi.python.org', 'files.pythonhosted.org']);

/**
 * PUBLIC_INDEX_HOSTS are well-known public indexes besides PyPI: anyone can read them, nobody's private
 * packages live there.
 */
const PUBLIC_INDEX_HOSTS: ReadonlySet<string> = new Set([
  ...PYPI_HOSTS,
  'test.pypi.org',
  'download.pytorch.org',
  'pypi.nvidia.com',
  'pypi.ngc.nvidia.com',
]);

/** hostOfUrl is a URL's host in lower case, without credentials or port; undefined when there is none. */
export function hostOfUrl(url: string): string | undefined {
  // A regex rather than `new URL`: index URLs may hold `${VAR}` placeholders that do not parse as URLs.
  const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#:]+)/i.exec(url.trim())?.[1];
  return host ? host.toLowerCase() : undefined;
}

/** withoutCredentials is a URL without its `user:password@` part, lower-cased scheme and host, no trailing `/`. */
export function withoutCredentials(url: string): string {
  const trimmed = url.trim().replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/?#]*@/i, '$1');
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/i.exec(trimmed);
  const normalised = match ? `${(match[1] ?? '').toLowerCase()}${match[2] ?? ''}` : trimmed;
  return normalised.replace(/\/+$/, '');
}

/** isPypiUrl tells whether an index URL is PyPI itself (or the index pipwarden was pointed at as PyPI). */
export function isPypiUrl(url: string, registryBaseUrl?: string): boolean {
  const host = hostOfUrl(url);
  if (host === undefined) return false;
  return PYPI_HOSTS.has(host) || (registryBaseUrl !== undefined && host === hostOfUrl(registryBaseUrl));
}

/**
 * isPrivateIndex tells whether an index hosts private packages: one of `privateIndexes` (a URL prefix or
 * a host) when the setting is given; otherwise any index that is not a known public one (an index whose
 * URL cannot be read, e.g. `${INDEX_URL}`, is taken as private).
 */
export function isPrivateIndex(url: string, config: Pick<RiskConfig, 'privateIndexes'>, registryBaseUrl?: string): boolean {
  if (config.privateIndexes.length > 0) {
    const plain = withoutCredentials(url).toLowerCase();
    const host = hostOfUrl(url);
    return config.privateIndexes.some((entry) => {
      const wanted = entry.trim().toLowerCase();
      if (!wanted.includes('/')) return host === wanted.replace(/:\d+$/, '');
      return plain.startsWith(withoutCredentials(wanted).toLowerCase());
    });
  }
  const host = hostOfUrl(url);
  if (host === undefined) return true;
  return !PUBLIC_INDEX_HOSTS.has(host) && !(registryBaseUrl !== undefined && host === hostOfUrl(registryBaseUrl));
}

/**
 * describedByPypi tells whether PyPI's data describes a dependency: it is installed from an index (not a
 * URL, VCS or path) and that index is not private (PyPI, a public index, or a mirror of PyPI). A package
 * from a private index may share its name with an unrelated PyPI project, whose data would mislead.
 */
export function describedByPypi(source: DependencySource | undefined, config: Pick<RiskConfig, 'privateIndexes'>, registryBaseUrl?: string): boolean {
  if (source === undefined) return true;
  if (source.type !== 'registry') return false;
  return source.url === undefined || !isPrivateIndex(source.url, config, registryBaseUrl);
}

/** showUrl is a URL fit for a message: credentials and tokens redacted. */
export function showUrl(url: string): string {
  return redact(url.trim());
}
