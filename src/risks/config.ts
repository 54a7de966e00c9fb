/**
 * The `risks` section of `.github/pipwarden.yml`: which supply-chain checks run and how they judge.
 * The lead mounts it as `risks: riskConfigSchema.prefault({})` so every key has its default.
 * `minimumReleaseAge` is a top-level key (a duration, see `config/duration.ts`), passed to the runner as
 * `minimumReleaseAgeMs`.
 */
import { z } from 'zod';

/** RISK_KINDS are the ids of the checks, which are also the `kind` of the findings they report. */
export const RISK_KINDS = [
  'typosquat',
  'unmaintained',
  'yanked',
  'deprecated',
  'sdist-only',
  'unpinned',
  'unhashed',
  'extra-index-url',
  'url-source',
  'too-new',
  'conflict',
  'provenance-lost',
  'drift',
  'dependency-confusion',
] as const;

/** RiskKind is one check's id. */
export type RiskKind = (typeof RISK_KINDS)[number];

/** riskConfigSchema is the `risks` section. */
export const riskConfigSchema = z.strictObject({
  /** A package whose latest release is older than this many years is reported as unmaintained (default 2). */
  unmaintainedYears: z.number().positive().max(100).default(2),
  /** Checks not to run, by kind (default: none), e.g. `[sdist-only, unmaintained]`. */
  disabled: z.array(z.enum(RISK_KINDS)).default([]),
  /**
   * Names to treat as known-good in the typosquat check (default: none): never reported as look-alikes,
   * and themselves protected (a name one letter away from one of them is reported). List your
   * organisation's own package names here.
   */
  popularPackages: z.array(z.string().min(1)).default([]),
  /**
   * Indexes that host your organisation's private packages (default: none), as URL prefixes
   * (`https://pkgs.example.com/simple`) or host names (`pkgs.example.com`). When the list is empty, every
   * index that is not a known public one (PyPI, TestPyPI, PyTorch's, NVIDIA's) counts as private. When
   * it is set, other indexes count as mirrors of PyPI. Used by `dependency-confusion`, and to decide
   * which packages PyPI's data describes: a package from a private index is not judged by what PyPI
   * says about an unrelated project of the same name.
   */
  privateIndexes: z.array(z.string().min(1)).default([]),
});

/** RiskConfig is the validated `risks` section with defaults filled in. */
export type RiskConfig = z.infer<typeof riskConfigSchema>;

/** DEFAULT_RISK_CONFIG is the section of a repository that says nothing about risks. */
export const DEFAULT_RISK_CONFIG: RiskConfig = riskConfigSchema.parse({});
