/**
 * Prometheus metrics, served at `/metrics`: what an operator watches to know the app is healthy and cheap
 * on GitHub's rate limits. One registry per app instance (tests create their own).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** AppMetrics are the instruments the app records into. */
export interface AppMetrics {
  registry: Registry;
  /** Audits finished, by kind (audit, review) and outcome (published, unchanged, failed, config-error). */
  audits: Counter<'kind' | 'outcome'>;
  /** Vulnerability, license, risk and code findings published, by type and severity. */
  findings: Counter<'type' | 'severity'>;
  auditSeconds: Histogram<'kind'>;
  /** Jobs waiting or running. */
  queueDepth: Gauge;
  /** GitHub API requests, by method and status. */
  githubRequests: Counter<'method' | 'status'>;
  /** The last `x-ratelimit-remaining` GitHub sent, by installation and resource. */
  rateLimitRemaining: Gauge<'installation' | 'resource'>;
  /** Webhook deliveries skipped as already handled (redeliveries, duplicates). */
  duplicates: Counter<'event'>;
}

/** createMetrics builds the registry. `queueDepth` reads the queue when Prometheus scrapes. */
export function createMetrics(readQueueDepth: () => Promise<number>, options: { defaultMetrics?: boolean } = {}): AppMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'pipwarden_' });
  return {
    registry,
    audits: new Counter({ name: 'pipwarden_audits_total', help: 'Audits finished, by kind and outcome.', labelNames: ['kind', 'outcome'], registers: [registry] }),
    findings: new Counter({ name: 'pipwarden_findings_total', help: 'Findings published, by type and severity.', labelNames: ['type', 'severity'], registers: [registry] }),
    auditSeconds: new Histogram({
      name: 'pipwarden_audit_duration_seconds',
      help: 'Time to audit one repository commit.',
      labelNames: ['kind'],
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 120],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'pipwarden_queue_depth',
      help: 'Jobs waiting or running.',
      registers: [registry],
      async collect() {
        this.set(await readQueueDepth());
      },
    }),
    githubRequests: new Counter({ name: 'pipwarden_github_requests_total', help: 'GitHub API requests, by method and status.', labelNames: ['method', 'status'], registers: [registry] }),
    rateLimitRemaining: new Gauge({
      name: 'pipwarden_github_rate_limit_remaining',
      help: 'The last x-ratelimit-remaining GitHub reported, by installation and resource.',
      labelNames: ['installation', 'resource'],
      registers: [registry],
    }),
    duplicates: new Counter({ name: 'pipwarden_duplicate_deliveries_total', help: 'Events skipped as already handled.', labelNames: ['event'], registers: [registry] }),
  };
}
