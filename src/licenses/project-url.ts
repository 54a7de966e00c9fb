/**
 * The page an attribution list links a package to: its `Project-URL` labelled Homepage, else its
 * source repository (core metadata 2.1 `Project-URL`; PyPI's well-known labels,
 * https://packaging.python.org/en/latest/specifications/well-known-project-urls/).
 */
import type { PackageMetadata } from '../registry/types.js';

/** The labels looked for, in order, compared after PyPI's normalisation (lower case, no punctuation). */
const PREFERRED_LABELS: readonly string[] = ['homepage', 'home', 'source', 'sourcecode', 'repository', 'code', 'github'];

/** projectUrlOf is the package's home page or source URL (http or https only); undefined when it has none. */
export function projectUrlOf(metadata: Pick<PackageMetadata, 'projectUrls'>): string | undefined {
  const byLabel = new Map<string, string>();
  for (const [label, url] of Object.entries(metadata.projectUrls)) {
    const key = label.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (!byLabel.has(key) && /^https?:\/\/\S+$/i.test(url.trim())) byLabel.set(key, url.trim());
  }
  for (const label of PREFERRED_LABELS) {
    const url = byLabel.get(label);
    if (url) return url;
  }
  return undefined;
}
