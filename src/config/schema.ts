/**
 * The schema of `.github/pipwarden.yml`, the per-repository configuration (org defaults come through
 * Probot's `_extends`). Every key is documented in the README with its default; unknown keys are errors
 * so a typo never silently does nothing.
 */
import { z } from 'zod';
import { codeConfigSchema } from '../code/config.js';
import { secretsConfigSchema } from '../code/secrets/config.js';
import { GITHUB_CONFIG_SHAPE } from '../github/config.js';
import { licenseConfigSchema } from '../licenses/config.js';
import { lockFilesConfigSchema } from '../remediation/lock/config.js';
import { releaseNotesConfigSchema } from '../remediation/notes/config.js';
import { remediationConfigSchema } from '../remediation/plan/config.js';
import { riskConfigSchema } from '../risks/config.js';
import { durationSchema } from './duration.js';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown'] as const;

/** A date as `YYYY-MM-DD` (YAML may hand over a Date for an unquoted date). */
const dateString = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'),
);

/** ignoreEntrySchema is one suppression of an advisory. */
export const ignoreEntrySchema = z.strictObject({
  /** An advisory id or any of its aliases (PYSEC-…, GHSA-…, CVE-…). */
  id: z.string().min(1),
  /** Why it is acceptable: shown in every report that lists the finding. */
  reason: z.string().min(1),
  /** The last day the suppression holds; after it the finding is active again and says so. */
  until: dateString.optional(),
  /** The suppression lapses by itself as soon as a fixed version exists. */
  whileNoFix: z.boolean().optional(),
  /** Limit the suppression to one package (PEP 503 name); default: every package the advisory names. */
  package: z.string().min(1).optional(),
});

/** configSchema is the whole `.github/pipwarden.yml`. */
export const configSchema = z.strictObject({
  /** The lowest severity that fails the check run (and the CLI's exit code, unless --fail-on says). */
  failOn: z.enum(SEVERITIES).default('high'),
  ignore: z.array(ignoreEntrySchema).default([]),
  /**
   * How often the app audits this repository on its schedule (a duration: `12 hours`, `1 week`). The
   * app sweeps every PIPWARDEN_SCHEDULE (default daily); a longer interval here skips sweeps until it is
   * due. Pushes that change dependency files are audited whatever this says.
   */
  schedule: durationSchema.optional(),
  /**
   * The youngest release pipwarden accepts (`3 days`): a release younger than this is a `too-new` risk,
   * and remediation never proposes one. Default: no minimum.
   */
  minimumReleaseAge: durationSchema.optional(),
  code: codeConfigSchema,
  secrets: secretsConfigSchema,
  risks: riskConfigSchema.prefault({}),
  licenses: licenseConfigSchema.prefault({}),
  remediation: remediationConfigSchema.prefault({}),
  releaseNotes: releaseNotesConfigSchema.prefault({}),
  lockFiles: lockFilesConfigSchema.prefault({}),
  ...GITHUB_CONFIG_SHAPE,
});

/** PipwardenConfig is the validated configuration with defaults filled in. */
export type PipwardenConfig = z.infer<typeof configSchema>;
/** IgnoreEntry is one suppression. */
export type IgnoreEntry = z.infer<typeof ignoreEntrySchema>;

/** DEFAULT_CONFIG is the configuration of a repository without `.github/pipwarden.yml`. */
export const DEFAULT_CONFIG: PipwardenConfig = configSchema.parse({});
