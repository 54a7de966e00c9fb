/**
 * Small in-memory stand-ins for the app's IO services, for handler tests: a queue that records what was
 * enqueued (deduplicating by job key like the real ones) and a state store in a Map.
 */
import { jobKey } from '../../src/jobs/job.js';
import type { AuditJob, JobHandler, Queue } from '../../src/jobs/types.js';
import type { StateStore } from '../../src/state/types.js';

/** RecordingQueue keeps every accepted job in `jobs`; `run()` hands them to the registered handler. */
export class RecordingQueue implements Queue {
  readonly jobs: AuditJob[] = [];
  readonly schedules: Array<{ id: string; intervalMs: number; job: AuditJob }> = [];
  private handler: JobHandler | undefined;
  private ran = 0;
  private readonly keys = new Set<string>();

  enqueue(job: AuditJob): Promise<boolean> {
    const key = jobKey(job);
    if (this.keys.has(key)) return Promise.resolve(false);
    this.keys.add(key);
    this.jobs.push(job);
    return Promise.resolve(true);
  }
  process(handler: JobHandler): void {
    this.handler = handler;
  }
  schedule(id: string, intervalMs: number, job: AuditJob): Promise<void> {
    this.schedules.push({ id, intervalMs, job });
    return Promise.resolve();
  }
  depth(): Promise<number> {
    return Promise.resolve(this.jobs.length);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
  /** runAll runs the recorded jobs not run yet (and any they enqueue) through the handler, in order. */
  async runAll(): Promise<void> {
    if (!this.handler) throw new Error('no handler registered');
    for (; this.ran < this.jobs.length; this.ran++) {
      const job = this.jobs[this.ran];
      if (!job) continue;
      await this.handler(job);
      // Like the real queues: once a job has finished, its key may be enqueued again.
      this.keys.delete(jobKey(job));
    }
  }
}

/** MemoryStateStore is a StateStore in a Map (expiry ignored: tests are short). */
export class MemoryStateStore implements StateStore {
  readonly values = new Map<string, string>();
  get(key: string): Promise<string | null> {
    return Promise.resolve(this.values.get(key) ?? null);
  }
  set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
  setIfAbsent(key: string, value: string): Promise<boolean> {
    if (this.values.has(key)) return Promise.resolve(false);
    this.values.set(key, value);
    return Promise.resolve(true);
  }
  delete(key: string): Promise<void> {
    this.values.delete(key);
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}
