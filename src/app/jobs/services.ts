/**
 * JobServices are what a job needs to run: GitHub (as the installation), the stores, the advisory sources
 * and the clock. Built once in app.ts; tests build them with nock-backed Octokits and temporary stores.
 */
import type { Logger } from 'probot';
import type { AdvisorySource } from '../../advisories/types.js';
import type { PackageRegistry } from '../../registry/types.js';
import type { ReleaseNotesSource } from '../../remediation/notes/index.js';
import type { StateStore } from '../../state/types.js';
import type { Queue } from '../../jobs/types.js';
import type { AppMetrics } from '../metrics.js';
import type { GitHubClient } from '../octokit.js';
import type { AppSettings } from '../settings.js';

/** JobServices are injected into every job runner. */
export interface JobServices {
  /** An Octokit authenticated as the installation. */
  auth(installationId: number): Promise<GitHubClient>;
  /** The advisory sources of one audit; `githubToken` is the installation's token, for the GitHub Advisory Database. */
  advisorySources(githubToken: string | undefined): AdvisorySource[];
  /** A version of the advisory data the sources answer from: part of the "nothing changed" fingerprint. */
  advisoryVersion(now: Date): Promise<string>;
  /**
   * PyPI for one job (licenses, risks), or null when it is not consulted. A fresh registry per job: its
   * answers are memoised for the job's lifetime, and a long-lived one would serve stale releases.
   */
  registry(): PackageRegistry | null;
  /** Where release notes for remediation pull requests come from (null: none), given the installation token. */
  releaseNotes(githubToken: string | undefined): ReleaseNotesSource | null;
  queue: Queue;
  state: StateStore;
  metrics: AppMetrics;
  settings: AppSettings;
  log: Logger;
  now(): Date;
}
