/**
 * The `.github/pipwarden.yml` sections of the GitHub layer: what the check run shows and whether
 * findings go to code scanning. The top-level `failOn` (src/config/schema.ts) decides what fails.
 * Integration: spread GITHUB_CONFIG_SHAPE into the top-level schema's object.
 */
import { z } from 'zod';

/** checkRunConfigSchema is the `checkRun` section. */
export const checkRunConfigSchema = z.strictObject({
  /** Annotate findings on the lines that declare them (false: the check run has a summary only). */
  annotations: z.boolean().default(true),
  /**
   * The most annotations one check run carries, worst first; the summary counts the rest. GitHub takes
   * 50 per request, so the default 1,000 costs at most 20 requests.
   */
  maxAnnotations: z.number().int().min(0).max(5_000).default(1_000),
  /** The lowest annotation level shown: `notice` (everything), `warning`, or `failure` (only what fails the check). */
  annotationLevel: z.enum(['notice', 'warning', 'failure']).default('notice'),
});

/** codeScanningConfigSchema is the `codeScanning` section. */
export const codeScanningConfigSchema = z.strictObject({
  /**
   * Upload findings to GitHub code scanning as SARIF. Where code scanning is unavailable (a private
   * repository without GitHub Advanced Security) the check run says so and nothing fails.
   */
  upload: z.boolean().default(true),
});

/** GITHUB_CONFIG_SHAPE is the two sections with their defaults, for the top-level configuration schema. */
export const GITHUB_CONFIG_SHAPE = {
  checkRun: checkRunConfigSchema.prefault({}),
  codeScanning: codeScanningConfigSchema.prefault({}),
};

/** CheckRunConfig is the validated `checkRun` section. */
export type CheckRunConfig = z.infer<typeof checkRunConfigSchema>;
/** CodeScanningConfig is the validated `codeScanning` section. */
export type CodeScanningConfig = z.infer<typeof codeScanningConfigSchema>;
