/**
 * extra-index-url: more than one index to install from, without saying which package comes from which.
 * - pip's `--extra-index-url` (requirements files, a conda environment's pip section), high: pip asks
 *   every index for every package and installs the highest version any of them offers. Whoever can
 *   publish on one index can shadow a package of the other with a higher version: the dependency
 *   confusion behind the 2021 attacks on private packages and the 2022 `torchtriton` compromise of
 *   PyTorch's nightly index. pip has no per-package index; use one index that serves everything (a
 *   proxy in front of PyPI and the private packages), or pin hashes.
 * - a secondary source of Pipfile (`[[source]]` after the first), Poetry (`[[tool.poetry.source]]`
 *   that is not the primary), PDM or uv (`[[tool.uv.index]]` that is not the default) to which no
 *   package is pinned, medium: depending on the tool and its settings, packages may be resolved from
 *   it and from the main index alike. Pin the packages that must come from it (Pipfile `index =`, Poetry
 *   `source =` with `priority = "explicit"`, uv `[tool.uv.sources]` with an `explicit = true` index).
 * Lock files are not judged: their manifest carries the same sources.
 */
import { LOCK_KINDS } from '../../manifests/types.js';
import type { RiskFinding } from '../../report/types.js';
import { showUrl, withoutCredentials } from '../indexes.js';
import { finding, lineLocation } from '../scope.js';
import type { RiskCheck } from '../types.js';

const PIP_KINDS = new Set(['requirements', 'conda-environment']);

/** extraIndexUrlCheck reports extra indexes that let one index shadow another. */
export const extraIndexUrlCheck: RiskCheck = {
  id: 'extra-index-url',
  title: 'Extra package index without per-package pinning',
  run({ input }) {
    const findings: RiskFinding[] = [];
    for (const manifest of input.manifests) {
      if (LOCK_KINDS.has(manifest.kind)) continue;
      const options = manifest.indexes ?? [];
      if (options.some((o) => o.option === 'no-index')) continue;
      const pinned = new Set(
        manifest.requirements.flatMap((r) => (r.source.type === 'registry' && r.source.url ? [withoutCredentials(r.source.url)] : [])),
      );
      for (const option of options.filter((o) => o.option === 'extra-index-url')) {
        const url = showUrl(option.value);
        if (PIP_KINDS.has(manifest.kind)) {
          findings.push(
            finding({
              kind: 'extra-index-url',
              severity: 'high',
              locations: [lineLocation(manifest.path, option.line)],
              message:
                `${manifest.path} adds the index ${url} with --extra-index-url. pip asks every index for every package and ` +
                'installs the highest version any of them offers, so a package published on one index with a higher version ' +
                'replaces the package of the same name from the other (dependency confusion). Install from a single index ' +
                'that serves all your packages (--index-url pointing to a proxy of PyPI and your private packages), and pin hashes.',
            }),
          );
        } else if (!pinned.has(withoutCredentials(option.value))) {
          findings.push(
            finding({
              kind: 'extra-index-url',
              severity: 'medium',
              locations: [lineLocation(manifest.path, option.line)],
              message:
                `${manifest.path} declares the secondary index ${url}, but no package is pinned to it: depending on the tool ` +
                'and its settings, packages may then be resolved from it and from the main index alike, and one can shadow ' +
                'the other. Pin each package that must come from it (Pipfile index = "…", Poetry source = "…" with ' +
                'priority = "explicit", uv [tool.uv.sources] with an explicit = true index), or remove it.',
            }),
          );
        }
      }
    }
    return findings;
  },
};
