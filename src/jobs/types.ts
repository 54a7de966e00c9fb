/**
 * The job queue's contract (DESIGN.md, "jobs/"): webhook handlers and the sweep scheduler hand work to a
 * `Queue`; workers run it. Two implementations share it: `InProcessQueue` (one instance, no Redis) and
 * `BullMqQueue` (REDIS_URL set: N app instances share one queue).
 */

/**
 * AuditJob is one unit of work: audit (or review, or sweep) one repository at one commit. It is plain
 * JSON so it survives a trip through Redis unchanged.
 */
export interface AuditJob {
  /** What to do: `audit` (push / schedule), `review` (pull request), `sweep` (fan out over an installation), or a future kind. */
  kind: 'audit' | 'review' | 'sweep' | (string & {});
  /**
   * The GitHub App installation the job acts through; jobs of one installation share a concurrency
   * bound. 0 for app-wide jobs that belong to no installation (the sweep of all installations).
   */
  installationId: number;
  /** The repository's owner and name; empty for jobs about no single repository. */
  owner: string;
  repo: string;
  /** The commit audited. Jobs without a commit use a stable placeholder such as `HEAD`, or empty. */
  sha: string;
  /** The branch or ref the commit was reached from, when known. */
  ref?: string;
  /** Why the job exists (`push`, `schedule`, `installation`, `comment`…): logged, never interpreted. */
  reason: string;
  /** Free data for the handler of this kind (e.g. a pull request number). */
  data?: Record<string, unknown>;
  /**
   * Run no earlier than this many ms after enqueue (default: at once), e.g. to spread a sweep's audits
   * over the interval. The key is claimed from enqueue on, so a duplicate is refused while it waits.
   */
  delayMs?: number;
}

/** JobHandler does one job. A rejection is a failure: the job is retried with backoff, then logged and dropped. */
export type JobHandler = (job: AuditJob) => Promise<void>;

/**
 * JobLogger is the part of a pino logger (Probot's `app.log`) the queues use: one structured object,
 * then the message.
 */
export interface JobLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

/**
 * Queue runs AuditJobs, at most once at a time per job key (`jobKey`: kind:owner/repo@sha), with a
 * global and a per-installation concurrency bound and retries with backoff.
 */
export interface Queue {
  /**
   * enqueue adds a job unless one with the same key (kind:owner/repo@sha) is waiting or running; returns
   * false when deduplicated. Once that job has finished (done or failed for good) the same key may be
   * enqueued again. Throws a PipwardenError (`job`) for a malformed job and (`queue-closed`) after close().
   */
  enqueue(job: AuditJob): Promise<boolean>;
  /** process starts workers calling handler; concurrency comes from the queue's options. Call it once. */
  process(handler: JobHandler): void;
  /**
   * schedule enqueues `job` every `intervalMs`, shifted by a jitter so that schedules do not all fire at
   * once. Calling it again with the same id replaces that schedule. With Redis, N instances scheduling
   * the same id yield one schedule.
   */
  schedule(id: string, intervalMs: number, job: AuditJob): Promise<void>;
  /** depth is the number of jobs waiting (including retries and deferrals) or running, for /metrics. */
  depth(): Promise<number>;
  /** close stops taking jobs, waits for the running ones to finish, then resolves. */
  close(): Promise<void>;
}
