/**
 * url-source: a dependency installed from a URL or a version-control repository rather than an index.
 * Such a dependency skips what an index offers (immutable versions, yanking, advisories matched by
 * version), and what it installs is only as fixed as its reference:
 * - high: fetched over plain `http://` or `git://`, where anyone on the network path can change what is
 *   installed;
 * - medium: a VCS reference to a branch, a tag or nothing (all can move), or an archive URL without a
 *   hash;
 * - low: a VCS reference to a full commit id, or an archive URL with a pinned hash (`--hash`, a lock's
 *   hashes or a `#sha256=` fragment): fixed content, but outside the index's protections.
 * Local paths are not reported: they are the repository's own code.
 */
import type { Dependency } from '../../manifests/inventory.js';
import type { RiskSeverity } from '../../report/types.js';
import { showUrl } from '../indexes.js';
import { finding } from '../scope.js';
import type { RiskCheck } from '../types.js';

const COMMIT = /^[0-9a-f]{40}([0-9a-f]{24})?$/i;

function judge(dependency: Dependency): { severity: RiskSeverity; why: string } | null {
  const source = dependency.source;
  if (!source || (source.type !== 'url' && source.type !== 'vcs')) return null;
  const transport = source.url.replace(/^(git|hg|svn|bzr)\+/i, '').toLowerCase();
  if (transport.startsWith('http://') || transport.startsWith('git://') || transport.startsWith('svn://')) {
    return { severity: 'high', why: 'over an unencrypted connection, so anyone on the network path can change what is installed' };
  }
  if (source.type === 'vcs') {
    const fragmentCommit = /#([0-9a-f]{40})$/i.exec(source.url)?.[1];
    if ((source.ref && COMMIT.test(source.ref)) || fragmentCommit) {
      return { severity: 'low', why: 'pinned to a commit, but outside the checks an index allows (yanking, advisories by version)' };
    }
    return {
      severity: 'medium',
      why: source.ref
        ? `at "${source.ref}", a branch or tag that can move to other code at any time`
        : 'without a reference, so it installs whatever the default branch holds at install time',
    };
  }
  const hashed = (dependency.hashes?.length ?? 0) > 0 || /#(sha256|sha384|sha512)=/i.test(source.url);
  return hashed
    ? { severity: 'low', why: 'with a pinned hash, but outside the checks an index allows (yanking, advisories by version)' }
    : { severity: 'medium', why: 'without a hash, so whatever the server returns is installed' };
}

/** urlSourceCheck reports URL and VCS dependencies, by how fixed and how protected their content is. */
export const urlSourceCheck: RiskCheck = {
  id: 'url-source',
  title: 'Installed from a URL or repository',
  run({ input }) {
    return input.dependencies.flatMap((dependency) => {
      const verdict = judge(dependency);
      if (!verdict || !dependency.source || dependency.source.type === 'registry' || dependency.source.type === 'path') return [];
      const what = dependency.source.type === 'vcs' ? 'repository' : 'URL';
      return [
        finding({
          kind: 'url-source',
          severity: verdict.severity,
          package: dependency.name,
          version: dependency.version,
          locations: dependency.locations,
          message:
            `${dependency.name} is installed from the ${what} ${showUrl(dependency.source.url)} ${verdict.why}. ` +
            (verdict.severity === 'low'
              ? 'Prefer a release from the index when one exists.'
              : 'Use a release from the index, or pin an https URL to a full commit id or an archive with its hash.'),
        }),
      ];
    });
  },
};
