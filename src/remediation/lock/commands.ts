/**
 * relockCommand decides how each native tool re-locks, with the safest options it has (pure):
 *
 * - uv: `uv lock --no-build --upgrade-package <name>==<version> …` moves exactly the named packages,
 *   keeps every other locked version, and never builds a source distribution (no third-party code runs).
 *   `--exclude-newer <RFC 3339>` holds `minimumReleaseAge` — unless the lock records the project's own
 *   `exclude-newer`: passing another would change that recorded option and make `uv lock --check` fail,
 *   so then the result is checked against the index instead.
 *   https://docs.astral.sh/uv/concepts/projects/sync/#upgrading-locked-package-versions
 * - Poetry: `poetry update --lock --no-interaction <names>` (Poetry 1.x and 2.x): updates the named
 *   packages in the lock only, within pyproject.toml's constraints. No cut-off option: checked after.
 * - pipenv: `pipenv upgrade --lock-only <name>==<version> …` resolves the named packages and merges them
 *   into Pipfile.lock without adding them to the Pipfile (pipenv 2023.7 and later); `PIP_ONLY_BINARY=:all:`
 *   keeps pip from building sdists. No cut-off option: checked after.
 * - PDM: `pdm lock --update-reuse --exclude-newer <date>` re-locks from the edited pyproject.toml and
 *   keeps every pin it still can (`--exclude-newer` since PDM 2.13).
 *
 * A mirror (`indexUrl`) is passed where the tool does not record it in the lock: pipenv
 * `--pypi-mirror`, PDM `PDM_PYPI_URL`. uv and Poetry write the index into the lock, so a mirror there
 * would rewrite every entry's source: they use the project's own index settings.
 */
import { parseLockToml, stringField, tableField } from '../../manifests/lock-toml.js';
import type { RelockKind } from './types.js';

/** RelockTarget is one package to move and its target version. */
export interface RelockTarget {
  package: string;
  to: string;
}

/** RelockCommandInput is what the command depends on. */
export interface RelockCommandInput {
  targets: readonly RelockTarget[];
  /** Releases uploaded after this are not allowed in. */
  cutoff?: Date;
  /** A mirror of PyPI to resolve from. */
  indexUrl?: string;
  /** The lock before the re-lock (uv: to see whether it records its own `exclude-newer`). */
  lockText?: string;
}

/** RelockCommand is the argument list, the tool-specific environment and what the tool enforces itself. */
export interface RelockCommand {
  args: string[];
  env: Record<string, string>;
  /** Whether the tool itself keeps releases newer than the cut-off out (else the result is checked). */
  enforcesCutoff: boolean;
  notes: string[];
}

/** relockCommand builds the command for a format (see the module comment). */
export function relockCommand(kind: RelockKind, input: RelockCommandInput): RelockCommand {
  const cutoff = input.cutoff ? input.cutoff.toISOString() : undefined;
  const notes: string[] = [];
  switch (kind) {
    case 'uv-lock': {
      const ownCutoff = input.lockText !== undefined && lockRecordsExcludeNewer(input.lockText);
      const args = ['lock', '--no-build', ...input.targets.flatMap((t) => ['--upgrade-package', `${t.package}==${t.to}`])];
      if (cutoff && !ownCutoff) args.push('--exclude-newer', cutoff);
      if (cutoff && ownCutoff) notes.push('uv.lock records the project\'s own exclude-newer: the cut-off is checked against the index instead');
      if (input.indexUrl) notes.push('uv records index URLs in uv.lock: the mirror is not used, the project\'s own index settings apply');
      return { args, env: { UV_NO_PROGRESS: '1', NO_COLOR: '1' }, enforcesCutoff: cutoff !== undefined && !ownCutoff, notes };
    }
    case 'poetry-lock': {
      if (input.indexUrl) notes.push('Poetry records sources in poetry.lock: the mirror is not used, the project\'s own sources apply');
      return {
        args: ['update', '--lock', '--no-interaction', ...input.targets.map((t) => t.package)],
        env: { POETRY_NO_INTERACTION: '1', NO_COLOR: '1' },
        enforcesCutoff: false,
        notes,
      };
    }
    case 'pipfile-lock': {
      const args = ['upgrade', '--lock-only', ...input.targets.map((t) => `${t.package}==${t.to}`)];
      if (input.indexUrl) args.push('--pypi-mirror', input.indexUrl);
      return {
        args,
        env: {
          PIPENV_YES: '1',
          PIPENV_NOSPIN: '1',
          PIPENV_NO_INHERIT: '1',
          PIPENV_IGNORE_VIRTUALENVS: '1',
          PIPENV_VENV_IN_PROJECT: '1',
          PIPENV_DONT_LOAD_ENV: '1',
          PIP_ONLY_BINARY: ':all:',
          NO_COLOR: '1',
        },
        enforcesCutoff: false,
        notes,
      };
    }
    case 'pdm-lock': {
      const args = ['lock', '--update-reuse'];
      if (cutoff) args.push('--exclude-newer', cutoff);
      const env: Record<string, string> = { PDM_NON_INTERACTIVE: '1', PDM_CHECK_UPDATE: 'false', NO_COLOR: '1' };
      if (input.indexUrl) env['PDM_PYPI_URL'] = input.indexUrl;
      return { args, env, enforcesCutoff: cutoff !== undefined, notes };
    }
  }
}

/** lockRecordsExcludeNewer tells whether a uv.lock's `[options]` records an `exclude-newer` cut-off. */
export function lockRecordsExcludeNewer(lockText: string): boolean {
  const parsed = parseLockToml({ path: 'uv.lock', content: lockText });
  if (!parsed.ok) return false;
  const options = tableField(parsed.data, 'options');
  return options !== undefined && stringField(options, 'exclude-newer') !== undefined;
}
